#include "support/TestStore.h"
#include "support/PostgresCluster.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>

#include <memory>

namespace Signet::Test {

namespace {

std::unique_ptr<PostgresCluster>& cluster()
{
    static std::unique_ptr<PostgresCluster> instance;
    return instance;
}

// Stopped while the application still exists (pg_ctl runs through QProcess).
void stopCluster()
{
    cluster().reset();
}

PostgresCluster* startedCluster(QString& error)
{
    if (!cluster()) {
        cluster() = PostgresCluster::start(error);
        if (cluster())
            qAddPostRoutine(stopCluster);
    }
    return cluster().get();
}

} // namespace

bool testsUsePostgreSql()
{
    return qEnvironmentVariable("SIGNET_TEST_STORE") == QLatin1String("postgresql");
}

QString newWorkspaceLocation(const QString& folder, const QString& name, QString& error)
{
    if (!testsUsePostgreSql())
        return QDir(folder).filePath(name + QStringLiteral(".signet"));
    PostgresCluster* postgres = startedCluster(error);
    if (!postgres)
        return {};
    static QAtomicInteger<int> counter;
    const QString database = QStringLiteral("%1_%2").arg(name.toLower()).arg(counter.fetchAndAddRelaxed(1));
    if (!postgres->createDatabase(database, error))
        return {};
    return postgres->url(database);
}

} // namespace Signet::Test
