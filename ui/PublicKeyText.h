#pragma once

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QString>

namespace Signet {

// A signing key's public half as text, from the record's public JWK (the private key stays sealed):
// what Export public key… shows and the key table's Copy public JWK / Copy PEM put on the clipboard.
struct PublicKeyText
{
    QString pem; // SPKI, ending in a newline
    QString jwk; // the public members, indented, ending in a newline

    // Fails, saying why, when the stored JWK cannot be read or written as PEM.
    static Result<PublicKeyText> of(const SigningKeyRecord& key);
};

} // namespace Signet
