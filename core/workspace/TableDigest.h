#pragma once

// A table's contents reduced to a row count and a SHA-256 that are the same for the same rows on
// SQLite and on PostgreSQL: each value in a canonical form (NULL, or the value's bytes: an integer
// in decimal, text in UTF-8, a blob as it is), columns by name, rows by primary key. The form
// compares values rather than storage types on purpose: PostgreSQL keeps meta values as bytes where
// SQLite keeps the value's own type.

#include "foundation/Error.h"

#include <QByteArray>
#include <QList>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Signet {

class Database;
struct TableInfo;

struct TableDigest
{
    qint64 rows = 0;
    QByteArray sha256;

    friend bool operator==(const TableDigest&, const TableDigest&) = default;
};

// A row's values as a query holds them, with SQL NULL as an invalid QVariant.
QVariantList rowValues(const QSqlQuery& query, int columns);

// Takes rows one at a time (in any order), in the order of the columns it was given.
class TableDigester
{
public:
    TableDigester(const QStringList& columns, const QStringList& primaryKey);
    void add(const QVariantList& row);
    [[nodiscard]] TableDigest finish() const;
    // A SHA-256 of the rows' keys in the order add() took them, which finish() leaves out: the same
    // for the same rows in the same order on either dialect.
    [[nodiscard]] QByteArray arrivalOrder() const;

private:
    QList<int> m_byName;   // the columns' positions, by column name
    QList<int> m_keyOrder; // the primary key's positions (all columns when there is none)
    QByteArray m_header;
    // Each row's key in canonical form and the hash of the whole row; sorted by finish().
    QList<std::pair<QByteArray, QByteArray>> m_rows;
};

namespace TableDigests {

// Reads the whole table.
Result<TableDigest> of(const Database& database, const TableInfo& table);

// The arrivalOrder() of the table's rows read in the order they were added (TableInfo::
// insertionOrder); empty when the store keeps no such order for the table.
Result<QByteArray> insertionOrder(const Database& database, const TableInfo& table);

} // namespace TableDigests

} // namespace Signet
