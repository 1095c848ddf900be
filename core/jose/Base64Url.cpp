#include "jose/Base64Url.h"

#include <array>

namespace Signet::Base64Url {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Each character's six bits already shifted to their place in a group of four (table 0 for the
// first character, ...); characters outside the alphabet have kInvalid set, so one test after the
// ORs finds them.
constexpr std::uint32_t kInvalid = 0x01000000;

constexpr std::array<std::array<std::uint32_t, 256>, 4> makePlacedTables()
{
    std::array<std::array<std::uint32_t, 256>, 4> tables{};
    for (int place = 0; place < 4; ++place) {
        for (auto& entry : tables[place])
            entry = kInvalid;
        for (std::uint32_t i = 0; i < 64; ++i)
            tables[place][static_cast<unsigned char>(kAlphabet[i])] = i << (18 - 6 * place);
    }
    return tables;
}
constexpr auto kPlaced = makePlacedTables();

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

// The first character outside the alphabet at or after from.
bool refuseCharacter(std::string_view text, std::size_t from, DecodeError* error)
{
    if (!error)
        return false;
    std::size_t j = from;
    while (j < text.size() && kPlaced[0][static_cast<unsigned char>(text[j])] != kInvalid)
        ++j;
    return setError(error, static_cast<qsizetype>(j), describeCharacter(text[j]));
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

namespace {

// Decodes into out (room for decodedSize()); false with the error set when the text is refused.
bool decodeInto(std::string_view text, unsigned char* out, DecodeError* error)
{
    const std::size_t n = text.size();
    if (n % 4 == 1)
        return setError(error, static_cast<qsizetype>(n),
                        QStringLiteral("a base64url text cannot have a length of 4k+1"));
    const auto* in = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const std::uint32_t v =
            kPlaced[0][in[i]] | kPlaced[1][in[i + 1]] | kPlaced[2][in[i + 2]] | kPlaced[3][in[i + 3]];
        if (v & kInvalid)
            return refuseCharacter(text, i, error);
        *out++ = static_cast<unsigned char>(v >> 16);
        *out++ = static_cast<unsigned char>(v >> 8);
        *out++ = static_cast<unsigned char>(v);
    }
    const std::size_t rest = n - i;
    if (rest > 0) {
        std::uint32_t v = 0;
        for (std::size_t j = 0; j < rest; ++j)
            v |= kPlaced[j][in[i + j]];
        if (v & kInvalid)
            return refuseCharacter(text, i, error);
        // The bits past the last whole byte must be zero, or two texts would decode to the same bytes.
        const unsigned unused = rest == 2 ? (v & 0xFFFF) : (v & 0xFF);
        if (unused != 0)
            return setError(error, static_cast<qsizetype>(n - 1),
                            QStringLiteral("non-canonical base64url: the unused trailing bits are not zero"));
        *out++ = static_cast<unsigned char>(v >> 16);
        if (rest == 3)
            *out++ = static_cast<unsigned char>(v >> 8);
    }
    return true;
}

} // namespace

bool decode(std::string_view text, std::string& out, DecodeError* error)
{
    // (resize_and_overwrite would skip the zero-filling, but libstdc++ 12 sets a wrong size with it.)
    const std::size_t start = out.size();
    out.resize(start + decodedSize(text.size()));
    return decodeInto(text, reinterpret_cast<unsigned char*>(out.data()) + start, error);
}

std::optional<QByteArray> decode(QByteArrayView text, DecodeError* error)
{
    std::string out;
    if (!decode(std::string_view(text.data(), static_cast<std::size_t>(text.size())), out, error))
        return std::nullopt;
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

} // namespace Signet::Base64Url
