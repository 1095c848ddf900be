#pragma once

#include "foundation/JsonValue.h"

#include <QString>

#include <string_view>

namespace Signet {

// What a token says about itself, read without verifying it: only to choose which key verifies it
// or which ledger row to look at, never to trust.
struct TokenPeek
{
    QString kid;
    QString alg;
    JsonValue claims = JsonValue::object();

    [[nodiscard]] QString claimText(std::string_view name) const; // a string claim, else empty
};
TokenPeek peekToken(std::string_view token);

} // namespace Signet
