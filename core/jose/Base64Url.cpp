#include "jose/Base64Url.h"

#include <array>

namespace Signet::Base64Url {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> makeDecodeTable()
{
    std::array<std::int8_t, 256> table{};
    for (auto& entry : table)
        entry = -1;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return table;
}
constexpr auto kDecode = makeDecodeTable();

QString describeCharacter(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (c == '=')
        return QStringLiteral("padding '=' is not allowed in base64url");
    if (c == '+' || c == '/')
        return QStringLiteral("'%1' belongs to standard base64, not base64url").arg(QLatin1Char(c));
    if (u > 0x20 && u < 0x7F)
        return QStringLiteral("'%1' is not a base64url character").arg(QLatin1Char(c));
    return QStringLiteral("byte 0x%1 is not a base64url character").arg(u, 2, 16, QLatin1Char('0'));
}

bool setError(DecodeError* error, qsizetype offset, QString reason)
{
    if (error)
        *error = {offset, std::move(reason)};
    return false;
}

} // namespace

std::size_t decodedSize(std::size_t encodedSize)
{
    return encodedSize / 4 * 3 + (encodedSize % 4 == 0 ? 0 : encodedSize % 4 - 1);
}

void encodeAppend(std::string& out, std::string_view bytes)
{
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    const std::size_t start = out.size();
    out.resize(start + (n * 4 + 2) / 3);
    char* o = out.data() + start;
    std::size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const unsigned v = (unsigned{in[i]} << 16) | (unsigned{in[i + 1]} << 8) | in[i + 2];
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
        *o++ = kAlphabet[(v >> 6) & 63];
        *o++ = kAlphabet[v & 63];
    }
    if (n - i == 1) {
        const unsigned v = unsigned{in[i]} << 16;
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
    } else if (n - i == 2) {
        const unsigned v = (unsigned{in[i]} << 16) | (unsigned{in[i + 1]} << 8);
        *o++ = kAlphabet[(v >> 18) & 63];
        *o++ = kAlphabet[(v >> 12) & 63];
        *o++ = kAlphabet[(v >> 6) & 63];
    }
}

std::string encode(std::string_view bytes)
{
    std::string out;
    encodeAppend(out, bytes);
    return out;
}

QByteArray encode(QByteArrayView bytes)
{
    std::string out;
    encodeAppend(out, std::string_view(bytes.data(), static_cast<std::size_t>(bytes.size())));
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

bool decode(std::string_view text, std::string& out, DecodeError* error)
{
    const std::size_t n = text.size();
    if (n % 4 == 1)
        return setError(error, static_cast<qsizetype>(n),
                        QStringLiteral("a base64url text cannot have a length of 4k+1"));
    const auto* in = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t start = out.size();
    out.resize(start + decodedSize(n));
    auto* o = reinterpret_cast<unsigned char*>(out.data() + start);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const int a = kDecode[in[i]], b = kDecode[in[i + 1]], c = kDecode[in[i + 2]], d = kDecode[in[i + 3]];
        if ((a | b | c | d) < 0) {
            for (std::size_t j = i; j < i + 4; ++j) {
                if (kDecode[in[j]] < 0)
                    return setError(error, static_cast<qsizetype>(j), describeCharacter(text[j]));
            }
        }
        const unsigned v = (unsigned(a) << 18) | (unsigned(b) << 12) | (unsigned(c) << 6) | unsigned(d);
        *o++ = static_cast<unsigned char>(v >> 16);
        *o++ = static_cast<unsigned char>(v >> 8);
        *o++ = static_cast<unsigned char>(v);
    }
    const std::size_t rest = n - i;
    if (rest > 0) {
        int values[3] = {0, 0, 0};
        for (std::size_t j = 0; j < rest; ++j) {
            values[j] = kDecode[in[i + j]];
            if (values[j] < 0)
                return setError(error, static_cast<qsizetype>(i + j), describeCharacter(text[i + j]));
        }
        const unsigned v = (unsigned(values[0]) << 18) | (unsigned(values[1]) << 12) | (unsigned(values[2]) << 6);
        // The bits past the last whole byte must be zero, or two texts would decode to the same bytes.
        const unsigned unused = rest == 2 ? (v & 0xFFFF) : (v & 0xFF);
        if (unused != 0)
            return setError(error, static_cast<qsizetype>(n - 1),
                            QStringLiteral("non-canonical base64url: the unused trailing bits are not zero"));
        *o++ = static_cast<unsigned char>(v >> 16);
        if (rest == 3)
            *o++ = static_cast<unsigned char>(v >> 8);
    }
    return true;
}

std::optional<QByteArray> decode(QByteArrayView text, DecodeError* error)
{
    std::string out;
    if (!decode(std::string_view(text.data(), static_cast<std::size_t>(text.size())), out, error))
        return std::nullopt;
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

} // namespace Signet::Base64Url
