#include "foundation/VisibleText.h"

#include <QList>

namespace Signet {

namespace {

QString hexEscape(char32_t c)
{
    if (c <= 0xFF)
        return QStringLiteral("\\x%1").arg(static_cast<uint>(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
}

} // namespace

bool isHazardousCharacter(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

QString visibleText(QStringView text, LineBreaks lineBreaks)
{
    // Almost every text is clean: answer those without building a new string.
    bool clean = true;
    for (const QChar c : text) {
        const bool keptBreak = c == QLatin1Char('\n') && lineBreaks == LineBreaks::Keep;
        if ((isHazardousCharacter(c.unicode()) && !keptBreak) || c.isSurrogate()) {
            clean = false;
            break;
        }
    }
    if (clean)
        return text.toString();
    QString out;
    out.reserve(text.size() + 8);
    for (const char32_t c : text.toUcs4()) {
        if (c == U'\n' && lineBreaks == LineBreaks::Keep)
            out += QLatin1Char('\n');
        else if (isHazardousCharacter(c))
            out += hexEscape(c);
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

} // namespace Signet
