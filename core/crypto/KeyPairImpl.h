#pragma once

// Private to core/crypto: what a KeyPair holds.

#include "crypto/KeyPair.h"
#include "crypto/OpenSsl.h"
#include "crypto/PreparedSignature.h"

namespace Signet::Crypto {

struct KeyPair::Impl
{
    Ossl::PKey pkey;
    KeyFamily family = KeyFamily::Rsa;
    Curve curve = Curve::None;
    int bits = 0;
    bool hasPrivate = false;
    PreparedSignatures prepared; // contexts for the schemes this key has been used with
};

} // namespace Signet::Crypto
