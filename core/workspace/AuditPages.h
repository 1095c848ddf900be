#pragma once

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QList>
#include <QString>

namespace Signet {

class Database;
class Workspace;

// The audit log a page at a time, as LedgerPages reads the ledger: SQLite filters and orders, and
// only the rows asked for are read, so the console's Audit tab opens as fast on a long log as on a
// short one.
class AuditPages
{
public:
    enum class SortKey
    {
        Time, // the order events were recorded in (their ids)
        Actor,
        Action,
        Project,
        Object,
        Details,
        Member
    };
    enum class Direction
    {
        Ascending,
        Descending
    };
    struct Query
    {
        QString projectId; // empty: every project's events and the workspace's own
        // Matches the actor, action, project, object, details, member or machine (case-insensitive).
        QString text;
        SortKey sortKey = SortKey::Time;
        Direction direction = Direction::Descending;
        QString member = {}; // empty: everyone's
    };

    explicit AuditPages(const Workspace& workspace);
    explicit AuditPages(const Database& database)
        : m_database(database)
    {}

    // Events [offset, offset + limit) of the query's order.
    Result<QList<AuditEvent>> page(const Query& query, int offset, int limit) const;
    // Everyone the log names (Query::member's choices), in alphabetical order.
    Result<QStringList> members() const;

private:
    const Database& m_database;
};

} // namespace Signet
