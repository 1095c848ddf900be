#include "workspace/TokenRules.h"

#include <algorithm>
#include <utility>

namespace Signet {

std::optional<ReservedClaim> reservedClaim(std::string_view name)
{
    static constexpr std::pair<std::string_view, ReservedClaim> kReserved[] = {
        {"iss", ReservedClaim::Issuer},  {"sub", ReservedClaim::Subject},   {"aud", ReservedClaim::Audience},
        {"exp", ReservedClaim::Expiry},  {"nbf", ReservedClaim::NotBefore}, {"iat", ReservedClaim::IssuedAt},
        {"jti", ReservedClaim::TokenId}, {"scope", ReservedClaim::Scope},   {"apikey", ReservedClaim::ApiKey},
    };
    for (const auto& [reserved, claim] : kReserved) {
        if (reserved == name)
            return claim;
    }
    return std::nullopt;
}

Status checkScopesInCatalogue(const Project& project, const QStringList& requested)
{
    if (project.scopes.isEmpty())
        return {};
    for (const QString& scope : requested) {
        if (std::none_of(project.scopes.begin(), project.scopes.end(),
                         [&](const Scope& known) { return known.name == scope; }))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("'%1' is not in the scopes of project '%2'").arg(scope, project.id));
    }
    return {};
}

Status checkScopesGranted(const ApiKeyRecord& key, const QStringList& requested)
{
    for (const QString& scope : requested) {
        if (!key.scopes.contains(scope))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("API key '%1' does not grant the scope '%2'").arg(key.id, scope));
    }
    return {};
}

} // namespace Signet
