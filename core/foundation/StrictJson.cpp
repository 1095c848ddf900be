#include "foundation/StrictJson.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

namespace Signet::StrictJson {

QString ParseError::describe() const
{
    return QStringLiteral("%1 at byte %2").arg(reason).arg(offset);
}

namespace {

// Names are compared pairwise while an object is small; beyond that a sort is cheaper.
constexpr std::size_t kLinearDuplicateScan = 24;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::vector<char>& s, unsigned cp)
{
    if (cp < 0x80) {
        s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

QString printable(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F ? QString(QChar(static_cast<char16_t>(u)))
                                 : QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
}

QString duplicateName(std::string_view name)
{
    return QStringLiteral("duplicate member name \"%1\"")
        .arg(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
}

} // namespace

// The one implementation of the grammar and its checks: every parse, flat or tree, goes through it.
class DocumentParser
{
public:
    using Entry = Document::Entry;
    using Type = JsonValue::Type;

    DocumentParser(std::string_view text, Limits limits, Document& document)
        : m_text(text)
        , m_limits(limits)
        , m_entries(document.m_entries)
        , m_unescaped(document.m_unescaped)
    {
        m_entries.clear();
        m_unescaped.clear();
        // A fresh document grows once for a typical token; a reused one already has the room.
        m_entries.reserve(std::min<std::size_t>(text.size() / 8 + 1, 256));
    }

    std::expected<Node, ParseError> parseDocument(const Document& document)
    {
        if (m_text.size() >= 3 && static_cast<unsigned char>(m_text[0]) == 0xEF &&
            static_cast<unsigned char>(m_text[1]) == 0xBB && static_cast<unsigned char>(m_text[2]) == 0xBF)
            return error(0, QStringLiteral("a byte order mark is not allowed"));
        skipWhitespace();
        if (!parseValue({}, 0))
            return std::unexpected(m_error);
        skipWhitespace();
        if (m_pos != m_text.size())
            return error(m_pos, QStringLiteral("unexpected data after the JSON value"));
        return document.root();
    }

private:
    std::unexpected<ParseError> error(std::size_t offset, QString reason)
    {
        fail(offset, std::move(reason));
        return std::unexpected(m_error);
    }
    bool fail(std::size_t offset, QString reason)
    {
        m_entries.clear();
        m_error = {static_cast<qsizetype>(offset), std::move(reason)};
        return false;
    }

    std::uint32_t push(std::string_view name, Type type)
    {
        Entry& entry = m_entries.emplace_back();
        entry.name = name;
        entry.type = type;
        entry.end = static_cast<std::uint32_t>(m_entries.size());
        return entry.end - 1;
    }

    void skipWhitespace()
    {
        // Tokens are compact JSON: most of the time there is nothing to skip.
        if (m_pos < m_text.size() && static_cast<unsigned char>(m_text[m_pos]) > ' ')
            return;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool parseValue(std::string_view name, int depth)
    {
        if (m_pos >= m_text.size())
            return fail(m_pos, QStringLiteral("unexpected end of JSON"));
        const char c = m_text[m_pos];
        switch (c) {
        case '{':
            return parseObject(name, depth + 1);
        case '[':
            return parseArray(name, depth + 1);
        case '"': {
            std::string_view text;
            if (!parseString(text))
                return false;
            m_entries[push(name, Type::String)].string = text;
            return true;
        }
        case 't':
            return parseLiteral("true", name, Type::Bool, true);
        case 'f':
            return parseLiteral("false", name, Type::Bool, false);
        case 'n':
            return parseLiteral("null", name, Type::Null, false);
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber(name);
            return fail(m_pos, QStringLiteral("unexpected character '%1'").arg(printable(c)));
        }
    }

    bool parseLiteral(std::string_view word, std::string_view name, Type type, bool value)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail(m_pos, QStringLiteral("invalid literal"));
        m_pos += word.size();
        m_entries[push(name, type)].boolean = value;
        return true;
    }

    bool skipDigits()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
            ++m_pos;
        return m_pos > start;
    }

    bool parseNumber(std::string_view name)
    {
        const std::size_t start = m_pos;
        if (m_text[m_pos] == '-')
            ++m_pos;
        if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
            return fail(start, QStringLiteral("invalid number"));
        if (m_text[m_pos] == '0') {
            ++m_pos;
            if (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                return fail(start, QStringLiteral("numbers must not have leading zeros"));
        } else {
            skipDigits();
        }
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            integral = false;
            ++m_pos;
            if (!skipDigits())
                return fail(m_pos, QStringLiteral("a digit must follow the decimal point"));
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            integral = false;
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (!skipDigits())
                return fail(m_pos, QStringLiteral("a digit must follow the exponent"));
        }
        return storeNumber(name, start, integral);
    }

    // The validated digits of an integer, when it fits in 64 bits. Up to 18 digits cannot overflow
    // (NumericDates have 10): those are summed here, the rest are left to from_chars.
    static bool readInteger(const char* first, const char* last, std::int64_t& out)
    {
        const bool negative = *first == '-';
        const char* digits = first + (negative ? 1 : 0);
        if (last - digits > 18)
            return std::from_chars(first, last, out) == std::from_chars_result{last, std::errc()};
        std::int64_t value = 0;
        for (const char* p = digits; p < last; ++p)
            value = value * 10 + (*p - '0');
        out = negative ? -value : value;
        return true;
    }

    // Integers that fit in 64 bits are kept exactly; everything else as a finite double.
    bool storeNumber(std::string_view name, std::size_t start, bool integral)
    {
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        std::int64_t integer = 0;
        double value = 0;
        const bool exact = integral && readInteger(first, last, integer);
        if (!exact &&
            (std::from_chars(first, last, value) != std::from_chars_result{last, std::errc()} || !std::isfinite(value)))
            return fail(start, QStringLiteral("number out of range"));
        Entry& entry = m_entries[push(name, Type::Number)];
        if (exact) { // as JsonValue::integer()
            entry.number = static_cast<double>(integer);
            entry.integer = integer;
            entry.isInteger = true;
            return true;
        }
        // JsonValue decides which doubles count as integers; the entry answers as it would.
        const JsonValue number = JsonValue::number(value);
        entry.number = number.asNumber();
        entry.integer = number.asInteger();
        entry.isInteger = number.isInteger();
        return true;
    }

    bool parseHex4(unsigned& out)
    {
        if (m_pos + 4 > m_text.size())
            return fail(m_pos, QStringLiteral("truncated \\u escape"));
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const int v = hexValue(m_text[m_pos + static_cast<std::size_t>(i)]);
            if (v < 0)
                return fail(m_pos, QStringLiteral("invalid \\u escape"));
            out = out * 16 + static_cast<unsigned>(v);
        }
        m_pos += 4;
        return true;
    }

    // Validates one UTF-8 sequence starting at m_pos (RFC 3629: no overlongs, no surrogates).
    bool skipUtf8()
    {
        const std::size_t start = m_pos;
        const auto b0 = static_cast<unsigned char>(m_text[m_pos]);
        int length = 0;
        unsigned cp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
            cp = b0 & 0x1Fu;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            cp = b0 & 0x0Fu;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            cp = b0 & 0x07u;
        } else {
            return fail(start, QStringLiteral("invalid UTF-8"));
        }
        if (m_pos + static_cast<std::size_t>(length) > m_text.size())
            return fail(start, QStringLiteral("truncated UTF-8 sequence"));
        for (int i = 1; i < length; ++i) {
            const auto b = static_cast<unsigned char>(m_text[m_pos + static_cast<std::size_t>(i)]);
            if ((b & 0xC0) != 0x80)
                return fail(start, QStringLiteral("invalid UTF-8"));
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return fail(start, QStringLiteral("invalid UTF-8"));
        m_pos += static_cast<std::size_t>(length);
        return true;
    }

    // A string without escapes is its own decoding: the view points into the text.
    [[gnu::always_inline]] bool parseString(std::string_view& out)
    {
        const std::size_t open = m_pos;
        const std::size_t first = ++m_pos;
        skipPlainBytes();
        while (true) {
            if (m_pos >= m_text.size())
                return fail(open, QStringLiteral("unterminated string"));
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                out = m_text.substr(first, m_pos - first);
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail(m_pos, QStringLiteral("control character in string"));
            if (c == '\\')
                return parseEscapedString(open, first, out);
            if (c < 0x80)
                ++m_pos;
            else if (!skipUtf8())
                return false;
        }
    }

    // Skips eight bytes at a time up to the first that needs a closer look: a quote, a backslash, a
    // control character or the start of a multi-byte UTF-8 sequence. The byte-wise loop does the rest.
    void skipPlainBytes()
    {
        static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
        constexpr std::uint64_t kOnes = 0x0101010101010101u;
        constexpr std::uint64_t kHigh = 0x8080808080808080u;
        while (m_pos + 8 <= m_text.size()) {
            std::uint64_t bytes = 0;
            std::memcpy(&bytes, m_text.data() + m_pos, 8);
            const std::uint64_t quote = bytes ^ (kOnes * '"');
            const std::uint64_t backslash = bytes ^ (kOnes * '\\');
            // A byte's high bit ends up set when it is a quote or a backslash (zero after the XOR),
            // below 0x20 or from 0x80. A borrow only carries upwards from a byte below 0x20, so the
            // lowest set bit is exactly the first byte to look at.
            const std::uint64_t special =
                (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | (bytes - kOnes * 0x20) | bytes) &
                kHigh;
            if (special) {
                m_pos += static_cast<std::size_t>(std::countr_zero(special)) / 8;
                return;
            }
            m_pos += 8;
        }
    }

    // Decodes into the document's buffer. It is reserved to the text's size before the first
    // escaped string of a parse, and decoding never lengthens a string, so earlier views stay valid.
    bool parseEscapedString(std::size_t open, std::size_t first, std::string_view& out)
    {
        if (m_unescaped.capacity() < m_text.size())
            m_unescaped.reserve(m_text.size());
        const std::size_t start = m_unescaped.size();
        std::size_t runStart = first;
        while (true) {
            if (m_pos >= m_text.size())
                return fail(open, QStringLiteral("unterminated string"));
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"' || c == '\\')
                m_unescaped.insert(m_unescaped.end(), m_text.data() + runStart, m_text.data() + m_pos);
            if (c == '"') {
                out = std::string_view(m_unescaped.data() + start, m_unescaped.size() - start);
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail(m_pos, QStringLiteral("control character in string"));
            if (c == '\\') {
                if (!parseEscape(m_unescaped))
                    return false;
                runStart = m_pos;
            } else if (c < 0x80) {
                ++m_pos;
            } else if (!skipUtf8()) {
                return false;
            }
        }
    }

    bool parseEscape(std::vector<char>& out)
    {
        const std::size_t start = m_pos;
        ++m_pos; // backslash
        if (m_pos >= m_text.size())
            return fail(start, QStringLiteral("truncated escape"));
        static constexpr std::string_view kEscapes = "\"\\/bfnrt";
        static constexpr std::string_view kMeanings = "\"\\/\b\f\n\r\t";
        const char e = m_text[m_pos++];
        if (const std::size_t simple = kEscapes.find(e); simple != std::string_view::npos) {
            out.push_back(kMeanings[simple]);
            return true;
        }
        if (e != 'u')
            return fail(start, QStringLiteral("invalid escape"));
        unsigned cp = 0;
        if (!parseHex4(cp))
            return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return fail(start, QStringLiteral("unpaired UTF-16 surrogate in \\u escape"));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (m_text.substr(m_pos, 2) != "\\u")
                return fail(start, QStringLiteral("unpaired UTF-16 surrogate in \\u escape"));
            m_pos += 2;
            unsigned low = 0;
            if (!parseHex4(low))
                return false;
            if (low < 0xDC00 || low > 0xDFFF)
                return fail(start, QStringLiteral("unpaired UTF-16 surrogate in \\u escape"));
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, cp);
        return true;
    }

    bool checkDepth(int depth)
    {
        if (depth > m_limits.maxDepth)
            return fail(m_pos, QStringLiteral("JSON nested deeper than %1 levels").arg(m_limits.maxDepth));
        return true;
    }

    void close(std::uint32_t container, std::uint32_t count)
    {
        m_entries[container].count = count;
        m_entries[container].end = static_cast<std::uint32_t>(m_entries.size());
    }

    bool parseArray(std::string_view name, int depth)
    {
        if (!checkDepth(depth))
            return false;
        ++m_pos;
        const std::uint32_t self = push(name, Type::Array);
        std::uint32_t count = 0;
        skipWhitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            close(self, count);
            return true;
        }
        while (true) {
            skipWhitespace();
            if (!parseValue({}, depth))
                return false;
            ++count;
            skipWhitespace();
            if (m_pos >= m_text.size())
                return fail(m_pos, QStringLiteral("unterminated array"));
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_text[m_pos] == ']') {
                ++m_pos;
                close(self, count);
                return true;
            }
            return fail(m_pos, QStringLiteral("expected ',' or ']' in array"));
        }
    }

    // Whether the object (whose members so far are all complete) already has this name.
    bool hasMember(std::uint32_t object, std::string_view name) const
    {
        for (auto i = object + 1; i < m_entries.size(); i = m_entries[i].end) {
            if (sameText(m_entries[i].name, name))
                return true;
        }
        return false;
    }

    bool checkLargeObject(std::uint32_t object, std::size_t open)
    {
        std::vector<std::string_view> names;
        names.reserve(m_entries[object].count);
        for (auto i = object + 1; i < m_entries.size(); i = m_entries[i].end)
            names.push_back(m_entries[i].name);
        std::sort(names.begin(), names.end());
        const auto dup = std::adjacent_find(names.begin(), names.end());
        return dup == names.end() || fail(open, duplicateName(*dup));
    }

    bool parseObject(std::string_view name, int depth)
    {
        if (!checkDepth(depth))
            return false;
        const std::size_t open = m_pos;
        ++m_pos;
        const std::uint32_t self = push(name, Type::Object);
        std::uint32_t count = 0;
        skipWhitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            close(self, count);
            return true;
        }
        while (true) {
            skipWhitespace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail(m_pos, QStringLiteral("expected a member name in quotes"));
            const std::size_t nameAt = m_pos;
            std::string_view memberName;
            if (!parseString(memberName))
                return false;
            if (++count <= kLinearDuplicateScan && hasMember(self, memberName))
                return fail(nameAt, duplicateName(memberName));
            skipWhitespace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail(m_pos, QStringLiteral("expected ':' after member name"));
            ++m_pos;
            skipWhitespace();
            if (!parseValue(memberName, depth))
                return false;
            skipWhitespace();
            if (m_pos >= m_text.size())
                return fail(m_pos, QStringLiteral("unterminated object"));
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_text[m_pos] == '}') {
                ++m_pos;
                break;
            }
            return fail(m_pos, QStringLiteral("expected ',' or '}' in object"));
        }
        close(self, count);
        return count <= kLinearDuplicateScan || checkLargeObject(self, open);
    }

    std::string_view m_text;
    Limits m_limits;
    std::vector<Entry>& m_entries;
    std::vector<char>& m_unescaped;
    std::size_t m_pos = 0;
    ParseError m_error;
};

JsonValue Node::toJsonValue() const
{
    const Document::Entry* entry = m_document ? &m_document->m_entries[m_index] : nullptr;
    switch (type()) {
    case JsonValue::Type::Null:
        return JsonValue::null();
    case JsonValue::Type::Bool:
        return JsonValue::boolean(entry->boolean);
    case JsonValue::Type::Number:
        return entry->isInteger ? JsonValue::integer(entry->integer) : JsonValue::number(entry->number);
    case JsonValue::Type::String:
        return JsonValue::string(std::string(entry->string));
    case JsonValue::Type::Array: {
        JsonValue::Array items;
        items.reserve(entry->count);
        for (Node item : children())
            items.push_back(item.toJsonValue());
        return JsonValue::array(std::move(items));
    }
    case JsonValue::Type::Object: {
        JsonValue::Object members;
        members.reserve(entry->count);
        for (Node member : children())
            members.emplace_back(std::string(member.name()), member.toJsonValue());
        return JsonValue::object(std::move(members));
    }
    }
    return JsonValue::null();
}

std::expected<Node, ParseError> parseInto(std::string_view text, Document& document, Limits limits)
{
    return DocumentParser(text, limits, document).parseDocument(document);
}

std::expected<Node, ParseError> parseObjectInto(std::string_view text, Document& document, Limits limits)
{
    auto root = parseInto(text, document, limits);
    if (root && !root->isObject()) {
        document.clear();
        return std::unexpected(ParseError{0, QStringLiteral("the JSON value is not an object")});
    }
    return root;
}

std::expected<JsonValue, ParseError> parse(std::string_view text, Limits limits)
{
    Document document;
    auto root = parseInto(text, document, limits);
    if (!root)
        return std::unexpected(std::move(root.error()));
    return root->toJsonValue();
}

std::expected<JsonValue, ParseError> parseObject(std::string_view text, Limits limits)
{
    auto value = parse(text, limits);
    if (value && !value->isObject())
        return std::unexpected(ParseError{0, QStringLiteral("the JSON value is not an object")});
    return value;
}

} // namespace Signet::StrictJson
