#include "crypto/PreparedSignature.h"

#include <openssl/core_names.h>
#include <openssl/rsa.h>

namespace Signet::Crypto {

namespace {

const EVP_MD* schemeDigest(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::RsaPkcs1Sha256:
    case SignatureScheme::RsaPssSha256:
    case SignatureScheme::EcdsaP256Sha256:
        return Ossl::sha256();
    case SignatureScheme::RsaPkcs1Sha384:
    case SignatureScheme::RsaPssSha384:
    case SignatureScheme::EcdsaP384Sha384:
        return Ossl::sha384();
    case SignatureScheme::RsaPkcs1Sha512:
    case SignatureScheme::RsaPssSha512:
    case SignatureScheme::EcdsaP521Sha512:
        return Ossl::sha512();
    case SignatureScheme::EdDsa:
        return nullptr;
    }
    return nullptr;
}

bool isPss(SignatureScheme scheme)
{
    return scheme == SignatureScheme::RsaPssSha256 || scheme == SignatureScheme::RsaPssSha384 ||
           scheme == SignatureScheme::RsaPssSha512;
}

// The digest the signature covers and, for PSS, the padding. OpenSSL accepts any PSS salt length on
// verify unless told; RFC 7518 3.5 fixes it to the hash size. MGF1 uses the signature's hash unless
// told otherwise, which is what RFC 7518 3.5 wants.
bool setSchemeParameters(EVP_PKEY_CTX* ctx, SignatureScheme scheme, const EVP_MD* md)
{
    static const char kPss[] = OSSL_PKEY_RSA_PAD_MODE_PSS;
    static const char kDigestSalt[] = OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST;
    const OSSL_PARAM digest[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
        OSSL_PARAM_construct_end(),
    };
    const OSSL_PARAM pss[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, const_cast<char*>(kPss), 0),
        OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, const_cast<char*>(kDigestSalt), 0),
        OSSL_PARAM_construct_end(),
    };
    return EVP_PKEY_CTX_set_params(ctx, digest) == 1 && (!isPss(scheme) || EVP_PKEY_CTX_set_params(ctx, pss) == 1);
}

std::size_t schemeIndex(SignatureScheme scheme, SignatureDirection direction)
{
    return static_cast<std::size_t>(scheme) * 2 + (direction == SignatureDirection::Sign ? 0 : 1);
}

} // namespace

std::unique_ptr<PreparedSignature> PreparedSignature::prepare(EVP_PKEY* pkey, SignatureScheme scheme,
                                                              SignatureDirection direction)
{
    std::unique_ptr<PreparedSignature> prepared(new PreparedSignature);
    prepared->m_md = schemeDigest(scheme);
    const bool signing = direction == SignatureDirection::Sign;
    if (!prepared->m_md) {
        Ossl::MdCtx ctx(EVP_MD_CTX_new());
        if (!ctx || (signing ? EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey)
                             : EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey)) != 1)
            return nullptr;
        prepared->m_messageContext = std::move(ctx);
        return prepared;
    }
    Ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx || (signing ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get())) != 1 ||
        !setSchemeParameters(ctx.get(), scheme, prepared->m_md))
        return nullptr;
    prepared->m_keyContext = std::move(ctx);
    return prepared;
}

std::unique_ptr<PreparedSignature::Worker> PreparedSignature::takeWorker() const
{
    std::unique_ptr<Worker> worker = m_pool.take();
    if (worker)
        return worker;
    // This thread's first operation, or more threads at once than the pool has slots.
    worker = std::make_unique<Worker>();
    worker->hash.reset(EVP_MD_CTX_new());
    worker->signature.reset(EVP_PKEY_CTX_dup(m_keyContext.get()));
    return worker->hash && worker->signature ? std::move(worker) : nullptr;
}

bool PreparedSignature::digest(Worker& worker, QByteArrayView data, unsigned char* out, unsigned int& length) const
{
    return EVP_DigestInit_ex(worker.hash.get(), m_md, nullptr) == 1 &&
           EVP_DigestUpdate(worker.hash.get(), data.data(), static_cast<std::size_t>(data.size())) == 1 &&
           EVP_DigestFinal_ex(worker.hash.get(), out, &length) == 1;
}

Ossl::MdCtx PreparedSignature::copyMessageContext() const
{
    // A one-shot EdDSA context is not documented as reusable: each operation gets a fresh copy.
    Ossl::MdCtx ctx(EVP_MD_CTX_new());
    if (ctx && EVP_MD_CTX_copy_ex(ctx.get(), m_messageContext.get()) != 1)
        ctx.reset();
    return ctx;
}

bool PreparedSignature::verify(QByteArrayView data, QByteArrayView signature) const
{
    const auto* sig = reinterpret_cast<const unsigned char*>(signature.data());
    const auto sigLength = static_cast<std::size_t>(signature.size());
    if (!m_md) {
        const Ossl::MdCtx ctx = copyMessageContext();
        return ctx && EVP_DigestVerify(ctx.get(), sig, sigLength, reinterpret_cast<const unsigned char*>(data.data()),
                                       static_cast<std::size_t>(data.size())) == 1;
    }
    std::unique_ptr<Worker> worker = takeWorker();
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int hashLength = 0;
    if (!worker || !digest(*worker, data, hash, hashLength))
        return false;
    // EVP_PKEY_verify may be called again on the same context; a failed check leaves it reusable.
    const bool valid = EVP_PKEY_verify(worker->signature.get(), sig, sigLength, hash, hashLength) == 1;
    m_pool.give(std::move(worker));
    return valid;
}

bool PreparedSignature::sign(QByteArrayView data, unsigned char* out, std::size_t& length) const
{
    if (!m_md) {
        const Ossl::MdCtx ctx = copyMessageContext();
        return ctx && EVP_DigestSign(ctx.get(), out, &length, reinterpret_cast<const unsigned char*>(data.data()),
                                     static_cast<std::size_t>(data.size())) == 1;
    }
    std::unique_ptr<Worker> worker = takeWorker();
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int hashLength = 0;
    if (!worker || !digest(*worker, data, hash, hashLength) ||
        EVP_PKEY_sign(worker->signature.get(), out, &length, hash, hashLength) != 1)
        return false;
    m_pool.give(std::move(worker));
    return true;
}

PreparedSignatures::~PreparedSignatures()
{
    for (auto& slot : m_prepared)
        delete slot.load(std::memory_order_acquire);
}

const PreparedSignature* PreparedSignatures::get(EVP_PKEY* pkey, SignatureScheme scheme,
                                                 SignatureDirection direction) const
{
    std::atomic<PreparedSignature*>& slot = m_prepared[schemeIndex(scheme, direction)];
    if (const PreparedSignature* prepared = slot.load(std::memory_order_acquire))
        return prepared;
    std::unique_ptr<PreparedSignature> made = PreparedSignature::prepare(pkey, scheme, direction);
    if (!made)
        return nullptr;
    PreparedSignature* expected = nullptr;
    if (slot.compare_exchange_strong(expected, made.get(), std::memory_order_acq_rel))
        return made.release();
    return expected; // another thread prepared it first; ours goes
}

} // namespace Signet::Crypto
