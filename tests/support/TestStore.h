#pragma once

// Which store a test's workspaces live in. The workspace, CLI and server suites run once on SQLite
// files and once more, the same executable, with SIGNET_TEST_STORE=postgresql (ctest registers the
// second run as NAME_postgresql): then every new workspace is a fresh database in one private
// PostgreSQL cluster per test process, started on first use and stopped when the application ends.

#include <QString>

namespace Signet::Test {

[[nodiscard]] bool testsUsePostgreSql();

// A location for a new, empty workspace: `folder`/`name`.signet, or postgresql://… of a new
// database. Empty, with `error` saying why, when the cluster or the database cannot be made.
QString newWorkspaceLocation(const QString& folder, const QString& name, QString& error);

} // namespace Signet::Test
