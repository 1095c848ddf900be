#pragma once

#include "support/TestStore.h"
#include "workspace/Workspace.h"

#include <QTemporaryDir>

namespace Signet::Test {

// A new, empty workspace for each test, with a clock the test moves. The store comes from
// SIGNET_TEST_STORE: unset (or "file") is a file in a temporary folder; "postgresql" is a team
// workspace in a fresh database of a private PostgreSQL cluster (one per test process, started when
// first needed and stopped at exit), so the same tests run against both stores. scrypt is kept cheap
// here: the parameters are stored with the workspace, so tests exercise the same code at a lower cost.
struct WorkspaceFixture
{
    static constexpr qint64 kStart = 1'800'000'000;
    QTemporaryDir folder;
    ManualClock clock{kStart};
    std::unique_ptr<Workspace> workspace;

    WorkspaceFixture();

    // Whether this process tests the file store (SQLite), as opposed to a team workspace.
    static bool isFileStore();
    // What Workspace::create and open take: the file's path or the team database's URL.
    QString location() const { return m_location; }
    // The workspace file; only the file store has one (anything else is a mistake in the test).
    QString path() const;
    // Where no workspace is: a missing file, or an empty database.
    QString missingLocation() const;
    // Everything the store holds, as bytes, to look for what must not be there (a secret in the
    // clear) or to see that nothing changed: the file and its WAL, or a dump of the database.
    QByteArray storedBytes() const;
    static Crypto::ScryptParameters cheapKdf();
    // Creates the workspace (unprotected unless a passphrase is given) and a project "payments".
    void create(std::optional<QByteArray> passphrase = std::nullopt);
    Workspace& ws() { return *workspace; }

private:
    QString m_location;
};

// Runs an SQL script with psql in that database (a fixture in tests/data); the error, if any.
QString runPostgreSqlScript(const QString& location, const QString& scriptPath);
// pg_dump of that database, as SQL that psql runs as one string (INSERTs, not COPY); empty with
// `error` set when pg_dump fails.
QByteArray postgreSqlDump(const QString& location, QString& error);

} // namespace Signet::Test
