#pragma once

// A whole workspace copied to another store: a file to PostgreSQL and back, or file to file. Every
// table of the schema is copied as it is (sealed secrets stay sealed: no passphrase is needed, and
// the copy opens with the source's), into a new file or an empty database, in one transaction; then
// each table's row count and SHA-256 (TableDigest) are compared between the two, and the order rows
// were added in wherever both keep one (signing keys: it decides which prepared key rotation takes).

#include "foundation/Error.h"

#include <QList>
#include <QString>

namespace Signet::WorkspaceCopy {

struct TableRows
{
    QString table;
    qint64 rows = 0;
};

struct Summary
{
    QString from; // as shown to people (a URL without its password)
    QString to;
    QList<TableRows> tables; // in the order they were filled, each verified
};

// `from` and `to` are what WorkspaceLocation::parse takes. Refuses, before writing anything: a
// source that is not a workspace of this Signet's format, a target that exists (a file) or holds
// anything (a database), and both naming the same store.
Result<Summary> copy(const QString& from, const QString& to);

} // namespace Signet::WorkspaceCopy
