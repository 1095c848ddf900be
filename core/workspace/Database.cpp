#include "workspace/Database.h"

#include "workspace/ChangeNotifications.h"
#include "workspace/ConnectionKeeper.h"
#include "workspace/PostgresNotifications.h"
#include "workspace/WorkspaceLocation.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
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

// Statements that may run again on a new connection when the old one was found gone: they write
// nothing (a write that failed that way may or may not have been committed, so it is reported).
bool isRetryable(const QString& sql)
{
    return sql.startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive) ||
           sql.startsWith(QLatin1String("BEGIN"), Qt::CaseInsensitive);
}

// What every PostgreSQL session of a workspace is set to, on connecting and on reconnecting.
Status prepareSession(const QSqlDatabase& db, bool readOnly, const QString& where)
{
    // Notices (e.g. "relation already exists, skipping") are not the user's concern; another
    // writer's lock is waited for as long as SQLite's busy timeout. (SET cannot be prepared, so it
    // runs as it is.)
    QStringList settings{QStringLiteral("SET client_min_messages = warning"),
                         QStringLiteral("SET lock_timeout = %1").arg(kLockTimeoutMs)};
    // Refused by the server too, not only by noteStatement().
    if (readOnly)
        settings.append(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
    for (const QString& setting : settings) {
        if (QSqlQuery query(db); !query.exec(setting))
            return sqlFailure(QStringLiteral("cannot set up %1").arg(where), query.lastError());
    }
    return {};
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
        if (auto ready = prepareSession((*database)->connection(), true, (*database)->m_path); !ready)
            return std::unexpected(ready.error());
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
    db.setHostName(location.serverHost()); // a socket directory too: libpq tells them apart
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
    if (auto ready = prepareSession(db, false, database->m_path); !ready)
        return std::unexpected(ready.error());
    const Database* raw = database.get();
    database->m_keeper = std::make_unique<ConnectionKeeper>(
        location.serverHost() + QLatin1Char('/') + url.path().mid(1),
        [raw](QString& why) { return raw->reconnect(why); }, [raw] { return raw->connection().isOpen(); });
    return database;
}

QString Database::insertionOrder() const
{
    return m_dialect == Dialect::SQLite ? QStringLiteral("rowid") : insertionOrderColumn();
}

QString Database::insertionOrderColumn()
{
    return QStringLiteral("insertion_order");
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

Database::Database() = default;

Database::~Database()
{
    m_notifications.reset();
    m_keeper.reset();
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

bool Database::noteConnectionLoss(const QSqlError& error) const
{
    if (!m_keeper || connection().isOpen())
        return false;
    m_keeper->markLost(error.text());
    if (m_inTransaction)
        m_transactionLost = true;
    return true;
}

QString Database::lostTransactionMessage() const
{
    return m_keeper->lostMessage() + QStringLiteral("; the change under way was not saved");
}

Status Database::checkConnection() const
{
    if (m_transactionLost)
        return fail(ErrorCode::Io, lostTransactionMessage());
    if (!m_keeper || m_keeper->state() == ConnectionKeeper::State::Connected || m_keeper->tryReconnect())
        return {};
    return fail(ErrorCode::Io, m_keeper->lostMessage());
}

bool Database::reconnect(QString& why) const
{
    m_statements.clear(); // prepared on the connection that is gone
    QSqlDatabase db = connection();
    db.close();
    if (!db.open()) {
        why = db.lastError().text();
        return false;
    }
    if (auto ready = prepareSession(db, m_readOnly, m_path); !ready) {
        why = ready.error().message;
        db.close();
        return false;
    }
    if (m_notifications)
        m_notifications->resubscribe();
    return true;
}

ChangeNotifications* Database::changeNotifications() const
{
    if (m_dialect != Dialect::PostgreSql || m_notificationsChecked)
        return m_notifications.get();
    auto installed = changeNotificationsInstalled(*this);
    if (!installed)
        return nullptr; // asked again next time
    m_notificationsChecked = true;
    QSqlDriver* driver = connection().driver();
    if (*installed && ChangeNotifications::subscribe(driver))
        m_notifications = std::make_unique<ChangeNotifications>(driver);
    return m_notifications.get();
}

Result<ChangeStamp> Database::configurationStamp() const
{
    if (m_dialect == Dialect::PostgreSql) {
        if (ChangeNotifications* notifications = changeNotifications()) {
            notifications->drain();
            return ChangeStamp{notifications->heardConfiguration(), m_ownWrites};
        }
    }
    return changeStamp();
}

Result<ChangeStamp> Database::changeStamp() const
{
    if (m_dialect == Dialect::PostgreSql) {
        if (ChangeNotifications* notifications = changeNotifications()) {
            notifications->drain();
            return ChangeStamp{notifications->heard(), m_ownWrites};
        }
        // A database that does not announce changes: every ask says "maybe", and readers look again.
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
    // PostgreSQL prepares only queries and row changes; the rest (BEGIN, CREATE, SET) runs as it is.
    const bool direct = m_dialect == Dialect::PostgreSql && bindings.isEmpty() && !isPreparable(sql);
    for (bool retried = false;; retried = true) {
        if (auto connected = checkConnection(); !connected)
            return std::unexpected(connected.error());
        QSqlQuery query(connection());
        query.setForwardOnly(true);
        bool done = true;
        if (!direct) {
            done = query.prepare(sql);
            for (const QVariant& value : bindings)
                query.addBindValue(bindable(value));
        }
        if (done && (direct ? query.exec(sql) : query.exec()))
            return query;
        const QSqlError error = query.lastError();
        if (noteConnectionLoss(error)) {
            if (!retried && !m_inTransaction && isRetryable(sql))
                continue; // on a new connection, if one can be made at once
            return fail(ErrorCode::Io, m_inTransaction ? lostTransactionMessage() : m_keeper->lostMessage());
        }
        if (!done)
            return sqlFailure(QStringLiteral("cannot prepare a statement"), error);
        const bool constraint = isConstraintViolation(error);
        return fail(constraint ? ErrorCode::InvalidArgument : ErrorCode::Io,
                    QStringLiteral("database error: %1").arg(error.text()));
    }
}

Result<QSqlQuery> Database::exec(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    return exec(sql, QVariantList(bindings));
}

Result<QSqlQuery*> Database::cachedStatement(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    if (auto allowed = noteStatement(sql); !allowed)
        return std::unexpected(allowed.error());
    for (bool retried = false;; retried = true) {
        if (auto connected = checkConnection(); !connected)
            return std::unexpected(connected.error());
        QSqlQuery* query = nullptr;
        QSqlError error;
        if (auto cached = m_statements.find(sql); cached != m_statements.end()) {
            query = &cached.value();
        } else {
            QSqlQuery prepared(connection());
            prepared.setForwardOnly(true);
            if (prepared.prepare(sql))
                query = &m_statements.insert(sql, prepared).value();
            else
                error = prepared.lastError();
        }
        if (query) {
            int index = 0;
            for (const QVariant& value : bindings)
                query->bindValue(index++, bindable(value));
            if (query->exec())
                return query;
            error = query->lastError();
            query->finish();
        }
        if (noteConnectionLoss(error)) {
            if (!retried && !m_inTransaction && isRetryable(sql))
                continue; // on a new connection, if one can be made at once
            return fail(ErrorCode::Io, m_inTransaction ? lostTransactionMessage() : m_keeper->lostMessage());
        }
        if (!query)
            return sqlFailure(QStringLiteral("cannot prepare a statement"), error);
        const bool constraint = isConstraintViolation(error);
        return fail(constraint ? ErrorCode::InvalidArgument : ErrorCode::Io,
                    QStringLiteral("database error: %1").arg(error.text()));
    }
}

// A kept statement read only as far as its first row leaves the rest of its answer unread: Qt's
// PostgreSQL driver fetches row by row, and libpq cannot hand over a notification that arrived after
// an answer it has not finished reading, so another member's change would wait for our next
// statement. Reading to the end settles the connection; on SQLite it resets the statement early.
void Database::finishRead(QSqlQuery& query)
{
    while (query.next()) {
    }
    query.finish();
}

Result<QVariant> Database::scalar(const QString& sql, std::initializer_list<QVariant> bindings) const
{
    auto query = cachedStatement(sql, bindings);
    if (!query)
        return std::unexpected(query.error());
    const QVariant value = (*query)->next() ? (*query)->value(0) : QVariant();
    finishRead(**query);
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
    finishRead(**query);
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
    database.m_inTransaction = true;
    Transaction transaction(database);
    // PostgreSQL's BEGIN locks nothing: a writer would go ahead beside another's open transaction
    // where SQLite's BEGIN IMMEDIATE makes it wait (and the console say "busy"), and two members
    // could both rotate the key they both read. One advisory lock per transaction makes writers take
    // turns alike, waiting up to lock_timeout as SQLite waits up to its busy timeout.
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
    if (!m_open)
        return;
    // A transaction whose connection is gone was rolled back by the server.
    if (!m_database->m_transactionLost)
        (void)m_database->exec(QStringLiteral("ROLLBACK"));
    m_database->m_inTransaction = false;
    m_database->m_transactionLost = false;
}

Status Transaction::commit()
{
    m_open = false;
    if (m_database->m_transactionLost) {
        const QString message = m_database->lostTransactionMessage();
        m_database->m_inTransaction = false;
        m_database->m_transactionLost = false;
        return fail(ErrorCode::Io, message);
    }
    auto committed = m_database->exec(QStringLiteral("COMMIT"));
    const bool lost = m_database->m_transactionLost;
    m_database->m_inTransaction = false;
    m_database->m_transactionLost = false;
    if (lost) // the server may or may not have committed before the connection went
        return fail(ErrorCode::Io, m_database->connectionKeeper()->lostMessage() +
                                       QStringLiteral("; whether the change was saved is not known"));
    if (!committed) {
        (void)m_database->exec(QStringLiteral("ROLLBACK"));
        return std::unexpected(committed.error());
    }
    return {};
}

} // namespace Signet
