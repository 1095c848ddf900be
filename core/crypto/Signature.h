#pragma once

#include "crypto/KeyPair.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Signet::Crypto {

// The signature schemes JOSE uses (RFC 7518, RFC 8037), named by what they do.
enum class SignatureScheme
{
    RsaPkcs1Sha256,
    RsaPkcs1Sha384,
    RsaPkcs1Sha512,
    RsaPssSha256,
    RsaPssSha384,
    RsaPssSha512, // salt length = hash length, MGF1 with the same hash
    EcdsaP256Sha256,
    EcdsaP384Sha384,
    EcdsaP521Sha512, // signatures as raw R||S (IEEE P1363), never DER
    EdDsa,           // Ed25519 or Ed448, by the key
};

enum class MacScheme
{
    HmacSha256,
    HmacSha384,
    HmacSha512
};

// Whether the key's family (and curve) is the one the scheme needs.
bool keyFits(const KeyPair& key, SignatureScheme scheme);

Result<QByteArray> sign(const KeyPair& key, SignatureScheme scheme, QByteArrayView data);
// False for a wrong signature, a malformed one, or a key that does not fit the scheme.
bool verify(const KeyPair& key, SignatureScheme scheme, QByteArrayView data, QByteArrayView signature);

int macSize(MacScheme scheme);
Result<QByteArray> mac(MacScheme scheme, QByteArrayView key, QByteArrayView data);
// Recomputes the MAC and compares in constant time.
bool verifyMac(MacScheme scheme, QByteArrayView key, QByteArrayView data, QByteArrayView tag);

// IEEE P1363 R||S <-> DER ECDSA-Sig-Value, for callers that meet DER signatures (tests, imports).
// R||S longer than a P-521 signature (132 bytes) gives an empty result.
QByteArray ecdsaRawToDer(QByteArrayView raw);
QByteArray ecdsaDerToRaw(QByteArrayView der, int coordinateSize);

} // namespace Signet::Crypto
