#include "jose/Base64Url.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__)
// Sixteen characters to twelve bytes at a time with SSSE3 (the method of Muła and Lemire, "Faster
// Base64 Encoding and Decoding Using AVX2 Instructions", for the base64url alphabet). Each character's
// high and low nibble select two bit sets whose intersection is empty exactly for the 64 characters
// of the alphabet; the high nibble also selects what to add to make the 6-bit value ('_' shares its
// nibble with 'P'..'Z' and gets 33 more). Stops before the first block with a character outside the
// alphabet and returns how many characters it decoded: the scalar loop goes on from there and names
// the character.
[[gnu::target("ssse3")]] std::size_t decodeBlocksSsse3(const unsigned char* in, std::size_t n, unsigned char* out)
{
    const __m128i invalidForLow =
        _mm_setr_epi8(0x25, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x23, 0x3B, 0x3B, 0x3A, 0x3B, 0x33);
    const __m128i classOfHigh =
        _mm_setr_epi8(0x20, 0x20, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20);
    const __m128i offsetOfHigh = _mm_setr_epi8(0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i zero = _mm_setzero_si128();
    // Output bytes of each 32-bit lane holding a<<18 | b<<12 | c<<6 | d, most significant first.
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16, out += 12) {
        const __m128i chars = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
        const __m128i high = _mm_and_si128(_mm_srli_epi32(chars, 4), nibble);
        const __m128i low = _mm_and_si128(chars, nibble);
        const __m128i invalid =
            _mm_and_si128(_mm_shuffle_epi8(invalidForLow, low), _mm_shuffle_epi8(classOfHigh, high));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(invalid, zero)) != 0xFFFF)
            break;
        const __m128i underscore = _mm_and_si128(_mm_cmpeq_epi8(chars, _mm_set1_epi8('_')), _mm_set1_epi8(33));
        const __m128i values = _mm_add_epi8(chars, _mm_add_epi8(_mm_shuffle_epi8(offsetOfHigh, high), underscore));
        const __m128i pairs = _mm_maddubs_epi16(values, _mm_set1_epi32(0x01400140));
        const __m128i quads = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00011000));
        const __m128i bytes = _mm_shuffle_epi8(quads, order);
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
        const int last = _mm_cvtsi128_si32(_mm_srli_si128(bytes, 8));
        std::memcpy(out + 8, &last, 4);
    }
    return i;
}

std::size_t decodeBlocks(const unsigned char* in, std::size_t n, unsigned char* out)
{
    static const bool kSsse3 = __builtin_cpu_supports("ssse3");
    return kSsse3 ? decodeBlocksSsse3(in, n, out) : 0;
}
#else
std::size_t decodeBlocks(const unsigned char*, std::size_t, unsigned char*)
{
    return 0;
}
#endif

// Decodes into out (room for decodedSize()); false with the error set when the text is refused.
bool decodeInto(std::string_view text, unsigned char* out, DecodeError* error)
{
    const std::size_t n = text.size();
    if (n % 4 == 1)
        return setError(error, static_cast<qsizetype>(n),
                        QStringLiteral("a base64url text cannot have a length of 4k+1"));
    const auto* in = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = decodeBlocks(in, n, out);
    out += i / 4 * 3;
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
