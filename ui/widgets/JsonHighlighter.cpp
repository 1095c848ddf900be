#include "widgets/JsonHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace Signet {

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_lightRules(makeRules(false))
    , m_darkRules(makeRules(true))
{}

// Every colour keeps WCAG AA contrast (4.5:1) on its palette's base colour.
QList<JsonHighlighter::Rule> JsonHighlighter::makeRules(bool dark)
{
    auto format = [](const QColor& color, bool bold = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::DemiBold);
        return f;
    };
    const QColor name = dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa8);
    const QColor string = dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x1b, 0x7a, 0x3e);
    const QColor number = dark ? QColor(0xf2, 0xa6, 0x5a) : QColor(0xa8, 0x55, 0x00);
    const QColor literal = dark ? QColor(0xc5, 0x8a, 0xf9) : QColor(0x7b, 0x2f, 0xbf);
    return {
        {QRegularExpression(QStringLiteral("-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b")), format(number)},
        {QRegularExpression(QStringLiteral("\\b(?:true|false|null)\\b")), format(literal)},
        // Strings after numbers and literals (a "P-256" is text), member names last.
        {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"")), format(string)},
        {QRegularExpression(QStringLiteral("(\"(?:[^\"\\\\]|\\\\.)*\")\\s*:")), format(name, true), 1},
    };
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    for (const Rule& rule : dark ? m_darkRules : m_lightRules) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            setFormat(int(match.capturedStart(rule.group)), int(match.capturedLength(rule.group)), rule.format);
        }
    }
}

} // namespace Signet
