#include "UntrustedText.h"

#include <QStringList>

namespace Signet::UntrustedText {

bool isHazardous(char32_t c)
{
    return isHazardousCharacter(c);
}

QString visible(QStringView text, LineBreaks lineBreaks)
{
    return visibleText(text, lineBreaks);
}

QString visibleHtml(QStringView text, LineBreaks lineBreaks)
{
    return visible(text, lineBreaks).toHtmlEscaped();
}

QVariant visibleCell(const QVariant& value, LineBreaks lineBreaks)
{
    switch (value.typeId()) {
    case QMetaType::QString:
        return visible(value.toString(), lineBreaks);
    case QMetaType::QStringList: {
        QStringList shown;
        for (const QString& item : value.toStringList())
            shown.append(visible(item, lineBreaks));
        return shown;
    }
    default:
        return value;
    }
}

} // namespace Signet::UntrustedText
