#pragma once

// Private to core/crypto: signature operations prepared once per key and scheme.
//
// OpenSSL 3.0 looks the algorithm up by name, under a lock every thread shares, each time a context
// is set up (EVP_DigestVerifyInit fetches the key manager, the signature and the digest). Preparing
// does that once: a context with the key, the algorithm and the scheme's parameters bound. Each
// operation then reuses a pooled copy of it, so it does no lookup and takes no shared lock.

#include "crypto/ContextPool.h"
#include "crypto/OpenSsl.h"
#include "crypto/Signature.h"

#include <QByteArrayView>

#include <array>
#include <atomic>
#include <memory>

namespace Signet::Crypto {

enum class SignatureDirection
{
    Sign,
    Verify
};

// One key's signing or verification with one scheme. Usable from several threads at once.
class PreparedSignature
{
public:
    // nullptr when OpenSSL refuses the key for the scheme (its error queue says why).
    static std::unique_ptr<PreparedSignature> prepare(EVP_PKEY* pkey, SignatureScheme scheme,
                                                      SignatureDirection direction);

    // The signature in OpenSSL's form (DER for ECDSA).
    [[nodiscard]] bool verify(QByteArrayView data, QByteArrayView signature) const;
    // Writes at most EVP_PKEY_get_size() bytes at out and sets length; false when OpenSSL failed.
    [[nodiscard]] bool sign(QByteArrayView data, unsigned char* out, std::size_t& length) const;

private:
    // Hash-then-sign schemes (RSA, ECDSA): a hash context and a signature context over the digest,
    // used by one operation at a time. Restarting the hash with the same digest allocates nothing
    // and touches no reference count that threads share.
    struct Worker
    {
        Ossl::MdCtx hash;
        Ossl::PKeyCtx signature;
    };

    PreparedSignature() = default;
    [[nodiscard]] std::unique_ptr<Worker> takeWorker() const;
    [[nodiscard]] bool digest(Worker& worker, QByteArrayView data, unsigned char* out, unsigned int& length) const;
    // EdDSA signs the message itself: a copy of the prepared message context per operation.
    [[nodiscard]] Ossl::MdCtx copyMessageContext() const;

    const EVP_MD* m_md = nullptr; // nullptr for EdDSA
    Ossl::PKeyCtx m_keyContext;   // never used itself, only duplicated: threads share it
    Ossl::MdCtx m_messageContext; // EdDSA only; likewise only copied
    mutable ContextPool<std::unique_ptr<Worker>> m_pool;
};

// The prepared operations of one key, made on first use and kept with the key.
class PreparedSignatures
{
public:
    PreparedSignatures() = default;
    PreparedSignatures(const PreparedSignatures&) = delete;
    PreparedSignatures& operator=(const PreparedSignatures&) = delete;
    ~PreparedSignatures();

    // nullptr when the key cannot do it (the caller checks keyFits() first).
    [[nodiscard]] const PreparedSignature* get(EVP_PKEY* pkey, SignatureScheme scheme,
                                               SignatureDirection direction) const;

private:
    static constexpr std::size_t kSchemes = static_cast<std::size_t>(SignatureScheme::EdDsa) + 1;
    mutable std::array<std::atomic<PreparedSignature*>, kSchemes * 2> m_prepared{};
};

} // namespace Signet::Crypto
