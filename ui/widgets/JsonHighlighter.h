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
    static QList<Rule> makeRules(bool dark);
    // Both palettes' colours: the theme may change while the document lives (each block asks which).
    QList<Rule> m_lightRules;
    QList<Rule> m_darkRules;
};

} // namespace Signet
