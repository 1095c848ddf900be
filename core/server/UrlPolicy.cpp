#include "server/UrlPolicy.h"

#include <QHostAddress>

namespace Signet {

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
        host.compare(QLatin1String("localhost."), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString displayUrl(const QUrl& url)
{
    return url.toString(QUrl::RemovePassword);
}

Status checkFetchUrl(const QUrl& url, PlainHttp plainHttp)
{
    if (!url.isValid() || url.isRelative())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("\"%1\" is not an absolute URL").arg(url.toString(QUrl::RemovePassword)));
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: only https URLs are fetched, not %2:").arg(displayUrl(url), scheme));
    if (url.host().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 names no host").arg(displayUrl(url)));
    if (scheme == QLatin1String("http") && plainHttp == PlainHttp::LoopbackOnly && !isLoopbackHost(url.host()))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: plain http is refused for a host other than this machine (keys fetched "
                                   "over http can be replaced in transit); use https, or allow http explicitly")
                        .arg(displayUrl(url)));
    return {};
}

Status checkRedirectTarget(const QUrl& target)
{
    if (!target.isValid() || target.scheme() != QLatin1String("https") || target.host().isEmpty())
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("redirected to %1: redirects are followed to https URLs only").arg(displayUrl(target)));
    return {};
}

} // namespace Signet
