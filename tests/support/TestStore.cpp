#include "support/TestStore.h"
#include "support/PostgresCluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace Signet::Test {

namespace {

std::unique_ptr<PostgresCluster>& clusterSlot()
{
    static std::unique_ptr<PostgresCluster> cluster;
    return cluster;
}

const QString kAdminConnection = QStringLiteral("signet-test-admin");

// Stopped while Qt is still there to run pg_ctl (static destructors come too late for QProcess).
void stopCluster()
{
    QSqlDatabase::removeDatabase(kAdminConnection);
    clusterSlot().reset();
}

// One connection to the cluster's maintenance database that creates the tests' databases: faster
// than a createdb process for each test.
QSqlDatabase adminConnection()
{
    if (QSqlDatabase::contains(kAdminConnection))
        return QSqlDatabase::database(kAdminConnection);
    const PostgresCluster& server = testCluster();
    QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), kAdminConnection);
    admin.setHostName(PostgresCluster::host());
    admin.setPort(server.port());
    admin.setUserName(PostgresCluster::user());
    admin.setDatabaseName(QStringLiteral("postgres"));
    if (!admin.open())
        qFatal("cannot connect to the tests' PostgreSQL cluster: %s", qPrintable(admin.lastError().text()));
    return admin;
}

} // namespace

bool testsUsePostgreSql()
{
    const QString store = qEnvironmentVariable("SIGNET_TEST_STORE");
    if (store.isEmpty() || store == QLatin1String("file"))
        return false;
    if (store != QLatin1String("postgresql"))
        qFatal("SIGNET_TEST_STORE is '%s': use 'file' or 'postgresql'", qPrintable(store));
    return true;
}

PostgresCluster& testCluster()
{
    auto& slot = clusterSlot();
    if (!slot) {
        QString error;
        slot = PostgresCluster::start(error);
        if (!slot)
            qFatal("cannot start the tests' PostgreSQL cluster: %s", qPrintable(error));
        qAddPostRoutine(stopCluster);
    }
    return *slot;
}

QString freshPostgreSqlDatabase()
{
    static int created = 0;
    const QString name = QStringLiteral("signet_test_%1").arg(++created);
    QSqlQuery query(adminConnection());
    if (!query.exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
        qFatal("cannot create the test database %s: %s", qPrintable(name), qPrintable(query.lastError().text()));
    return testCluster().url(name);
}

QString newWorkspaceLocation(const QString& folder, const QString& name)
{
    if (!testsUsePostgreSql())
        return QDir(folder).filePath(name + QStringLiteral(".signet"));
    return freshPostgreSqlDatabase();
}

} // namespace Signet::Test
