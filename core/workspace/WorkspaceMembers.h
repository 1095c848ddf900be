#pragma once

#include "crypto/Aead.h"
#include "foundation/Clock.h"
#include "foundation/Error.h"

#include <QList>
#include <QString>

#include <optional>

namespace Signet {

class AuditLog;
class Database;
class Vault;

struct MemberRecord
{
    QString name;
    qint64 addedAt = 0;
    QString addedBy;
};

struct InviteRecord
{
    QString id;
    QString member;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    QString createdBy;
};

// A one-time code that lets `member` join; shown once, never stored (only what it seals is).
struct Invitation
{
    QString code;
    QString member;
    qint64 expiresAt = 0;
};

// The people who may open a workspace, each with a passphrase of their own. The workspace's data key
// is sealed once per member to that member's X25519 key (Crypto::SealedBox), whose private half
// the member's passphrase seals (scrypt, bounded as a vault's). So a member can let another in
// without knowing their passphrase, and removing one with --rekey re-seals every secret under a new
// data key that is sealed again for every member who stays. Used by team workspaces, and by file
// workspaces created with a member.
class WorkspaceMembers
{
public:
    static constexpr qint64 kInviteLifetime = 24 * 3600;

    WorkspaceMembers(const Database& database, Vault& vault, AuditLog& audit, const Clock& clock);

    // Whether the workspace opens as a member (its vault holds members rather than one passphrase).
    static Result<bool> hasMembers(const Database& database);
    // Who opens a workspace by default: SIGNET_MEMBER, else the login name.
    static QString defaultName();
    // Member names are what people call each other: letters, digits, '.', '_', '-', '@', 1-64 long.
    static Status checkName(const QString& name);

    // A new vault whose first member is `name`. Call in the transaction that creates the workspace.
    static Result<Vault> createFirst(const Database& database, const QString& name, QByteArray passphrase,
                                     const Crypto::ScryptParameters& parameters, qint64 now);
    // Opens the vault as `name`. A wrong passphrase is ErrorCode::InvalidInput and changes nothing.
    static Result<Vault> unlock(const Database& database, const QString& name, QByteArrayView passphrase);
    // Uses an invitation: the invitee becomes a member with `passphrase`, the invitation is gone.
    static Result<Vault> join(const Database& database, const QString& code, QByteArray passphrase,
                              const Crypto::ScryptParameters& parameters, qint64 now);
    // Seals the member's key under a new passphrase.
    static Status changePassphrase(const Database& database, const Vault& vault, std::optional<QByteArray> passphrase,
                                   const Crypto::ScryptParameters& parameters);

    // Gives a workspace that opens with one passphrase (or none) members, `name` the first: the data
    // key, and so every secret, stays as it is; the old passphrase no longer opens the workspace.
    // Other processes that have it open go on working; they open as members next time.
    Status enable(const QString& name, QByteArray passphrase, const Crypto::ScryptParameters& parameters = {});

    Result<QList<MemberRecord>> list() const;
    Result<QList<InviteRecord>> pendingInvites() const;
    // Invites `name` to join (expires in 24 h); replaces an earlier pending invitation of theirs.
    Result<Invitation> invite(const QString& name);
    enum class Rekey
    {
        No,
        Yes
    };
    // Deletes the member (and their pending invitations). Rekey::Yes also replaces the data key: every
    // secret is sealed again, every pending invitation is void, all in one transaction.
    Status remove(const QString& name, Rekey rekey);

private:
    static Result<Vault> unlockedAs(const Database& database, const QString& name, Crypto::SecureBytes dataKey,
                                    Crypto::SecureBytes memberKey);
    Status requireMembers() const;
    // Opens and seals again every secret under `newKey`, seals it for every member, voids the
    // invitations; returns how many secrets were sealed again.
    Result<int> reseal(const Crypto::SecureBytes& newKey, const QByteArray& newEpoch) const;

    const Database& m_database;
    Vault& m_vault;
    AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace Signet
