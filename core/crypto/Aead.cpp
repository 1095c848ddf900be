#include "crypto/Aead.h"

#include "crypto/OpenSsl.h"
#include "crypto/Random.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>

namespace Signet::Crypto {

namespace {
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Ossl::Deleter<&EVP_CIPHER_CTX_free>>;
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, Ossl::Deleter<&EVP_KDF_CTX_free>>;

const EVP_CIPHER* aes256Gcm()
{
    static const EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return cipher;
}

const unsigned char* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}
} // namespace

namespace Aead {

Result<QByteArray> seal(const SecureBytes& key, QByteArrayView plaintext, QByteArrayView associatedData)
{
    if (key.size() != kKeySize)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("AES-256-GCM needs a 32-byte key"));
    QByteArray box(kNonceSize + plaintext.size() + kTagSize, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(box.data());
    Random::fill(out, kNonceSize);
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx || EVP_EncryptInit_ex2(ctx.get(), aes256Gcm(), key.data(), out, nullptr) != 1 ||
        (!associatedData.isEmpty() && EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(associatedData),
                                                        static_cast<int>(associatedData.size())) != 1) ||
        (!plaintext.isEmpty() && EVP_EncryptUpdate(ctx.get(), out + kNonceSize, &length, bytes(plaintext),
                                                   static_cast<int>(plaintext.size())) != 1) ||
        EVP_EncryptFinal_ex(ctx.get(), out + kNonceSize + plaintext.size(), &length) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, out + kNonceSize + plaintext.size()) != 1)
        return Ossl::failure(QStringLiteral("encryption failed"));
    return box;
}

Result<SecureBytes> open(const SecureBytes& key, QByteArrayView box, QByteArrayView associatedData)
{
    if (key.size() != kKeySize)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("AES-256-GCM needs a 32-byte key"));
    if (box.size() < kNonceSize + kTagSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the sealed data is truncated"));
    const qsizetype cipherLength = box.size() - kNonceSize - kTagSize;
    SecureBytes plaintext(static_cast<std::size_t>(cipherLength));
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    QByteArray tag = box.sliced(kNonceSize + cipherLength).toByteArray();
    const bool ok =
        ctx && EVP_DecryptInit_ex2(ctx.get(), aes256Gcm(), key.data(), bytes(box), nullptr) == 1 &&
        (associatedData.isEmpty() || EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(associatedData),
                                                       static_cast<int>(associatedData.size())) == 1) &&
        (cipherLength == 0 || EVP_DecryptUpdate(ctx.get(), plaintext.data(), &length, bytes(box) + kNonceSize,
                                                static_cast<int>(cipherLength)) == 1) &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), plaintext.data() + cipherLength, &length) == 1;
    if (!ok) {
        Ossl::lastError();
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the sealed data does not authenticate (wrong key or altered)"));
    }
    return plaintext;
}

} // namespace Aead

Result<SecureBytes> scrypt(QByteArrayView passphrase, const ScryptParameters& parameters, int length)
{
    if (parameters.salt.size() < 16)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("scrypt needs a salt of at least 16 bytes"));
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
    KdfCtx ctx(EVP_KDF_CTX_new(kdf));
    EVP_KDF_free(kdf);
    if (!ctx)
        return Ossl::failure(QStringLiteral("scrypt is not available"));
    uint64_t n = parameters.n;
    uint32_t r = parameters.r, p = parameters.p;
    // scrypt's memory is 128 * n * r bytes; allow that plus headroom.
    uint64_t maxMemory = 128ull * n * r * 2 + (1u << 20);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(passphrase.data()),
                                          static_cast<std::size_t>(passphrase.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(parameters.salt.constData()),
                                          static_cast<std::size_t>(parameters.salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
        OSSL_PARAM_construct_end(),
    };
    SecureBytes key(static_cast<std::size_t>(length));
    if (EVP_KDF_derive(ctx.get(), key.data(), key.size(), params) != 1)
        return Ossl::failure(QStringLiteral("scrypt failed"));
    return key;
}

} // namespace Signet::Crypto
