#pragma once

#include "foundation/Error.h"
#include "workspace/ChangeStamp.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <memory>
#include <optional>

namespace Signet {

class ChangeNotifications;
class ConnectionKeeper;
struct WorkspaceLocation;

// A nullable INTEGER column as an optional, and back (NULL for none).
std::optional<qint64> optionalInteger(const QVariant& value);
QVariant nullableInteger(std::optional<qint64> value);

// Points a connection at `path` so that it never writes the file: read-only, and "immutable" when
// SQLite could not create the shared-memory file a WAL database needs beside it (a folder this
// process may not write).
void configureReadOnly(QSqlDatabase& db, const QString& path);

// One connection through Qt SQL: to a SQLite file, tuned for several processes at once (GUI, CLI,
// local server: WAL, a busy timeout, foreign keys, and file mode 0600), or to a PostgreSQL database
// (a team workspace). Statements are written once for both; where the two differ (the schema,
// schema versions, metadata values) the dialect decides. Not shared between threads.
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating when allowed) the file. A new file is created with mode 0600 before SQLite
    // writes anything into it.
    enum class Creation
    {
        MustExist,
        MayCreate,
        MustCreate
    };
    // `path` may also be a postgresql:// location (see WorkspaceLocation), whatever `creation` says:
    // a team workspace's database is made by its administrator.
    static Result<std::unique_ptr<Database>> open(const QString& path, Creation creation);
    // A connection of its own that only reads an existing file, whatever the file's permissions: for a
    // reader on another thread (a connection belongs to the thread that opened it). Writes fail as on
    // a read-only file.
    static Result<std::unique_ptr<Database>> openReadOnly(const QString& path);
    // A connection to a PostgreSQL database (WorkspaceLocation::Kind::PostgreSql). The password
    // comes from the URL, else from libpq's usual places (PGPASSWORD, ~/.pgpass).
    static Result<std::unique_ptr<Database>> openPostgreSql(const WorkspaceLocation& location);

    enum class Dialect
    {
        SQLite,
        PostgreSql,
    };
    [[nodiscard]] Dialect dialect() const { return m_dialect; }

    // The meta table's values (the vault's parameters, where the server last started). PostgreSQL
    // keeps them as bytes; SQLite as the value's own type. Read back with toString(), toInt() or
    // toByteArray() alike. An invalid QVariant when there is none.
    Result<QVariant> meta(const QString& name) const;
    Status setMeta(const QString& name, const QVariant& value) const;

    [[nodiscard]] const QString& path() const { return m_path; }
    // What open() takes to reach this store again from another connection (for a team workspace,
    // the URL with its password: never shown).
    [[nodiscard]] const QString& where() const { return m_where; }
    // SQL that orders a table's rows as they were inserted, for ties: SQLite's rowid, or on
    // PostgreSQL (which keeps no such order) the identity column insertionOrderColumn(), which only
    // the tables whose ties matter have (signing_keys, since format 8).
    [[nodiscard]] QString insertionOrder() const;
    // Like SQLite's rowid, the store's own bookkeeping rather than a column of the schema: nothing
    // writes it, and a copy between stores leaves it to the target (SchemaCatalog, WorkspaceCopy).
    static QString insertionOrderColumn();
    // A condition that `column` holds a text anywhere, ignoring the case of ASCII letters as SQLite's
    // LIKE does (PostgreSQL's LIKE minds case; its ILIKE does not). Its one placeholder takes
    // containsPattern(text), in which % and _ are the text's own.
    [[nodiscard]] QString containsText(const QString& column) const;
    static QString containsPattern(QString text);
    // An ORDER BY direction in which NULL sorts as the smallest value, as in SQLite ("ASC NULLS
    // FIRST"; PostgreSQL would put NULLs last): a column of NULLs sorts alike in both.
    static QString sortDirection(bool ascending);
    // An existing file this process may not write is opened read-only: reads work, and every write
    // fails with "the workspace ... is read-only" before SQLite is asked.
    [[nodiscard]] bool isReadOnly() const { return m_readOnly; }
    [[nodiscard]] QSqlDatabase connection() const;

    // Runs one statement with positional bindings; the query is positioned before the first row.
    Result<QSqlQuery> exec(const QString& sql, std::initializer_list<QVariant> bindings = {}) const;
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& bindings) const;
    // The first column of the first row, or an invalid QVariant when there is no row.
    Result<QVariant> scalar(const QString& sql, std::initializer_list<QVariant> bindings = {}) const;
    // The first row's values, or nothing when there is no row.
    Result<std::optional<QVariantList>> firstRow(const QString& sql,
                                                 std::initializer_list<QVariant> bindings = {}) const;
    // A statement without a result (INSERT, UPDATE, DELETE); returns the number of rows changed.
    Result<int> run(const QString& sql, std::initializer_list<QVariant> bindings = {}) const;

    // Cheap enough to ask every time. On PostgreSQL it moves when another connection's change was
    // announced (ChangeNotifications; a non-blocking read of what has arrived), or, on a database
    // without the announcing triggers, at every ask.
    Result<ChangeStamp> changeStamp() const;
    // The same for the configuration alone, for readers that keep what they read of it: on PostgreSQL
    // it moves when another connection's change to a project, key, API key or profile is announced
    // (so not with every ledger row another member or the ledger writer adds), or at every ask where
    // nothing announces. Unchanged, nothing was changed that has been announced yet: another
    // member's change is followed once its announcement arrives, without asking the server.
    Result<ChangeStamp> configurationStamp() const;
    // Whether an unchanged stamp means nothing changed (SQLite's data_version). A notification
    // travels: on PostgreSQL another member's commit may not have been announced yet.
    [[nodiscard]] bool changeStampIsExact() const { return m_dialect == Dialect::SQLite; }
    // A team workspace's announcements of other connections' changes, subscribed on first use; none
    // for a file, or when the database does not announce changes (see ensureChangeNotifications).
    ChangeNotifications* changeNotifications() const;
    // A team workspace's connection state, which statements and an event loop keep up; none for a file.
    [[nodiscard]] ConnectionKeeper* connectionKeeper() const { return m_keeper.get(); }
    [[nodiscard]] quint64 ownWriteCount() const { return m_ownWrites; }
    // A Transaction is open on this connection.
    [[nodiscard]] bool isInTransaction() const { return m_inTransaction; }
    // Moves whenever a project, signing key or API key changes, through any connection (schema
    // triggers); ledger and audit writes leave it alone. Dearer to ask than changeStamp().
    Result<qint64> configurationGeneration() const;

private:
    friend class Transaction;
    Database();
    enum class Access
    {
        ReadWrite,
        ReadOnly
    };
    static Result<std::unique_ptr<Database>> connect(const QString& path, Access access);
    // scalar() and run() finish their statements themselves, so those stay prepared for reuse.
    Result<QSqlQuery*> cachedStatement(const QString& sql, std::initializer_list<QVariant> bindings) const;
    static void finishRead(QSqlQuery& query);
    // Anything but a SELECT counts as a change for changeStamp(): conservative, and cheaper than
    // asking SQLite. A read-only workspace refuses statements that write.
    Status noteStatement(const QString& sql) const;

    // A failed statement on PostgreSQL: whether the connection is gone (then the keeper knows).
    bool noteConnectionLoss(const QSqlError& error) const;
    // Whether a statement may run: not while the transaction under way lost its connection, and not
    // while the connection is down and cannot be made again yet.
    Status checkConnection() const;
    // Makes the PostgreSQL connection again (ConnectionKeeper); why not, when it fails.
    bool reconnect(QString& why) const;
    [[nodiscard]] QString lostTransactionMessage() const;

    // A value as PostgreSQL takes it for its column types (booleans are stored as 0 and 1).
    [[nodiscard]] QVariant bindable(const QVariant& value) const;

    Dialect m_dialect = Dialect::SQLite;
    QString m_path;  // the file, or the team workspace's URL without its password
    QString m_where; // path, or the full URL
    QString m_connectionName;
    mutable QHash<QString, QSqlQuery> m_statements;
    mutable quint64 m_ownWrites = 0;
    bool m_readOnly = false;
    std::unique_ptr<ConnectionKeeper> m_keeper;
    mutable std::unique_ptr<ChangeNotifications> m_notifications;
    mutable bool m_notificationsChecked = false;
    mutable bool m_inTransaction = false;
    mutable bool m_transactionLost = false;
};

// A write transaction, one at a time per workspace (SQLite: BEGIN IMMEDIATE, so two writers never
// deadlock upgrading their locks; PostgreSQL: BEGIN and an advisory lock, as its BEGIN locks
// nothing). Rolls back unless committed.
class Transaction
{
public:
    static Result<Transaction> begin(const Database& database);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status commit();

private:
    explicit Transaction(const Database& database)
        : m_database(&database)
    {}
    const Database* m_database;
    bool m_open = true;
};

} // namespace Signet
