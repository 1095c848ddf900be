#pragma once

// Private to core/crypto: what a KeyPair holds.

#include "crypto/KeyPair.h"
#include "crypto/OpenSsl.h"

namespace Signet::Crypto {

struct KeyPair::Impl
{
    Ossl::PKey pkey;
    KeyFamily family = KeyFamily::Rsa;
    Curve curve = Curve::None;
    int bits = 0;
    bool hasPrivate = false;
};

} // namespace Signet::Crypto
