#include "RawOpenSsl.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>

namespace RawOpenSsl {

namespace {

const EVP_MD* sha256()
{
    static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    return md;
}

EVP_MAC* hmac()
{
    static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

std::string hmacTag(const std::string& secret, std::string_view data)
{
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(hmac());
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>("SHA2-256"), 0),
                           OSSL_PARAM_construct_end()};
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t length = 0;
    EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), params);
    EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MAC_final(ctx, out, &length, sizeof out);
    EVP_MAC_CTX_free(ctx);
    return std::string(reinterpret_cast<char*>(out), length);
}

} // namespace

Key::Key(Kind kind, const std::string& pemOrSecret)
    : m_kind(kind)
{
    if (kind == Kind::Hs256) {
        m_secret = pemOrSecret;
        return;
    }
    BIO* bio = BIO_new_mem_buf(pemOrSecret.data(), static_cast<int>(pemOrSecret.size()));
    m_pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!m_pkey)
        std::abort();
}

Key::~Key()
{
    EVP_PKEY_free(static_cast<EVP_PKEY*>(m_pkey));
}

std::string Key::sign(std::string_view data) const
{
    if (m_kind == Kind::Hs256)
        return hmacTag(m_secret, data);
    auto* pkey = static_cast<EVP_PKEY*>(m_pkey);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit(ctx, &pctx, m_kind == Kind::EdDsa ? nullptr : sha256(), nullptr, pkey);
    if (m_kind == Kind::Ps256) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    unsigned char signature[1024];
    std::size_t length = sizeof signature;
    EVP_DigestSign(ctx, signature, &length, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MD_CTX_free(ctx);
    return std::string(reinterpret_cast<char*>(signature), length);
}

bool Key::verify(std::string_view data, std::string_view signature) const
{
    if (m_kind == Kind::Hs256) {
        const std::string tag = hmacTag(m_secret, data);
        return tag.size() == signature.size() && CRYPTO_memcmp(tag.data(), signature.data(), tag.size()) == 0;
    }
    auto* pkey = static_cast<EVP_PKEY*>(m_pkey);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestVerifyInit(ctx, &pctx, m_kind == Kind::EdDsa ? nullptr : sha256(), nullptr, pkey);
    if (m_kind == Kind::Ps256) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    const int ok = EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                    reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MD_CTX_free(ctx);
    return ok == 1;
}

} // namespace RawOpenSsl
