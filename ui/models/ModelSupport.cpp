#include "models/ModelSupport.h"

#include "foundation/Duration.h"

namespace Signet::ModelSupport {

QString shortId(const QString& id, int keep)
{
    if (id.size() <= 2 * keep + 1)
        return id;
    return id.left(keep) + QStringLiteral("…") + id.right(keep);
}

QVariant relativeTime(std::optional<qint64> when, qint64 now)
{
    return when ? Duration::formatRelative(*when, now) : QStringLiteral("—");
}

QVariant absoluteTime(std::optional<qint64> when)
{
    return when ? QVariant(Duration::formatUtc(*when)) : QVariant();
}

} // namespace Signet::ModelSupport
