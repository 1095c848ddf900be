#pragma once

// Which store a test's workspaces live in. The workspace, CLI, server and console suites run once on
// SQLite files and once more, the same executable, with SIGNET_TEST_STORE=postgresql (ctest
// registers the second run as NAME_postgresql): then every new workspace is a fresh database in one
// private PostgreSQL cluster per test process, started on first use and stopped when the
// application ends.

#include <QString>

namespace Signet::Test {

class PostgresCluster;

[[nodiscard]] bool testsUsePostgreSql();

// The process's cluster, started on first use. A cluster that cannot start ends the test process
// with the reason (no test skips for want of PostgreSQL).
PostgresCluster& testCluster();
// A new, empty database in it: its postgresql:// URL.
QString freshPostgreSqlDatabase();

// A location for a new, empty workspace: `folder`/`name`.signet, or a fresh database.
QString newWorkspaceLocation(const QString& folder, const QString& name);

} // namespace Signet::Test
