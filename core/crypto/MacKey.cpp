#include "crypto/MacKey.h"

#include "crypto/ContextPool.h"
#include "crypto/OpenSsl.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include <array>

namespace Signet::Crypto {

struct MacKey::Impl
{
    SecureBytes secret;
    std::array<Ossl::MacCtx, 3> templates; // keyed contexts for SHA-256, SHA-384, SHA-512

    // Keyed contexts ready for reuse, per hash. EVP_MAC_init with no key restarts one from its
    // prepared pads: no fetch, no key schedule. They are freed (and cleansed) with the key.
    mutable std::array<ContextPool<Ossl::MacCtx>, 3> pools;
};

namespace {

EVP_MAC* hmacAlgorithm()
{
    // Fetched once per process and never freed.
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

std::size_t schemeIndex(MacScheme scheme)
{
    return static_cast<std::size_t>(scheme);
}

const char* digestName(MacScheme scheme)
{
    switch (scheme) {
    case MacScheme::HmacSha256:
        return "SHA2-256";
    case MacScheme::HmacSha384:
        return "SHA2-384";
    case MacScheme::HmacSha512:
        return "SHA2-512";
    }
    return "SHA2-256";
}

} // namespace

// Computes into out (at least EVP_MAX_MD_SIZE bytes); returns the length, or 0 on failure.
static std::size_t compute(const MacKey::Impl& impl, MacScheme scheme, QByteArrayView data, unsigned char* out)
{
    const std::size_t index = schemeIndex(scheme);
    Ossl::MacCtx ctx = impl.pools[index].take();
    if (ctx) {
        if (EVP_MAC_init(ctx.get(), nullptr, 0, nullptr) != 1)
            ctx.reset();
    }
    if (!ctx)
        ctx.reset(EVP_MAC_CTX_dup(impl.templates[index].get()));
    std::size_t length = 0;
    if (!ctx ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()),
                       static_cast<std::size_t>(data.size())) != 1 ||
        EVP_MAC_final(ctx.get(), out, &length, EVP_MAX_MD_SIZE) != 1)
        return 0;
    impl.pools[index].give(std::move(ctx));
    return length;
}

MacKey::MacKey(SecureBytes secret)
{
    auto impl = std::make_shared<Impl>();
    impl->secret = std::move(secret);
    for (MacScheme scheme : {MacScheme::HmacSha256, MacScheme::HmacSha384, MacScheme::HmacSha512}) {
        Ossl::MacCtx ctx(EVP_MAC_CTX_new(hmacAlgorithm()));
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digestName(scheme)), 0),
            OSSL_PARAM_construct_end(),
        };
        // An empty key is legal for HMAC but OpenSSL wants a non-null pointer.
        static const unsigned char empty = 0;
        const unsigned char* key = impl->secret.isEmpty() ? &empty : impl->secret.data();
        if (ctx && EVP_MAC_init(ctx.get(), key, impl->secret.size(), params) == 1)
            impl->templates[schemeIndex(scheme)] = std::move(ctx);
        else
            Ossl::lastError();
    }
    m_impl = std::move(impl);
}

const SecureBytes& MacKey::secret() const
{
    static const SecureBytes empty;
    return m_impl ? m_impl->secret : empty;
}

Result<QByteArray> MacKey::mac(MacScheme scheme, QByteArrayView data) const
{
    if (!m_impl || !m_impl->templates[schemeIndex(scheme)])
        return fail(ErrorCode::CryptoFailure, QStringLiteral("no HMAC key"));
    unsigned char out[EVP_MAX_MD_SIZE];
    const std::size_t length = compute(*m_impl, scheme, data, out);
    if (length == 0)
        return Ossl::failure(QStringLiteral("HMAC failed"));
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(length));
}

bool MacKey::verify(MacScheme scheme, QByteArrayView data, QByteArrayView tag) const
{
    if (!m_impl || !m_impl->templates[schemeIndex(scheme)] || tag.size() != macSize(scheme))
        return false;
    unsigned char out[EVP_MAX_MD_SIZE];
    const std::size_t length = compute(*m_impl, scheme, data, out);
    return length == static_cast<std::size_t>(tag.size()) && CRYPTO_memcmp(out, tag.data(), length) == 0;
}

} // namespace Signet::Crypto
