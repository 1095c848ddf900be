#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>

namespace Signet {

// Colours JSON for reading: member names, strings, numbers and literals, in the palette's spirit.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    QList<Rule> m_rules;
};

} // namespace Signet
