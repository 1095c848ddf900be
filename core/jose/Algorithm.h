#pragma once

#include "crypto/Signature.h"

#include <QList>
#include <QString>

#include <optional>
#include <string_view>

namespace Signet {

// The JWS algorithms Signet signs and verifies (RFC 7518 3.1, RFC 8037). "none" is deliberately absent.
enum class Algorithm
{
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    EdDSA
};

enum class AlgorithmFamily
{
    Hmac,
    RsaPkcs1,
    RsaPss,
    Ecdsa,
    EdDsa
};

// Exact, case-sensitive match of the registered names.
std::optional<Algorithm> algorithmFromName(std::string_view name);
std::optional<Algorithm> algorithmFromName(const QString& name);
std::string_view algorithmName(Algorithm algorithm);
QString algorithmQName(Algorithm algorithm);
// "HMAC with SHA-256", "ECDSA P-256 with SHA-256", ...
QString algorithmDescription(Algorithm algorithm);

AlgorithmFamily algorithmFamily(Algorithm algorithm);
const QList<Algorithm>& allAlgorithms();

Crypto::SignatureScheme signatureScheme(Algorithm algorithm); // asymmetric algorithms only
Crypto::MacScheme macScheme(Algorithm algorithm);             // HS* only
// Minimum HMAC key size in bytes: the hash output size (RFC 7518 3.2).
int minimumHmacKeySize(Algorithm algorithm);

} // namespace Signet
