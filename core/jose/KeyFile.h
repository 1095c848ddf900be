#pragma once

#include "jose/JwkSet.h"

namespace Signet::KeyFile {

enum class Format
{
    Jwk,
    JwkSet,
    Pem
};

struct Loaded
{
    JwkSet keys;
    Format format = Format::Jwk;
    QString origin; // "a PEM certificate", "a JWK", ...
};

// Reads a key file's text: a JWK, a JWK set ({"keys":[...]}) or PEM (private, public, certificate).
// PEM keys get no kid: such a single key answers any token, and the report says the kid was not checked.
Result<Loaded> load(QByteArrayView text, QByteArrayView pemPassphrase = {});
Result<Loaded> loadFile(const QString& path, QByteArrayView pemPassphrase = {});

// A JWK set given to verify with is a JWKS, what verifiers fetch: public keys only. Refuses one that
// carries private key material (d, p, q, dp, dq, qi) or a symmetric key (k), naming the key.
Status checkPublicSet(const Loaded& loaded);

} // namespace Signet::KeyFile
