#include "workspace/Sessions.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "jose/Base64Url.h"
#include "workspace/ApiKeyService.h"
#include "workspace/AuditLog.h"
#include "workspace/Database.h"

namespace Signet {

namespace {

QString randomText(std::size_t bytes)
{
    return QString::fromLatin1(Base64Url::encode(Crypto::Random::bytes(bytes)));
}

QByteArray tokenHash(const QString& refreshToken)
{
    return Crypto::sha256(refreshToken.toUtf8());
}

} // namespace

QString describe(RefreshRefusal refusal)
{
    switch (refusal) {
    case RefreshRefusal::Unknown:
        return QStringLiteral("unknown refresh token");
    case RefreshRefusal::Expired:
        return QStringLiteral("the refresh token has expired");
    case RefreshRefusal::Reused:
        return QStringLiteral("the refresh token was already used: the session is revoked");
    case RefreshRefusal::FamilyRevoked:
        return QStringLiteral("the session of this refresh token was revoked");
    case RefreshRefusal::KeyUnusable:
        return QStringLiteral("the API key that started this session is revoked or expired");
    }
    return QStringLiteral("refused");
}

Sessions::Sessions(const Database& database, TokenService& tokens, ApiKeyService& apiKeys, AuditLog& audit,
                   const Clock& clock)
    : m_database(database)
    , m_tokens(tokens)
    , m_apiKeys(apiKeys)
    , m_audit(audit)
    , m_clock(clock)
{}

Result<SessionTokens> Sessions::start(const ApiKeyRecord& key, const std::optional<QString>& issuer)
{
    if (!key.isUsable(m_clock.now()))
        return fail(ErrorCode::KeyMismatch, QStringLiteral("API key '%1' is revoked or expired").arg(key.id));
    return issue(key, QStringLiteral("sf_") + randomText(12), Family::New, issuer);
}

Result<SessionTokens> Sessions::refresh(const QString& projectId, const QString& refreshToken,
                                        const std::optional<QString>& issuer, RefreshRefusal* refusal)
{
    const auto refuse = [&](RefreshRefusal why) {
        if (refusal)
            *refusal = why;
        return fail(ErrorCode::KeyMismatch, describe(why));
    };
    const QByteArray hash = tokenHash(refreshToken);
    auto row = m_database.firstRow(
        QStringLiteral("SELECT f.family, f.api_key_id, f.revoked_at, r.expires_at, r.used_at FROM refresh_tokens r"
                       " JOIN session_families f ON f.family = r.family WHERE r.token_hash = ? AND f.project_id = ?"),
        {hash, projectId});
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return refuse(RefreshRefusal::Unknown);
    const QString family = (**row)[0].toString();
    const QString apiKeyId = (**row)[1].toString();
    if (!(**row)[2].isNull())
        return refuse(RefreshRefusal::FamilyRevoked);
    if (!(**row)[4].isNull()) {
        if (auto revoked = revokeFamily(projectId, family, QStringLiteral("refresh token reused")); !revoked)
            return std::unexpected(revoked.error());
        return refuse(RefreshRefusal::Reused);
    }
    if ((**row)[3].toLongLong() <= m_clock.now())
        return refuse(RefreshRefusal::Expired);
    auto key = m_apiKeys.get(projectId, apiKeyId);
    if (!key || !key->isUsable(m_clock.now()))
        return refuse(RefreshRefusal::KeyUnusable);
    // Used up at most once, whoever asks at the same time: the loser is a reuse.
    auto claimed =
        m_database.run(QStringLiteral("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"),
                       {m_clock.now(), hash});
    if (!claimed)
        return std::unexpected(claimed.error());
    if (*claimed == 0) {
        if (auto revoked = revokeFamily(projectId, family, QStringLiteral("refresh token reused")); !revoked)
            return std::unexpected(revoked.error());
        return refuse(RefreshRefusal::Reused);
    }
    return issue(*key, family, Family::Existing, issuer);
}

Result<std::optional<qint64>> Sessions::familyRevokedAt(const QString& projectId, const QString& family) const
{
    auto revokedAt =
        m_database.scalar(QStringLiteral("SELECT revoked_at FROM session_families WHERE family = ? AND project_id = ?"),
                          {family, projectId});
    if (!revokedAt)
        return std::unexpected(revokedAt.error());
    if (!revokedAt->isValid() || revokedAt->isNull())
        return std::optional<qint64>();
    return std::optional<qint64>(revokedAt->toLongLong());
}

Result<SessionTokens> Sessions::issue(const ApiKeyRecord& key, const QString& family, Family which,
                                      const std::optional<QString>& issuer)
{
    MintRequest request;
    request.issuer = issuer;
    request.projectId = key.projectId;
    request.subject = key.id;
    request.scopes = key.scopes;
    request.extraClaims.set("client_id", JsonValue::string(key.id.toStdString()));
    request.extraClaims.set("sid", JsonValue::string(family.toStdString()));
    auto minted = m_tokens.mintRecorded(request);
    if (!minted)
        return std::unexpected(minted.error());

    SessionTokens session{std::move(*minted), QStringLiteral("rt_") + randomText(32), 0, family};
    const qint64 now = m_clock.now();
    session.refreshExpiresAt = now + kRefreshLifetime;
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (which == Family::New) {
        auto inserted = m_database.run(QStringLiteral("INSERT INTO session_families (family, project_id, api_key_id,"
                                                      " created_at) VALUES (?, ?, ?, ?)"),
                                       {family, key.projectId, key.id, now});
        if (!inserted)
            return std::unexpected(inserted.error());
    }
    auto inserted = m_database.run(
        QStringLiteral("INSERT INTO refresh_tokens (token_hash, family, issued_at, expires_at) VALUES (?, ?, ?, ?)"),
        {tokenHash(session.refreshToken), family, now, session.refreshExpiresAt});
    if (!inserted)
        return std::unexpected(inserted.error());
    const QString action = which == Family::New ? QStringLiteral("session.start") : QStringLiteral("session.refresh");
    if (auto logged = m_audit.record(action, key.projectId, session.access.entry.jti,
                                     QStringLiteral("API key %1; session %2").arg(key.id, family));
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return session;
}

Status Sessions::revokeFamily(const QString& projectId, const QString& family, const QString& reason)
{
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto revoked = m_database.run(QStringLiteral("UPDATE session_families SET revoked_at = ?, revoked_reason = ?"
                                                 " WHERE family = ? AND revoked_at IS NULL"),
                                  {m_clock.now(), reason, family});
    if (!revoked)
        return std::unexpected(revoked.error());
    if (*revoked > 0) {
        if (auto logged = m_audit.record(QStringLiteral("session.revoke"), projectId, family, reason); !logged)
            return std::unexpected(logged.error());
    }
    return transaction->commit();
}

} // namespace Signet
