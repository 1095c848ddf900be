#include "workspace/WorkspaceProfiles.h"

#include "profiles/ProfileFile.h"
#include "workspace/AuditLog.h"
#include "workspace/Database.h"

#include <QFile>
#include <QSqlQuery>

namespace Signet {

WorkspaceProfiles::WorkspaceProfiles(const Database& database, AuditLog& audit, const Clock& clock)
    : m_database(database)
    , m_audit(audit)
    , m_clock(clock)
    , m_watch(database)
{}

Result<std::shared_ptr<const ProfileCatalog>> WorkspaceProfiles::catalog()
{
    if (m_catalog && m_watch.unchanged())
        return m_catalog;
    auto query = m_database.exec(QStringLiteral("SELECT name, definition FROM profiles ORDER BY name"));
    if (!query)
        return std::unexpected(query.error());
    ProfileCatalog catalog = ProfileCatalog::builtIn();
    while (query->next()) {
        const QString name = query->value(0).toString();
        const QByteArray definition = query->value(1).toByteArray();
        auto profile = ProfileFile::parse(std::string_view(definition.constData(), definition.size()),
                                          QStringLiteral("the workspace's profile '%1'").arg(name));
        if (!profile)
            return std::unexpected(profile.error());
        profile->source = ProfileSource::Workspace;
        if (auto added = catalog.add(std::move(*profile)); !added)
            return std::unexpected(added.error());
    }
    m_catalog = std::make_shared<const ProfileCatalog>(std::move(catalog));
    return m_catalog;
}

std::shared_ptr<const Profile> WorkspaceProfiles::followedBy(const Project& project)
{
    if (project.profile.isEmpty())
        return nullptr;
    auto snapshot = catalog();
    if (!snapshot)
        return nullptr;
    auto found = (*snapshot)->find(project.profile);
    if (!found)
        return nullptr;
    // Shares the snapshot's lifetime, so the profile outlives a later reload.
    return std::shared_ptr<const Profile>(*snapshot, *found);
}

Result<Profile> WorkspaceProfiles::store(QByteArrayView definition, const QString& origin, Replacing replacing)
{
    auto profile = ProfileFile::parse(std::string_view(definition.data(), definition.size()), origin);
    if (!profile)
        return std::unexpected(profile.error());
    if (auto builtIn = ProfileCatalog::builtIn().find(profile->name); builtIn)
        return fail(
            ErrorCode::InvalidArgument,
            QStringLiteral("%1: '%2' is a built-in profile; give yours another name").arg(origin, profile->name));
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto stored = m_database.scalar(QStringLiteral("SELECT 1 FROM profiles WHERE name = ?"), {profile->name});
    if (!stored)
        return std::unexpected(stored.error());
    const bool replaces = stored->isValid();
    if (replaces && replacing == Replacing::No)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the workspace already has a profile '%1': replace it with --replace, which "
                                   "changes the rules of every project following it")
                        .arg(profile->name));
    auto written = m_database.exec(
        replaces ? QStringLiteral("UPDATE profiles SET definition = ?, stored_at = ? WHERE name = ?")
                 : QStringLiteral("INSERT INTO profiles (definition, stored_at, name) VALUES (?, ?, ?)"),
        {QString::fromUtf8(profile->definition), m_clock.now(), profile->name});
    if (!written)
        return std::unexpected(written.error());
    if (auto logged = m_audit.record(replaces ? QStringLiteral("profile.replace") : QStringLiteral("profile.store"), {},
                                     profile->name, profile->title);
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    profile->source = ProfileSource::Workspace;
    return std::move(*profile);
}

Result<Profile> WorkspaceProfiles::storeFile(const QString& path, Replacing replacing)
{
    constexpr qint64 kMaxProfileFileSize = 256 * 1024;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxProfileFileSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is larger than a profile can be (256 KiB)").arg(path));
    return store(file.readAll(), path, replacing);
}

Status WorkspaceProfiles::remove(const QString& name)
{
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto following = m_database.exec(QStringLiteral("SELECT id FROM projects WHERE profile = ? ORDER BY id"), {name});
    if (!following)
        return std::unexpected(following.error());
    QStringList projects;
    while (following->next())
        projects.append(following->value(0).toString());
    if (!projects.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the profile '%1' is followed by %2 %3: delete %4 first")
                        .arg(name, projects.size() == 1 ? QStringLiteral("project") : QStringLiteral("projects"),
                             projects.join(QStringLiteral(", ")),
                             projects.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
    auto removed = m_database.exec(QStringLiteral("DELETE FROM profiles WHERE name = ?"), {name});
    if (!removed)
        return std::unexpected(removed.error());
    if (removed->numRowsAffected() != 1) {
        if (ProfileCatalog::builtIn().find(name))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("'%1' is a built-in profile: it cannot be removed").arg(name));
        return fail(ErrorCode::NotFound, QStringLiteral("the workspace stores no profile '%1'").arg(name));
    }
    if (auto logged = m_audit.record(QStringLiteral("profile.remove"), {}, name); !logged)
        return logged;
    return transaction->commit();
}

} // namespace Signet
