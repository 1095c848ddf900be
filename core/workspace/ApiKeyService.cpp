#include "workspace/ApiKeyService.h"
#include "workspace/Database.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "jose/Base64Url.h"
#include "workspace/ProjectService.h"
#include "workspace/TokenRules.h"

#include <QSqlQuery>

namespace Signet {

namespace {

const QString kColumns =
    QStringLiteral("id, project_id, name, scopes, created_at, expires_at, last_used_at, revoked_at");

ApiKeyRecord fromRow(const QSqlQuery& row)
{
    ApiKeyRecord key;
    key.id = row.value(0).toString();
    key.projectId = row.value(1).toString();
    key.name = row.value(2).toString();
    key.scopes = row.value(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    key.createdAt = row.value(4).toLongLong();
    key.expiresAt = optionalInteger(row.value(5));
    key.lastUsedAt = optionalInteger(row.value(6));
    key.revokedAt = optionalInteger(row.value(7));
    return key;
}

QString randomText(std::size_t bytes)
{
    return QString::fromLatin1(Base64Url::encode(Crypto::Random::bytes(bytes)));
}

} // namespace

ApiKeyService::ApiKeyService(const Database& database, const Vault& vault, ProjectService& projects, AuditLog& audit,
                             const Clock& clock)
    : m_database(database)
    , m_vault(vault)
    , m_projects(projects)
    , m_audit(audit)
    , m_clock(clock)
{}

Result<CreatedApiKey> ApiKeyService::create(const QString& projectId, const QString& name, const QStringList& scopes,
                                            std::optional<qint64> expiresIn)
{
    auto project = m_projects.get(projectId);
    if (!project)
        return std::unexpected(project.error());
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("an API key needs a name"));
    if (expiresIn && *expiresIn <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the expiry must be in the future"));
    if (auto known = checkScopesInCatalogue(*project, scopes); !known)
        return std::unexpected(known.error());
    CreatedApiKey created;
    ApiKeyRecord& record = created.record;
    record.id = QStringLiteral("ak_") + randomText(12);
    record.projectId = projectId;
    record.name = name.trimmed();
    record.scopes = scopes;
    record.scopes.removeDuplicates();
    record.createdAt = m_clock.now();
    if (expiresIn)
        record.expiresAt = record.createdAt + *expiresIn;
    created.secret = randomText(32);
    const QByteArray secretText = created.secret.toUtf8();
    auto sealed = m_vault.seal(secretText, SealedKind::ApiKeySecret, record.id);
    if (!sealed)
        return std::unexpected(sealed.error());

    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO api_keys (%1, secret_hash, sealed_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kColumns),
        {record.id, projectId, record.name, record.scopes.join(QLatin1Char(' ')), record.createdAt,
         nullableInteger(record.expiresAt), nullableInteger(std::nullopt), nullableInteger(std::nullopt),
         Crypto::sha256(secretText), *sealed});
    if (!inserted)
        return std::unexpected(inserted.error());
    if (auto logged =
            m_audit.record(QStringLiteral("apikey.create"), projectId, record.id,
                           QStringLiteral("%1; scopes: %2").arg(record.name, record.scopes.join(QLatin1Char(' '))));
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    Q_EMIT apiKeysChanged(projectId);
    return created;
}

Result<QList<ApiKeyRecord>> ApiKeyService::list(const QString& projectId) const
{
    if (auto project = m_projects.get(projectId); !project)
        return std::unexpected(project.error());
    auto query = m_database.exec(
        QStringLiteral("SELECT %1 FROM api_keys WHERE project_id = ? ORDER BY created_at, id").arg(kColumns),
        {projectId});
    if (!query)
        return std::unexpected(query.error());
    QList<ApiKeyRecord> keys;
    while (query->next())
        keys.append(fromRow(*query));
    return keys;
}

Result<ApiKeyRecord> ApiKeyService::get(const QString& projectId, const QString& id) const
{
    auto query = m_database.exec(
        QStringLiteral("SELECT %1 FROM api_keys WHERE project_id = ? AND id = ?").arg(kColumns), {projectId, id});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, QStringLiteral("project '%1' has no API key '%2'").arg(projectId, id));
    return fromRow(*query);
}

Result<ApiKeyRecord> ApiKeyService::revoke(const QString& projectId, const QString& id)
{
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto key = get(projectId, id);
    if (!key)
        return key;
    if (key->revokedAt)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("API key '%1' is already revoked").arg(id));
    key->revokedAt = m_clock.now();
    auto updated =
        m_database.exec(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ?"), {*key->revokedAt, id});
    if (!updated)
        return std::unexpected(updated.error());
    if (auto logged = m_audit.record(QStringLiteral("apikey.revoke"), projectId, id, key->name); !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    Q_EMIT apiKeysChanged(projectId);
    return key;
}

Result<ApiKeyRecord> ApiKeyService::authenticate(const QString& id, const QString& secret)
{
    auto query =
        m_database.exec(QStringLiteral("SELECT %1, secret_hash FROM api_keys WHERE id = ?").arg(kColumns), {id});
    if (!query)
        return std::unexpected(query.error());
    // The same answer for an unknown id and a wrong secret.
    const auto refused = [] { return fail(ErrorCode::KeyMismatch, QStringLiteral("unknown API key or wrong secret")); };
    if (!query->next())
        return refused();
    ApiKeyRecord key = fromRow(*query);
    if (!Crypto::constantTimeEquals(Crypto::sha256(secret.toUtf8()), query->value(8).toByteArray()))
        return refused();
    return accept(std::move(key));
}

Result<ApiKeyRecord> ApiKeyService::authenticateSecret(const QString& projectId, const QString& secret)
{
    auto query = m_database.exec(
        QStringLiteral("SELECT %1 FROM api_keys WHERE project_id = ? AND secret_hash = ?").arg(kColumns),
        {projectId, Crypto::sha256(secret.toUtf8())});
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return fail(ErrorCode::KeyMismatch, QStringLiteral("unknown API key"));
    return accept(fromRow(*query));
}

// A key whose secret matched: usable now, and its use recorded.
Result<ApiKeyRecord> ApiKeyService::accept(ApiKeyRecord key)
{
    if (!key.isUsable(m_clock.now()))
        return fail(ErrorCode::KeyMismatch, key.revokedAt ? QStringLiteral("API key '%1' is revoked").arg(key.id)
                                                          : QStringLiteral("API key '%1' has expired").arg(key.id));
    // The last use to the minute: a key used many times a second (the local server's token
    // endpoint) writes once a minute, not once a request.
    const qint64 now = m_clock.now();
    if (!key.lastUsedAt || now - *key.lastUsedAt >= kLastUseResolution) {
        key.lastUsedAt = now;
        (void)m_database.exec(QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ?"), {now, key.id});
    }
    return key;
}

Result<Jwk> ApiKeyService::secretJwk(const QString& id, const QByteArray& sealed) const
{
    auto secret = m_vault.open(sealed, SealedKind::ApiKeySecret, id);
    if (!secret)
        return std::unexpected(secret.error());
    return Jwk::fromSecret(std::move(*secret), id, Algorithm::HS256);
}

Result<Jwk> ApiKeyService::signingSecret(const QString& projectId, const QString& id)
{
    auto key = get(projectId, id);
    if (!key)
        return std::unexpected(key.error());
    if (!key->isUsable(m_clock.now()))
        return fail(ErrorCode::KeyMismatch, key->revokedAt ? QStringLiteral("API key '%1' is revoked").arg(id)
                                                           : QStringLiteral("API key '%1' has expired").arg(id));
    auto sealed = m_database.scalar(QStringLiteral("SELECT sealed_secret FROM api_keys WHERE id = ?"), {id});
    if (!sealed)
        return std::unexpected(sealed.error());
    (void)m_database.exec(QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ?"), {m_clock.now(), id});
    return secretJwk(id, sealed->toByteArray());
}

Result<Jwk> ApiKeyService::verificationSecret(const QString& projectId, const QString& id) const
{
    auto sealed = m_database.scalar(
        QStringLiteral("SELECT sealed_secret FROM api_keys WHERE project_id = ? AND id = ?"), {projectId, id});
    if (!sealed)
        return std::unexpected(sealed.error());
    if (!sealed->isValid())
        return fail(ErrorCode::NotFound, QStringLiteral("project '%1' has no API key '%2'").arg(projectId, id));
    return secretJwk(id, sealed->toByteArray());
}

} // namespace Signet
