#pragma once

#include "foundation/Clock.h"
#include "jose/TokenVerifier.h"
#include "workspace/AuditLog.h"
#include "workspace/Vault.h"

namespace Signet {

class ApiKeyService;
class KeyService;
class ProjectService;

struct MintRequest
{
    QString projectId;
    std::optional<QString> apiKeyId; // HS256 with that API key's secret instead of the active key
    QString subject;
    QStringList audience;            // empty: the project's default audience
    QStringList scopes;              // the "scope" claim, space-separated
    std::optional<qint64> lifetime;  // default: the project's; never beyond its maximum
    std::optional<qint64> notBefore; // absolute Unix time
    std::optional<qint64> notBeforeDelay;
    bool oneTime = false;
    std::optional<QString> jti; // default: random
    JsonValue extraClaims = JsonValue::object();
};

struct MintedToken
{
    std::string token;
    LedgerEntry entry;
};

enum class ConsumeOutcome
{
    Consumed,
    AlreadyUsed,
    Expired,
    NotOneTime,
    NotInLedger
};
QString describe(ConsumeOutcome outcome);

struct ProjectVerification
{
    VerificationReport report;
    std::optional<ConsumeOutcome> consumed; // set when consumption was asked for and the token is valid
    [[nodiscard]] bool isAccepted() const
    {
        return report.isValid() && (!consumed || *consumed == ConsumeOutcome::Consumed);
    }
};

// Mints tokens from a project (recorded in the ledger in the same step), verifies tokens against a
// project's published keys and API secrets, and consumes one-time tokens atomically: of any number
// of concurrent consumers, in threads or processes, exactly one succeeds.
class TokenService : public QObject
{
    Q_OBJECT

public:
    TokenService(const Database& database, const Vault& vault, ProjectService& projects, KeyService& keys,
                 ApiKeyService& apiKeys, AuditLog& audit, const Clock& clock);

    Result<MintedToken> mint(const MintRequest& request);
    // options.issuer and options.audiences default to the project's when unset.
    Result<ProjectVerification> verify(const QString& projectId, std::string_view token, VerifyOptions options = {},
                                       bool consume = false);
    Result<ConsumeOutcome> consume(const QString& projectId, const QString& jti);
    Result<QList<LedgerEntry>> list(const QString& projectId, int limit = 1000) const;
    // The stored token text of a ledger entry (an audited reveal).
    Result<QString> reveal(const QString& projectId, const QString& jti);

Q_SIGNALS:
    void ledgerChanged(const QString& projectId);

private:
    const Database& m_database;
    const Vault& m_vault;
    ProjectService& m_projects;
    KeyService& m_keys;
    ApiKeyService& m_apiKeys;
    AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace Signet
