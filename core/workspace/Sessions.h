#pragma once

#include "foundation/Clock.h"
#include "foundation/Error.h"
#include "workspace/Records.h"
#include "workspace/TokenService.h"

#include <QString>

namespace Signet {

class ApiKeyService;
class AuditLog;
class Database;

// A session started from an API key, as api.video's /auth/api-key and /auth/refresh do it: an access
// token (a project token with the key id as subject and client_id, and the session's family as sid)
// and an opaque refresh token. A refresh token is used once and hands out the next pair; presenting
// one again revokes its whole family, so a stolen refresh token dies with the first reuse.
struct SessionTokens
{
    MintedToken access;
    QString refreshToken;
    qint64 refreshExpiresAt = 0;
    QString family;
};

// Why a refresh was refused, for the client's error: each says which.
enum class RefreshRefusal
{
    Unknown,       // no such refresh token in this project
    Expired,       // past its lifetime
    Reused,        // used before: the family is revoked now
    FamilyRevoked, // its family was revoked earlier
    KeyUnusable    // the API key that started the session is revoked or expired
};
QString describe(RefreshRefusal refusal);

class Sessions
{
public:
    static constexpr qint64 kRefreshLifetime = 30 * 86400;

    Sessions(const Database& database, TokenService& tokens, ApiKeyService& apiKeys, AuditLog& audit,
             const Clock& clock);

    // A new family for an authenticated API key of the project.
    // `issuer` overrides the project's (the local server's own URL).
    Result<SessionTokens> start(const ApiKeyRecord& key, const std::optional<QString>& issuer = std::nullopt);
    // The next pair for a refresh token, or why not (the error's message is describe(refusal)).
    Result<SessionTokens> refresh(const QString& projectId, const QString& refreshToken,
                                  const std::optional<QString>& issuer = std::nullopt,
                                  RefreshRefusal* refusal = nullptr);
    // When the family (an access token's sid) was revoked, if it was.
    Result<std::optional<qint64>> familyRevokedAt(const QString& projectId, const QString& family) const;

private:
    enum class Family
    {
        New,
        Existing
    };
    Result<SessionTokens> issue(const ApiKeyRecord& key, const QString& family, Family which,
                                const std::optional<QString>& issuer);
    Status revokeFamily(const QString& projectId, const QString& family, const QString& reason);

    const Database& m_database;
    TokenService& m_tokens;
    ApiKeyService& m_apiKeys;
    AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace Signet
