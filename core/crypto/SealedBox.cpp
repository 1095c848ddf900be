#include "crypto/SealedBox.h"

#include "crypto/Aead.h"
#include "crypto/OpenSsl.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace Signet::Crypto::SealedBox {

namespace {

using KdfCtx = std::unique_ptr<EVP_KDF_CTX, Ossl::Deleter<&EVP_KDF_CTX_free>>;

const QByteArray kInfo = "signet/v1/sealed-box";

const unsigned char* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}

Result<Ossl::PKey> privateKeyFrom(const SecureBytes& raw)
{
    if (raw.size() != kPrivateKeySize)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("an X25519 private key is 32 bytes"));
    Ossl::PKey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, raw.data(), raw.size()));
    if (!key)
        return Ossl::failure(QStringLiteral("cannot load the X25519 private key"));
    return key;
}

Result<Ossl::PKey> publicKeyFrom(QByteArrayView raw)
{
    if (raw.size() != kPublicKeySize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an X25519 public key is 32 bytes"));
    Ossl::PKey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, bytes(raw), std::size_t(raw.size())));
    if (!key)
        return Ossl::failure(QStringLiteral("cannot load the X25519 public key"));
    return key;
}

Result<QByteArray> rawPublicKey(EVP_PKEY* key)
{
    QByteArray raw(kPublicKeySize, Qt::Uninitialized);
    std::size_t length = std::size_t(raw.size());
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) != 1 ||
        length != std::size_t(kPublicKeySize))
        return Ossl::failure(QStringLiteral("cannot read the X25519 public key"));
    return raw;
}

// X25519, refusing the all-zero shared secret a small-order public key would give (RFC 7748 §6.1).
Result<SecureBytes> sharedSecret(EVP_PKEY* own, EVP_PKEY* peer)
{
    Ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
    std::size_t length = 32;
    SecureBytes secret(length);
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1 ||
        EVP_PKEY_derive(ctx.get(), secret.data(), &length) != 1 || length != 32)
        return Ossl::failure(QStringLiteral("X25519 key agreement failed"));
    if (secret.equals(QByteArray(32, '\0')))
        return fail(ErrorCode::InvalidInput, QStringLiteral("the X25519 public key is of small order"));
    return secret;
}

// HKDF-SHA256 over the shared secret, salted with the ephemeral and the recipient's public keys.
Result<SecureBytes> boxKey(const SecureBytes& shared, QByteArrayView ephemeralPublic, QByteArrayView recipientPublic)
{
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    KdfCtx ctx(EVP_KDF_CTX_new(kdf));
    EVP_KDF_free(kdf);
    if (!ctx)
        return Ossl::failure(QStringLiteral("HKDF is not available"));
    QByteArray salt = ephemeralPublic.toByteArray() + recipientPublic.toByteArray();
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<unsigned char*>(shared.data()), shared.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), std::size_t(salt.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(kInfo.constData()),
                                          std::size_t(kInfo.size())),
        OSSL_PARAM_construct_end(),
    };
    SecureBytes key(std::size_t(Aead::kKeySize));
    if (EVP_KDF_derive(ctx.get(), key.data(), key.size(), params) != 1)
        return Ossl::failure(QStringLiteral("HKDF failed"));
    return key;
}

} // namespace

Result<KeyPair> generate()
{
    Ossl::PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
    if (!key)
        return Ossl::failure(QStringLiteral("cannot generate an X25519 key"));
    KeyPair pair;
    pair.privateKey = SecureBytes(std::size_t(kPrivateKeySize));
    std::size_t length = pair.privateKey.size();
    if (EVP_PKEY_get_raw_private_key(key.get(), pair.privateKey.data(), &length) != 1 ||
        length != std::size_t(kPrivateKeySize))
        return Ossl::failure(QStringLiteral("cannot read the X25519 private key"));
    auto publicKey = rawPublicKey(key.get());
    if (!publicKey)
        return std::unexpected(publicKey.error());
    pair.publicKey = *publicKey;
    return pair;
}

Result<QByteArray> publicKeyOf(const SecureBytes& privateKey)
{
    auto key = privateKeyFrom(privateKey);
    if (!key)
        return std::unexpected(key.error());
    return rawPublicKey(key->get());
}

Result<QByteArray> seal(QByteArrayView recipientPublicKey, QByteArrayView plaintext, QByteArrayView associatedData)
{
    auto recipient = publicKeyFrom(recipientPublicKey);
    if (!recipient)
        return std::unexpected(recipient.error());
    Ossl::PKey ephemeral(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
    if (!ephemeral)
        return Ossl::failure(QStringLiteral("cannot generate an X25519 key"));
    auto ephemeralPublic = rawPublicKey(ephemeral.get());
    if (!ephemeralPublic)
        return std::unexpected(ephemeralPublic.error());
    auto shared = sharedSecret(ephemeral.get(), recipient->get());
    if (!shared)
        return std::unexpected(shared.error());
    auto key = boxKey(*shared, *ephemeralPublic, recipientPublicKey);
    if (!key)
        return std::unexpected(key.error());
    auto sealed = Aead::seal(*key, plaintext, associatedData);
    if (!sealed)
        return std::unexpected(sealed.error());
    return *ephemeralPublic + *sealed;
}

Result<SecureBytes> open(const SecureBytes& recipientPrivateKey, QByteArrayView box, QByteArrayView associatedData)
{
    if (box.size() < kPublicKeySize + Aead::kNonceSize + Aead::kTagSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the sealed box is truncated"));
    auto own = privateKeyFrom(recipientPrivateKey);
    if (!own)
        return std::unexpected(own.error());
    auto ownPublic = rawPublicKey(own->get());
    if (!ownPublic)
        return std::unexpected(ownPublic.error());
    const QByteArrayView ephemeralPublic = box.first(kPublicKeySize);
    auto ephemeral = publicKeyFrom(ephemeralPublic);
    if (!ephemeral)
        return std::unexpected(ephemeral.error());
    auto shared = sharedSecret(own->get(), ephemeral->get());
    if (!shared)
        return std::unexpected(shared.error());
    auto key = boxKey(*shared, ephemeralPublic, *ownPublic);
    if (!key)
        return std::unexpected(key.error());
    return Aead::open(*key, box.sliced(kPublicKeySize), associatedData);
}

} // namespace Signet::Crypto::SealedBox
