#pragma once

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QList>
#include <QString>

namespace Signet {

class Database;
class Workspace;

// One project's ledger a page at a time, for views over ledgers too long to hold in memory (the
// console's Tokens tab over 100,000 rows): SQLite filters and orders, and only the rows asked for
// are read. It reads what is committed and does not wait for this process's ledger writer (which
// TokenService::list does), so it never waits for another program's write lock; a row still being
// committed shows once it is (the workspace watcher reports that).
class LedgerPages
{
public:
    enum class SortKey
    {
        TokenId,
        Subject,
        Scopes,
        Issued,
        Expires,
        OneTime
    };
    enum class Direction
    {
        Ascending,
        Descending
    };
    struct Query
    {
        QString projectId;
        // Matches the jti, subject, scopes or audience (case-insensitive), or a one-time state by its
        // word (unused, used, expired).
        QString text;
        SortKey sortKey = SortKey::Issued;
        Direction direction = Direction::Descending;
    };

    explicit LedgerPages(const Workspace& workspace);
    // Over a connection of its own (BackgroundPages reads on another thread with one).
    explicit LedgerPages(const Database& database)
        : m_database(database)
    {}

    // Rows [offset, offset + limit) of the query's order; `now` decides which one-time tokens have expired.
    // A project the workspace does not know is an error (ErrorCode::NotFound), not an empty page.
    Result<QList<LedgerEntry>> page(const Query& query, int offset, int limit, qint64 now) const;
    // How many tokens the project has issued at or after `since`.
    Result<int> countIssuedSince(const QString& projectId, qint64 since) const;

private:
    const Database& m_database;
};

} // namespace Signet
