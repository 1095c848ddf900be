#pragma once

// OpenID Connect discovery (OpenID Connect Discovery 1.0, section 4): where an issuer's configuration
// is, and the JWKS URL it names, accepted only when it speaks for exactly that issuer.

#include "foundation/Error.h"
#include "server/UrlPolicy.h"

#include <QByteArrayView>
#include <QString>
#include <QUrl>

namespace Signet {

// <issuer without a trailing slash>/.well-known/openid-configuration; refuses an issuer that is not a
// fetchable URL or carries a query or fragment (which an issuer identifier must not).
Result<QUrl> openIdConfigurationUrl(const QString& issuer, PlainHttp plainHttp);

// The configuration's jwks_uri, when its "issuer" equals `issuer` exactly (section 4.3) and the URI
// is one a fetch may use.
Result<QUrl> jwksUriFromConfiguration(QByteArrayView body, const QString& issuer, PlainHttp plainHttp);

} // namespace Signet
