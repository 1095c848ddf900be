#include "workspace/Workspace.h"

#include "workspace/Database.h"
#include "workspace/Migrations.h"
#include "workspace/Sessions.h"
#include "workspace/Vault.h"
#include "workspace/WorkspaceFile.h"
#include "workspace/WorkspaceLocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

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
{}

Workspace::~Workspace() = default;

namespace {

// The file a workspace location names; a URL of another kind is refused before anything touches
// the disk.
Result<QString> workspaceFile(const QString& given)
{
    auto location = WorkspaceLocation::parse(given);
    if (!location)
        return std::unexpected(location.error());
    if (location->kind == WorkspaceLocation::Kind::PostgreSql)
        return fail(ErrorCode::Unsupported, QStringLiteral("%1: this build opens workspace files only; a team "
                                                           "workspace on PostgreSQL is not available yet")
                                                .arg(location->display()));
    return location->path;
}

} // namespace

bool Workspace::isProtected() const
{
    return m_vault->isProtected();
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
    auto file = workspaceFile(given);
    if (!file)
        return std::unexpected(file.error());
    const QString& path = *file;
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(ErrorCode::Io, QStringLiteral("cannot create the folder %1").arg(folder));
    auto database = Database::open(path, Database::Creation::MustCreate);
    if (!database)
        return std::unexpected(database.error());
    auto cleanUp = [&path, &database] {
        database->reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
    };
    if (auto migrated = Migrations::migrate(**database); !migrated) {
        cleanUp();
        return std::unexpected(migrated.error());
    }
    Result<Vault> vault = fail(ErrorCode::Internal, QString());
    {
        // The transaction ends here, before a failure removes the database under it.
        auto transaction = Transaction::begin(**database);
        if (!transaction) {
            vault = std::unexpected(transaction.error());
        } else {
            vault = Vault::create(**database, std::move(passphrase), kdf);
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
                                     workspace->isProtected() ? QStringLiteral("protected")
                                                              : QStringLiteral("unprotected"));
    return workspace;
}

Result<bool> Workspace::isProtected(const QString& given)
{
    auto file = workspaceFile(given);
    if (!file)
        return std::unexpected(file.error());
    const QString& path = *file;
    if (auto isWorkspace = WorkspaceFile::check(path); !isWorkspace)
        return std::unexpected(isWorkspace.error());
    auto database = Database::open(path, Database::Creation::MustExist);
    if (!database)
        return std::unexpected(database.error());
    return Vault::isProtected(**database);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& given, QByteArrayView passphrase, Actor actor,
                                                   const Clock& clock)
{
    auto file = workspaceFile(given);
    if (!file)
        return std::unexpected(file.error());
    const QString& path = *file;
    if (QFileInfo::exists(path)) {
        if (auto isWorkspace = WorkspaceFile::check(path); !isWorkspace)
            return std::unexpected(isWorkspace.error());
    }
    auto database = Database::open(path, Database::Creation::MustExist);
    if (!database)
        return std::unexpected(database.error());
    if (auto migrated = Migrations::migrate(**database); !migrated)
        return std::unexpected(migrated.error());
    auto vault = Vault::unlock(**database, passphrase);
    if (!vault)
        return std::unexpected(vault.error());
    std::unique_ptr<Workspace> workspace(new Workspace(std::move(*database), std::move(*vault), actor, clock));
    if (auto retired = workspace->keys().retireExpired(); !retired)
        return std::unexpected(retired.error());
    return workspace;
}

const QString& Workspace::path() const
{
    return m_database->path();
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
