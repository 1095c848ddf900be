#pragma once

#include "foundation/JsonValue.h"

#include <string>

namespace Signet::JsonWriter {

enum class Style
{
    Compact,
    Indented
};

// Serialises in member order. Compact output has no spaces (what goes into a token);
// indented output uses two spaces (what people read).
std::string write(const JsonValue& value, Style style = Style::Compact);
void append(std::string& out, const JsonValue& value, Style style = Style::Compact);
// A JSON string literal with the escapes RFC 8259 requires.
void appendString(std::string& out, std::string_view text);

} // namespace Signet::JsonWriter
