#pragma once

#include <string>
#include <string_view>

// The baseline: bare OpenSSL EVP calls with a prepared key and one fresh context per operation.
// Kept behind std types so Bench.cpp sees no OpenSSL header.
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

private:
    Kind m_kind;
    void* m_pkey = nullptr;
    std::string m_secret;
};

} // namespace RawOpenSsl
