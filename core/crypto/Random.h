#pragma once

#include <QByteArray>

#include <cstddef>

namespace Signet::Crypto::Random {

// Cryptographically secure random bytes (OpenSSL's DRBG). Aborts the process if the generator
// fails: continuing without randomness would mint predictable secrets.
QByteArray bytes(std::size_t count);
void fill(void* buffer, std::size_t count);

} // namespace Signet::Crypto::Random
