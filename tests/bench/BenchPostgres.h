#pragma once

// The workspace benchmarks' PostgreSQL: one private cluster (tests/support/PostgresCluster) for the
// whole process, started by the first Team* benchmark that needs it and stopped by stopPostgres(),
// with fsync on as a server runs by default (the tests turn it off), unless the environment has
// SIGNET_BENCH_POSTGRES_FSYNC=off: that separates Signet's own cost from the disk's flush latency.
// A team workspace is a copy of a SQLite workspace file (WorkspaceCopy, as `signet-cli workspace
// copy` does): 100,000 ledger rows go in far faster than through the ledger writer.

#include "foundation/Error.h"

#include <QString>

namespace Signet::Bench {

// How the workspace reaches the cluster: through its Unix socket, as clients of a local server
// usually do (libpq's default), or over loopback TCP, as to a server elsewhere.
enum class Connection
{
    Socket,
    Tcp
};

// A new database `database` holding a copy of the workspace file `file`: its URL. An error says
// why when the cluster cannot start (no PostgreSQL installed) or the copy fails.
Result<QString> teamCopyOf(const QString& file, const QString& database, Connection connection = Connection::Socket);

// Whether the cluster's commits wait for the disk (see above); a counter on the Team* cases.
[[nodiscard]] bool postgresFsyncs();

// Stops the cluster, if one was started; before the application and Qt SQL go.
void stopPostgres();

} // namespace Signet::Bench
