#include "workspace/Workspace.h"

#include "workspace/Database.h"
#include "workspace/Migrations.h"
#include "workspace/PostgresNotifications.h"
#include "workspace/Sessions.h"
#include "workspace/Vault.h"
#include "workspace/WorkspaceFile.h"
#include "workspace/WorkspaceLocation.h"
#include "workspace/WorkspaceMembers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QSysInfo>

namespace Signet {

Workspace::Workspace(std::unique_ptr<Database> database, Vault vault, Actor actor, const Clock& clock)
    : m_database(std::move(database))
    , m_vault(std::make_unique<Vault>(std::move(vault)))
    , m_audit(std::make_unique<AuditLog>(*m_database, actor, clock))
    , m_profiles(std::make_unique<WorkspaceProfiles>(*m_database, *m_audit, clock))
    , m_projects(std::make_unique<ProjectService>(*m_database, *m_profiles, *m_audit, clock))
    , m_keys(std::make_unique<KeyService>(*m_database, *m_vault, *m_projects, *m_audit, clock))
    , m_apiKeys(std::make_unique<ApiKeyService>(*m_database, *m_vault, *m_projects, *m_audit, clock))
    , m_tokens(std::make_unique<TokenService>(*m_database, *m_vault, *m_projects, *m_keys, *m_apiKeys, *m_audit, clock))
    , m_sessions(std::make_unique<Sessions>(*m_database, *m_tokens, *m_apiKeys, *m_audit, clock))
    , m_members(std::make_unique<WorkspaceMembers>(*m_database, *m_vault, *m_audit, clock))
{
    m_audit->setIdentity(member(), QSysInfo::machineHostName());
}

Workspace::~Workspace() = default;

namespace {

Result<WorkspaceLocation> locationOf(const QString& given)
{
    return WorkspaceLocation::parse(given);
}

// A team workspace's database, made by its administrator, must be empty or hold a Signet workspace.
Result<std::unique_ptr<Database>> openTeamDatabase(const WorkspaceLocation& location, bool creating)
{
    auto database = Database::openPostgreSql(location);
    if (!database)
        return database;
    auto version = Migrations::currentVersion(**database);
    if (!version)
        return std::unexpected(version.error());
    if (*version == 0 && !creating)
        return fail(ErrorCode::NotFound, QStringLiteral("%1 holds no Signet workspace yet (create one there with "
                                                        "'signet-cli init')")
                                             .arg(location.display()));
    if (*version > 0 && creating) {
        auto vault = (*database)->meta(QStringLiteral("vault.kdf"));
        if (!vault)
            return std::unexpected(vault.error());
        if (vault->isValid())
            return fail(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1 already holds a Signet workspace; it is not replaced").arg(location.display()));
    }
    return database;
}

// The database of an existing workspace: a team database that holds one, or a file that is one
// (a missing file is left to Database::open, which says how to create one).
Result<std::unique_ptr<Database>> openExisting(const WorkspaceLocation& location)
{
    if (location.kind == WorkspaceLocation::Kind::PostgreSql)
        return openTeamDatabase(location, false);
    if (QFileInfo::exists(location.path)) {
        if (auto isWorkspace = WorkspaceFile::check(location.path); !isWorkspace)
            return std::unexpected(isWorkspace.error());
    }
    return Database::open(location.path, Database::Creation::MustExist);
}

// A team workspace made before its members announced their changes gets the triggers now. A member
// who may not add them still opens it: their console then asks the database again at every read
// (Database::changeStamp), which is slower but never stale.
void announceChanges(const Database& database)
{
    if (auto announced = ensureChangeNotifications(database); !announced)
        qInfo("signet: team members will not see changes live: %s", qPrintable(announced.error().message));
}

} // namespace

bool Workspace::isProtected() const
{
    return m_vault->isProtected();
}

bool Workspace::hasMembers() const
{
    return !m_vault->member().isEmpty();
}

const Database& workspaceDatabase(const Workspace& workspace)
{
    return *workspace.m_database;
}

QString Workspace::defaultPath()
{
    const QString fromEnvironment = qEnvironmentVariable("SIGNET_WORKSPACE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("workspace.signet"));
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString& given, std::optional<QByteArray> passphrase,
                                                     Actor actor, const Clock& clock,
                                                     const Crypto::ScryptParameters& kdf)
{
    // A protected team workspace has members from the start: whoever creates it is the first.
    auto location = locationOf(given);
    if (!location)
        return std::unexpected(location.error());
    const bool team = location->kind == WorkspaceLocation::Kind::PostgreSql;
    return createAs(given, team && passphrase ? WorkspaceMembers::defaultName() : QString(), std::move(passphrase),
                    actor, clock, kdf);
}

Result<std::unique_ptr<Workspace>> Workspace::createAs(const QString& given, const QString& member,
                                                       std::optional<QByteArray> passphrase, Actor actor,
                                                       const Clock& clock, const Crypto::ScryptParameters& kdf)
{
    if (!member.isEmpty()) {
        if (auto valid = WorkspaceMembers::checkName(member); !valid)
            return std::unexpected(valid.error());
        if (!passphrase)
            return fail(
                ErrorCode::InvalidArgument,
                QStringLiteral("a workspace with members is protected: member '%1' needs a passphrase").arg(member));
    }
    auto location = locationOf(given);
    if (!location)
        return std::unexpected(location.error());
    const bool team = location->kind == WorkspaceLocation::Kind::PostgreSql;
    const QString path = team ? location->display() : location->path;
    Result<std::unique_ptr<Database>> database = fail(ErrorCode::Internal, QString());
    if (team) {
        database = openTeamDatabase(*location, true);
    } else {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            return fail(ErrorCode::Io, QStringLiteral("cannot create the folder %1").arg(folder));
        database = Database::open(path, Database::Creation::MustCreate);
    }
    if (!database)
        return std::unexpected(database.error());
    // A file half made is removed; a team database keeps what its transactions committed (the
    // schema), and a later init finishes it.
    auto cleanUp = [&path, &database, team] {
        database->reset();
        if (team)
            return;
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
    };
    if (auto migrated = Migrations::migrate(**database); !migrated) {
        cleanUp();
        return std::unexpected(migrated.error());
    }
    announceChanges(**database);
    Result<Vault> vault = fail(ErrorCode::Internal, QString());
    {
        // The transaction ends here, before a failure removes the database under it.
        auto transaction = Transaction::begin(**database);
        if (!transaction) {
            vault = std::unexpected(transaction.error());
        } else {
            vault = member.isEmpty()
                        ? Vault::create(**database, std::move(passphrase), kdf)
                        : WorkspaceMembers::createFirst(**database, member, std::move(*passphrase), kdf, clock.now());
            if (vault) {
                if (auto committed = transaction->commit(); !committed)
                    vault = std::unexpected(committed.error());
            }
        }
    }
    if (!vault) {
        cleanUp();
        return std::unexpected(vault.error());
    }
    std::unique_ptr<Workspace> workspace(new Workspace(std::move(*database), std::move(*vault), actor, clock));
    (void)workspace->m_audit->record(QStringLiteral("workspace.create"), {}, path,
                                     !member.isEmpty() ? QStringLiteral("protected; first member %1").arg(member)
                                     : workspace->isProtected() ? QStringLiteral("protected")
                                                                : QStringLiteral("unprotected"));
    return workspace;
}

Result<Workspace::Protection> Workspace::protection(const QString& given)
{
    auto location = locationOf(given);
    if (!location)
        return std::unexpected(location.error());
    if (location->kind == WorkspaceLocation::Kind::File) {
        if (auto isWorkspace = WorkspaceFile::check(location->path); !isWorkspace)
            return std::unexpected(isWorkspace.error());
    }
    auto database = openExisting(*location);
    if (!database)
        return std::unexpected(database.error());
    auto isProtected = Vault::isProtected(**database);
    if (!isProtected)
        return std::unexpected(isProtected.error());
    if (!*isProtected)
        return Protection::None;
    auto members = WorkspaceMembers::hasMembers(**database);
    if (!members)
        return std::unexpected(members.error());
    return *members ? Protection::Members : Protection::Passphrase;
}

Result<bool> Workspace::isProtected(const QString& given)
{
    auto protection = Workspace::protection(given);
    if (!protection)
        return std::unexpected(protection.error());
    return *protection != Protection::None;
}

namespace {

// An existing workspace's database, migrated to this Signet's format, announcing its changes.
Result<std::unique_ptr<Database>> openUpToDate(const QString& given)
{
    auto location = locationOf(given);
    if (!location)
        return std::unexpected(location.error());
    auto database = openExisting(*location);
    if (!database)
        return database;
    if (auto migrated = Migrations::migrate(**database); !migrated)
        return std::unexpected(migrated.error());
    announceChanges(**database);
    return database;
}

} // namespace

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& given, QByteArrayView passphrase, Actor actor,
                                                   const Clock& clock)
{
    return openAs(given, WorkspaceMembers::defaultName(), passphrase, actor, clock);
}

Result<std::unique_ptr<Workspace>> Workspace::openAs(const QString& given, const QString& member,
                                                     QByteArrayView passphrase, Actor actor, const Clock& clock)
{
    auto database = openUpToDate(given);
    if (!database)
        return std::unexpected(database.error());
    auto members = WorkspaceMembers::hasMembers(**database);
    if (!members)
        return std::unexpected(members.error());
    auto vault =
        *members ? WorkspaceMembers::unlock(**database, member, passphrase) : Vault::unlock(**database, passphrase);
    if (!vault)
        return std::unexpected(vault.error());
    std::unique_ptr<Workspace> workspace(new Workspace(std::move(*database), std::move(*vault), actor, clock));
    if (auto retired = workspace->keys().retireExpired(); !retired)
        return std::unexpected(retired.error());
    return workspace;
}

Result<std::unique_ptr<Workspace>> Workspace::join(const QString& given, const QString& invitation,
                                                   QByteArray passphrase, Actor actor, const Clock& clock,
                                                   const Crypto::ScryptParameters& kdf)
{
    auto database = openUpToDate(given);
    if (!database)
        return std::unexpected(database.error());
    auto transaction = Transaction::begin(**database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto vault = WorkspaceMembers::join(**database, invitation, std::move(passphrase), kdf, clock.now());
    if (!vault)
        return std::unexpected(vault.error());
    std::unique_ptr<Workspace> workspace(new Workspace(std::move(*database), std::move(*vault), actor, clock));
    if (auto logged = workspace->m_audit->record(QStringLiteral("member.join"), {}, workspace->member()); !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return workspace;
}

QString Workspace::member() const
{
    return m_vault->member().isEmpty() ? WorkspaceMembers::defaultName() : m_vault->member();
}

const QString& Workspace::path() const
{
    return m_database->path();
}

const QString& Workspace::location() const
{
    return m_database->where();
}

ConnectionKeeper* Workspace::teamConnection() const
{
    return m_database->connectionKeeper();
}

Status Workspace::changePassphrase(std::optional<QByteArray> passphrase, const Crypto::ScryptParameters& kdf)
{
    const bool willBeProtected = passphrase.has_value();
    if (auto changed = m_vault->changePassphrase(*m_database, std::move(passphrase), kdf); !changed)
        return changed;
    return m_audit->record(QStringLiteral("workspace.passphrase"), {}, path(),
                           willBeProtected ? QStringLiteral("protected") : QStringLiteral("unprotected"));
}

} // namespace Signet
