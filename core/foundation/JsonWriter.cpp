#include "foundation/JsonWriter.h"

#include <charconv>
#include <cmath>

namespace Signet::JsonWriter {

namespace {

void appendNumber(std::string& out, const JsonValue& value)
{
    char buffer[32];
    const auto result = value.isInteger() ? std::to_chars(buffer, buffer + sizeof buffer, value.asInteger())
                                          : std::to_chars(buffer, buffer + sizeof buffer, value.asNumber());
    out.append(buffer, result.ptr);
}

void newline(std::string& out, int depth)
{
    out.push_back('\n');
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void appendValue(std::string& out, const JsonValue& value, Style style, int depth)
{
    const bool indented = style == Style::Indented;
    switch (value.type()) {
    case JsonValue::Type::Null:
        out.append("null");
        break;
    case JsonValue::Type::Bool:
        out.append(value.asBool() ? "true" : "false");
        break;
    case JsonValue::Type::Number:
        appendNumber(out, value);
        break;
    case JsonValue::Type::String:
        appendString(out, value.asString());
        break;
    case JsonValue::Type::Array: {
        out.push_back('[');
        bool first = true;
        for (const JsonValue& item : value.items()) {
            if (!first)
                out.push_back(',');
            first = false;
            if (indented)
                newline(out, depth + 1);
            appendValue(out, item, style, depth + 1);
        }
        if (indented && !value.items().empty())
            newline(out, depth);
        out.push_back(']');
        break;
    }
    case JsonValue::Type::Object: {
        out.push_back('{');
        bool first = true;
        for (const auto& [name, member] : value.members()) {
            if (!first)
                out.push_back(',');
            first = false;
            if (indented)
                newline(out, depth + 1);
            appendString(out, name);
            out.append(indented ? ": " : ":");
            appendValue(out, member, style, depth + 1);
        }
        if (indented && !value.members().empty())
            newline(out, depth);
        out.push_back('}');
        break;
    }
    }
}

} // namespace

void appendString(std::string& out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.substr(runStart, i - runStart));
        runStart = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            out.append("\\u00");
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    out.append(text.substr(runStart));
    out.push_back('"');
}

void append(std::string& out, const JsonValue& value, Style style)
{
    appendValue(out, value, style, 0);
}

std::string write(const JsonValue& value, Style style)
{
    std::string out;
    out.reserve(128);
    append(out, value, style);
    return out;
}

} // namespace Signet::JsonWriter
