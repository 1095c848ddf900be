#include "workspace/SchemaCatalog.h"

#include "workspace/Database.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace Signet {

QStringList TableInfo::columnNames() const
{
    QStringList names;
    for (const ColumnInfo& column : columns)
        names.append(column.name);
    return names;
}

const ColumnInfo* TableInfo::column(const QString& wanted) const
{
    for (const ColumnInfo& column : columns) {
        if (column.name == wanted)
            return &column;
    }
    return nullptr;
}

namespace SchemaCatalog {

namespace {

// SQLite's own rules for a declared type's affinity, reduced to what copying needs.
ColumnInfo::Kind sqliteKind(const QString& declared)
{
    const QString type = declared.toUpper();
    if (type.contains(QLatin1String("INT")))
        return ColumnInfo::Kind::Integer;
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB")) ||
        type.contains(QLatin1String("TEXT")))
        return ColumnInfo::Kind::Text;
    if (type.isEmpty() || type.contains(QLatin1String("BLOB")))
        return ColumnInfo::Kind::Bytes;
    return ColumnInfo::Kind::Other;
}

ColumnInfo::Kind postgreSqlKind(const QString& type)
{
    if (type == QLatin1String("bigint") || type == QLatin1String("integer") || type == QLatin1String("smallint"))
        return ColumnInfo::Kind::Integer;
    if (type == QLatin1String("text") || type.startsWith(QLatin1String("character")))
        return ColumnInfo::Kind::Text;
    if (type == QLatin1String("bytea"))
        return ColumnInfo::Kind::Bytes;
    return ColumnInfo::Kind::Other;
}

Result<QStringList> strings(const Database& database, const QString& sql, const QVariantList& bindings = {})
{
    auto query = database.exec(sql, bindings);
    if (!query)
        return std::unexpected(query.error());
    QStringList values;
    while (query->next())
        values.append(query->value(0).toString());
    return values;
}

Result<TableInfo> sqliteTable(const Database& database, const QString& name)
{
    TableInfo table;
    table.name = name;
    table.insertionOrder = QStringLiteral("rowid"); // a workspace has no WITHOUT ROWID tables
    auto columns =
        database.exec(QStringLiteral("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid"), {name});
    if (!columns)
        return std::unexpected(columns.error());
    QList<std::pair<int, QString>> key;
    while (columns->next()) {
        table.columns.append({columns->value(0).toString(), sqliteKind(columns->value(1).toString()), false});
        if (const int position = columns->value(2).toInt(); position > 0)
            key.append({position, columns->value(0).toString()});
    }
    std::sort(key.begin(), key.end());
    for (const auto& [position, column] : key)
        table.primaryKey.append(column);
    auto parents =
        strings(database, QStringLiteral("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)"), {name});
    if (!parents)
        return std::unexpected(parents.error());
    table.parents = *parents;
    return table;
}

Result<TableInfo> postgreSqlTable(const Database& database, const QString& name)
{
    TableInfo table;
    table.name = name;
    // The table in the schema a workspace's statements use (the search path's first).
    const QString relation = QStringLiteral("(SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                                            " ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                                            " AND c.relname = ?)");
    auto columns = database.exec(
        QStringLiteral("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attidentity <> ''"
                       " FROM pg_catalog.pg_attribute a WHERE a.attrelid = %1 AND a.attnum > 0"
                       " AND NOT a.attisdropped ORDER BY a.attnum")
            .arg(relation),
        {name});
    if (!columns)
        return std::unexpected(columns.error());
    while (columns->next()) {
        const QString column = columns->value(0).toString();
        if (column == Database::insertionOrderColumn())
            table.insertionOrder = quoted(column);
        else
            table.columns.append({column, postgreSqlKind(columns->value(1).toString()), columns->value(2).toBool()});
    }
    auto key = strings(database,
                       QStringLiteral("SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a"
                                      " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                                      " WHERE i.indrelid = %1 AND i.indisprimary"
                                      " ORDER BY array_position(i.indkey::int2[], a.attnum)")
                           .arg(relation),
                       {name});
    if (!key)
        return std::unexpected(key.error());
    table.primaryKey = *key;
    auto parents = strings(database,
                           QStringLiteral("SELECT DISTINCT p.relname FROM pg_catalog.pg_constraint f"
                                          " JOIN pg_catalog.pg_class p ON p.oid = f.confrelid"
                                          " WHERE f.contype = 'f' AND f.conrelid = %1")
                               .arg(relation),
                           {name});
    if (!parents)
        return std::unexpected(parents.error());
    table.parents = *parents;
    return table;
}

// Parents first; among tables free to go, by name, so that the order is the same on both dialects.
Result<QList<TableInfo>> parentsFirst(QList<TableInfo> tables)
{
    std::sort(tables.begin(), tables.end(), [](const TableInfo& a, const TableInfo& b) { return a.name < b.name; });
    QList<TableInfo> ordered;
    QSet<QString> placed;
    while (!tables.isEmpty()) {
        const auto ready = std::find_if(tables.begin(), tables.end(), [&placed](const TableInfo& table) {
            return std::all_of(table.parents.begin(), table.parents.end(),
                               [&](const QString& parent) { return parent == table.name || placed.contains(parent); });
        });
        if (ready == tables.end()) {
            QStringList circle;
            for (const TableInfo& table : tables)
                circle.append(table.name);
            return fail(ErrorCode::Unsupported,
                        QStringLiteral("the tables %1 refer to each other in a circle: no order to fill them in")
                            .arg(circle.join(QStringLiteral(", "))));
        }
        placed.insert(ready->name);
        ordered.append(*ready);
        tables.erase(ready);
    }
    return ordered;
}

} // namespace

Result<QList<TableInfo>> read(const Database& database)
{
    const bool sqlite = database.dialect() == Database::Dialect::SQLite;
    auto names = strings(database, sqlite ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                           " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                                          : QStringLiteral("SELECT tablename FROM pg_catalog.pg_tables"
                                                           " WHERE schemaname = current_schema()"
                                                           " AND tablename <> 'signet_schema'"));
    if (!names)
        return std::unexpected(
            names.error().withContext(QStringLiteral("reading the tables of %1").arg(database.path())));
    QList<TableInfo> tables;
    for (const QString& name : *names) {
        auto table = sqlite ? sqliteTable(database, name) : postgreSqlTable(database, name);
        if (!table)
            return std::unexpected(
                table.error().withContext(QStringLiteral("reading the table %1 of %2").arg(name, database.path())));
        tables.append(*table);
    }
    return parentsFirst(std::move(tables));
}

QString quoted(const QString& name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace SchemaCatalog

} // namespace Signet
