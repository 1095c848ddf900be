#include "workspace/ApiKeyService.h"
#include "workspace/Database.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "jose/Base64Url.h"
#include "workspace/FieldRules.h"
#include "workspace/ProjectService.h"
#include "workspace/TokenRules.h"

#include <QSqlQuery>

namespace Signet {

namespace {

const QString kColumns =
    QStringLiteral("id, project_id, name, scopes, created_at, expires_at, last_used_at, revoked_at");

template<class Row> ApiKeyRecord fromRow(const Row& row)
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
    , m_found(database)
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
    if (auto stored = insert(record, created.secret.toUtf8(), QStringLiteral("apikey.create")); !stored)
        return std::unexpected(stored.error());
    Q_EMIT apiKeysChanged(projectId);
    return created;
}

Result<ApiKeyRecord> ApiKeyService::importKey(const QString& projectId, const QString& id,
                                              const Crypto::SecureBytes& secret, const QString& name,
                                              const QStringList& scopes)
{
    auto project = m_projects.get(projectId);
    if (!project)
        return std::unexpected(project.error());
    const QString keyName = name.trimmed().isEmpty() ? QStringLiteral("imported") : name.trimmed();
    if (auto named = FieldRules::checkName(QStringLiteral("API key name"), keyName); !named)
        return std::unexpected(named.error());
    if (auto known = checkScopesInCatalogue(*project, scopes); !known)
        return std::unexpected(known.error());
    if (auto importable = checkImportable(projectId, id, secret.view()); !importable)
        return std::unexpected(importable.error());
    ApiKeyRecord record;
    record.id = id;
    record.projectId = projectId;
    record.name = keyName;
    record.scopes = scopes;
    record.scopes.removeDuplicates();
    record.createdAt = m_clock.now();
    if (auto stored = insert(record, secret.view(), QStringLiteral("apikey.import")); !stored)
        return std::unexpected(stored.error());
    Q_EMIT apiKeysChanged(projectId);
    return record;
}

Status ApiKeyService::checkSecretText(QByteArrayView secretText)
{
    if (secretText.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the secret is empty"));
    const QString text = QString::fromUtf8(secretText);
    if (text.toUtf8() != secretText)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the secret is not UTF-8 text; the provider's code signs with a string's UTF-8 "
                                   "bytes, so a binary secret cannot be the same key"));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the secret holds a control character or a line break (U+%1 at character %2); "
                                       "copy the secret alone, as the dashboard shows it")
                            .arg(uint(u), 4, 16, QLatin1Char('0'))
                            .arg(i + 1));
    }
    return {};
}

Status ApiKeyService::checkImportable(const QString& projectId, const QString& id, QByteArrayView secretText) const
{
    // The id becomes the kid of the tokens it signs: it travels in headers and JSON as it is.
    if (id.isEmpty() || id.size() > kMaxImportedIdLength)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("an API key id has 1 to %1 characters; this one has %2")
                                                    .arg(kMaxImportedIdLength)
                                                    .arg(id.size()));
    for (qsizetype i = 0; i < id.size(); ++i) {
        if (id[i].unicode() <= 0x20 || id[i].unicode() >= 0x7F)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("the API key id holds a space or a character outside printable ASCII (U+%1 at "
                                       "position %2); ids travel in token headers as they are")
                            .arg(uint(id[i].unicode()), 4, 16, QLatin1Char('0'))
                            .arg(i + 1));
    }
    if (auto text = checkSecretText(secretText); !text)
        return text;
    const auto minimum = static_cast<qsizetype>(minimumHmacKeySize(Algorithm::HS256));
    if (secretText.size() < minimum)
        return fail(ErrorCode::WeakKey,
                    QStringLiteral("the secret is %1 bytes; HS256 tokens need a secret of at least %2 (RFC 7518 3.2)")
                        .arg(secretText.size())
                        .arg(minimum));
    auto owner = m_database.scalar(QStringLiteral("SELECT project_id FROM api_keys WHERE id = ?"), {id});
    if (!owner)
        return std::unexpected(owner.error());
    if (owner->isValid())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("an API key '%1' already exists (project '%2'); nothing was imported")
                        .arg(id, owner->toString()));
    // authenticateSecret finds a key by its secret alone: two keys of a project must not share one.
    auto twin = m_database.scalar(QStringLiteral("SELECT id FROM api_keys WHERE project_id = ? AND secret_hash = ?"),
                                  {projectId, Crypto::sha256(secretText)});
    if (!twin)
        return std::unexpected(twin.error());
    if (twin->isValid())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("API key '%1' of project '%2' already has this secret; nothing was imported")
                        .arg(twin->toString(), projectId));
    return {};
}

Status ApiKeyService::insert(const ApiKeyRecord& record, QByteArrayView secretText, const QString& action)
{
    auto sealed = m_vault.seal(secretText, SealedKind::ApiKeySecret, record.id);
    if (!sealed)
        return std::unexpected(sealed.error());
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto current = m_vault.checkCurrent(m_database); !current)
        return current;
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO api_keys (%1, secret_hash, sealed_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kColumns),
        {record.id, record.projectId, record.name, record.scopes.join(QLatin1Char(' ')), record.createdAt,
         nullableInteger(record.expiresAt), nullableInteger(std::nullopt), nullableInteger(std::nullopt),
         Crypto::sha256(secretText), *sealed});
    if (!inserted)
        return std::unexpected(inserted.error());
    // "scopes: " with nothing after it read as a value lost; a key without scopes is said to have none.
    const QString scopes = record.scopes.isEmpty() ? QStringLiteral("no scopes")
                                                   : QStringLiteral("scopes: ") + record.scopes.join(QLatin1Char(' '));
    if (auto logged =
            m_audit.record(action, record.projectId, record.id, QStringLiteral("%1; %2").arg(record.name, scopes));
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return {};
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

Result<std::optional<ApiKeyRecord>> ApiKeyService::find(const QString& projectId, const QString& id) const
{
    return m_found.get(projectId + QLatin1Char('\n') + id, [&]() -> Result<std::optional<ApiKeyRecord>> {
        static const QString sql =
            QStringLiteral("SELECT %1 FROM api_keys WHERE project_id = ? AND id = ?").arg(kColumns);
        auto row = m_database.firstRow(sql, {projectId, id});
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return std::optional<ApiKeyRecord>();
        return std::optional<ApiKeyRecord>(fromRow(**row));
    });
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
