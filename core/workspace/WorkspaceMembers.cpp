#include "workspace/WorkspaceMembers.h"

#include "crypto/Random.h"
#include "crypto/SealedBox.h"
#include "foundation/Duration.h"
#include "jose/Base64Url.h"
#include "workspace/AuditLog.h"
#include "workspace/Database.h"
#include "workspace/Vault.h"

#include <QRegularExpression>

#include <unistd.h>

namespace Signet {

namespace {

const QString kMembersKdf = QStringLiteral("members");
const QString kInvitePrefix = QStringLiteral("sgi1.");

// What each sealed value is bound to (see Vault's associated data): a box cannot be moved between
// members or invitations.
QByteArray memberDataKeyContext(const QString& member)
{
    return QByteArray("signet/v1/member-data-key/") + member.toUtf8();
}
QByteArray memberKeyContext(const QString& member)
{
    return QByteArray("signet/v1/member-key/") + member.toUtf8();
}
QByteArray inviteContext(const QString& id, const QString& member)
{
    return QByteArray("signet/v1/invite/") + id.toUtf8() + '/' + member.toUtf8();
}

// Every column that holds a sealed secret, and what its record id is made of: rekeying opens and
// seals each of them again.
struct SealedColumn
{
    const char* table;
    const char* column;
    QStringList idColumns; // joined with '/' as the services do
    SealedKind kind;
};
const QList<SealedColumn>& sealedColumns()
{
    static const QList<SealedColumn> all = {
        {"signing_keys",
         "sealed_private",
         {QStringLiteral("project_id"), QStringLiteral("kid")},
         SealedKind::SigningKey},
        {"api_keys", "sealed_secret", {QStringLiteral("id")}, SealedKind::ApiKeySecret},
        {"ledger", "sealed_token", {QStringLiteral("project_id"), QStringLiteral("jti")}, SealedKind::Token},
    };
    return all;
}

// The member's X25519 private key sealed under their passphrase, and the data key sealed to them.
// Returns that private key.
Result<Crypto::SecureBytes> storeMember(const Database& database, const QString& name,
                                        const Crypto::SecureBytes& dataKey, QByteArray passphrase,
                                        const Crypto::ScryptParameters& parameters, qint64 now, const QString& addedBy)
{
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a member's passphrase cannot be empty"));
    Crypto::ScryptParameters kdf = parameters;
    kdf.salt = Crypto::Random::bytes(16);
    if (auto bounded = Vault::checkKdfBounds(kdf); !bounded)
        return std::unexpected(bounded.error());
    auto pair = Crypto::SealedBox::generate();
    if (!pair)
        return std::unexpected(pair.error());
    auto kek = Crypto::scrypt(passphrase, kdf);
    Crypto::wipe(passphrase);
    if (!kek)
        return std::unexpected(kek.error());
    auto sealedPrivate = Crypto::Aead::seal(*kek, pair->privateKey.view(), memberKeyContext(name));
    if (!sealedPrivate)
        return std::unexpected(sealedPrivate.error());
    auto sealedDataKey = Crypto::SealedBox::seal(pair->publicKey, dataKey.view(), memberDataKeyContext(name));
    if (!sealedDataKey)
        return std::unexpected(sealedDataKey.error());
    auto stored = database.run(
        QStringLiteral("INSERT INTO members (name, public_key, sealed_private, kdf_salt, kdf_n, kdf_r, kdf_p,"
                       " sealed_data_key, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {name, pair->publicKey, *sealedPrivate, kdf.salt, qint64(kdf.n), qint64(kdf.r), qint64(kdf.p), *sealedDataKey,
         now, addedBy});
    if (!stored)
        return std::unexpected(stored.error());
    return std::move(pair->privateKey);
}

Result<bool> memberExists(const Database& database, const QString& name)
{
    auto found = database.scalar(QStringLiteral("SELECT COUNT(*) FROM members WHERE name = ?"), {name});
    if (!found)
        return std::unexpected(found.error());
    return found->toInt() > 0;
}

QString newEpoch()
{
    return QString::fromLatin1(Crypto::Random::bytes(16).toHex());
}

} // namespace

WorkspaceMembers::WorkspaceMembers(const Database& database, Vault& vault, AuditLog& audit, const Clock& clock)
    : m_database(database)
    , m_vault(vault)
    , m_audit(audit)
    , m_clock(clock)
{}

Result<bool> WorkspaceMembers::hasMembers(const Database& database)
{
    auto kdf = database.meta(QStringLiteral("vault.kdf"));
    if (!kdf)
        return std::unexpected(kdf.error());
    return kdf->toString() == kMembersKdf;
}

QString WorkspaceMembers::defaultName()
{
    const QString fromEnvironment = qEnvironmentVariable("SIGNET_MEMBER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    if (const char* login = ::getlogin(); login && *login)
        return QString::fromLocal8Bit(login);
    for (const char* variable : {"USER", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("owner");
}

Status WorkspaceMembers::checkName(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    if (!valid.match(name).hasMatch())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("'%1' is not a member name: use 1 to 64 letters, digits, '.', '_', '-' or '@'")
                        .arg(name.left(80)));
    return {};
}

Result<Vault> WorkspaceMembers::createFirst(const Database& database, const QString& name, QByteArray passphrase,
                                            const Crypto::ScryptParameters& parameters, qint64 now)
{
    if (auto valid = checkName(name); !valid)
        return std::unexpected(valid.error());
    QByteArray random = Crypto::Random::bytes(Crypto::Aead::kKeySize);
    Crypto::SecureBytes dataKey(random);
    Crypto::wipe(random);
    if (auto done = database.setMeta(QStringLiteral("vault.kdf"), kMembersKdf); !done)
        return std::unexpected(done.error());
    auto memberKey = storeMember(database, name, dataKey, std::move(passphrase), parameters, now, name);
    if (!memberKey)
        return std::unexpected(memberKey.error());
    return unlockedAs(database, name, std::move(dataKey), std::move(*memberKey));
}

Result<Vault> WorkspaceMembers::unlock(const Database& database, const QString& name, QByteArrayView passphrase)
{
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the workspace is protected: member '%1' needs their passphrase").arg(name));
    auto row = database.firstRow(QStringLiteral("SELECT sealed_private, kdf_salt, kdf_n, kdf_r, kdf_p, sealed_data_key"
                                                " FROM members WHERE name = ?"),
                                 {name});
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("'%1' is not a member of this workspace (a member can invite them: "
                                   "'signet-cli workspace member add %1')")
                        .arg(name));
    const QVariantList& values = **row;
    Crypto::ScryptParameters kdf;
    kdf.salt = values[1].toByteArray();
    kdf.n = values[2].toULongLong();
    kdf.r = values[3].toUInt();
    kdf.p = values[4].toUInt();
    if (auto bounded = Vault::checkKdfBounds(kdf); !bounded)
        return std::unexpected(bounded.error());
    auto kek = Crypto::scrypt(passphrase, kdf);
    if (!kek)
        return std::unexpected(kek.error());
    auto memberKey = Crypto::Aead::open(*kek, values[0].toByteArray(), memberKeyContext(name));
    if (!memberKey)
        return fail(ErrorCode::InvalidInput, QStringLiteral("wrong passphrase for member '%1'").arg(name));
    auto dataKey = Crypto::SealedBox::open(*memberKey, values[5].toByteArray(), memberDataKeyContext(name));
    if (!dataKey)
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("the workspace's key for member '%1' does not open: the workspace is damaged").arg(name));
    return unlockedAs(database, name, std::move(*dataKey), std::move(*memberKey));
}

Result<Vault> WorkspaceMembers::unlockedAs(const Database& database, const QString& name, Crypto::SecureBytes dataKey,
                                           Crypto::SecureBytes memberKey)
{
    auto epoch = database.meta(QStringLiteral("vault.epoch"));
    if (!epoch)
        return std::unexpected(epoch.error());
    Vault vault(std::move(dataKey), true);
    vault.m_member = name;
    vault.m_memberKey = std::move(memberKey);
    vault.m_epoch = epoch->toByteArray();
    return vault;
}

Result<Vault> WorkspaceMembers::join(const Database& database, const QString& code, QByteArray passphrase,
                                     const Crypto::ScryptParameters& parameters, qint64 now)
{
    const QStringList parts = code.trimmed().split(QLatin1Char('.'));
    std::optional<QByteArray> secret;
    if (parts.size() == 3 && parts[0] + QLatin1Char('.') == kInvitePrefix)
        secret = Base64Url::decode(parts[2].toLatin1());
    if (!secret || secret->size() != Crypto::Aead::kKeySize)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("this is not a Signet invitation code (one looks like %1…, as "
                                   "'workspace member add' prints it)")
                        .arg(kInvitePrefix));
    const QString id = parts[1];
    Crypto::SecureBytes inviteKey(*secret);
    Crypto::wipe(*secret);
    auto row = database.firstRow(
        QStringLiteral("SELECT member, sealed_data_key, expires_at, created_by FROM invites WHERE id = ?"), {id});
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("this invitation is not valid here: it was used, replaced or withdrawn, or is for "
                                   "another workspace; ask a member for a new one"));
    const QString name = (**row)[0].toString();
    const qint64 expiresAt = (**row)[2].toLongLong();
    if (expiresAt <= now)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the invitation for '%1' expired at %2; ask a member for "
                                                            "a new one")
                                                 .arg(name, Duration::formatUtc(expiresAt)));
    auto dataKey = Crypto::Aead::open(inviteKey, (**row)[1].toByteArray(), inviteContext(id, name));
    if (!dataKey)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the invitation code is wrong (mistyped or altered)"));
    auto exists = memberExists(database, name);
    if (!exists)
        return std::unexpected(exists.error());
    if (*exists)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("'%1' is already a member").arg(name));
    // Deleted first: of two people using one code at once, one deletes the row and joins.
    auto used = database.run(QStringLiteral("DELETE FROM invites WHERE id = ?"), {id});
    if (!used)
        return std::unexpected(used.error());
    if (*used != 1)
        return fail(ErrorCode::Conflict, QStringLiteral("the invitation was used a moment ago"));
    auto memberKey =
        storeMember(database, name, *dataKey, std::move(passphrase), parameters, now, (**row)[3].toString());
    if (!memberKey)
        return std::unexpected(memberKey.error());
    return unlockedAs(database, name, std::move(*dataKey), std::move(*memberKey));
}

Status WorkspaceMembers::changePassphrase(const Database& database, const Vault& vault,
                                          std::optional<QByteArray> passphrase,
                                          const Crypto::ScryptParameters& parameters)
{
    if (!passphrase || passphrase->isEmpty())
        return fail(
            ErrorCode::InvalidArgument,
            QStringLiteral("a member's passphrase cannot be removed; a workspace with members stays protected"));
    Crypto::ScryptParameters kdf = parameters;
    kdf.salt = Crypto::Random::bytes(16);
    if (auto bounded = Vault::checkKdfBounds(kdf); !bounded)
        return bounded;
    auto kek = Crypto::scrypt(*passphrase, kdf);
    Crypto::wipe(*passphrase);
    if (!kek)
        return std::unexpected(kek.error());
    auto sealedPrivate = Crypto::Aead::seal(*kek, vault.m_memberKey.view(), memberKeyContext(vault.m_member));
    if (!sealedPrivate)
        return std::unexpected(sealedPrivate.error());
    auto changed =
        database.run(QStringLiteral("UPDATE members SET sealed_private = ?, kdf_salt = ?, kdf_n = ?,"
                                    " kdf_r = ?, kdf_p = ? WHERE name = ?"),
                     {*sealedPrivate, kdf.salt, qint64(kdf.n), qint64(kdf.r), qint64(kdf.p), vault.m_member});
    if (!changed)
        return std::unexpected(changed.error());
    if (*changed != 1)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("'%1' is no longer a member of this workspace").arg(vault.m_member));
    return {};
}

Status WorkspaceMembers::requireMembers() const
{
    if (m_vault.member().isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("this workspace opens with one passphrase and has no members: give it members "
                                   "with 'signet-cli workspace member init [NAME]'"));
    return {};
}

Status WorkspaceMembers::enable(const QString& name, QByteArray passphrase, const Crypto::ScryptParameters& parameters)
{
    if (!m_vault.member().isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("this workspace has members already (you are '%1'): invite others with "
                                   "'signet-cli workspace member add NAME'")
                        .arg(m_vault.member()));
    if (auto valid = checkName(name); !valid)
        return valid;
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    // Another process may have done it since this one opened the workspace.
    auto already = hasMembers(m_database);
    if (!already)
        return std::unexpected(already.error());
    if (*already)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("another process gave this workspace members since it was opened: open it again "
                                   "as a member"));
    if (auto done = m_database.setMeta(QStringLiteral("vault.kdf"), kMembersKdf); !done)
        return done;
    // The data key wrapped under the one passphrase (or stored as it is, unprotected) goes.
    if (auto done = m_database.exec(QStringLiteral("DELETE FROM meta WHERE name IN ('vault.salt', 'vault.n', "
                                                   "'vault.r', 'vault.p', 'vault.wrapped', 'vault.key')"));
        !done)
        return std::unexpected(done.error());
    const qint64 now = m_clock.now();
    auto memberKey = storeMember(m_database, name, m_vault.m_dataKey, std::move(passphrase), parameters, now, name);
    if (!memberKey)
        return std::unexpected(memberKey.error());
    // Recorded as the first member's doing; should it not be saved, this process is who it was.
    const QString before = m_audit.member();
    m_audit.setIdentity(name, m_audit.machine());
    Status saved = m_audit.record(QStringLiteral("member.enable"), {}, name,
                                  QStringLiteral("the workspace opens with members' passphrases from now on"));
    if (saved)
        saved = transaction->commit();
    if (!saved) {
        m_audit.setIdentity(before, m_audit.machine());
        return saved;
    }
    // The data key and its epoch stay, so a ledger write under way on another thread is unaffected.
    m_vault.m_member = name;
    m_vault.m_memberKey = std::move(*memberKey);
    m_vault.m_protected = true;
    return {};
}

Result<QList<MemberRecord>> WorkspaceMembers::list() const
{
    if (auto members = requireMembers(); !members)
        return std::unexpected(members.error());
    auto query = m_database.exec(QStringLiteral("SELECT name, added_at, added_by FROM members ORDER BY name"));
    if (!query)
        return std::unexpected(query.error());
    QList<MemberRecord> members;
    while (query->next())
        members.append({query->value(0).toString(), query->value(1).toLongLong(), query->value(2).toString()});
    return members;
}

Result<QList<InviteRecord>> WorkspaceMembers::pendingInvites() const
{
    if (auto members = requireMembers(); !members)
        return std::unexpected(members.error());
    auto query = m_database.exec(QStringLiteral("SELECT id, member, created_at, expires_at, created_by FROM invites"
                                                " WHERE expires_at > ? ORDER BY member"),
                                 {m_clock.now()});
    if (!query)
        return std::unexpected(query.error());
    QList<InviteRecord> invites;
    while (query->next())
        invites.append({query->value(0).toString(), query->value(1).toString(), query->value(2).toLongLong(),
                        query->value(3).toLongLong(), query->value(4).toString()});
    return invites;
}

Result<Invitation> WorkspaceMembers::invite(const QString& name)
{
    if (auto members = requireMembers(); !members)
        return std::unexpected(members.error());
    if (auto valid = checkName(name); !valid)
        return std::unexpected(valid.error());
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto current = m_vault.checkCurrent(m_database); !current)
        return std::unexpected(current.error());
    auto exists = memberExists(m_database, name);
    if (!exists)
        return std::unexpected(exists.error());
    if (*exists)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("'%1' is already a member").arg(name));
    if (auto replaced = m_database.run(QStringLiteral("DELETE FROM invites WHERE member = ?"), {name}); !replaced)
        return std::unexpected(replaced.error());
    const QString id = QString::fromLatin1(Base64Url::encode(Crypto::Random::bytes(9)));
    QByteArray secret = Crypto::Random::bytes(Crypto::Aead::kKeySize);
    const Crypto::SecureBytes inviteKey(secret);
    auto sealed = Crypto::Aead::seal(inviteKey, m_vault.m_dataKey.view(), inviteContext(id, name));
    if (!sealed)
        return std::unexpected(sealed.error());
    const qint64 now = m_clock.now();
    Invitation invitation{kInvitePrefix + id + QLatin1Char('.') + QString::fromLatin1(Base64Url::encode(secret)), name,
                          now + kInviteLifetime};
    Crypto::wipe(secret);
    auto stored = m_database.run(QStringLiteral("INSERT INTO invites (id, member, sealed_data_key, created_at,"
                                                " expires_at, created_by) VALUES (?, ?, ?, ?, ?, ?)"),
                                 {id, name, *sealed, now, invitation.expiresAt, m_vault.member()});
    if (!stored)
        return std::unexpected(stored.error());
    if (auto logged = m_audit.record(QStringLiteral("member.invite"), {}, name,
                                     QStringLiteral("expires %1").arg(Duration::formatUtc(invitation.expiresAt)));
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return invitation;
}

Status WorkspaceMembers::remove(const QString& name, Rekey rekey)
{
    if (auto members = requireMembers(); !members)
        return members;
    if (name == m_vault.member())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("you are '%1': another member can remove you, you cannot").arg(name));
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto current = m_vault.checkCurrent(m_database); !current)
        return current;
    auto removed = m_database.run(QStringLiteral("DELETE FROM members WHERE name = ?"), {name});
    if (!removed)
        return std::unexpected(removed.error());
    auto withdrawn = m_database.run(QStringLiteral("DELETE FROM invites WHERE member = ?"), {name});
    if (!withdrawn)
        return std::unexpected(withdrawn.error());
    if (*removed == 0 && *withdrawn == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("'%1' is not a member of this workspace").arg(name));
    QString details = *removed == 0 ? QStringLiteral("invitation withdrawn") : QString();
    QByteArray random = Crypto::Random::bytes(Crypto::Aead::kKeySize);
    Crypto::SecureBytes newKey(random);
    Crypto::wipe(random);
    const QByteArray epoch = newEpoch().toLatin1();
    if (rekey == Rekey::Yes) {
        auto resealed = reseal(newKey, epoch);
        if (!resealed)
            return std::unexpected(resealed.error());
        details = QStringLiteral("re-keyed: %1 secrets sealed again under a new data key").arg(*resealed);
    }
    if (auto logged = m_audit.record(QStringLiteral("member.remove"), {}, name, details); !logged)
        return logged;
    // This process's vault keeps the old key (the ledger writer's thread may be sealing with it): its
    // next write fails checkCurrent(), like every other process's, until the workspace is opened again.
    return transaction->commit();
}

Result<int> WorkspaceMembers::reseal(const Crypto::SecureBytes& newKey, const QByteArray& newEpoch) const
{
    Vault resealing(newKey, true);
    int count = 0;
    for (const SealedColumn& sealed : sealedColumns()) {
        const QString ids = sealed.idColumns.join(QStringLiteral(", "));
        QStringList matches;
        for (const QString& column : sealed.idColumns)
            matches.append(column + QStringLiteral(" = ?"));
        auto query = m_database.exec(QStringLiteral("SELECT %1, %2 FROM %3")
                                         .arg(ids, QLatin1String(sealed.column), QLatin1String(sealed.table)));
        if (!query)
            return std::unexpected(query.error());
        QList<QVariantList> rows;
        while (query->next()) {
            QVariantList row;
            for (int i = 0; i <= sealed.idColumns.size(); ++i)
                row.append(query->value(i));
            rows.append(row);
        }
        query->finish();
        const QString update =
            QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3")
                .arg(QLatin1String(sealed.table), QLatin1String(sealed.column), matches.join(QStringLiteral(" AND ")));
        for (const QVariantList& row : rows) {
            QStringList idParts;
            QVariantList bindings;
            for (int i = 0; i < sealed.idColumns.size(); ++i) {
                idParts.append(row[i].toString());
                bindings.append(row[i]);
            }
            const QString id = idParts.join(QLatin1Char('/'));
            auto opened = m_vault.open(row.last().toByteArray(), sealed.kind, id);
            if (!opened)
                return std::unexpected(opened.error());
            auto again = resealing.seal(opened->view(), sealed.kind, id);
            if (!again)
                return std::unexpected(again.error());
            bindings.prepend(*again);
            auto written = m_database.exec(update, bindings);
            if (!written)
                return std::unexpected(written.error());
            ++count;
        }
    }
    // Every member who stays gets the new key; invitations hold the old one and are void.
    auto members = m_database.exec(QStringLiteral("SELECT name, public_key FROM members"));
    if (!members)
        return std::unexpected(members.error());
    QList<std::pair<QString, QByteArray>> keys;
    while (members->next())
        keys.append({members->value(0).toString(), members->value(1).toByteArray()});
    for (const auto& [name, publicKey] : keys) {
        auto sealedKey = Crypto::SealedBox::seal(publicKey, newKey.view(), memberDataKeyContext(name));
        if (!sealedKey)
            return std::unexpected(sealedKey.error());
        auto written =
            m_database.run(QStringLiteral("UPDATE members SET sealed_data_key = ? WHERE name = ?"), {*sealedKey, name});
        if (!written)
            return std::unexpected(written.error());
    }
    if (auto voided = m_database.exec(QStringLiteral("DELETE FROM invites")); !voided)
        return std::unexpected(voided.error());
    if (auto stored = m_database.setMeta(QStringLiteral("vault.epoch"), newEpoch); !stored)
        return std::unexpected(stored.error());
    return count;
}

} // namespace Signet
