#pragma once

#include <QByteArray>

#include <cstddef>

namespace Signet::Crypto::Random {

// Cryptographically secure random bytes (OpenSSL's DRBG). Aborts the process if the generator
// fails: continuing without randomness would mint predictable secrets.
QByteArray bytes(std::size_t count);
void fill(void* buffer, std::size_t count);

// Random bytes for public identifiers (token ids), served from a per-thread pool that is refilled
// from the same generator. Never use it for keys or secrets: the pool outlives the call.
void fillIdentifier(void* buffer, std::size_t count);

} // namespace Signet::Crypto::Random
