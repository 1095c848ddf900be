#include "workspace/TokenService.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/Database.h"
#include "workspace/LedgerRow.h"
#include "workspace/LedgerWriter.h"
#include "workspace/ProjectVerifier.h"
#include "workspace/TokenPeek.h"

#include "crypto/Digest.h"
#include "crypto/SecureBytes.h"
#include "foundation/Duration.h"
#include "foundation/JsonWriter.h"
#include "jose/SortableJwtId.h"
#include "jose/TokenBuilder.h"
#include "workspace/ApiKeyService.h"
#include "workspace/FieldRules.h"
#include "workspace/KeyService.h"
#include "workspace/ProjectService.h"
#include "workspace/TokenRules.h"

#include <QSqlQuery>

#include <algorithm>

namespace Signet {

namespace {

// The ledger entry's issue time as the token's iat, whenever and on whichever thread it is signed.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(qint64 now)
        : m_now(now)
    {}
    [[nodiscard]] qint64 now() const override { return m_now; }

private:
    qint64 m_now;
};

} // namespace

QString describe(ConsumeOutcome outcome)
{
    switch (outcome) {
    case ConsumeOutcome::Consumed:
        return QStringLiteral("consumed now (one-time token)");
    case ConsumeOutcome::AlreadyUsed:
        return QStringLiteral("already used: this one-time token was consumed before");
    case ConsumeOutcome::Expired:
        return QStringLiteral("expired: an expired token cannot be consumed");
    case ConsumeOutcome::NotOneTime:
        return QStringLiteral("not a one-time token: nothing to consume");
    case ConsumeOutcome::NotInLedger:
        return QStringLiteral("not minted in this workspace: nothing to consume");
    case ConsumeOutcome::DifferentToken:
        return QStringLiteral("not the token minted with this jti (its bytes differ from the ledger's): nothing to "
                              "consume");
    }
    return {};
}

TokenService::TokenService(const Database& database, const Vault& vault, ProjectService& projects, KeyService& keys,
                           ApiKeyService& apiKeys, AuditLog& audit, const Clock& clock)
    : m_database(database)
    , m_vault(vault)
    , m_projects(projects)
    , m_keys(keys)
    , m_apiKeys(apiKeys)
    , m_audit(audit)
    , m_clock(clock)
{}

Result<MintedToken> TokenService::mint(const MintRequest& request)
{
    quint64 sequence = 0;
    return mintQueued(request, sequence);
}

Status TokenService::checkRequest(const Project& project, const MintRequest& request) const
{
    const qint64 lifetime = request.lifetime.value_or(project.defaultTtl);
    if (lifetime <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the token lifetime must be positive"));
    if (lifetime > project.maxTtl)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("a lifetime of %1 s exceeds the maximum of project '%2' (%3 s)")
                        .arg(lifetime)
                        .arg(project.id)
                        .arg(project.maxTtl));
    if (auto known = checkScopesInCatalogue(project, request.scopes); !known)
        return known;
    if (auto valid = FieldRules::checkClaimText(QStringLiteral("subject"), request.subject); !valid)
        return valid;
    for (const QString& audience : request.audience) {
        if (auto valid = FieldRules::checkClaimText(QStringLiteral("audience"), audience); !valid)
            return valid;
    }
    for (const auto& member : request.extraClaims.members()) {
        // The ledger and the project define these; an extra claim must not contradict them.
        if (reservedClaim(member.first))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("'%1' is set by Signet for project tokens (use the request's own field)")
                            .arg(QString::fromStdString(member.first)));
    }
    return {};
}

Result<const Jwk*> TokenService::signingKey(MintContext& context, const MintRequest& request,
                                            std::optional<Jwk>& apiKeySecret)
{
    if (!request.apiKeyId) {
        if (!context.activeKey) {
            auto active = m_keys.activeSigningKey(request.projectId);
            if (!active)
                return std::unexpected(active.error());
            context.activeKey = std::move(*active);
        }
        return &*context.activeKey;
    }
    auto apiKey = m_apiKeys.get(request.projectId, *request.apiKeyId);
    if (!apiKey)
        return std::unexpected(apiKey.error());
    if (auto granted = checkScopesGranted(*apiKey, request.scopes); !granted)
        return std::unexpected(granted.error());
    auto secret = m_apiKeys.signingSecret(request.projectId, *request.apiKeyId);
    if (!secret)
        return std::unexpected(secret.error());
    return &apiKeySecret.emplace(std::move(*secret));
}

Result<std::string> TokenService::sign(const QString& issuer, const MintRequest& request, const Jwk& key,
                                       const LedgerEntry& entry)
{
    const FixedClock issuedAt(entry.issuedAt);
    TokenBuilder builder(issuedAt);
    builder.setIssuer(issuer)
        .setSubject(request.subject)
        .setAudience(entry.audience)
        .setLifetime(entry.expiresAt - entry.issuedAt)
        .setJwtId(entry.jti);
    if (request.notBefore)
        builder.setNotBefore(*request.notBefore);
    else if (request.notBeforeDelay)
        builder.setNotBeforeDelay(*request.notBeforeDelay);
    if (!request.scopes.isEmpty())
        builder.setClaim(QStringLiteral("scope"),
                         JsonValue::string(request.scopes.join(QLatin1Char(' ')).toStdString()));
    if (request.apiKeyId)
        builder.setClaim(QStringLiteral("apikey"), JsonValue::string(request.apiKeyId->toStdString()));
    for (const auto& [name, value] : request.extraClaims.members())
        builder.setClaim(QString::fromStdString(name), value);
    return builder.sign(key);
}

Result<TokenService::PreparedMint> TokenService::prepareMint(const MintRequest& request,
                                                             std::optional<Jwk>& apiKeySecret)
{
    if (m_database.isReadOnly())
        return fail(ErrorCode::Io, QStringLiteral("the workspace is read-only (%1): a token can only be minted where "
                                                  "its ledger row can be written")
                                       .arg(m_database.path()));
    auto context = mintContext(request.projectId);
    if (!context)
        return std::unexpected(context.error());
    const Project& project = (*context)->project;
    if (auto checked = checkRequest(project, request); !checked)
        return std::unexpected(checked.error());
    auto key = signingKey(**context, request, apiKeySecret);
    if (!key)
        return std::unexpected(key.error());

    PreparedMint prepared;
    prepared.project = &project;
    prepared.key = *key;
    prepared.issuer = request.issuer.value_or((*context)->carriesIssuer ? project.issuer : QString());
    LedgerEntry& entry = prepared.entry;
    entry.jti = request.jti ? *request.jti : QString::fromStdString(newSortableJwtId(m_clock.nowMilliseconds()));
    if (entry.jti.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a project token needs a jti: the ledger records it"));
    entry.projectId = request.projectId;
    entry.kid = (*key)->kid();
    entry.algorithm = request.apiKeyId ? QStringLiteral("HS256") : algorithmQName(*(*key)->defaultAlgorithm());
    entry.subject = request.subject;
    if (request.withoutAudience && !request.audience.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a token without an audience was asked for with one"));
    if (!request.audience.isEmpty())
        entry.audience = request.audience;
    else if (!request.withoutAudience && (*context)->carriesAudience)
        entry.audience = {project.audience};
    entry.scopes = request.scopes;
    entry.issuedAt = m_clock.now();
    entry.expiresAt = entry.issuedAt + request.lifetime.value_or(project.defaultTtl);
    entry.oneTime = request.oneTime;
    return prepared;
}

Result<quint64> TokenService::queueMinted(const MintedToken& minted, bool callerJti,
                                          std::optional<LedgerWriter::AuditNote> audit)
{
    auto recorded = record(minted, callerJti ? JtiSource::Caller : JtiSource::Generated, std::move(audit));
    if (!recorded)
        return std::unexpected(recorded.error());
    Q_EMIT ledgerChanged(minted.entry.projectId);
    return *recorded;
}

Result<MintedToken> TokenService::mintQueued(const MintRequest& request, quint64& sequence)
{
    std::optional<Jwk> apiKeySecret;
    auto prepared = prepareMint(request, apiKeySecret);
    if (!prepared)
        return std::unexpected(prepared.error());
    auto token = sign(prepared->issuer, request, *prepared->key, prepared->entry);
    if (!token)
        return std::unexpected(token.error());
    MintedToken minted{std::move(*token), std::move(prepared->entry)};
    auto queued = queueMinted(minted, request.jti.has_value(), issueNote(request));
    if (!queued)
        return std::unexpected(queued.error());
    sequence = *queued;
    return minted;
}

TokenService::~TokenService() = default; // the ledger writer commits what is queued

Result<TokenService::MintContext*> TokenService::mintContext(const QString& projectId)
{
    // Another process may rotate or revoke at any time. Asking whether anything changed is far
    // cheaper than reading the project and its active key again, and most changes are ledger rows
    // (the ledger writer's among them), which the configuration generation tells apart. Still, it
    // costs a tenth of an ES256 signature, so other processes are asked after at most once per
    // kOtherProcessesRecheck: a token signed with a key revoked that recently is trusted no more
    // than one signed just before (verifiers drop the key from the JWKS either way). A team
    // workspace asks the server only once another member's change has been announced (a round
    // trip every millisecond cost the minting thread a tenth of its rate).
    const auto now = std::chrono::steady_clock::now();
    if (m_contextsStamp.ownWrites == m_database.ownWriteCount() &&
        now - m_contextsCheckedAt < m_otherProcessesRecheck) {
        if (auto found = m_contexts.find(projectId); found != m_contexts.end())
            return &found.value();
    }
    auto stamp = m_database.configurationStamp();
    if (!stamp)
        return std::unexpected(stamp.error());
    m_contextsCheckedAt = now;
    if (*stamp != m_contextsStamp) {
        auto generation = m_database.configurationGeneration();
        if (!generation)
            return std::unexpected(generation.error());
        if (*generation != m_contextsGeneration)
            m_contexts.clear();
        m_contextsStamp = *stamp;
        m_contextsGeneration = *generation;
    }
    auto found = m_contexts.find(projectId);
    if (found == m_contexts.end()) {
        auto project = m_projects.get(projectId);
        if (!project)
            return std::unexpected(project.error());
        MintContext context{std::move(*project), std::nullopt};
        if (const auto profile = m_projects.followedProfile(context.project)) {
            context.carriesIssuer = profile->issuer.has_value();
            context.carriesAudience = profile->audience.has_value();
        }
        found = m_contexts.insert(projectId, std::move(context));
    }
    return &found.value();
}

Result<quint64> TokenService::record(const MintedToken& minted, JtiSource source,
                                     std::optional<LedgerWriter::AuditNote> audit)
{
    const LedgerEntry& entry = minted.entry;
    if (source == JtiSource::Caller) {
        // A jti chosen by the caller may repeat one minted before: insert it now so the caller hears so.
        awaitLedger();
        auto inserted = LedgerWriter::insertNow(m_database, m_vault, {entry, minted.token, 0, std::move(audit)});
        if (!inserted && inserted.error().code == ErrorCode::InvalidArgument)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("a token with jti '%1' was already minted").arg(entry.jti));
        if (!inserted)
            return std::unexpected(inserted.error());
        return 0;
    }
    if (!m_writer) {
        auto started = LedgerWriter::start(m_database.where(), m_vault);
        if (!started)
            return std::unexpected(started.error());
        m_writer = std::move(*started);
    }
    return m_writer->append({entry, minted.token, 0, std::move(audit)});
}

std::optional<LedgerWriter::AuditNote> TokenService::issueNote(const MintRequest& request) const
{
    if (!request.issueAudit)
        return std::nullopt;
    return LedgerWriter::AuditNote{m_clock.now(), actorName(m_audit.actor()), QStringLiteral("token.issue"),
                                   *request.issueAudit};
}

Status TokenService::flush() const
{
    return m_writer ? m_writer->flush() : Status{};
}

void TokenService::awaitLedger() const
{
    if (m_writer)
        m_writer->waitForAll();
}

Result<MintedToken> TokenService::mintRecorded(const MintRequest& request)
{
    quint64 sequence = 0;
    auto minted = mintQueued(request, sequence);
    if (!minted || sequence == 0)
        return minted;
    if (auto recorded = m_writer->waitFor(sequence); !recorded)
        return std::unexpected(recorded.error().withContext(QStringLiteral("the token was minted but not recorded")));
    return minted;
}

Result<PendingMint> TokenService::mintPending(const MintRequest& request)
{
    PendingMint pending;
    if (request.jti) {
        // A caller's jti may repeat one and is inserted at once to say so: no reason to sign apart.
        auto minted = mintQueued(request, pending.sequence);
        if (!minted)
            return std::unexpected(minted.error());
        pending.minted = std::move(*minted);
        return pending;
    }
    std::optional<Jwk> apiKeySecret;
    auto prepared = prepareMint(request, apiKeySecret);
    if (!prepared)
        return std::unexpected(prepared.error());
    if (!m_signers)
        m_signers = std::make_unique<SignatureWorkers>();
    pending.minted.entry = prepared->entry;
    pending.issueAudit = issueNote(request);
    // The worker owns copies: the cached key may be replaced before it runs.
    pending.signing =
        m_signers->start([issuer = prepared->issuer, request, key = *prepared->key,
                          entry = std::move(prepared->entry)] { return sign(issuer, request, key, entry); });
    return pending;
}

std::optional<Status> TokenService::recorded(PendingMint& pending)
{
    if (pending.signing) {
        if (!pending.signing->isDone())
            return std::nullopt;
        auto token = pending.signing->takeToken();
        pending.signing.reset();
        if (!token)
            return Status(std::unexpected(token.error()));
        pending.minted.token = std::move(*token);
        auto queued = queueMinted(pending.minted, false, std::move(pending.issueAudit));
        if (!queued)
            return Status(std::unexpected(queued.error()));
        pending.sequence = *queued;
    }
    if (pending.sequence == 0)
        return Status();
    auto status = m_writer->poll(pending.sequence);
    if (status && !*status)
        return Status(
            std::unexpected(status->error().withContext(QStringLiteral("the token was minted but not recorded"))));
    return status;
}

Result<std::optional<TokenService::LedgerRecord>>
TokenService::ledgerRecord(const QString& projectId, const QString& jti, std::string_view token) const
{
    auto row = m_database.firstRow(QStringLiteral("SELECT one_time, consumed_at, sealed_token FROM ledger "
                                                  "WHERE project_id = ? AND jti = ?"),
                                   {projectId, jti});
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::optional<LedgerRecord>();
    auto stored = m_vault.open((**row)[2].toByteArray(), SealedKind::Token, ledgerSealId(projectId, jti));
    if (!stored)
        return std::unexpected(stored.error());
    LedgerRecord record;
    record.oneTime = (**row)[0].toBool();
    record.consumedAt = optionalInteger((**row)[1]);
    // The very bytes minted, not merely a token that claims their jti (an API key's holder could sign one).
    // Compared as they are, in constant time (a token's length is no secret): hashing both first took a
    // fifth of verifying an 8 KB token.
    record.sameToken =
        Crypto::constantTimeEquals(stored->view(), QByteArrayView(token.data(), qsizetype(token.size())));
    return std::optional<LedgerRecord>(record);
}

Result<ConsumeOutcome> TokenService::consume(const QString& projectId, std::string_view token)
{
    awaitLedger();
    const QString jti = peekToken(token).claimText("jti");
    if (jti.isEmpty())
        return ConsumeOutcome::NotInLedger;
    auto record = ledgerRecord(projectId, jti, token);
    if (!record)
        return std::unexpected(record.error());
    if (!*record)
        return ConsumeOutcome::NotInLedger;
    if (!(*record)->sameToken)
        return ConsumeOutcome::DifferentToken;
    return consumeRecorded(projectId, jti);
}

Result<ConsumeOutcome> TokenService::consumeRecorded(const QString& projectId, const QString& jti,
                                                     const QString& consumer)
{
    // One statement decides: SQLite serialises writers, so exactly one consumer sees a changed row.
    // The audit record goes in the same transaction.
    const qint64 now = m_clock.now();
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto updated = m_database.run(
        QStringLiteral("UPDATE ledger SET consumed_at = ? WHERE project_id = ? AND jti = ? AND one_time = 1 "
                       "AND consumed_at IS NULL AND expires_at > ?"),
        {now, projectId, jti, now});
    if (!updated)
        return std::unexpected(updated.error());
    if (*updated == 1) {
        if (auto logged = m_audit.record(QStringLiteral("token.consume"), projectId, jti, consumer); !logged)
            return std::unexpected(logged.error());
        if (auto committed = transaction->commit(); !committed)
            return std::unexpected(committed.error());
        Q_EMIT ledgerChanged(projectId);
        return ConsumeOutcome::Consumed;
    }
    auto row = m_database.firstRow(
        QStringLiteral("SELECT one_time, consumed_at FROM ledger WHERE project_id = ? AND jti = ?"), {projectId, jti});
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return ConsumeOutcome::NotInLedger;
    if (!(**row)[0].toBool())
        return ConsumeOutcome::NotOneTime;
    if (!(**row)[1].isNull())
        return ConsumeOutcome::AlreadyUsed;
    return ConsumeOutcome::Expired;
}

Result<ProjectVerification> TokenService::verify(const QString& projectId, std::string_view token,
                                                 VerifyOptions options, Consumption consumption,
                                                 const QString& consumer)
{
    awaitLedger();
    auto report = ProjectVerifier(m_projects, m_keys, m_apiKeys, m_clock).verify(projectId, token, std::move(options));
    if (!report)
        return std::unexpected(report.error());
    ProjectVerification result{std::move(*report), std::nullopt, std::nullopt};
    const bool validSoFar = result.report.isValid();
    const JsonValue* jtiClaim = result.report.claims().find("jti");
    const QString jti = jtiClaim && jtiClaim->isString() ? QString::fromStdString(jtiClaim->asString()) : QString();
    std::optional<LedgerRecord> record;
    if (!jti.isEmpty()) {
        auto found = ledgerRecord(projectId, jti, token);
        if (!found)
            return std::unexpected(found.error());
        record = *found;
    }
    if (consumption == Consumption::Check) {
        result.ledger = ledgerCheck(record, jti);
        return result;
    }
    if (!validSoFar)
        return result; // an invalid token is never consumed
    ConsumeOutcome outcome = !record              ? ConsumeOutcome::NotInLedger
                             : !record->sameToken ? ConsumeOutcome::DifferentToken
                                                  : ConsumeOutcome::Consumed;
    if (outcome == ConsumeOutcome::Consumed) {
        auto consumed = consumeRecorded(projectId, jti, consumer);
        if (!consumed)
            return std::unexpected(consumed.error());
        outcome = *consumed;
    }
    result.consumed = outcome;
    result.ledger = Check{CheckId::OneTime, outcome == ConsumeOutcome::Consumed ? Outcome::Passed : Outcome::Failed,
                          describe(outcome)};
    return result;
}

std::optional<Check> TokenService::ledgerCheck(const std::optional<LedgerRecord>& record, const QString& jti)
{
    if (!record)
        return Check{CheckId::OneTime, Outcome::Skipped,
                     QStringLiteral("not minted in this workspace (not in its ledger): nothing to consume")};
    if (!record->sameToken)
        return Check{CheckId::OneTime, Outcome::Failed,
                     QStringLiteral("not the token minted with jti %1: its bytes differ from the ledger's").arg(jti)};
    if (!record->oneTime)
        return std::nullopt;
    if (record->consumedAt)
        return Check{CheckId::OneTime, Outcome::Skipped,
                     QStringLiteral("one-time token, used at %1: consuming it again is refused")
                         .arg(Duration::formatUtc(*record->consumedAt))};
    return Check{CheckId::OneTime, Outcome::Skipped, QStringLiteral("one-time token, not used yet (consume uses it)")};
}

Result<QList<LedgerEntry>> TokenService::list(const QString& projectId, int limit) const
{
    if (auto project = m_projects.get(projectId); !project)
        return std::unexpected(project.error());
    awaitLedger();
    auto query = m_database.exec(
        QStringLiteral("SELECT %1 FROM ledger WHERE project_id = ? ORDER BY issued_at DESC, jti LIMIT ?")
            .arg(LedgerRow::columns()),
        {projectId, limit});
    if (!query)
        return std::unexpected(query.error());
    QList<LedgerEntry> entries;
    while (query->next())
        entries.append(LedgerRow::fromRow(*query));
    return entries;
}

Result<QString> TokenService::reveal(const QString& projectId, const QString& jti)
{
    awaitLedger();
    auto sealed = m_database.scalar(QStringLiteral("SELECT sealed_token FROM ledger WHERE project_id = ? AND jti = ?"),
                                    {projectId, jti});
    if (!sealed)
        return std::unexpected(sealed.error());
    if (!sealed->isValid())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("project '%1' has no token '%2' in its ledger").arg(projectId, jti));
    auto token = m_vault.open(sealed->toByteArray(), SealedKind::Token, ledgerSealId(projectId, jti));
    if (!token)
        return std::unexpected(token.error());
    (void)m_audit.record(QStringLiteral("token.reveal"), projectId, jti);
    return QString::fromUtf8(token->view());
}

} // namespace Signet
