#pragma once

#include <QSyntaxHighlighter>

namespace Signet {

// Colours a token where it is typed, as jwt.io users know it: header red, payload violet, signature
// blue; text before a "Bearer " prefix is left plain. Works across wrapped lines (block state = the
// segment the block ends in).
class TokenHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit TokenHighlighter(QTextDocument* document);
    static QColor segmentColor(int segment);

protected:
    void highlightBlock(const QString& text) override;
};

} // namespace Signet
