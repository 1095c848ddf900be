#include "workspace/WorkspaceBusy.h"

#include "workspace/WorkspaceInternals.h"

namespace Signet {

Status setBusyTimeout(const Workspace& workspace, std::chrono::milliseconds timeout)
{
    const Database& database = workspaceDatabase(workspace);
    auto set = database.exec(database.dialect() == Database::Dialect::SQLite
                                 ? QStringLiteral("PRAGMA busy_timeout = %1").arg(timeout.count())
                                 : QStringLiteral("SET lock_timeout = %1").arg(timeout.count()));
    if (!set)
        return std::unexpected(set.error());
    return {};
}

bool isBusy(const Error& error)
{
    // SQLITE_BUSY and SQLITE_LOCKED reach us as Qt SQL's text of the SQLite message.
    return error.message.contains(QLatin1String("database is locked")) ||
           error.message.contains(QLatin1String("database table is locked")) ||
           error.message.contains(QLatin1String("database is busy")) ||
           error.message.contains(QLatin1String("lock timeout")); // PostgreSQL's lock_timeout
}

} // namespace Signet
