#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace Signet::Base64Url {

// Unpadded base64url (RFC 7515 2).
std::string encode(std::string_view bytes);
void encodeAppend(std::string& out, std::string_view bytes);
QByteArray encode(QByteArrayView bytes);

struct DecodeError
{
    qsizetype offset = 0; // index of the offending character
    QString reason;
};

// Strict decoding for untrusted input: only A-Z a-z 0-9 - _, no padding, no whitespace, a length
// that is not 1 mod 4, and unused trailing bits that are zero (one text per byte string).
bool decode(std::string_view text, std::string& out, DecodeError* error = nullptr);
std::optional<QByteArray> decode(QByteArrayView text, DecodeError* error = nullptr);

std::size_t decodedSize(std::size_t encodedSize);

} // namespace Signet::Base64Url
