#include "workspace/WorkspaceCopy.h"

#include "workspace/CopyEnds.h"
#include "workspace/Database.h"
#include "workspace/SchemaCatalog.h"
#include "workspace/TableDigest.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Signet::WorkspaceCopy {

namespace {

// The source is read in one snapshot, so that what is copied and what is verified are the same rows
// even while others use the workspace. (Through the driver: the source is open read-only, and
// Database refuses statements that are not queries there.)
class ReadSnapshot
{
public:
    explicit ReadSnapshot(const Database& database)
        : m_connection(database.connection())
    {
        m_open = m_connection.transaction();
        if (m_open && database.dialect() == Database::Dialect::PostgreSql)
            QSqlQuery(m_connection).exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    }
    ~ReadSnapshot()
    {
        if (m_open)
            m_connection.rollback();
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    QSqlDatabase m_connection;
    bool m_open = false;
};

// A value as the target's column takes it. SQLite keeps any value as it is; PostgreSQL wants its
// column's type (a meta value SQLite kept as a number or text is bytes there, as Database::setMeta
// writes it).
QVariant forColumn(const QVariant& value, ColumnInfo::Kind kind, Database::Dialect target)
{
    if (!value.isValid())
        return {};
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QStringLiteral(""); // Qt binds a null QString as NULL; the row held an empty text
    if (target == Database::Dialect::SQLite)
        return value;
    const bool isText = value.typeId() == QMetaType::QString;
    const bool isBytes = value.typeId() == QMetaType::QByteArray;
    switch (kind) {
    case ColumnInfo::Kind::Bytes:
        return isBytes ? value : QVariant(value.toString().toUtf8());
    case ColumnInfo::Kind::Text:
        return isBytes ? QVariant(QString::fromUtf8(value.toByteArray())) : QVariant(value.toString());
    case ColumnInfo::Kind::Integer: {
        bool ok = false;
        const qlonglong number = value.toLongLong(&ok);
        return ok || !(isText || isBytes) ? QVariant(number) : value; // not a number: PostgreSQL says so
    }
    case ColumnInfo::Kind::Other:
        return value;
    }
    return value;
}

QString columnList(const QStringList& columns)
{
    QStringList quoted;
    for (const QString& column : columns)
        quoted.append(SchemaCatalog::quoted(column));
    return quoted.join(QStringLiteral(", "));
}

// The order the source's rows were added in, where it keeps one (readers use it for ties): the
// target, filled in that order, numbers them alike (its rowid or its insertion order column, which
// is never copied). Else the primary key's.
QString readOrder(const TableInfo& table)
{
    if (!table.insertionOrder.isEmpty())
        return QStringLiteral(" ORDER BY ") + table.insertionOrder;
    return table.primaryKey.isEmpty() ? QString() : QStringLiteral(" ORDER BY ") + columnList(table.primaryKey);
}

// What copying a table learnt of the source's rows, to verify the copy with.
struct SourceRows
{
    TableDigest digest;
    QByteArray insertionOrder; // TableDigests::insertionOrder's; empty when the source keeps none
};

// Copies every row of one table.
Result<SourceRows> copyTable(const Database& source, const Database& target, const TableInfo& from, const TableInfo& to)
{
    const QStringList columns = from.columnNames();
    auto rows = source.exec(QStringLiteral("SELECT %1 FROM %2%3")
                                .arg(columnList(columns), SchemaCatalog::quoted(from.name), readOrder(from)));
    if (!rows)
        return std::unexpected(
            rows.error().withContext(QStringLiteral("reading %1 from %2").arg(from.name, source.path())));
    const bool identity =
        std::any_of(to.columns.begin(), to.columns.end(), [](const ColumnInfo& c) { return c.identity; });
    QStringList placeholders;
    QList<ColumnInfo::Kind> kinds;
    for (const QString& column : columns) {
        placeholders.append(QStringLiteral("?"));
        kinds.append(to.column(column)->kind);
    }
    QSqlQuery insert(target.connection());
    if (!insert.prepare(QStringLiteral("INSERT INTO %1 (%2)%3 VALUES (%4)")
                            .arg(SchemaCatalog::quoted(to.name), columnList(columns),
                                 identity ? QStringLiteral(" OVERRIDING SYSTEM VALUE") : QString(),
                                 placeholders.join(QStringLiteral(", ")))))
        return fail(ErrorCode::Io,
                    QStringLiteral("cannot prepare to fill %1: %2").arg(to.name, insert.lastError().text()));
    TableDigester digester(columns, from.primaryKey);
    const int count = static_cast<int>(columns.size());
    while (rows->next()) {
        const QVariantList row = rowValues(*rows, count);
        digester.add(row);
        for (int i = 0; i < count; ++i)
            insert.bindValue(i, forColumn(row[i], kinds[i], target.dialect()));
        if (!insert.exec())
            return fail(ErrorCode::Io, QStringLiteral("cannot copy a row of %1 into %2: %3")
                                           .arg(to.name, target.path(), insert.lastError().text()));
    }
    return SourceRows{digester.finish(), from.insertionOrder.isEmpty() ? QByteArray() : digester.arrivalOrder()};
}

// After explicit ids, an identity column's sequence starts past the largest, so that the next
// insert does not take an id already there.
Status moveIdentities(const Database& target, const TableInfo& table)
{
    for (const ColumnInfo& column : table.columns) {
        if (!column.identity)
            continue;
        auto moved = target.exec(QStringLiteral("SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(?, ?),"
                                                " COALESCE((SELECT MAX(%1) FROM %2), 0) + 1, false)")
                                     .arg(SchemaCatalog::quoted(column.name), SchemaCatalog::quoted(table.name)),
                                 {SchemaCatalog::quoted(table.name), column.name});
        if (!moved)
            return std::unexpected(
                moved.error().withContext(QStringLiteral("moving the ids of %1 on").arg(table.name)));
    }
    return {};
}

// Both ends are at the same format, so their tables and columns must match; a difference is a fault
// of this build's two schemas, said as such.
Status compareSchemas(const QList<TableInfo>& source, const QList<TableInfo>& target)
{
    QHash<QString, const TableInfo*> targetTables;
    for (const TableInfo& table : target)
        targetTables.insert(table.name, &table);
    for (const TableInfo& table : source) {
        const TableInfo* other = targetTables.take(table.name);
        if (!other)
            return fail(ErrorCode::Internal, QStringLiteral("the copy has no table %1").arg(table.name));
        QStringList mine = table.columnNames(), theirs = other->columnNames();
        mine.sort();
        theirs.sort();
        if (mine != theirs)
            return fail(ErrorCode::Internal,
                        QStringLiteral("the table %1 has the columns %2 here but %3 in the copy")
                            .arg(table.name, mine.join(QLatin1Char(',')), theirs.join(QLatin1Char(','))));
    }
    if (!targetTables.isEmpty())
        return fail(ErrorCode::Internal, QStringLiteral("the copy has a table the source lacks: %1")
                                             .arg(targetTables.keys().join(QStringLiteral(", "))));
    return {};
}

struct Filled
{
    QList<const TableInfo*> order;         // the source's tables
    QHash<QString, const TableInfo*> to;   // the target's, by name
    QHash<QString, SourceRows> sourceRows; // by table name
};

// Tables a new schema fills itself (the configuration generation) go last, replaced by the source's
// rows: the triggers of the other tables move them while those are filled.
Result<Filled> fill(const Database& source, const Database& target, const QList<TableInfo>& sourceTables,
                    const QList<TableInfo>& targetTables, const QSet<QString>& seeded)
{
    Filled filled;
    for (const TableInfo& table : sourceTables)
        if (!seeded.contains(table.name))
            filled.order.append(&table);
    for (const TableInfo& table : sourceTables)
        if (seeded.contains(table.name))
            filled.order.append(&table);
    for (const TableInfo& table : targetTables)
        filled.to.insert(table.name, &table);

    auto transaction = Transaction::begin(target);
    if (!transaction)
        return std::unexpected(transaction.error());
    for (const TableInfo* table : filled.order) {
        const TableInfo& to = *filled.to.value(table->name);
        if (seeded.contains(table->name)) {
            if (auto cleared = target.exec(QStringLiteral("DELETE FROM %1").arg(SchemaCatalog::quoted(to.name)));
                !cleared)
                return std::unexpected(cleared.error());
        }
        auto copied = copyTable(source, target, *table, to);
        if (!copied)
            return std::unexpected(copied.error());
        filled.sourceRows.insert(table->name, *copied);
        if (auto moved = moveIdentities(target, to); !moved)
            return std::unexpected(moved.error());
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return filled;
}

// Where both stores keep the order rows were added in (signing keys on either; every table between
// two files), the copy has them in the same order: ties between keys go as they did.
Status verifyOrder(const Database& target, const TableInfo& to, const QByteArray& original)
{
    if (original.isEmpty() || to.insertionOrder.isEmpty())
        return {};
    auto copied = TableDigests::insertionOrder(target, to);
    if (!copied)
        return std::unexpected(copied.error());
    if (*copied != original)
        return fail(ErrorCode::Io, QStringLiteral("verification failed for the table %1: its rows were added in "
                                                  "another order in the copy than in the source, which decides "
                                                  "ties (the copy is not to be used)")
                                       .arg(to.name));
    return {};
}

Result<QList<TableRows>> verify(const Database& target, const Filled& filled)
{
    QList<TableRows> verified;
    for (const TableInfo* table : filled.order) {
        auto copied = TableDigests::of(target, *table);
        if (!copied)
            return std::unexpected(copied.error());
        const SourceRows& source = filled.sourceRows.value(table->name);
        const TableDigest& original = source.digest;
        if (*copied != original)
            return fail(ErrorCode::Io,
                        QStringLiteral("verification failed for the table %1: %2 rows (SHA-256 %3) in the source, "
                                       "%4 rows (SHA-256 %5) in the copy, which is not to be used")
                            .arg(table->name)
                            .arg(original.rows)
                            .arg(QString::fromLatin1(original.sha256.toHex()))
                            .arg(copied->rows)
                            .arg(QString::fromLatin1(copied->sha256.toHex())));
        if (auto ordered = verifyOrder(target, *filled.to.value(table->name), source.insertionOrder); !ordered)
            return std::unexpected(ordered.error());
        verified.append({table->name, original.rows});
    }
    return verified;
}

Result<QList<TableRows>> copyInto(const Database& source, CopyTarget& target)
{
    auto sourceTables = SchemaCatalog::read(source);
    if (!sourceTables)
        return std::unexpected(sourceTables.error());
    auto targetTables = SchemaCatalog::read(target.database());
    if (!targetTables)
        return std::unexpected(targetTables.error());
    if (auto same = compareSchemas(*sourceTables, *targetTables); !same)
        return std::unexpected(same.error());
    auto seeded = CopyEnds::seededTables(target.database(), *targetTables);
    if (!seeded)
        return std::unexpected(seeded.error());
    ReadSnapshot snapshot(source);
    auto filled = fill(source, target.database(), *sourceTables, *targetTables, *seeded);
    if (!filled)
        return std::unexpected(filled.error());
    return verify(target.database(), *filled);
}

} // namespace

Result<Summary> copy(const QString& from, const QString& to)
{
    auto ends = CopyEnds::locate(from, to);
    if (!ends)
        return std::unexpected(ends.error());
    auto source = CopyEnds::openSource(ends->from);
    if (!source)
        return std::unexpected(source.error());
    auto target = CopyTarget::prepare(ends->to);
    if (!target)
        return std::unexpected(target.error());
    auto tables = copyInto(**source, *target);
    if (!tables) {
        target->discard();
        return std::unexpected(tables.error());
    }
    return Summary{ends->from.display(), ends->to.display(), *tables};
}

} // namespace Signet::WorkspaceCopy
