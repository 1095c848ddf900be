#include "jose/KeyGeneration.h"

#include "crypto/Random.h"
#include "crypto/SecureBytes.h"

namespace Signet {

namespace {

Crypto::Curve ecdsaCurve(Algorithm alg)
{
    switch (alg) {
    case Algorithm::ES384:
        return Crypto::Curve::P384;
    case Algorithm::ES512:
        return Crypto::Curve::P521;
    default:
        return Crypto::Curve::P256;
    }
}

Result<Jwk> fromKeyPair(Result<Crypto::KeyPair> key)
{
    if (!key)
        return std::unexpected(key.error());
    return Jwk::fromKeyPair(std::move(*key));
}

} // namespace

Result<Jwk> generateKey(Algorithm alg, const KeyGenerationOptions& options)
{
    const AlgorithmFamily family = algorithmFamily(alg);
    const bool rsa = family == AlgorithmFamily::RsaPkcs1 || family == AlgorithmFamily::RsaPss;
    if (options.rsaBits != 0 && !rsa)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a key size applies to RSA algorithms only"));
    switch (family) {
    case AlgorithmFamily::Hmac: {
        QByteArray random = Crypto::Random::bytes(static_cast<std::size_t>(minimumHmacKeySize(alg)));
        Crypto::SecureBytes secret(random);
        Crypto::wipe(random);
        return Jwk::fromSecret(std::move(secret));
    }
    case AlgorithmFamily::RsaPkcs1:
    case AlgorithmFamily::RsaPss:
        return fromKeyPair(Crypto::KeyPair::generateRsa(options.rsaBits == 0 ? 2048 : options.rsaBits));
    case AlgorithmFamily::Ecdsa:
        return fromKeyPair(Crypto::KeyPair::generateEc(ecdsaCurve(alg)));
    case AlgorithmFamily::EdDsa:
        if (options.edwardsCurve != Crypto::KeyFamily::Ed25519 && options.edwardsCurve != Crypto::KeyFamily::Ed448)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("EdDSA keys are Ed25519 or Ed448"));
        return fromKeyPair(Crypto::KeyPair::generateEdDsa(options.edwardsCurve));
    }
    return fail(ErrorCode::Internal, QStringLiteral("unknown algorithm family"));
}

} // namespace Signet
