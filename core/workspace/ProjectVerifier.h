#pragma once

#include "foundation/Clock.h"
#include "jose/TokenVerifier.h"
#include "workspace/Records.h"

namespace Signet {

class ApiKeyService;
class KeyService;
class ProjectService;
struct TokenPeek;

// Verifies a token against a project as the workspace knows it, beyond what a key set can tell.
// A token that names one of the project's API keys (its apikey claim or its kid header) is verified
// with that key's secret alone, and the report says whether that key is active, whether the token's
// scopes are within the key's and its lifetime within the project's maximum. Any other token is
// verified with the project's published signing keys, and a kid the project once had is explained
// (revoked at, retired at). The ledger's part (one-time use) is TokenService's.
class ProjectVerifier
{
public:
    ProjectVerifier(ProjectService& projects, KeyService& keys, ApiKeyService& apiKeys, const Clock& clock);

    // options.issuer and options.audiences default to the project's when unset.
    Result<VerificationReport> verify(const QString& projectId, std::string_view token, VerifyOptions options);

private:
    struct NamedApiKey;
    Result<std::optional<NamedApiKey>> namedApiKey(const QString& projectId, const TokenPeek& peek);
    Result<VerificationReport> verifyWithApiKey(const Project& project, const NamedApiKey& named,
                                                std::string_view token, VerifyOptions options);
    Result<VerificationReport> verifyWithSigningKeys(const Project& project, const TokenPeek& peek,
                                                     std::string_view token, VerifyOptions options);
    void explainKeyFailure(VerificationReport& report, const Project& project, const TokenPeek& peek);

    ProjectService& m_projects;
    KeyService& m_keys;
    ApiKeyService& m_apiKeys;
    const Clock& m_clock;
};

} // namespace Signet
