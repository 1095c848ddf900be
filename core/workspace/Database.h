#pragma once

#include "foundation/Error.h"
#include "workspace/ChangeStamp.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <optional>

namespace Signet {

// A nullable INTEGER column as an optional, and back (NULL for none).
std::optional<qint64> optionalInteger(const QVariant& value);
QVariant nullableInteger(std::optional<qint64> value);

// Points a connection at `path` so that it never writes the file: read-only, and "immutable" when
// SQLite could not create the shared-memory file a WAL database needs beside it (a folder this
// process may not write).
void configureReadOnly(QSqlDatabase& db, const QString& path);

// One SQLite connection through Qt SQL, tuned for several processes at once (GUI, CLI, local
// server): WAL, a busy timeout, foreign keys, and file mode 0600. Not shared between threads.
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
    static Result<std::unique_ptr<Database>> open(const QString& path, Creation creation);
    // A connection of its own that only reads an existing file, whatever the file's permissions: for a
    // reader on another thread (a connection belongs to the thread that opened it). Writes fail as on
    // a read-only file.
    static Result<std::unique_ptr<Database>> openReadOnly(const QString& path);

    [[nodiscard]] const QString& path() const { return m_path; }
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

    // Cheap enough to ask every time.
    Result<ChangeStamp> changeStamp() const;
    [[nodiscard]] quint64 ownWriteCount() const { return m_ownWrites; }
    // Moves whenever a project, signing key or API key changes, through any connection (schema
    // triggers); ledger and audit writes leave it alone. Dearer to ask than changeStamp().
    Result<qint64> configurationGeneration() const;

private:
    Database() = default;
    enum class Access
    {
        ReadWrite,
        ReadOnly
    };
    static Result<std::unique_ptr<Database>> connect(const QString& path, Access access);
    // scalar() and run() finish their statements themselves, so those stay prepared for reuse.
    Result<QSqlQuery*> cachedStatement(const QString& sql, std::initializer_list<QVariant> bindings) const;
    // Anything but a SELECT counts as a change for changeStamp(): conservative, and cheaper than
    // asking SQLite. A read-only workspace refuses statements that write.
    Status noteStatement(const QString& sql) const;

    QString m_path;
    QString m_connectionName;
    mutable QHash<QString, QSqlQuery> m_statements;
    mutable quint64 m_ownWrites = 0;
    bool m_readOnly = false;
};

// A write transaction (BEGIN IMMEDIATE, so two writers never deadlock upgrading their locks).
// Rolls back unless committed.
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
