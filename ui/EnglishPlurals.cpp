#include "EnglishPlurals.h"

namespace Signet {

QString EnglishPlurals::translate(const char*, const char* sourceText, const char*, int n) const
{
    // A null string tells Qt there is no translation: texts without a count stay as written.
    if (n < 0 || sourceText == nullptr)
        return {};
    QString text = QString::fromUtf8(sourceText);
    if (!text.contains(QLatin1String("(s)")))
        return {};
    return text.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
}

} // namespace Signet
