#include "jose/Jws.h"

#include "jose/Base64Url.h"

#include <algorithm>

namespace Signet::Jws {

namespace {
QByteArrayView view(std::string_view s)
{
    return {s.data(), static_cast<qsizetype>(s.size())};
}
} // namespace

bool split(std::string_view token, CompactParts& parts, int* segmentCount)
{
    const std::size_t first = token.find('.');
    const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
    const bool extra = second != std::string_view::npos && token.find('.', second + 1) != std::string_view::npos;
    if (second == std::string_view::npos || extra) {
        if (segmentCount)
            *segmentCount = static_cast<int>(std::count(token.begin(), token.end(), '.')) + 1;
        return false;
    }
    parts.header = token.substr(0, first);
    parts.payload = token.substr(first + 1, second - first - 1);
    parts.signature = token.substr(second + 1);
    parts.signingInput = token.substr(0, second);
    return true;
}

Result<QByteArray> signBytes(const Jwk& key, Algorithm alg, std::string_view signingInput)
{
    if (auto permitted = key.permits(alg, KeyOperation::Sign); !permitted)
        return std::unexpected(permitted.error());
    if (algorithmFamily(alg) == AlgorithmFamily::Hmac)
        return key.macKey().mac(macScheme(alg), view(signingInput));
    return Crypto::sign(key.keyPair(), signatureScheme(alg), view(signingInput));
}

bool verifyBytes(const Jwk& key, Algorithm alg, std::string_view signingInput, std::string_view signature)
{
    if (algorithmFamily(alg) == AlgorithmFamily::Hmac) {
        return key.isSymmetric() && key.macKey().verify(macScheme(alg), view(signingInput), view(signature));
    }
    return !key.isSymmetric() &&
           Crypto::verify(key.keyPair(), signatureScheme(alg), view(signingInput), view(signature));
}

Result<std::string> signCompact(const Jwk& key, Algorithm alg, std::string_view headerJson, std::string_view payload)
{
    std::string token;
    token.reserve((headerJson.size() + payload.size()) * 4 / 3 + 8 + 700);
    Base64Url::encodeAppend(token, headerJson);
    token.push_back('.');
    Base64Url::encodeAppend(token, payload);
    auto signature = signBytes(key, alg, token);
    if (!signature)
        return std::unexpected(signature.error());
    token.push_back('.');
    Base64Url::encodeAppend(token,
                            std::string_view(signature->constData(), static_cast<std::size_t>(signature->size())));
    return token;
}

} // namespace Signet::Jws
