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
        EVP_MAC_CTX* mac = EVP_MAC_CTX_new(hmac());
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>("SHA2-256"), 0),
            OSSL_PARAM_construct_end()};
        EVP_MAC_init(mac, reinterpret_cast<const unsigned char*>(m_secret.data()), m_secret.size(), params);
        m_preparedMac = mac;
        return;
    }
    BIO* bio = BIO_new_mem_buf(pemOrSecret.data(), static_cast<int>(pemOrSecret.size()));
    m_pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!m_pkey)
        std::abort();
    auto* pkey = static_cast<EVP_PKEY*>(m_pkey);
    EVP_MD_CTX* digest = EVP_MD_CTX_new();
    m_preparedDigest = digest;
    if (kind == Kind::EdDsa) {
        EVP_DigestVerifyInit(digest, nullptr, nullptr, nullptr, pkey);
        return;
    }
    EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr);
    EVP_PKEY_verify_init(pctx);
    EVP_PKEY_CTX_set_signature_md(pctx, sha256());
    if (kind == Kind::Ps256) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    m_preparedKey = pctx;
}

Key::~Key()
{
    EVP_MAC_CTX_free(static_cast<EVP_MAC_CTX*>(m_preparedMac));
    EVP_PKEY_CTX_free(static_cast<EVP_PKEY_CTX*>(m_preparedKey));
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_preparedDigest));
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

bool Key::verifyPrepared(std::string_view data, std::string_view signature)
{
    const auto* input = reinterpret_cast<const unsigned char*>(data.data());
    const auto* sig = reinterpret_cast<const unsigned char*>(signature.data());
    if (m_kind == Kind::Hs256) {
        auto* mac = static_cast<EVP_MAC_CTX*>(m_preparedMac);
        unsigned char tag[EVP_MAX_MD_SIZE];
        std::size_t length = 0;
        EVP_MAC_init(mac, nullptr, 0, nullptr);
        EVP_MAC_update(mac, input, data.size());
        EVP_MAC_final(mac, tag, &length, sizeof tag);
        return length == signature.size() && CRYPTO_memcmp(tag, sig, length) == 0;
    }
    auto* digest = static_cast<EVP_MD_CTX*>(m_preparedDigest);
    if (m_kind == Kind::EdDsa) {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_MD_CTX_copy_ex(ctx, digest);
        const int ok = EVP_DigestVerify(ctx, sig, signature.size(), input, data.size());
        EVP_MD_CTX_free(ctx);
        return ok == 1;
    }
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int hashLength = 0;
    EVP_DigestInit_ex(digest, sha256(), nullptr);
    EVP_DigestUpdate(digest, input, data.size());
    EVP_DigestFinal_ex(digest, hash, &hashLength);
    return EVP_PKEY_verify(static_cast<EVP_PKEY_CTX*>(m_preparedKey), sig, signature.size(), hash, hashLength) == 1;
}

} // namespace RawOpenSsl
