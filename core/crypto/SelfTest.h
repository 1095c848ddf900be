#pragma once

#include "foundation/Error.h"

namespace Signet::Crypto {

// Known-answer tests run at start-up (SHA-256, HMAC-SHA-256, Ed25519 sign and verify), so a broken
// OpenSSL build is caught before any key or token is trusted to it.
Status runSelfTest();

// "OpenSSL 3.0.19 …", for About boxes and bug reports.
QString openSslVersion();

} // namespace Signet::Crypto
