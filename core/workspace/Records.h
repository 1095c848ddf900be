#pragma once

#include "jose/Algorithm.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Signet {

// Who made a change, for the audit log.
enum class Actor
{
    Gui,
    Cli,
    Server
};
QString actorName(Actor actor);

struct Scope
{
    QString name;
    QString description;
    friend bool operator==(const Scope&, const Scope&) = default;
};

struct Project
{
    QString id; // slug: lower-case letters, digits and '-'
    QString name;
    QString issuer;
    QString audience;
    qint64 defaultTtl = 15 * 60;
    qint64 maxTtl = 24 * 3600;
    qint64 jwksMaxAge = 3600;
    qint64 rotationInterval = 90 * 86400;
    QList<Scope> scopes;
    qint64 createdAt = 0;
    QString profile; // the provider profile it follows (profile list); empty: none
};

// next (published, not signing) -> active (signs; one per project) -> retiring (published until
// retire-at) -> retired (unpublished, kept); revoked from any state (unpublished at once).
enum class KeyState
{
    Next,
    Active,
    Retiring,
    Retired,
    Revoked
};
QString keyStateName(KeyState state);
std::optional<KeyState> keyStateFromName(const QString& name);
bool isPublished(KeyState state);
// Whether the lifecycle allows going from `from` to `to`.
bool isLegalTransition(KeyState from, KeyState to);

struct SigningKeyRecord
{
    QString projectId;
    QString kid;
    Algorithm algorithm = Algorithm::ES256;
    QString keyType; // "EC P-256", "RSA 2048", ...
    KeyState state = KeyState::Next;
    qint64 createdAt = 0;
    std::optional<qint64> activatedAt;
    std::optional<qint64> retireAt;
    std::optional<qint64> endedAt; // retired or revoked
    QString fingerprint;           // "SHA256:" + RFC 7638 thumbprint
    QString publicJwk;             // compact JSON, public members only
};

// Where an API key stands at a given time; each front end words it its own way.
enum class ApiKeyStatus
{
    Usable,
    Revoked,
    Expired
};

struct ApiKeyRecord
{
    QString id;
    QString projectId;
    QString name;
    QStringList scopes;
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt;
    std::optional<qint64> lastUsedAt;
    std::optional<qint64> revokedAt;
    [[nodiscard]] ApiKeyStatus status(qint64 now) const;
    [[nodiscard]] bool isUsable(qint64 now) const { return status(now) == ApiKeyStatus::Usable; }
};

// What a ledger entry's one-time use stands at.
enum class OneTimeStatus
{
    NotOneTime,
    Unused,
    Used,
    Expired // never used, and now past its expiry: it can no longer be
};

struct LedgerEntry
{
    QString jti;
    QString projectId;
    QString kid;
    QString algorithm;
    QString subject;
    QStringList audience;
    QStringList scopes;
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;
    bool oneTime = false;
    std::optional<qint64> consumedAt;
    [[nodiscard]] OneTimeStatus oneTimeStatus(qint64 now) const;
};

struct AuditEvent
{
    qint64 id = 0;
    qint64 at = 0;
    QString actor;
    QString action;
    QString projectId;
    QString object;
    QString details;
    QString member;  // who: the member, or the login name (empty in events before format 7)
    QString machine; // from which machine (its host name)
};

} // namespace Signet
