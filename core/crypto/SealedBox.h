#pragma once

#include "crypto/SecureBytes.h"
#include "foundation/Error.h"

#include <QByteArray>

namespace Signet::Crypto {

// Public-key encryption to an X25519 key, in the ECIES pattern HPKE's base mode also follows: a fresh
// X25519 key per message, its shared secret with the recipient stretched by HKDF-SHA256 (salted with
// both public keys), then AES-256-GCM. A box is ephemeral public key (32) || Aead box. Lets one
// member hand the workspace's data key to another without knowing their passphrase.
namespace SealedBox {

constexpr int kPublicKeySize = 32;
constexpr int kPrivateKeySize = 32;

struct KeyPair
{
    QByteArray publicKey;   // 32 raw bytes (RFC 7748)
    SecureBytes privateKey; // 32 raw bytes
};

Result<KeyPair> generate();
// The public half of a raw private key.
Result<QByteArray> publicKeyOf(const SecureBytes& privateKey);

Result<QByteArray> seal(QByteArrayView recipientPublicKey, QByteArrayView plaintext, QByteArrayView associatedData);
// Fails (without saying more) when the private key, the associated data or any byte is wrong.
Result<SecureBytes> open(const SecureBytes& recipientPrivateKey, QByteArrayView box, QByteArrayView associatedData);

} // namespace SealedBox

} // namespace Signet::Crypto
