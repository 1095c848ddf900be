#pragma once

// A fetched body read as a JWKS with the strict parser: what a verifier may use, or why not.

#include "foundation/Error.h"
#include "jose/JwkSet.h"

#include <QByteArrayView>

namespace Signet {

// Refuses, each with its own message: a body that is not JSON, JSON that is not a JWK set (no "keys"
// array), a malformed or weak key, private key material or a symmetric key (KeyFile::checkPublicSet),
// and a set with no key Signet can use.
Result<JwkSet> parseJwksDocument(QByteArrayView body);

} // namespace Signet
