#include "server/CacheLifetime.h"

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <optional>

namespace Signet {

namespace {

// A delta-seconds value (RFC 9111 1.2.2): digits only, optionally quoted; too large a number is as
// good as the maximum.
std::optional<qint64> deltaSeconds(QByteArrayView text)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.sliced(1, text.size() - 2);
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = std::min<qint64>(value * 10 + (c - '0'), qint64(1) << 40);
    }
    return value;
}

} // namespace

qint64 cacheLifetime(QByteArrayView cacheControl, const CacheBounds& bounds)
{
    std::optional<qint64> maxAge;
    bool noCache = false;
    for (const QByteArray& part : cacheControl.toByteArray().split(',')) {
        const QByteArray directive = part.trimmed();
        const qsizetype equals = directive.indexOf('=');
        const QByteArray name = (equals < 0 ? directive : directive.left(equals)).trimmed().toLower();
        if (name == "no-cache" || name == "no-store") {
            noCache = true;
        } else if (name == "max-age" && equals >= 0 && !maxAge) {
            maxAge = deltaSeconds(directive.mid(equals + 1).trimmed());
        }
    }
    if (noCache)
        return bounds.minimum;
    if (!maxAge)
        return bounds.fallback;
    return std::clamp(*maxAge, bounds.minimum, bounds.maximum);
}

} // namespace Signet
