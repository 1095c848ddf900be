#pragma once

#include "foundation/Clock.h"
#include "jose/TokenVerifier.h"
#include "workspace/AuditLog.h"
#include "workspace/ChangeStamp.h"
#include "workspace/LedgerWriter.h"
#include "workspace/Records.h"
#include "workspace/SignatureWorkers.h"
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
    QStringList audience;          // empty: the project's default audience
    bool withoutAudience = false;  // no aud at all: a provider's tokens that carry none (VideoSDK)
    QStringList scopes;            // the "scope" claim, space-separated
    std::optional<QString> issuer; // default: the project's (the local server may use its own URL)
    std::optional<QString>
        issueAudit; // when set: a token.issue audit event with these details, in the ledger row's transaction
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

// A token being signed, then queued for the ledger: hand it out only once recorded() says so.
struct PendingMint
{
    MintedToken minted;                                // the token is set once signed
    quint64 sequence = 0;                              // 0: already in the ledger
    std::shared_ptr<SignatureJob> signing;             // while a worker thread signs it
    std::optional<LedgerWriter::AuditNote> issueAudit; // goes with the row once signed
};

enum class ConsumeOutcome
{
    Consumed,
    AlreadyUsed,
    Expired,
    NotOneTime,
    NotInLedger,   // no token with its jti was minted in this workspace
    DifferentToken // the jti is in the ledger, but the token presented is not the one minted with it
};
QString describe(ConsumeOutcome outcome);

// Whether verifying a project token also uses up a one-time token.
enum class Consumption
{
    Check,
    Consume
};

// A project's verdict on a token: the report (the token's checks and the workspace's API key
// checks: is the token valid) and, apart from it, what the ledger says of its one-time use (may it
// be used now): a used one-time token is still a valid token, and is not accepted again.
struct ProjectVerification
{
    VerificationReport report;
    std::optional<ConsumeOutcome> consumed; // set when consumption was asked for and the token is valid
    std::optional<Check> ledger;            // CheckId::OneTime: the ledger's record, when it says something
    [[nodiscard]] bool isAccepted() const
    {
        return report.isValid() && (!ledger || ledger->outcome != Outcome::Failed);
    }
};

// Mints tokens from a project, each recorded in the ledger, verifies tokens against a project's
// published keys and API secrets, and consumes one-time tokens atomically: of any number of
// concurrent consumers, in threads or processes, exactly one succeeds.
//
// Ledger rows are committed in groups by a LedgerWriter. Every read of the ledger here waits for
// them; a caller that hands a token out of the process uses mintRecorded().
class TokenService : public QObject
{
    Q_OBJECT

public:
    TokenService(const Database& database, const Vault& vault, ProjectService& projects, KeyService& keys,
                 ApiKeyService& apiKeys, AuditLog& audit, const Clock& clock);
    ~TokenService() override;

    // Changes made through this workspace reach minting at once; those of other processes within this.
    static constexpr std::chrono::milliseconds kOtherProcessesRecheck{1};
    void setOtherProcessesRecheck(std::chrono::milliseconds interval) { m_otherProcessesRecheck = interval; }

    // The token at once; its ledger row is committed within LedgerWriter::kCommitWindow.
    Result<MintedToken> mint(const MintRequest& request);
    // mint(), then waits for its ledger row: for a token about to be shown or to leave the process.
    // Fails when that row could not be recorded.
    Result<MintedToken> mintRecorded(const MintRequest& request);
    // mint() for a caller that must not block (the local server): the request is checked here, the
    // token signed on a worker thread, and the caller answers once recorded() is set.
    Result<PendingMint> mintPending(const MintRequest& request);
    // Nothing while the token is being signed or its row is queued, then whether it was signed and
    // recorded (pending.minted.token is the token from then on). Called on the minting thread.
    std::optional<Status> recorded(PendingMint& pending);
    // Waits until every token minted so far is in the ledger; fails when one minted with mint()
    // could not be recorded (each failure is reported once).
    Status flush() const;
    // options.issuer and options.audiences default to the project's when unset.
    // `consumer` says who used up a one-time token, in the audit log (the server: the API key that asked).
    Result<ProjectVerification> verify(const QString& projectId, std::string_view token, VerifyOptions options = {},
                                       Consumption consumption = Consumption::Check, const QString& consumer = {});
    // Uses up a one-time token: only the very token minted (its bytes compared with the ledger's), only
    // once. The token is not verified here; verify() with Consumption::Consume does both.
    Result<ConsumeOutcome> consume(const QString& projectId, std::string_view token);
    Result<QList<LedgerEntry>> list(const QString& projectId, int limit = 1000) const;
    // The stored token text of a ledger entry (an audited reveal).
    Result<QString> reveal(const QString& projectId, const QString& jti);

Q_SIGNALS:
    void ledgerChanged(const QString& projectId);

private:
    // What minting from a project reads, kept while nothing but
    // ledger rows changes (Database::changeStamp, then configurationGeneration).
    struct MintContext
    {
        Project project;
        std::optional<Jwk> activeKey;
        // The registered claims the project's provider puts in its tokens (a profile may have none).
        bool carriesIssuer = true;
        bool carriesAudience = true;
    };
    Result<MintContext*> mintContext(const QString& projectId);
    Status checkRequest(const Project& project, const MintRequest& request) const;
    // The active key, or the API key's secret (kept in apiKeySecret) when the request names one.
    Result<const Jwk*> signingKey(MintContext& context, const MintRequest& request, std::optional<Jwk>& apiKeySecret);
    // Signs with iat = entry.issuedAt; reads nothing else, so any thread may call it.
    static Result<std::string> sign(const QString& issuer, const MintRequest& request, const Jwk& key,
                                    const LedgerEntry& entry);
    // A checked request, its ledger entry and its key: everything but the signature.
    struct PreparedMint
    {
        const Project* project = nullptr;
        const Jwk* key = nullptr;
        QString issuer; // empty: the token carries none
        LedgerEntry entry;
    };
    Result<PreparedMint> prepareMint(const MintRequest& request, std::optional<Jwk>& apiKeySecret);
    // Queues a signed token's ledger row; its LedgerWriter sequence (0: inserted at once).
    Result<quint64> queueMinted(const MintedToken& minted, bool callerJti,
                                std::optional<LedgerWriter::AuditNote> audit);
    Result<MintedToken> mintQueued(const MintRequest& request, quint64& sequence);
    // The row's LedgerWriter sequence, or 0 when it was inserted at once.
    enum class JtiSource
    {
        Generated, // a fresh ULID: the ledger writer records it in its next group
        Caller     // chosen by the caller: it may repeat one, so it is inserted at once to say so
    };
    Result<quint64> record(const MintedToken& minted, JtiSource source, std::optional<LedgerWriter::AuditNote> audit);
    std::optional<LedgerWriter::AuditNote> issueNote(const MintRequest& request) const;
    struct LedgerRecord
    {
        bool oneTime = false;
        std::optional<qint64> consumedAt;
        bool sameToken = false;
    };
    Result<std::optional<LedgerRecord>> ledgerRecord(const QString& projectId, const QString& jti,
                                                     std::string_view token) const;
    Result<ConsumeOutcome> consumeRecorded(const QString& projectId, const QString& jti, const QString& consumer = {});
    // What the ledger says of a token verified without consuming it.
    static std::optional<Check> ledgerCheck(const std::optional<LedgerRecord>& record, const QString& jti);
    // Lets the ledger writer catch up before the ledger is read.
    void awaitLedger() const;

    const Database& m_database;
    const Vault& m_vault;
    ProjectService& m_projects;
    KeyService& m_keys;
    ApiKeyService& m_apiKeys;
    AuditLog& m_audit;
    const Clock& m_clock;
    QHash<QString, MintContext> m_contexts;
    ChangeStamp m_contextsStamp;
    std::chrono::steady_clock::time_point m_contextsCheckedAt;
    std::chrono::milliseconds m_otherProcessesRecheck = kOtherProcessesRecheck;
    qint64 m_contextsGeneration = -1;
    std::unique_ptr<LedgerWriter> m_writer; // started by the first mint
    // Declared last: destroyed first, it waits for the signatures under way.
    std::unique_ptr<SignatureWorkers> m_signers; // started by the first mintPending()
};

} // namespace Signet
