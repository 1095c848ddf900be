#include "foundation/StrictJson.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace Signet::StrictJson {

QString ParseError::describe() const
{
    return QStringLiteral("%1 at byte %2").arg(reason).arg(offset);
}

namespace {

// Names are compared pairwise while an object is small; beyond that a sort is cheaper.
constexpr std::size_t kLinearDuplicateScan = 24;

class Parser
{
public:
    Parser(std::string_view text, Limits limits)
        : m_text(text)
        , m_limits(limits)
    {}

    std::expected<JsonValue, ParseError> parseDocument()
    {
        if (m_text.size() >= 3 && static_cast<unsigned char>(m_text[0]) == 0xEF &&
            static_cast<unsigned char>(m_text[1]) == 0xBB && static_cast<unsigned char>(m_text[2]) == 0xBF)
            return error(0, QStringLiteral("a byte order mark is not allowed"));
        skipWhitespace();
        JsonValue value;
        if (!parseValue(value, 0))
            return std::unexpected(m_error);
        skipWhitespace();
        if (m_pos != m_text.size())
            return error(m_pos, QStringLiteral("unexpected data after the JSON value"));
        return value;
    }

private:
    std::unexpected<ParseError> error(std::size_t offset, QString reason)
    {
        m_error = {static_cast<qsizetype>(offset), std::move(reason)};
        return std::unexpected(m_error);
    }
    bool fail(std::size_t offset, QString reason)
    {
        m_error = {static_cast<qsizetype>(offset), std::move(reason)};
        return false;
    }

    void skipWhitespace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool parseValue(JsonValue& out, int depth)
    {
        if (m_pos >= m_text.size())
            return fail(m_pos, QStringLiteral("unexpected end of JSON"));
        const char c = m_text[m_pos];
        switch (c) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"':
            return parseString(out.emplaceString());
        case 't':
            return parseLiteral("true", JsonValue::boolean(true), out);
        case 'f':
            return parseLiteral("false", JsonValue::boolean(false), out);
        case 'n':
            return parseLiteral("null", JsonValue::null(), out);
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber(out);
            return fail(m_pos, QStringLiteral("unexpected character '%1'").arg(printable(c)));
        }
    }

    static QString printable(char c)
    {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7F ? QString(QChar(static_cast<char16_t>(u)))
                                     : QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }

    bool parseLiteral(std::string_view word, JsonValue value, JsonValue& out)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail(m_pos, QStringLiteral("invalid literal"));
        m_pos += word.size();
        out = std::move(value);
        return true;
    }

    bool parseNumber(JsonValue& out)
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
            while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            integral = false;
            ++m_pos;
            if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
                return fail(m_pos, QStringLiteral("a digit must follow the decimal point"));
            while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            integral = false;
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
                return fail(m_pos, QStringLiteral("a digit must follow the exponent"));
            while (m_pos < m_text.size() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        if (integral) {
            std::int64_t value = 0;
            const auto [ptr, ec] = std::from_chars(first, last, value);
            if (ec == std::errc() && ptr == last) {
                out = JsonValue::integer(value);
                return true;
            }
        }
        double value = 0;
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (ec != std::errc() || ptr != last || !std::isfinite(value))
            return fail(start, QStringLiteral("number out of range"));
        out = JsonValue::number(value);
        return true;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
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

    static void appendUtf8(std::string& s, unsigned cp)
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

    // Validates one UTF-8 sequence starting at m_pos (RFC 3629: no overlongs, no surrogates).
    bool consumeUtf8(std::string& s)
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
        s.append(m_text.substr(m_pos, static_cast<std::size_t>(length)));
        m_pos += static_cast<std::size_t>(length);
        return true;
    }

    bool parseString(std::string& out)
    {
        const std::size_t open = m_pos;
        ++m_pos; // opening quote
        // Fast path: plain ASCII without escapes is copied in one go.
        std::size_t runStart = m_pos;
        while (true) {
            if (m_pos >= m_text.size())
                return fail(open, QStringLiteral("unterminated string"));
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                out.append(m_text.substr(runStart, m_pos - runStart));
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail(m_pos, QStringLiteral("control character in string"));
            if (c != '\\' && c < 0x80) {
                ++m_pos;
                continue;
            }
            out.append(m_text.substr(runStart, m_pos - runStart));
            if (c >= 0x80) {
                if (!consumeUtf8(out))
                    return false;
            } else if (!parseEscape(out)) {
                return false;
            }
            runStart = m_pos;
        }
    }

    bool parseEscape(std::string& out)
    {
        const std::size_t start = m_pos;
        ++m_pos; // backslash
        if (m_pos >= m_text.size())
            return fail(start, QStringLiteral("truncated escape"));
        const char e = m_text[m_pos++];
        switch (e) {
        case '"':
            out.push_back('"');
            return true;
        case '\\':
            out.push_back('\\');
            return true;
        case '/':
            out.push_back('/');
            return true;
        case 'b':
            out.push_back('\b');
            return true;
        case 'f':
            out.push_back('\f');
            return true;
        case 'n':
            out.push_back('\n');
            return true;
        case 'r':
            out.push_back('\r');
            return true;
        case 't':
            out.push_back('\t');
            return true;
        case 'u':
            break;
        default:
            return fail(start, QStringLiteral("invalid escape"));
        }
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

    bool parseArray(JsonValue& out, int depth)
    {
        if (!checkDepth(depth))
            return false;
        ++m_pos;
        JsonValue::Array& items = out.items();
        skipWhitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipWhitespace();
            if (!parseValue(items.emplace_back(), depth))
                return false;
            skipWhitespace();
            if (m_pos >= m_text.size())
                return fail(m_pos, QStringLiteral("unterminated array"));
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            return fail(m_pos, QStringLiteral("expected ',' or ']' in array"));
        }
    }

    bool parseObject(JsonValue& out, int depth)
    {
        if (!checkDepth(depth))
            return false;
        const std::size_t open = m_pos;
        ++m_pos;
        JsonValue::Object& members = out.members();
        members.reserve(8);
        skipWhitespace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipWhitespace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail(m_pos, QStringLiteral("expected a member name in quotes"));
            const std::size_t nameAt = m_pos;
            auto& member = members.emplace_back();
            std::string& name = member.first;
            if (!parseString(name))
                return false;
            if (members.size() <= kLinearDuplicateScan) {
                for (std::size_t i = 0; i + 1 < members.size(); ++i) {
                    if (members[i].first == name)
                        return fail(nameAt,
                                    QStringLiteral("duplicate member name \"%1\"").arg(QString::fromStdString(name)));
                }
            }
            skipWhitespace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail(m_pos, QStringLiteral("expected ':' after member name"));
            ++m_pos;
            skipWhitespace();
            if (!parseValue(member.second, depth))
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
        if (members.size() > kLinearDuplicateScan) {
            std::vector<std::string_view> names;
            names.reserve(members.size());
            for (const auto& member : members)
                names.emplace_back(member.first);
            std::sort(names.begin(), names.end());
            const auto dup = std::adjacent_find(names.begin(), names.end());
            if (dup != names.end())
                return fail(open, QStringLiteral("duplicate member name \"%1\"")
                                      .arg(QString::fromUtf8(dup->data(), static_cast<qsizetype>(dup->size()))));
        }
        return true;
    }

    std::string_view m_text;
    Limits m_limits;
    std::size_t m_pos = 0;
    ParseError m_error;
};

} // namespace

std::expected<JsonValue, ParseError> parse(std::string_view text, Limits limits)
{
    return Parser(text, limits).parseDocument();
}

std::expected<JsonValue, ParseError> parseObject(std::string_view text, Limits limits)
{
    auto value = parse(text, limits);
    if (value && !value->isObject())
        return std::unexpected(ParseError{0, QStringLiteral("the JSON value is not an object")});
    return value;
}

} // namespace Signet::StrictJson
