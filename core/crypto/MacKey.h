#pragma once

#include "crypto/SecureBytes.h"
#include "crypto/Signature.h"

#include <memory>

namespace Signet::Crypto {

// An HMAC secret prepared once: a keyed OpenSSL context per hash is kept and duplicated for each
// operation, so a MAC costs no digest fetch and no key schedule. Immutable, cheap to copy, usable
// from several threads at once.
class MacKey
{
public:
    MacKey() = default;
    explicit MacKey(SecureBytes secret);

    [[nodiscard]] bool isNull() const { return !m_impl; }
    [[nodiscard]] const SecureBytes& secret() const;

    [[nodiscard]] Result<QByteArray> mac(MacScheme scheme, QByteArrayView data) const;
    // Recomputes the MAC and compares in constant time; a tag of the wrong length fails.
    [[nodiscard]] bool verify(MacScheme scheme, QByteArrayView data, QByteArrayView tag) const;

    struct Impl;

private:
    std::shared_ptr<const Impl> m_impl;
};

} // namespace Signet::Crypto
