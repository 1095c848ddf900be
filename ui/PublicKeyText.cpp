#include "PublicKeyText.h"

#include "foundation/JsonWriter.h"
#include "jose/Jwk.h"

#include <QCoreApplication>

namespace Signet {

Result<PublicKeyText> PublicKeyText::of(const SigningKeyRecord& key)
{
    auto jwk = Jwk::parse(key.publicJwk.toUtf8());
    if (!jwk)
        return fail(ErrorCode::InvalidInput,
                    QCoreApplication::translate("PublicKeyText", "The stored public key cannot be read: %1")
                        .arg(jwk.error().message));
    auto pem = jwk->publicJwk().keyPair().toPem(Crypto::PemKind::PublicSpki);
    if (!pem)
        return fail(ErrorCode::InvalidInput,
                    QCoreApplication::translate("PublicKeyText", "The public key cannot be written as PEM: %1")
                        .arg(pem.error().message));
    PublicKeyText text;
    text.pem = QString::fromLatin1(*pem);
    if (!text.pem.endsWith(QLatin1Char('\n')))
        text.pem += QLatin1Char('\n');
    text.jwk = QString::fromStdString(JsonWriter::write(jwk->publicJwk().toJson(), JsonWriter::Style::Indented)) +
               QLatin1Char('\n');
    return text;
}

} // namespace Signet
