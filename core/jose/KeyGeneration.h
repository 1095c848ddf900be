#pragma once

#include "crypto/KeyPair.h"
#include "jose/Jwk.h"

namespace Signet {

struct KeyGenerationOptions
{
    int rsaBits = 0;                                             // RS*/PS*: 2048 (default), 3072 or 4096
    Crypto::KeyFamily edwardsCurve = Crypto::KeyFamily::Ed25519; // EdDSA: Ed25519 or Ed448
};

// A new key for `alg`, the one way every front end makes keys: an HMAC secret of the hash's size
// (RFC 7518 3.2), an RSA key, an EC key on the algorithm's curve, or an Edwards-curve key. The JWK
// has no kid, alg or use yet.
Result<Jwk> generateKey(Algorithm alg, const KeyGenerationOptions& options = {});

} // namespace Signet
