#pragma once

// The rules a project token obeys, in one place for every front end (GUI, CLI, server).

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QStringList>

#include <optional>
#include <string_view>

namespace Signet {

// Claims of a project token that the project or the mint request itself sets; extra claims must not.
enum class ReservedClaim
{
    Issuer,    // iss: the project's
    Subject,   // sub
    Audience,  // aud
    Expiry,    // exp: from the lifetime
    NotBefore, // nbf
    IssuedAt,  // iat: Signet sets it
    TokenId,   // jti: the ledger records it
    Scope,     // scope
    ApiKey,    // apikey: the API key that signed
};
std::optional<ReservedClaim> reservedClaim(std::string_view name);

// Every requested scope must be in the project's catalogue (an empty catalogue allows any).
Status checkScopesInCatalogue(const Project& project, const QStringList& requested);
// Every requested scope must be one the API key grants.
Status checkScopesGranted(const ApiKeyRecord& key, const QStringList& requested);

} // namespace Signet
