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

} // namespace Signet::KeyFile
