#pragma once

#include "foundation/Error.h"
#include "foundation/JsonValue.h"

#include <string_view>

namespace Signet::StrictJson {

struct Limits
{
    int maxDepth = 32;
};

// Where and why untrusted JSON was refused; offset is the byte position in the input.
struct ParseError
{
    qsizetype offset = 0;
    QString reason;
    [[nodiscard]] QString describe() const;
};

// Parses untrusted JSON strictly: RFC 8259 grammar only, UTF-8 validated (no BOM, no overlong forms,
// no surrogates), duplicate member names refused (Qt's parser silently keeps the last), depth capped.
std::expected<JsonValue, ParseError> parse(std::string_view text, Limits limits = {});

// As parse(), and the top level must be an object (JOSE headers and JWT claims).
std::expected<JsonValue, ParseError> parseObject(std::string_view text, Limits limits = {});

} // namespace Signet::StrictJson
