#pragma once

#include "jose/Jwk.h"

#include <string>
#include <string_view>

namespace Signet::Jws {

constexpr std::size_t kDefaultMaxTokenSize = 64 * 1024;

// The three base64url segments of a compact JWS, as views into the token.
struct CompactParts
{
    std::string_view header;
    std::string_view payload;
    std::string_view signature;
    std::string_view signingInput; // header '.' payload
};

// Splits on the two dots; refuses more or fewer segments. Does not decode.
bool split(std::string_view token, CompactParts& parts, int* segmentCount = nullptr);

// The raw signature (HMAC tag, PKCS#1/PSS block, R||S, EdDSA) over the signing input.
Result<QByteArray> signBytes(const Jwk& key, Algorithm alg, std::string_view signingInput);
bool verifyBytes(const Jwk& key, Algorithm alg, std::string_view signingInput, std::string_view signature);

// header (compact JSON) + payload bytes -> compact serialisation. The key must permit signing with alg.
Result<std::string> signCompact(const Jwk& key, Algorithm alg, std::string_view headerJson, std::string_view payload);

} // namespace Signet::Jws
