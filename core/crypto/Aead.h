#pragma once

#include "crypto/SecureBytes.h"
#include "foundation/Error.h"

#include <QByteArray>

namespace Signet::Crypto {

// AES-256-GCM with a random 96-bit nonce per message. A sealed box is nonce || ciphertext || tag;
// the associated data is authenticated but not stored (the caller binds record id and type).
namespace Aead {

constexpr int kKeySize = 32;
constexpr int kNonceSize = 12;
constexpr int kTagSize = 16;

Result<QByteArray> seal(const SecureBytes& key, QByteArrayView plaintext, QByteArrayView associatedData);
// Fails (without saying more) when the key, the associated data or any byte of the box is wrong.
Result<SecureBytes> open(const SecureBytes& key, QByteArrayView box, QByteArrayView associatedData);

} // namespace Aead

// scrypt (RFC 7914) through OpenSSL's KDF, for deriving a key-encryption key from a passphrase.
struct ScryptParameters
{
    quint64 n = 1u << 15; // cost: 32 MiB of memory with r = 8
    quint32 r = 8;
    quint32 p = 1;
    QByteArray salt; // 16 random bytes
};

Result<SecureBytes> scrypt(QByteArrayView passphrase, const ScryptParameters& parameters, int length = 32);

} // namespace Signet::Crypto
