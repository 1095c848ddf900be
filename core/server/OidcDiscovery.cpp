#include "server/OidcDiscovery.h"

#include "foundation/StrictJson.h"

namespace Signet {

Result<QUrl> openIdConfigurationUrl(const QString& issuer, PlainHttp plainHttp)
{
    const QUrl url(issuer, QUrl::StrictMode);
    if (auto allowed = checkFetchUrl(url, plainHttp); !allowed)
        return std::unexpected(allowed.error().withContext(QStringLiteral("issuer")));
    if (url.hasQuery() || url.hasFragment())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("issuer %1 has a query or fragment, which an issuer must not").arg(issuer));
    QString base = issuer;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QStringLiteral("/.well-known/openid-configuration"), QUrl::StrictMode);
}

Result<QUrl> jwksUriFromConfiguration(QByteArrayView body, const QString& issuer, PlainHttp plainHttp)
{
    auto json = StrictJson::parse(std::string_view(body.data(), static_cast<std::size_t>(body.size())));
    if (!json)
        return fail(ErrorCode::InvalidInput, QStringLiteral("not JSON: %1").arg(json.error().describe()));
    if (!json->isObject())
        return fail(ErrorCode::InvalidInput, QStringLiteral("not an OpenID configuration: not a JSON object"));
    const JsonValue* named = json->find("issuer");
    if (!named || !named->isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("not an OpenID configuration: no \"issuer\" string"));
    const QString configured = QString::fromStdString(named->asString());
    if (configured != issuer)
        return fail(ErrorCode::KeyMismatch,
                    QStringLiteral("the OpenID configuration is for issuer \"%1\", not \"%2\" (they must be equal "
                                   "exactly)")
                        .arg(configured, issuer));
    const JsonValue* jwksUri = json->find("jwks_uri");
    if (!jwksUri || !jwksUri->isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the OpenID configuration has no \"jwks_uri\" string"));
    const QUrl url(QString::fromStdString(jwksUri->asString()), QUrl::StrictMode);
    if (auto allowed = checkFetchUrl(url, plainHttp); !allowed)
        return std::unexpected(allowed.error().withContext(QStringLiteral("jwks_uri")));
    return url;
}

} // namespace Signet
