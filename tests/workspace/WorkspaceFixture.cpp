#include "WorkspaceFixture.h"

#include "support/PostgresCluster.h"
#include "support/TestStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Signet::Test {

QString runPostgreSqlScript(const QString& location, const QString& scriptPath)
{
    QString error;
    // psql runs as the cluster's owner, who may not read the source tree: it gets the text itself.
    QFile script(scriptPath);
    if (!script.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(scriptPath, script.errorString());
    testCluster().run(QStringLiteral("psql"),
                      {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                       QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), location, QStringLiteral("-c"),
                       QString::fromUtf8(script.readAll())},
                      error);
    return error;
}

QByteArray postgreSqlDump(const QString& location, QString& error)
{
    error.clear();
    const QByteArray dump = testCluster().run(QStringLiteral("pg_dump"),
                                              {QStringLiteral("--no-owner"), QStringLiteral("--no-privileges"),
                                               QStringLiteral("--column-inserts"), QStringLiteral("-d"), location},
                                              error);
    // Without psql's \restrict lines (a guard against a hostile server, with a new random key each
    // time): the dump is then the same for the same data, and runs as one statement string.
    QByteArray kept;
    for (const QByteArray& line : dump.split('\n')) {
        if (!line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict "))
            kept += line + '\n';
    }
    return kept;
}

WorkspaceFixture::WorkspaceFixture()
    : m_location(isFileStore() ? folder.filePath(QStringLiteral("test.signet")) : freshPostgreSqlDatabase())
{}

bool WorkspaceFixture::isFileStore()
{
    return !testsUsePostgreSql();
}

QString WorkspaceFixture::path() const
{
    if (!isFileStore())
        qFatal("WorkspaceFixture::path() is the workspace file; a team workspace has none (use location())");
    return m_location;
}

QString WorkspaceFixture::missingLocation() const
{
    return isFileStore() ? folder.filePath(QStringLiteral("missing.signet")) : freshPostgreSqlDatabase();
}

QByteArray WorkspaceFixture::storedBytes() const
{
    if (!isFileStore()) {
        QString error;
        const QByteArray dump = postgreSqlDump(m_location, error);
        if (!error.isEmpty())
            qFatal("cannot dump the test database: %s", qPrintable(error));
        return dump;
    }
    QByteArray bytes;
    for (const char* suffix : {"", "-wal"}) {
        QFile file(m_location + QLatin1String(suffix));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

Crypto::ScryptParameters WorkspaceFixture::cheapKdf()
{
    Crypto::ScryptParameters kdf;
    kdf.n = 1024;
    return kdf;
}

void WorkspaceFixture::create(std::optional<QByteArray> passphrase)
{
    auto created = Workspace::create(location(), std::move(passphrase), Actor::Cli, clock, cheapKdf());
    if (!created)
        qFatal("cannot create the test workspace: %s", qPrintable(created.error().message));
    workspace = std::move(*created);
    Project project;
    project.id = QStringLiteral("payments");
    project.maxTtl = 3600;
    project.jwksMaxAge = 600;
    project.scopes = {{QStringLiteral("payments:read"), QStringLiteral("Read payments")},
                      {QStringLiteral("payments:write"), QStringLiteral("Create payments")}};
    if (auto made = workspace->projects().create(project); !made)
        qFatal("cannot create the test project: %s", qPrintable(made.error().message));
}

} // namespace Signet::Test
