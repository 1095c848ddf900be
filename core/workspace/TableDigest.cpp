#include "workspace/TableDigest.h"

#include "crypto/Digest.h"
#include "workspace/Database.h"
#include "workspace/SchemaCatalog.h"

#include <QtEndian>

#include <algorithm>
#include <numeric>

namespace Signet {

namespace {

QByteArray valueBytes(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return value.toByteArray();
    case QMetaType::QString:
        return value.toString().toUtf8();
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
    case QMetaType::Double:
    case QMetaType::Float:
        return QByteArray::number(value.toDouble(), 'g', 17);
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Short:
        return QByteArray::number(value.toLongLong());
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
        return QByteArray::number(value.toULongLong());
    default:
        return value.toString().toUtf8();
    }
}

// A NULL marker, or a length-prefixed value: no two different rows serialise alike.
void appendCanonical(QByteArray& out, const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        out.append('\0');
        return;
    }
    const QByteArray bytes = valueBytes(value);
    out.append('\1');
    char length[8];
    qToBigEndian<quint64>(static_cast<quint64>(bytes.size()), length);
    out.append(length, sizeof length);
    out.append(bytes);
}

} // namespace

QVariantList rowValues(const QSqlQuery& query, int columns)
{
    QVariantList row;
    row.reserve(columns);
    for (int i = 0; i < columns; ++i)
        row.append(query.isNull(i) ? QVariant() : query.value(i));
    return row;
}

TableDigester::TableDigester(const QStringList& columns, const QStringList& primaryKey)
{
    m_byName.resize(columns.size());
    std::iota(m_byName.begin(), m_byName.end(), 0);
    std::sort(m_byName.begin(), m_byName.end(), [&columns](int a, int b) { return columns[a] < columns[b]; });
    for (const QString& key : primaryKey)
        m_keyOrder.append(static_cast<int>(columns.indexOf(key)));
    if (m_keyOrder.isEmpty() || m_keyOrder.contains(-1))
        m_keyOrder = m_byName;
    for (int index : m_byName)
        appendCanonical(m_header, columns[index]);
}

void TableDigester::add(const QVariantList& row)
{
    QByteArray key;
    for (int index : m_keyOrder)
        appendCanonical(key, row.value(index));
    QByteArray all;
    for (int index : m_byName)
        appendCanonical(all, row.value(index));
    m_rows.append({key, Crypto::sha256(all)});
}

TableDigest TableDigester::finish() const
{
    auto rows = m_rows;
    std::sort(rows.begin(), rows.end());
    QByteArray chain = Crypto::sha256(m_header);
    for (const auto& [key, hash] : rows)
        chain.append(hash);
    return {static_cast<qint64>(rows.size()), Crypto::sha256(chain)};
}

QByteArray TableDigester::arrivalOrder() const
{
    QByteArray keys;
    for (const auto& [key, hash] : m_rows)
        keys.append(key);
    return Crypto::sha256(keys);
}

namespace TableDigests {

Result<TableDigest> of(const Database& database, const TableInfo& table)
{
    const QStringList columns = table.columnNames();
    QStringList selected;
    for (const QString& column : columns)
        selected.append(SchemaCatalog::quoted(column));
    auto query = database.exec(QStringLiteral("SELECT %1 FROM %2")
                                   .arg(selected.join(QStringLiteral(", ")), SchemaCatalog::quoted(table.name)));
    if (!query)
        return std::unexpected(query.error().withContext(QStringLiteral("reading %1").arg(table.name)));
    TableDigester digester(columns, table.primaryKey);
    while (query->next())
        digester.add(rowValues(*query, static_cast<int>(columns.size())));
    return digester.finish();
}

Result<QByteArray> insertionOrder(const Database& database, const TableInfo& table)
{
    if (table.insertionOrder.isEmpty())
        return QByteArray();
    // The key alone tells the rows apart (every column where there is none), as in TableDigester.
    const QStringList columns = table.primaryKey.isEmpty() ? table.columnNames() : table.primaryKey;
    QStringList selected;
    for (const QString& column : columns)
        selected.append(SchemaCatalog::quoted(column));
    auto query = database.exec(
        QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
            .arg(selected.join(QStringLiteral(", ")), SchemaCatalog::quoted(table.name), table.insertionOrder));
    if (!query)
        return std::unexpected(
            query.error().withContext(QStringLiteral("reading the order of the rows of %1").arg(table.name)));
    TableDigester digester(columns, table.primaryKey);
    while (query->next())
        digester.add(rowValues(*query, static_cast<int>(columns.size())));
    return digester.arrivalOrder();
}

} // namespace TableDigests

} // namespace Signet
