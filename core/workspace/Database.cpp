#include "workspace/Database.h"

#include "workspace/WorkspaceLocation.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

namespace Signet {

namespace {

// The advisory lock of a team workspace's write transactions ("SIGWRT"; migrations take their own).
constexpr qint64 kWriteLock = 0x534947575254;

// What SQLite's busy timeout is to a file, lock_timeout is to a team workspace.
constexpr int kLockTimeoutMs = 10'000;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("signet-%1").arg(counter.fetchAndAddRelaxed(1));
}

std::unexpected<Error> sqlFailure(const QString& what, const QSqlError& error)
{
    return fail(ErrorCode::Io, QStringLiteral("%1: %2").arg(what, error.text()));
}

// The caller can word these for people: SQLITE_CONSTRAINT (19) in the low byte of any extended
// code, or PostgreSQL's SQLSTATE class 23 (integrity constraint violation).
bool isConstraintViolation(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    if (code.size() == 5 && code.startsWith(QLatin1String("23")))
        return true;
    return (code.toInt() & 0xff) == 19;
}

bool isPreparable(const QString& sql)
{
    for (const char* verb : {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES"}) {
        if (sql.startsWith(QLatin1String(verb), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

Status createPrivateFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::NewOnly | QIODevice::WriteOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(ErrorCode::Io, QStringLiteral("cannot restrict %1 to its owner: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QVariant nullableInteger(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

void configureReadOnly(QSqlDatabase& db, const QString& path)
{
    const QFileInfo file(path);
    const bool sideFilesPossible =
        QFileInfo(file.absolutePath()).isWritable() ||
        (QFileInfo::exists(path + QStringLiteral("-shm")) && QFileInfo::exists(path + QStringLiteral("-wal")));
    if (sideFilesPossible) {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000;QSQLITE_OPEN_READONLY"));
        return;
    }
    QUrl uri = QUrl::fromLocalFile(file.absoluteFilePath());
    uri.setScheme(QStringLiteral("file"));
    uri.setQuery(QStringLiteral("mode=ro&immutable=1"));
    db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000;QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
}

Result<std::unique_ptr<Database>> Database::open(const QString& path, Creation creation)
{
    if (auto location = WorkspaceLocation::parse(path);
        location && location->kind == WorkspaceLocation::Kind::PostgreSql)
        return openPostgreSql(*location);
    const bool exists = QFileInfo::exists(path);
    if (creation == Creation::MustExist && !exists)
        return fail(ErrorCode::NotFound,
                    QStringLiteral("no workspace at %1 (create one with 'signet-cli init')").arg(path));
    if (creation == Creation::MustCreate && exists)
        return fail(ErrorCode::Io, QStringLiteral("%1 already exists").arg(path));
    if (!exists) {
        if (auto created = createPrivateFile(path); !created)
            return std::unexpected(created.error());
    }
    return connect(path, exists && !QFileInfo(path).isWritable() ? Access::ReadOnly : Access::ReadWrite);
}

Result<std::unique_ptr<Database>> Database::openReadOnly(const QString& path)
{
    if (auto location = WorkspaceLocation::parse(path);
        location && location->kind == WorkspaceLocation::Kind::PostgreSql) {
        auto database = openPostgreSql(*location);
        if (!database)
            return database;
        // Refused by the server too, not only by noteStatement().
        if (QSqlQuery readOnly((*database)->connection());
            !readOnly.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")))
            return sqlFailure(QStringLiteral("cannot set up %1").arg((*database)->m_path), readOnly.lastError());
        (*database)->m_readOnly = true;
        return database;
    }
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::NotFound, QStringLiteral("no workspace at %1").arg(path));
    return connect(path, Access::ReadOnly);
}

Result<std::unique_ptr<Database>> Database::connect(const QString& path, Access access)
{
    std::unique_ptr<Database> database(new Database);
    database->m_path = path;
    database->m_where = path;
    database->m_readOnly = access == Access::ReadOnly;
    database->m_connectionName = nextConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), database->m_connectionName);
    // Qt's SQLite driver applies the busy timeout itself; the pragmas below set the rest.
    if (database->m_readOnly) {
        configureReadOnly(db, path);
    } else {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!db.open())
        return sqlFailure(QStringLiteral("cannot open %1").arg(path), db.lastError());
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                               "PRAGMA busy_timeout=10000", "PRAGMA secure_delete=ON"}) {
        // A read-only connection keeps the journal mode the file has (a workspace's is WAL already).
        if (database->m_readOnly && std::string_view(pragma).starts_with("PRAGMA journal_mode"))
            continue;
        auto result = database->exec(QString::fromLatin1(pragma));
        if (!result)
            return std::unexpected(result.error().withContext(QStringLiteral("opening %1").arg(path)));
    }
    return database;
}

Result<std::unique_ptr<Database>> Database::openPostgreSql(const WorkspaceLocation& location)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return fail(ErrorCode::Unsupported, QStringLiteral("%1: Qt's PostgreSQL driver is not installed (Debian: "
                                                           "libqt6sql6-psql)")
                                                .arg(location.display()));
    std::unique_ptr<Database> database(new Database);
    database->m_dialect = Dialect::PostgreSql;
    database->m_path = location.display();
    database->m_where = location.url.toString(QUrl::FullyEncoded);
    database->m_connectionName = nextConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), database->m_connectionName);
    const QUrl& url = location.url;
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    if (!url.password().isEmpty())
        db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=signet")};
    if (const QString sslMode = QUrlQuery(url).queryItemValue(QStringLiteral("sslmode")); !sslMode.isEmpty())
        options.append(QStringLiteral("sslmode=") + sslMode);
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open())
        return sqlFailure(QStringLiteral("cannot connect to %1").arg(database->m_path), db.lastError());
    // Notices (e.g. "relation already exists, skipping") are not the user's concern; another
    // writer's lock is waited for as long as SQLite's busy timeout. (SET cannot be prepared, so it
    // runs as it is.)
    for (const QString& setting : {QStringLiteral("SET client_min_messages = warning"),
                                   QStringLiteral("SET lock_timeout = %1").arg(kLockTimeoutMs)}) {
        if (QSqlQuery set(db); !set.exec(setting))
            return sqlFailure(QStringLiteral("cannot set up %1").arg(database->m_path), set.lastError());
    }
    return database;
}

QString Database::insertionOrder(const QString& fallback) const
{
    return m_dialect == Dialect::SQLite ? QStringLiteral("rowid") : fallback;
}

QString Database::containsText(const QString& column) const
{
    return QStringLiteral("%1 %2 ? ESCAPE '\\'")
        .arg(column, m_dialect == Dialect::PostgreSql ? QStringLiteral("ILIKE") : QStringLiteral("LIKE"));
}

QString Database::containsPattern(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

QString Database::sortDirection(bool ascending)
{
    return ascending ? QStringLiteral("ASC NULLS FIRST") : QStringLiteral("DESC NULLS LAST");
}

Result<QVariant> Database::meta(const QString& name) const
{
    return scalar(QStringLiteral("SELECT value FROM meta WHERE name = ?"), {name});
}

Status Database::setMeta(const QString& name, const QVariant& value) const
{
    QVariant stored = value;
    if (m_dialect == Dialect::PostgreSql && value.typeId() != QMetaType::QByteArray)
        stored = value.toString().toUtf8(); // the column is bytea; toInt() and toString() read it back
    auto done = exec(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?) "
                                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value"),
                     {name, stored});
    if (!done)
        return std::unexpected(done.error());
    return {};
}

QVariant Database::bindable(const QVariant& value) const
{
    // Qt binds a null QString as SQL NULL; an empty text is meant (NULLs are passed as QVariant()).
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QStringLiteral("");
    if (m_dialect == Dialect::PostgreSql && value.typeId() == QMetaType::Bool)
        return value.toBool() ? 1 : 0;
    return value;
}

Database::~Database()
{
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Status Database::noteStatement(const QString& sql) const
{
    if (sql.startsWith(QLatin1String("SELECT")) || sql.startsWith(QLatin1String("PRAGMA data_version")))
        return {};
    ++m_ownWrites;
    if (!m_readOnly)
        return {};
    // Pragmas that only read, and the settings a connection applies to itself, are not writes.
    const bool writes =
        !sql.startsWith(QLatin1String("PRAGMA")) || sql.startsWith(QLatin1String("PRAGMA user_version ="));
    if (writes)
        return fail(ErrorCode::Io,
                    QStringLiteral("the workspace is read-only (%1): this change cannot be made").arg(m_path));
    return {};
}

Result<ChangeStamp> Database::changeStamp() const
{
    if (m_dialect == Dialect::PostgreSql) {
        // No cheap "did anyone write" here yet: every ask says "maybe", and readers look again.
        static QAtomicInteger<qint64> asked;
        return ChangeStamp{asked.fetchAndAddRelaxed(1), m_ownWrites};
    }
    auto version = scalar(QStringLiteral("PRAGMA data_version"));
    if (!version)
        return std::unexpected(version.error());
    return ChangeStamp{version->toLongLong(), m_ownWrites};
}

Result<qint64> Database::configurationGeneration() const
{
    auto generation = scalar(QStringLiteral("SELECT value FROM configuration_generation"));
    if (!generation)
        return std::unexpected(generation.error());
    return generation->toLongLong();
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& bindings) const
{
    if (auto allowed = noteStatement(sql); !allowed)
        return std::unexpected(allowed.error());
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    // PostgreSQL prepares only queries and row changes; the rest (BEGIN, CREATE, SET) runs as it is.
    const bool direct = m_dialect == Dialect::PostgreSql && bindings.isEmpty() && !isPreparable(sql);
    if (!direct) {
        if (!query.prepare(sql))
            return sqlFailure(QStringLiteral("cannot prepare a statement"), query.lastError());
        for (const QVariant& value : bindings)
            query.addBindValue(bindable(value));
    }
    if (direct ? !query.exec(sql) : !query.exec()) {
        const QSqlError error = query.lastError();
        const bool constraint = isConstraintViolation(error);
        return fail(constraint ? ErrorCode::InvalidArgument : ErrorCode::Io,
                    QStringLiteral("database error: %1").arg(error.text()));
    }
    return query;
}

Result<QSqlQuery> Database::exec(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    return exec(sql, QVariantList(bindings));
}

Result<QSqlQuery*> Database::cachedStatement(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    if (auto allowed = noteStatement(sql); !allowed)
        return std::unexpected(allowed.error());
    auto cached = m_statements.find(sql);
    if (cached == m_statements.end()) {
        QSqlQuery query(connection());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return sqlFailure(QStringLiteral("cannot prepare a statement"), query.lastError());
        cached = m_statements.insert(sql, query);
    }
    QSqlQuery* query = &cached.value();
    int index = 0;
    for (const QVariant& value : bindings)
        query->bindValue(index++, bindable(value));
    if (!query->exec()) {
        const QSqlError error = query->lastError();
        query->finish();
        const bool constraint = isConstraintViolation(error);
        return fail(constraint ? ErrorCode::InvalidArgument : ErrorCode::Io,
                    QStringLiteral("database error: %1").arg(error.text()));
    }
    return query;
}

Result<QVariant> Database::scalar(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    auto query = cachedStatement(sql, bindings);
    if (!query)
        return std::unexpected(query.error());
    const QVariant value = (*query)->next() ? (*query)->value(0) : QVariant();
    (*query)->finish();
    return value;
}

Result<std::optional<QVariantList>> Database::firstRow(const QString& sql,
                                                       std::initializer_list<QVariant> bindings) const
{
    auto query = cachedStatement(sql, bindings);
    if (!query)
        return std::unexpected(query.error());
    std::optional<QVariantList> row;
    if ((*query)->next()) {
        row.emplace();
        const int columns = (*query)->record().count();
        for (int i = 0; i < columns; ++i)
            row->append((*query)->value(i));
    }
    (*query)->finish();
    return row;
}

Result<int> Database::run(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    auto query = cachedStatement(sql, bindings);
    if (!query)
        return std::unexpected(query.error());
    const int changed = (*query)->numRowsAffected();
    (*query)->finish();
    return changed;
}

Result<Transaction> Transaction::begin(const Database& database)
{
    const bool sqlite = database.dialect() == Database::Dialect::SQLite;
    if (auto begun = database.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")); !begun)
        return std::unexpected(begun.error());
    Transaction transaction(database);
    // PostgreSQL's BEGIN locks nothing: a writer would go ahead beside another's open transaction
    // where SQLite's BEGIN IMMEDIATE makes it wait (and the console say "busy"). One advisory lock
    // per transaction makes writers take turns alike, waiting up to lock_timeout as SQLite waits
    // up to its busy timeout.
    if (!sqlite) {
        if (auto locked = database.scalar(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWriteLock)); !locked)
            return std::unexpected(locked.error());
    }
    return transaction;
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_database(other.m_database)
    , m_open(other.m_open)
{
    other.m_open = false;
}

Transaction::~Transaction()
{
    if (m_open)
        (void)m_database->exec(QStringLiteral("ROLLBACK"));
}

Status Transaction::commit()
{
    m_open = false;
    auto committed = m_database->exec(QStringLiteral("COMMIT"));
    if (!committed) {
        (void)m_database->exec(QStringLiteral("ROLLBACK"));
        return std::unexpected(committed.error());
    }
    return {};
}

} // namespace Signet
