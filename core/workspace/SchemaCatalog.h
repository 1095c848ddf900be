#pragma once

// What a workspace's database says about its own tables: their columns, primary keys and the tables
// they refer to, read from the catalog of either dialect (sqlite_master and PRAGMAs, or pg_catalog).
// For work that must follow the schema without naming its tables (copying a workspace, comparing two).

#include "foundation/Error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Signet {

class Database;

struct ColumnInfo
{
    // How the column stores its values, as far as copying cares: PostgreSQL takes only its own
    // type; SQLite takes any value.
    enum class Kind
    {
        Integer,
        Text,
        Bytes,
        Other,
    };
    QString name;
    Kind kind = Kind::Other;
    // A PostgreSQL identity column: explicit values need OVERRIDING SYSTEM VALUE, and its sequence
    // must be moved past them.
    bool identity = false;
};

struct TableInfo
{
    QString name;
    QList<ColumnInfo> columns; // in the table's order; the same on both dialects
    QStringList primaryKey;    // in the key's order; empty when the table has none
    QStringList parents;       // tables its foreign keys refer to (not itself)
    // SQL that orders the rows as they were added (Database::insertionOrder): SQLite's rowid, or
    // PostgreSQL's Database::insertionOrderColumn(), which is left out of `columns` as bookkeeping
    // of that store; empty where the store keeps no such order (most tables on PostgreSQL).
    QString insertionOrder;

    [[nodiscard]] QStringList columnNames() const;
    [[nodiscard]] const ColumnInfo* column(const QString& wanted) const;
};

namespace SchemaCatalog {

// Every table of the workspace's schema, parents before the tables that refer to them (ties by name).
// Leaves out the database's own bookkeeping (sqlite_sequence) and PostgreSQL's schema version table.
Result<QList<TableInfo>> read(const Database& database);

// `name` wrapped as an SQL identifier, for names read from the catalog.
QString quoted(const QString& name);

} // namespace SchemaCatalog

} // namespace Signet
