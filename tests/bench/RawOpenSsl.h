#pragma once

#include <string>
#include <string_view>

// The baselines, bare OpenSSL EVP calls on a prepared key, kept behind std types so Bench.cpp sees no
// OpenSSL header.
//
// sign() and verify() set up one fresh context per operation, as an application that calls EVP
// directly does: EVP_DigestSign/VerifyInit with the digest fetched once (so the signature algorithm
// and key manager are found by name per call), and for HMAC a new EVP_MAC_CTX keyed per call (the
// HMAC algorithm fetched once; its digest can only be named, so it is looked up per call). These are
// the baselines of the goals.
//
// verifyPrepared() is the ceiling instead: contexts prepared once and restarted, the way Signet now
// works inside, minus everything JOSE adds. Not thread-safe (one context); reported for comparison.
namespace RawOpenSsl {

enum class Kind
{
    Hs256,
    Rs256,
    Ps256,
    Es256,
    EdDsa
};

class Key
{
public:
    // pem: PKCS#8 private key (asymmetric kinds); secret: HMAC key bytes (Hs256).
    Key(Kind kind, const std::string& pemOrSecret);
    ~Key();
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;

    // Signature in OpenSSL's native form (DER for ECDSA).
    [[nodiscard]] std::string sign(std::string_view data) const;
    [[nodiscard]] bool verify(std::string_view data, std::string_view signature) const;
    [[nodiscard]] bool verifyPrepared(std::string_view data, std::string_view signature);

private:
    Kind m_kind;
    void* m_pkey = nullptr;
    std::string m_secret;
    void* m_preparedMac = nullptr;    // EVP_MAC_CTX keyed once, restarted per call
    void* m_preparedKey = nullptr;    // EVP_PKEY_CTX after EVP_PKEY_verify_init and its parameters
    void* m_preparedDigest = nullptr; // EVP_MD_CTX restarted per call (EdDSA: DigestVerifyInit once)
};

} // namespace RawOpenSsl
