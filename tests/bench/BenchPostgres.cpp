#include "BenchPostgres.h"

#include "support/PostgresCluster.h"
#include "workspace/WorkspaceCopy.h"

#include <memory>

namespace Signet::Bench {

namespace {

std::unique_ptr<Test::PostgresCluster>& cluster()
{
    static std::unique_ptr<Test::PostgresCluster> instance;
    return instance;
}

Result<const Test::PostgresCluster*> startedCluster()
{
    if (!cluster()) {
        QString error;
        cluster() = Test::PostgresCluster::start(error, postgresFsyncs() ? Test::PostgresCluster::Durability::Fsync
                                                                         : Test::PostgresCluster::Durability::NoFsync);
        if (!cluster())
            return fail(ErrorCode::Io,
                        QStringLiteral("cannot start PostgreSQL for the team benchmarks: %1").arg(error));
    }
    return cluster().get();
}

} // namespace

bool postgresFsyncs()
{
    return qEnvironmentVariable("SIGNET_BENCH_POSTGRES_FSYNC") != QLatin1String("off");
}

Result<QString> teamCopyOf(const QString& file, const QString& database, Connection connection)
{
    auto postgres = startedCluster();
    if (!postgres)
        return std::unexpected(postgres.error());
    QString error;
    if (!(*postgres)->createDatabase(database, error))
        return fail(ErrorCode::Io, QStringLiteral("cannot create the database %1: %2").arg(database, error));
    const QString url =
        connection == Connection::Socket ? (*postgres)->socketUrl(database) : (*postgres)->url(database);
    if (auto copied = WorkspaceCopy::copy(file, url); !copied)
        return std::unexpected(copied.error().withContext(QStringLiteral("copying %1 into PostgreSQL").arg(file)));
    return url;
}

void stopPostgres()
{
    cluster().reset();
}

} // namespace Signet::Bench
