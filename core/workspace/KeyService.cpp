#include "workspace/KeyService.h"
#include "workspace/Database.h"

#include "crypto/Random.h"
#include "foundation/Duration.h"
#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "jose/KeyGeneration.h"
#include "workspace/FieldRules.h"
#include "workspace/ProjectService.h"

#include <QSqlQuery>

namespace Signet {

namespace {

const QString kColumns =
    QStringLiteral("project_id, kid, alg, key_type, state, created_at, activated_at, retire_at, ended_at, "
                   "fingerprint, public_jwk");

SigningKeyRecord fromRow(const QSqlQuery& row)
{
    SigningKeyRecord key;
    key.projectId = row.value(0).toString();
    key.kid = row.value(1).toString();
    key.algorithm = algorithmFromName(row.value(2).toString()).value_or(Algorithm::ES256);
    key.keyType = row.value(3).toString();
    key.state = keyStateFromName(row.value(4).toString()).value_or(KeyState::Revoked);
    key.createdAt = row.value(5).toLongLong();
    key.activatedAt = optionalInteger(row.value(6));
    key.retireAt = optionalInteger(row.value(7));
    key.endedAt = optionalInteger(row.value(8));
    key.fingerprint = row.value(9).toString();
    key.publicJwk = row.value(10).toString();
    return key;
}

int stateOrder(KeyState state)
{
    switch (state) {
    case KeyState::Active:
        return 0;
    case KeyState::Next:
        return 1;
    case KeyState::Retiring:
        return 2;
    case KeyState::Retired:
        return 3;
    case KeyState::Revoked:
        return 4;
    }
    return 5;
}

// What retireExpired() writes at the next change. Reads do not write it themselves: a read must not
// wait for another writer's lock (nor cost a team workspace a write), and reads as of now all the same.
void readAsOf(SigningKeyRecord& key, qint64 now)
{
    if (key.state == KeyState::Retiring && key.retireAt && *key.retireAt <= now) {
        key.state = KeyState::Retired;
        key.endedAt = key.retireAt;
    }
}

// Active first, then next, retiring, retired and revoked; the newest first within a state.
void sortForListing(QList<SigningKeyRecord>& keys)
{
    std::sort(keys.begin(), keys.end(), [](const SigningKeyRecord& a, const SigningKeyRecord& b) {
        if (stateOrder(a.state) != stateOrder(b.state))
            return stateOrder(a.state) < stateOrder(b.state);
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.kid < b.kid;
    });
}

// "SHA256:" and the RFC 7638 thumbprint: the key material alone, whatever its kid, alg or use.
QString fingerprintOf(const Jwk& key)
{
    return QStringLiteral("SHA256:") + key.thumbprint();
}

QString sealId(const QString& projectId, const QString& kid)
{
    return projectId + QLatin1Char('/') + kid;
}

} // namespace

KeyService::KeyService(const Database& database, const Vault& vault, ProjectService& projects, AuditLog& audit,
                       const Clock& clock)
    : m_database(database)
    , m_vault(vault)
    , m_projects(projects)
    , m_audit(audit)
    , m_clock(clock)
{}

Status KeyService::checkProjectKeyAlgorithm(Algorithm alg)
{
    if (algorithmFamily(alg) == AlgorithmFamily::Hmac)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("project signing keys are asymmetric (a JWKS cannot publish an HMAC "
                                   "secret); for HS256 tokens use an API key"));
    return {};
}

Result<Jwk> KeyService::makeKey(Algorithm alg, int rsaBits) const
{
    if (auto fits = checkProjectKeyAlgorithm(alg); !fits)
        return std::unexpected(fits.error());
    return generateKey(alg, {.rsaBits = rsaBits});
}

Status KeyService::retireExpired()
{
    // A read-only workspace keeps its rows; list() reads such keys as retired all the same.
    if (m_database.isReadOnly())
        return {};
    auto done = m_database.exec(QStringLiteral("UPDATE signing_keys SET state = 'retired', ended_at = retire_at "
                                               "WHERE state = 'retiring' AND retire_at <= ?"),
                                {m_clock.now()});
    if (!done)
        return std::unexpected(done.error());
    return {};
}

Result<std::optional<SigningKeyRecord>> KeyService::findInState(const QString& projectId, KeyState state)
{
    auto query = m_database.exec(QStringLiteral("SELECT %1 FROM signing_keys WHERE project_id = ? AND state = ? "
                                                "ORDER BY created_at, %2 LIMIT 1")
                                     .arg(kColumns, m_database.insertionOrder()),
                                 {projectId, keyStateName(state)});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::optional<SigningKeyRecord>();
    return std::optional<SigningKeyRecord>(fromRow(*query));
}

Result<SigningKeyRecord> KeyService::insert(const QString& projectId, const Jwk& key, Algorithm alg, KeyState state,
                                            const QString& action)
{
    Jwk stored = key;
    stored.setAlgorithm(alg);
    stored.setUse(QStringLiteral("sig"));
    if (stored.kid().isEmpty())
        stored.setKid(stored.thumbprint());
    SigningKeyRecord record;
    record.projectId = projectId;
    record.kid = stored.kid();
    record.algorithm = alg;
    record.keyType = stored.description();
    record.state = state;
    record.createdAt = m_clock.now();
    if (state == KeyState::Active)
        record.activatedAt = record.createdAt;
    record.fingerprint = fingerprintOf(stored);
    record.publicJwk = QString::fromStdString(JsonWriter::write(stored.publicJwk().toJson()));

    std::string privateJson = JsonWriter::write(stored.toJson(Jwk::Members::Private));
    auto sealed = m_vault.seal(QByteArrayView(privateJson.data(), static_cast<qsizetype>(privateJson.size())),
                               SealedKind::SigningKey, sealId(projectId, record.kid));
    std::fill(privateJson.begin(), privateJson.end(), '\0');
    if (!sealed)
        return std::unexpected(sealed.error());
    // insert() runs inside its caller's write transaction.
    if (auto current = m_vault.checkCurrent(m_database); !current)
        return std::unexpected(current.error());

    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO signing_keys (%1, sealed_private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kColumns),
        {record.projectId, record.kid, algorithmQName(alg), record.keyType, keyStateName(state), record.createdAt,
         nullableInteger(record.activatedAt), nullableInteger(record.retireAt), nullableInteger(record.endedAt),
         record.fingerprint, record.publicJwk, *sealed});
    if (!inserted) {
        if (inserted.error().code == ErrorCode::InvalidArgument)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("the project already has a key with kid '%1'").arg(record.kid));
        return std::unexpected(inserted.error());
    }
    if (auto logged =
            m_audit.record(action, projectId, record.kid,
                           QStringLiteral("%1 %2, %3").arg(algorithmQName(alg), record.keyType, keyStateName(state)));
        !logged)
        return std::unexpected(logged.error());
    return record;
}

Result<SigningKeyRecord> KeyService::import(const QString& projectId, const Jwk& privateKey,
                                            std::optional<Algorithm> alg, std::optional<KeyState> state)
{
    return add(projectId, privateKey, alg, state, QStringLiteral("key.import"));
}

Result<SigningKeyRecord> KeyService::add(const QString& projectId, const Jwk& privateKey, std::optional<Algorithm> alg,
                                         std::optional<KeyState> state, const QString& action)
{
    if (privateKey.isSymmetric())
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("an HMAC secret cannot be a project signing key (a JWKS cannot publish it)"));
    if (!privateKey.hasPrivate())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a signing key needs its private half; this is a public key"));
    const std::optional<Algorithm> algorithm = alg ? alg : privateKey.defaultAlgorithm();
    if (!algorithm)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("no JWS algorithm fits a %1 key").arg(privateKey.description()));
    if (auto permitted = privateKey.permits(*algorithm, KeyOperation::Sign); !permitted)
        return std::unexpected(permitted.error());
    if (state && *state != KeyState::Next && *state != KeyState::Active)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a new key starts as 'next' or 'active'"));
    if (!privateKey.kid().isEmpty()) {
        if (auto valid = FieldRules::checkKeyId(privateKey.kid()); !valid)
            return std::unexpected(valid.error());
    }
    if (auto project = m_projects.get(projectId); !project)
        return std::unexpected(project.error());

    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto retired = retireExpired(); !retired)
        return std::unexpected(retired.error());
    auto active = findInState(projectId, KeyState::Active);
    if (!active)
        return std::unexpected(active.error());
    const KeyState initial = state.value_or(active->has_value() ? KeyState::Next : KeyState::Active);
    if (initial == KeyState::Active && active->has_value())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("project '%1' already has an active key (%2): add this one as "
                                   "'next' and rotate")
                        .arg(projectId, (*active)->kid));
    if (auto unique = checkNotInWorkspace(privateKey); !unique)
        return std::unexpected(unique.error());
    auto record = insert(projectId, privateKey, *algorithm, initial, action);
    if (!record)
        return record;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    Q_EMIT keysChanged(projectId);
    return record;
}

Result<SigningKeyRecord> KeyService::generate(const QString& projectId, Algorithm alg, int rsaBits,
                                              std::optional<KeyState> state)
{
    auto key = makeKey(alg, rsaBits);
    if (!key)
        return std::unexpected(key.error());
    return add(projectId, *key, alg, state, QStringLiteral("key.generate"));
}

Status KeyService::checkNotInWorkspace(const Jwk& key)
{
    // The same key material under any kid, in any project, in any state: a revoked key must never
    // come back as an active one under a new name.
    auto query = m_database.exec(
        QStringLiteral("SELECT project_id, kid, state, ended_at FROM signing_keys WHERE fingerprint = ? LIMIT 1"),
        {fingerprintOf(key)});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return {};
    const QString state = query->value(2).toString();
    const QString when = query->value(3).isNull()
                             ? QString()
                             : QStringLiteral(" since %1").arg(Duration::formatUtc(query->value(3).toLongLong()));
    return fail(ErrorCode::InvalidArgument,
                QStringLiteral("this key is already in the workspace: key %1 of project '%2' (%3%4)")
                    .arg(query->value(1).toString(), query->value(0).toString(), state, when));
}

Result<SigningKeyRecord> KeyService::addGenerated(const QString& projectId, const Jwk& key, Algorithm alg,
                                                  std::optional<KeyState> state)
{
    if (auto fits = checkProjectKeyAlgorithm(alg); !fits)
        return std::unexpected(fits.error());
    return add(projectId, key, alg, state, QStringLiteral("key.generate"));
}

Result<QList<SigningKeyRecord>> KeyService::list(const QString& projectId)
{
    if (auto project = m_projects.get(projectId); !project)
        return std::unexpected(project.error());
    auto query =
        m_database.exec(QStringLiteral("SELECT %1 FROM signing_keys WHERE project_id = ?").arg(kColumns), {projectId});
    if (!query)
        return std::unexpected(query.error());
    QList<SigningKeyRecord> keys;
    const qint64 now = m_clock.now();
    while (query->next()) {
        keys.append(fromRow(*query));
        readAsOf(keys.back(), now);
    }
    sortForListing(keys);
    return keys;
}

Result<QHash<QString, QList<SigningKeyRecord>>> KeyService::listByProject()
{
    auto query = m_database.exec(QStringLiteral("SELECT %1 FROM signing_keys").arg(kColumns));
    if (!query)
        return std::unexpected(query.error());
    QHash<QString, QList<SigningKeyRecord>> byProject;
    const qint64 now = m_clock.now();
    while (query->next()) {
        SigningKeyRecord key = fromRow(*query);
        readAsOf(key, now);
        byProject[key.projectId].append(std::move(key));
    }
    for (QList<SigningKeyRecord>& keys : byProject)
        sortForListing(keys);
    return byProject;
}

Status KeyService::setState(const SigningKeyRecord& key, KeyState state, std::optional<qint64> retireAt)
{
    if (!isLegalTransition(key.state, state))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("key %1 is %2: it cannot become %3")
                                                    .arg(key.kid, keyStateName(key.state), keyStateName(state)));
    const qint64 now = m_clock.now();
    QString sql;
    QVariantList bindings;
    switch (state) {
    case KeyState::Active:
        sql = QStringLiteral(
            "UPDATE signing_keys SET state = 'active', activated_at = ? WHERE project_id = ? AND kid = ?");
        bindings = {now, key.projectId, key.kid};
        break;
    case KeyState::Retiring:
        sql = QStringLiteral(
            "UPDATE signing_keys SET state = 'retiring', retire_at = ? WHERE project_id = ? AND kid = ?");
        bindings = {retireAt.value_or(now), key.projectId, key.kid};
        break;
    case KeyState::Retired:
    case KeyState::Revoked:
        sql = QStringLiteral("UPDATE signing_keys SET state = ?, ended_at = ? WHERE project_id = ? AND kid = ?");
        bindings = {keyStateName(state), now, key.projectId, key.kid};
        break;
    case KeyState::Next:
        break;
    }
    auto done = m_database.exec(sql, bindings);
    if (!done)
        return std::unexpected(done.error());
    return {};
}

namespace {

int rsaBitsOf(const SigningKeyRecord& key)
{
    return key.keyType.startsWith(QLatin1String("RSA ")) ? key.keyType.mid(4).toInt() : 0;
}

bool sameKey(const std::optional<SigningKeyRecord>& a, const std::optional<SigningKeyRecord>& b)
{
    return a.has_value() == b.has_value() && (!a || a->kid == b->kid);
}

} // namespace

Result<RotationPlan> KeyService::planRotation(const QString& projectId, const RotateOptions& options)
{
    auto project = m_projects.get(projectId);
    if (!project)
        return std::unexpected(project.error());
    if (options.retireAfter && *options.retireAfter < 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the retire-after delay cannot be negative"));
    if (auto retired = retireExpired(); !retired)
        return std::unexpected(retired.error());
    RotationPlan plan;
    plan.projectId = projectId;
    // The same reads rotate(plan) repeats under the write lock to check that nothing changed.
    auto active = findInState(projectId, KeyState::Active);
    if (!active)
        return std::unexpected(active.error());
    auto next = findInState(projectId, KeyState::Next); // the oldest: it has been published longest
    if (!next)
        return std::unexpected(next.error());
    plan.outgoing = *active;
    plan.incoming = *next;
    if (!plan.outgoing && !plan.incoming)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("project '%1' has no active or next key to rotate to; generate one").arg(projectId));
    const SigningKeyRecord& model = plan.incoming ? *plan.incoming : *plan.outgoing;
    plan.newKeyAlgorithm = model.algorithm;
    plan.newKeyRsaBits = rsaBitsOf(model);
    plan.outgoingFate = options.revokeOld ? RotationPlan::OutgoingFate::Revoke : RotationPlan::OutgoingFate::Retire;
    plan.retireAfter = options.retireAfter.value_or(std::max(project->maxTtl, project->jwksMaxAge));
    plan.prepareNext = options.prepareNext;
    return plan;
}

Result<RotationResult> KeyService::rotate(const QString& projectId, const RotateOptions& options)
{
    // "Rotate this project" still makes sense after someone else rotated it first (two members at
    // once): plan again from what they left, so both rotations happen, one after the other.
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        auto plan = planRotation(projectId, options);
        if (!plan)
            return std::unexpected(plan.error());
        auto rotated = rotate(*plan);
        if (rotated || rotated.error().code != ErrorCode::Conflict || attempt == kAttempts)
            return rotated;
    }
}

Result<RotationResult> KeyService::rotate(const RotationPlan& plan)
{
    // Key generation (seconds for RSA 4096) happens before the write lock is taken.
    std::optional<Jwk> freshActive, freshNext;
    if (!plan.incoming) {
        auto key = makeKey(plan.newKeyAlgorithm, plan.newKeyRsaBits);
        if (!key)
            return std::unexpected(key.error());
        freshActive = std::move(*key);
    }
    if (plan.prepareNext) {
        auto key = makeKey(plan.newKeyAlgorithm, plan.newKeyRsaBits);
        if (!key)
            return std::unexpected(key.error());
        freshNext = std::move(*key);
    }
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto unchanged = checkPlanStillHolds(plan); !unchanged)
        return std::unexpected(unchanged.error());
    RotationResult result;
    if (auto done = retireOutgoing(plan, result); !done)
        return std::unexpected(done.error());
    if (auto done = activateIncoming(plan, freshActive, result); !done)
        return std::unexpected(done.error());
    if (freshNext) {
        auto inserted = insert(plan.projectId, *freshNext, result.activated.algorithm, KeyState::Next,
                               QStringLiteral("key.generate"));
        if (!inserted)
            return std::unexpected(inserted.error());
        result.prepared = *inserted;
    }
    if (auto logged = auditRotation(plan, result); !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    Q_EMIT keysChanged(plan.projectId);
    return result;
}

Status KeyService::checkPlanStillHolds(const RotationPlan& plan)
{
    if (auto retired = retireExpired(); !retired)
        return retired;
    // Re-read under the lock: another process (or window) may have rotated or added a key since.
    auto active = findInState(plan.projectId, KeyState::Active);
    if (!active)
        return std::unexpected(active.error());
    auto next = findInState(plan.projectId, KeyState::Next);
    if (!next)
        return std::unexpected(next.error());
    if (!sameKey(*active, plan.outgoing) || !sameKey(*next, plan.incoming))
        return fail(ErrorCode::Conflict,
                    QStringLiteral("the keys of '%1' changed while rotating; try again").arg(plan.projectId));
    return {};
}

Status KeyService::retireOutgoing(const RotationPlan& plan, RotationResult& result)
{
    if (!plan.outgoing)
        return {};
    SigningKeyRecord outgoing = *plan.outgoing;
    const qint64 now = m_clock.now();
    if (plan.outgoingFate == RotationPlan::OutgoingFate::Revoke) {
        if (auto done = setState(outgoing, KeyState::Revoked); !done)
            return done;
        outgoing.state = KeyState::Revoked;
        outgoing.endedAt = now;
    } else {
        if (auto done = setState(outgoing, KeyState::Retiring, now + plan.retireAfter); !done)
            return done;
        outgoing.state = KeyState::Retiring;
        outgoing.retireAt = now + plan.retireAfter;
    }
    result.previous = outgoing;
    return {};
}

Status KeyService::activateIncoming(const RotationPlan& plan, const std::optional<Jwk>& freshActive,
                                    RotationResult& result)
{
    if (plan.incoming) {
        SigningKeyRecord promoted = *plan.incoming;
        if (auto done = setState(promoted, KeyState::Active); !done)
            return done;
        promoted.state = KeyState::Active;
        promoted.activatedAt = m_clock.now();
        result.activated = promoted;
        return {};
    }
    auto inserted =
        insert(plan.projectId, *freshActive, plan.newKeyAlgorithm, KeyState::Active, QStringLiteral("key.generate"));
    if (!inserted)
        return std::unexpected(inserted.error());
    result.activated = *inserted;
    return {};
}

Status KeyService::auditRotation(const RotationPlan& plan, const RotationResult& result)
{
    QString details = QStringLiteral("%1 is active").arg(result.activated.kid);
    if (result.previous)
        details += result.previous->state == KeyState::Revoked
                       ? QStringLiteral("; %1 revoked").arg(result.previous->kid)
                       : QStringLiteral("; %1 retires at %2")
                             .arg(result.previous->kid, Duration::formatUtc(*result.previous->retireAt));
    const bool revoked = plan.outgoingFate == RotationPlan::OutgoingFate::Revoke;
    return m_audit.record(revoked ? QStringLiteral("key.rotate-revoke") : QStringLiteral("key.rotate"), plan.projectId,
                          result.activated.kid, details);
}

Result<SigningKeyRecord> KeyService::revoke(const QString& projectId, const QString& kid)
{
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto retired = retireExpired(); !retired)
        return std::unexpected(retired.error());
    auto query = m_database.exec(
        QStringLiteral("SELECT %1 FROM signing_keys WHERE project_id = ? AND kid = ?").arg(kColumns), {projectId, kid});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, QStringLiteral("project '%1' has no key '%2'").arg(projectId, kid));
    SigningKeyRecord key = fromRow(*query);
    if (auto done = setState(key, KeyState::Revoked); !done)
        return std::unexpected(done.error());
    if (auto logged = m_audit.record(QStringLiteral("key.revoke"), projectId, kid,
                                     QStringLiteral("was %1").arg(keyStateName(key.state)));
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    key.state = KeyState::Revoked;
    key.endedAt = m_clock.now();
    Q_EMIT keysChanged(projectId);
    return key;
}

Result<Jwk> KeyService::activeSigningKey(const QString& projectId)
{
    // Which key is active can change under us (another process rotates); its private half cannot.
    // So the kid is asked every time and the unsealed, validated key is kept per (project, kid).
    auto kid = m_database.scalar(
        QStringLiteral("SELECT kid FROM signing_keys WHERE project_id = ? AND state = 'active'"), {projectId});
    if (!kid)
        return std::unexpected(kid.error());
    if (!kid->isValid())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("project '%1' has no active signing key (generate one or rotate)").arg(projectId));
    const QString id = sealId(projectId, kid->toString());
    if (auto cached = m_signingKeys.constFind(id); cached != m_signingKeys.constEnd())
        return *cached;
    auto sealed =
        m_database.scalar(QStringLiteral("SELECT sealed_private FROM signing_keys WHERE project_id = ? AND kid = ?"),
                          {projectId, kid->toString()});
    if (!sealed)
        return std::unexpected(sealed.error());
    auto opened = m_vault.open(sealed->toByteArray(), SealedKind::SigningKey, id);
    if (!opened)
        return std::unexpected(opened.error());
    auto key = Jwk::parse(opened->view());
    if (key)
        m_signingKeys.insert(id, *key);
    return key;
}

Result<JwkSet> KeyService::publishedKeys(const QString& projectId, std::optional<qint64> asOf)
{
    if (!asOf) {
        if (!m_publishedWatch)
            m_publishedWatch = std::make_unique<ConfigurationWatch>(m_database);
        if (!m_publishedWatch->unchanged())
            m_publishedKeys.clear();
        if (auto cached = m_publishedKeys.constFind(projectId);
            cached != m_publishedKeys.constEnd() && (!cached->until || m_clock.now() < *cached->until))
            return cached->keys;
    }
    auto keys = list(projectId);
    if (!keys)
        return std::unexpected(keys.error());
    auto set = publishedAmong(*keys, asOf);
    if (set && !asOf)
        m_publishedKeys.insert(projectId, {*set, firstRetireAt(*keys)});
    return set;
}

std::optional<qint64> KeyService::firstRetireAt(const QList<SigningKeyRecord>& keys)
{
    std::optional<qint64> first;
    for (const SigningKeyRecord& key : keys) {
        if (key.state == KeyState::Retiring && key.retireAt && (!first || *key.retireAt < *first))
            first = key.retireAt;
    }
    return first;
}

Result<JwkSet> KeyService::publishedAmong(const QList<SigningKeyRecord>& keys, std::optional<qint64> asOf)
{
    // As of another time: a retiring key is gone once its retire-at has passed, a retired one was still
    // published before it; a revoked key is never trusted again, whatever the time.
    auto publishedAt = [](const SigningKeyRecord& key, qint64 when) {
        switch (key.state) {
        case KeyState::Next:
        case KeyState::Active:
            return true;
        case KeyState::Retiring:
            return !key.retireAt || *key.retireAt > when;
        case KeyState::Retired:
            return key.endedAt && *key.endedAt > when;
        case KeyState::Revoked:
            return false;
        }
        return false;
    };
    JwkSet set;
    for (const SigningKeyRecord& key : keys) {
        if (asOf ? !publishedAt(key, *asOf) : !isPublished(key.state))
            continue;
        auto jwk = Jwk::parse(key.publicJwk.toUtf8());
        if (!jwk)
            return std::unexpected(jwk.error().withContext(QStringLiteral("stored key %1").arg(key.kid)));
        set.add(std::move(*jwk));
    }
    return set;
}

Result<QByteArray> KeyService::jwks(const QString& projectId)
{
    auto set = publishedKeys(projectId);
    if (!set)
        return std::unexpected(set.error());
    return QByteArray::fromStdString(JsonWriter::write(set->toPublicJson(), JsonWriter::Style::Indented) + "\n");
}

} // namespace Signet
