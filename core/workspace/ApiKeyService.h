#pragma once

#include "crypto/SecureBytes.h"
#include "foundation/Clock.h"
#include "jose/JwkSet.h"
#include "workspace/AuditLog.h"
#include "workspace/ConfigurationCache.h"
#include "workspace/Vault.h"

namespace Signet {

class ProjectService;

struct CreatedApiKey
{
    ApiKeyRecord record;
    QString secret; // shown once; afterwards only its hash and a sealed copy are kept
};

// API keys: a public id and a 256-bit secret. The hash authenticates (constant-time); the sealed
// copy lets Signet mint HS256 tokens keyed with the secret's text, as VideoSDK's servers do.
class ApiKeyService : public QObject
{
    Q_OBJECT

public:
    ApiKeyService(const Database& database, const Vault& vault, ProjectService& projects, AuditLog& audit,
                  const Clock& clock);

    // Scopes must come from the project's catalogue when it has one.
    Result<CreatedApiKey> create(const QString& projectId, const QString& name, const QStringList& scopes,
                                 std::optional<qint64> expiresIn = std::nullopt);
    // A key the provider issued (its dashboard's key id and secret), kept as a created one is: the
    // secret's hash and a sealed copy. The secret is text; tokens are signed with its UTF-8 bytes, as
    // the provider's own code does. An empty name becomes "imported".
    Result<ApiKeyRecord> importKey(const QString& projectId, const QString& id, const Crypto::SecureBytes& secret,
                                   const QString& name, const QStringList& scopes);
    // A secret as the provider's code holds it: non-empty UTF-8 text without control characters or line
    // breaks. The error says where and what is wrong, never the secret.
    static Status checkSecretText(QByteArrayView secretText);
    Result<QList<ApiKeyRecord>> list(const QString& projectId) const;
    Result<ApiKeyRecord> get(const QString& projectId, const QString& id) const;
    // The key, or nothing when the project has no key with this id (a prepared statement: cheap enough
    // for every verification).
    Result<std::optional<ApiKeyRecord>> find(const QString& projectId, const QString& id) const;
    Result<ApiKeyRecord> revoke(const QString& projectId, const QString& id);
    // The longest id an imported key may have.
    static constexpr qsizetype kMaxImportedIdLength = 128;
    // How often a key's last use is written: at most once in this many seconds.
    static constexpr qint64 kLastUseResolution = 60;

    // Checks id and secret; records the use.
    Result<ApiKeyRecord> authenticate(const QString& id, const QString& secret);
    // The project's API key with this secret, for exchanges that present the secret alone (api.video's
    // /auth/api-key); records the use. The secret is found by its SHA-256, never compared as text.
    Result<ApiKeyRecord> authenticateSecret(const QString& projectId, const QString& secret);

    // The HS256 key made of the secret's UTF-8 text, kid = the API key id; refuses revoked or expired keys.
    Result<Jwk> signingSecret(const QString& projectId, const QString& id);
    // That key made of the secret whatever the key's state, for verifying a token that names it (the
    // verdict then says whether the key was usable).
    Result<Jwk> verificationSecret(const QString& projectId, const QString& id) const;

Q_SIGNALS:
    void apiKeysChanged(const QString& projectId);

private:
    Result<ApiKeyRecord> accept(ApiKeyRecord key);
    // Stores a new key with its secret's hash and sealed copy, and audits `action`, in one transaction.
    Status insert(const ApiKeyRecord& record, QByteArrayView secretText, const QString& action);
    Status checkImportable(const QString& projectId, const QString& id, QByteArrayView secretText) const;
    Result<Jwk> secretJwk(const QString& id, const QByteArray& sealed) const;

    const Database& m_database;
    const Vault& m_vault;
    ProjectService& m_projects;
    AuditLog& m_audit;
    const Clock& m_clock;
    mutable ConfigurationCache<QString, std::optional<ApiKeyRecord>> m_found; // find(), by "project\nid"
};

} // namespace Signet
