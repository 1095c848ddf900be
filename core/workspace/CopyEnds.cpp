#include "workspace/CopyEnds.h"

#include "workspace/Migrations.h"
#include "workspace/SchemaCatalog.h"
#include "workspace/TableDigest.h"
#include "workspace/WorkspaceFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>

namespace Signet {

namespace {

// Two spellings of the same store compare equal: a file by its real path, a database by server and
// name (whoever connects).
QString storeIdentity(const WorkspaceLocation& location)
{
    if (location.kind == WorkspaceLocation::Kind::File) {
        const QFileInfo file(location.path);
        return QStringLiteral("file:") +
               (file.exists() ? file.canonicalFilePath() : QDir::cleanPath(file.absoluteFilePath()));
    }
    return QStringLiteral("postgresql:%1:%2/%3")
        .arg(location.serverHost().toLower())
        .arg(location.url.port(5432))
        .arg(location.url.path().mid(1));
}

const QString kNothingWritten = QStringLiteral("nothing was written");

Status checkFormat(const Database& database, const QString& shown)
{
    auto version = Migrations::currentVersion(database);
    if (!version)
        return std::unexpected(version.error().withContext(shown));
    const int latest = Migrations::latestVersion();
    if (*version == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("%1 holds no Signet workspace").arg(shown));
    if (*version < latest)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("%1 is in an older workspace format (%2; this Signet writes %3): open it with "
                                   "this Signet first (e.g. 'signet-cli --workspace %1 project list'), which "
                                   "upgrades it, then copy it")
                        .arg(shown)
                        .arg(*version)
                        .arg(latest));
    if (*version > latest)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("%1 was written by a newer Signet (format %2; this build knows up to %3): copy it "
                                   "with that version")
                        .arg(shown)
                        .arg(*version)
                        .arg(latest));
    auto vault = database.meta(QStringLiteral("vault.kdf"));
    if (!vault)
        return std::unexpected(vault.error().withContext(shown));
    if (!vault->isValid())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("%1 holds no Signet workspace yet (its tables were made, it was never "
                                   "initialised)")
                        .arg(shown));
    return {};
}

// Each table of a new workspace's schema, as a fresh file holds it: what an empty target looks like.
Result<QHash<QString, TableDigest>> freshSchema()
{
    QTemporaryDir folder;
    if (!folder.isValid())
        return fail(ErrorCode::Io, QStringLiteral("cannot make a temporary folder: %1").arg(folder.errorString()));
    auto database = Database::open(folder.filePath(QStringLiteral("fresh.signet")), Database::Creation::MustCreate);
    if (!database)
        return std::unexpected(database.error());
    if (auto migrated = Migrations::migrate(**database); !migrated)
        return std::unexpected(migrated.error());
    auto tables = SchemaCatalog::read(**database);
    if (!tables)
        return std::unexpected(tables.error());
    QHash<QString, TableDigest> digests;
    for (const TableInfo& table : *tables) {
        auto digest = TableDigests::of(**database, table);
        if (!digest)
            return std::unexpected(digest.error());
        digests.insert(table.name, *digest);
    }
    return digests;
}

// What a database holds beyond a new, empty schema: "projects (3 rows)", ...; empty when nothing.
Result<QStringList> heldBeyondFresh(const Database& database, const QList<TableInfo>& tables)
{
    auto fresh = freshSchema();
    if (!fresh)
        return std::unexpected(fresh.error());
    QStringList added, changed;
    for (const TableInfo& table : tables) {
        auto digest = TableDigests::of(database, table);
        if (!digest)
            return std::unexpected(digest.error());
        const auto expected = fresh->constFind(table.name);
        if (expected != fresh->constEnd() && *expected == *digest)
            continue;
        const QString entry = QStringLiteral("%1: %2 rows").arg(table.name).arg(digest->rows);
        if (expected == fresh->constEnd() || expected->rows != digest->rows)
            added.append(entry);
        else
            changed.append(entry);
    }
    return added.isEmpty() ? changed : added;
}

QStringList tableNames(const QList<TableInfo>& tables)
{
    QStringList names;
    for (const TableInfo& table : tables)
        names.append(table.name);
    return names;
}

// An empty database, or one holding only the empty schema that an init or a copy which stopped
// half-way left.
Status checkEmptyDatabase(const Database& database, const QString& shown)
{
    auto tables = SchemaCatalog::read(database);
    if (!tables)
        return std::unexpected(tables.error());
    auto version = Migrations::currentVersion(database);
    if (!version)
        return std::unexpected(version.error());
    if (tables->isEmpty())
        return {};
    const QString emptyNeeded = QStringLiteral("a copy goes into an empty database; ") + kNothingWritten;
    if (*version == Migrations::latestVersion()) {
        auto held = heldBeyondFresh(database, *tables);
        if (!held)
            return std::unexpected(held.error());
        if (held->isEmpty())
            return {};
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 already holds a Signet workspace (%2): %3")
                                                    .arg(shown, held->join(QStringLiteral(", ")), emptyNeeded));
    }
    if (*version > 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 already holds a Signet workspace (format %2): %3")
                                                    .arg(shown)
                                                    .arg(*version)
                                                    .arg(emptyNeeded));
    return fail(ErrorCode::InvalidArgument,
                QStringLiteral("%1 is not empty: it has the tables %2; %3")
                    .arg(shown, tableNames(*tables).join(QStringLiteral(", ")), emptyNeeded));
}

Result<std::unique_ptr<Database>> newFile(const QString& path)
{
    if (QFileInfo::exists(path)) {
        const bool workspace = WorkspaceFile::check(path).has_value();
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 already exists (%2): a copy goes into a new file; %3")
                        .arg(path, workspace ? QStringLiteral("a Signet workspace") : QStringLiteral("not a workspace"),
                             kNothingWritten));
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(ErrorCode::Io, QStringLiteral("cannot create the folder %1").arg(folder));
    return Database::open(path, Database::Creation::MustCreate);
}

} // namespace

Result<CopyTarget> CopyTarget::prepare(const WorkspaceLocation& location)
{
    const bool file = location.kind == WorkspaceLocation::Kind::File;
    auto database = file ? newFile(location.path) : Database::openPostgreSql(location);
    if (!database)
        return std::unexpected(database.error());
    CopyTarget target(std::move(*database), file ? location.path : QString());
    if (!file) {
        if (auto empty = checkEmptyDatabase(target.database(), location.display()); !empty)
            return std::unexpected(empty.error());
    }
    if (auto migrated = Migrations::migrate(target.database()); !migrated) {
        target.discard();
        return std::unexpected(migrated.error().withContext(location.display()));
    }
    return target;
}

void CopyTarget::discard()
{
    if (m_createdFile.isEmpty())
        return;
    m_database.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(m_createdFile + QLatin1String(suffix));
    m_createdFile.clear();
}

namespace CopyEnds {

Result<Ends> locate(const QString& from, const QString& to)
{
    auto source = WorkspaceLocation::parse(from);
    if (!source)
        return std::unexpected(source.error().withContext(QStringLiteral("FROM")));
    auto target = WorkspaceLocation::parse(to);
    if (!target)
        return std::unexpected(target.error().withContext(QStringLiteral("TO")));
    if (storeIdentity(*source) == storeIdentity(*target))
        return fail(
            ErrorCode::InvalidArgument,
            QStringLiteral("FROM and TO are the same workspace (%1): copy it to another place").arg(source->display()));
    return Ends{*source, *target};
}

Result<std::unique_ptr<Database>> openSource(const WorkspaceLocation& location)
{
    const QString shown = location.display();
    Result<std::unique_ptr<Database>> database = fail(ErrorCode::Internal, QString());
    if (location.kind == WorkspaceLocation::Kind::File) {
        if (!QFileInfo::exists(location.path))
            return fail(ErrorCode::NotFound, QStringLiteral("no workspace at %1").arg(shown));
        if (auto isWorkspace = WorkspaceFile::check(location.path); !isWorkspace)
            return std::unexpected(isWorkspace.error().withContext(shown));
        database = Database::openReadOnly(location.path);
    } else {
        database = Database::openReadOnly(location.url.toString(QUrl::FullyEncoded));
    }
    if (!database)
        return database;
    if (auto format = checkFormat(**database, shown); !format)
        return std::unexpected(format.error());
    return database;
}

Result<QSet<QString>> seededTables(const Database& target, const QList<TableInfo>& tables)
{
    QSet<QString> seeded;
    for (const TableInfo& table : tables) {
        auto rows = target.scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(SchemaCatalog::quoted(table.name)));
        if (!rows)
            return std::unexpected(rows.error());
        if (rows->toLongLong() > 0)
            seeded.insert(table.name);
    }
    return seeded;
}

} // namespace CopyEnds

} // namespace Signet
