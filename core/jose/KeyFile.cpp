#include "jose/KeyFile.h"

#include "crypto/KeyImport.h"
#include "foundation/StrictJson.h"

#include <QFile>

namespace Signet::KeyFile {

namespace {
constexpr qint64 kMaxKeyFileSize = 1024 * 1024;
}

Result<Loaded> load(QByteArrayView text, QByteArrayView pemPassphrase)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the key file is empty"));
    if (trimmed.front() == '{') {
        auto value =
            StrictJson::parseObject(std::string_view(trimmed.data(), static_cast<std::size_t>(trimmed.size())));
        if (!value)
            return fail(ErrorCode::InvalidInput, QStringLiteral("not valid JSON: %1").arg(value.error().describe()));
        if (value->contains("keys")) {
            auto set = JwkSet::fromJson(*value);
            if (!set)
                return std::unexpected(set.error());
            if (set->isEmpty())
                return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK set has no usable key"));
            return Loaded{std::move(*set), Format::JwkSet, QStringLiteral("a JWK set")};
        }
        auto jwk = Jwk::fromJson(*value);
        if (!jwk)
            return std::unexpected(jwk.error());
        return Loaded{JwkSet({std::move(*jwk)}), Format::Jwk, QStringLiteral("a JWK")};
    }
    if (!Crypto::looksLikePem(trimmed))
        return fail(ErrorCode::InvalidInput, QStringLiteral("not a key: expected a JWK, a JWK set or a PEM file"));
    auto pem = Crypto::importPem(trimmed, pemPassphrase);
    if (!pem)
        return std::unexpected(pem.error());
    const QString origin = pem->source == Crypto::PemSource::Certificate ? QStringLiteral("a PEM certificate")
                           : pem->source == Crypto::PemSource::PublicKey ? QStringLiteral("a PEM public key")
                                                                         : QStringLiteral("a PEM private key");
    return Loaded{JwkSet({Jwk::fromKeyPair(pem->key)}), Format::Pem, origin};
}

Status checkPublicSet(const Loaded& loaded)
{
    if (loaded.format != Format::JwkSet)
        return {};
    for (const Jwk& key : loaded.keys.keys()) {
        const QString name = key.kid().isEmpty() ? QStringLiteral("a key without kid")
                                                 : QStringLiteral("the key with kid \"%1\"").arg(key.kid());
        if (key.isSymmetric())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the JWK set contains private key material: %1 is a symmetric key (kty oct, "
                                       "its secret in k); a public key set holds no secrets")
                            .arg(name));
        if (key.hasPrivate())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the JWK set contains private key material: %1 has its private members (d, "
                                       "and p, q, dp, dq, qi for RSA); a JWKS for verifiers holds public keys only "
                                       "('signet-cli key public FILE' makes one)")
                            .arg(name));
    }
    return {};
}

Result<Loaded> loadFile(const QString& path, QByteArrayView pemPassphrase)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxKeyFileSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is larger than a key file can be (1 MiB)").arg(path));
    QByteArray text = file.readAll();
    auto loaded = load(text, pemPassphrase);
    Crypto::wipe(text);
    if (!loaded)
        return std::unexpected(loaded.error().withContext(path));
    return loaded;
}

} // namespace Signet::KeyFile
