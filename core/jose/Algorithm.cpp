#include "jose/Algorithm.h"

#include <array>

namespace Signet {

namespace {
struct AlgorithmInfo
{
    Algorithm algorithm;
    std::string_view name;
    const char* description;
};

constexpr std::array<AlgorithmInfo, 13> kAlgorithms{{
    {Algorithm::HS256, "HS256", "HMAC with SHA-256"},
    {Algorithm::HS384, "HS384", "HMAC with SHA-384"},
    {Algorithm::HS512, "HS512", "HMAC with SHA-512"},
    {Algorithm::RS256, "RS256", "RSASSA-PKCS1-v1_5 with SHA-256"},
    {Algorithm::RS384, "RS384", "RSASSA-PKCS1-v1_5 with SHA-384"},
    {Algorithm::RS512, "RS512", "RSASSA-PKCS1-v1_5 with SHA-512"},
    {Algorithm::PS256, "PS256", "RSASSA-PSS with SHA-256"},
    {Algorithm::PS384, "PS384", "RSASSA-PSS with SHA-384"},
    {Algorithm::PS512, "PS512", "RSASSA-PSS with SHA-512"},
    {Algorithm::ES256, "ES256", "ECDSA P-256 with SHA-256"},
    {Algorithm::ES384, "ES384", "ECDSA P-384 with SHA-384"},
    {Algorithm::ES512, "ES512", "ECDSA P-521 with SHA-512"},
    {Algorithm::EdDSA, "EdDSA", "Edwards-curve signature, Ed25519 or Ed448"},
}};
} // namespace

std::optional<Algorithm> algorithmFromName(std::string_view name)
{
    for (const auto& info : kAlgorithms) {
        if (info.name == name)
            return info.algorithm;
    }
    return std::nullopt;
}

std::optional<Algorithm> algorithmFromName(const QString& name)
{
    return algorithmFromName(std::string_view(name.toStdString()));
}

std::string_view algorithmName(Algorithm algorithm)
{
    return kAlgorithms[static_cast<std::size_t>(algorithm)].name;
}

QString algorithmQName(Algorithm algorithm)
{
    const auto name = algorithmName(algorithm);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString algorithmDescription(Algorithm algorithm)
{
    return QString::fromLatin1(kAlgorithms[static_cast<std::size_t>(algorithm)].description);
}

AlgorithmFamily algorithmFamily(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::HS256:
    case Algorithm::HS384:
    case Algorithm::HS512:
        return AlgorithmFamily::Hmac;
    case Algorithm::RS256:
    case Algorithm::RS384:
    case Algorithm::RS512:
        return AlgorithmFamily::RsaPkcs1;
    case Algorithm::PS256:
    case Algorithm::PS384:
    case Algorithm::PS512:
        return AlgorithmFamily::RsaPss;
    case Algorithm::ES256:
    case Algorithm::ES384:
    case Algorithm::ES512:
        return AlgorithmFamily::Ecdsa;
    case Algorithm::EdDSA:
        return AlgorithmFamily::EdDsa;
    }
    return AlgorithmFamily::Hmac;
}

const QList<Algorithm>& allAlgorithms()
{
    static const QList<Algorithm> all = [] {
        QList<Algorithm> list;
        for (const auto& info : kAlgorithms)
            list.append(info.algorithm);
        return list;
    }();
    return all;
}

Crypto::SignatureScheme signatureScheme(Algorithm algorithm)
{
    using S = Crypto::SignatureScheme;
    switch (algorithm) {
    case Algorithm::RS256:
        return S::RsaPkcs1Sha256;
    case Algorithm::RS384:
        return S::RsaPkcs1Sha384;
    case Algorithm::RS512:
        return S::RsaPkcs1Sha512;
    case Algorithm::PS256:
        return S::RsaPssSha256;
    case Algorithm::PS384:
        return S::RsaPssSha384;
    case Algorithm::PS512:
        return S::RsaPssSha512;
    case Algorithm::ES256:
        return S::EcdsaP256Sha256;
    case Algorithm::ES384:
        return S::EcdsaP384Sha384;
    case Algorithm::ES512:
        return S::EcdsaP521Sha512;
    case Algorithm::EdDSA:
        return S::EdDsa;
    case Algorithm::HS256:
    case Algorithm::HS384:
    case Algorithm::HS512:
        break;
    }
    return S::EdDsa;
}

Crypto::MacScheme macScheme(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::HS384:
        return Crypto::MacScheme::HmacSha384;
    case Algorithm::HS512:
        return Crypto::MacScheme::HmacSha512;
    default:
        return Crypto::MacScheme::HmacSha256;
    }
}

int minimumHmacKeySize(Algorithm algorithm)
{
    return Crypto::macSize(macScheme(algorithm));
}

} // namespace Signet
