#include "support/PostgresCluster.h"

#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QVersionNumber>

#include <unistd.h>

namespace Signet::Test {

namespace {

// The newest /usr/lib/postgresql/<version>/bin that has initdb.
QString serverBinaries()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    for (const QString& version : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString bin = root.filePath(version + QStringLiteral("/bin"));
        const QVersionNumber number = QVersionNumber::fromString(version);
        if (QFileInfo::exists(bin + QStringLiteral("/initdb")) && number > bestVersion) {
            best = bin;
            bestVersion = number;
        }
    }
    return best;
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

PostgresCluster::~PostgresCluster()
{
    if (m_started) {
        QString ignored;
        runStep(QStringLiteral("pg_ctl"),
                {QStringLiteral("-D"), m_folder.filePath(QStringLiteral("data")), QStringLiteral("-m"),
                 QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
                ignored);
    }
}

bool PostgresCluster::runStep(const QString& program, const QStringList& arguments, QString& error,
                              QByteArray* output) const
{
    QProcess process;
    const QString binary = m_binaries + QLatin1Char('/') + program;
    if (runningAsRoot())
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), binary} +
                          arguments);
    else
        process.start(binary, arguments);
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        error = QStringLiteral("%1 failed: %2 %3")
                    .arg(program, process.errorString(), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return true;
}

std::unique_ptr<PostgresCluster> PostgresCluster::start(QString& error, Durability durability)
{
    std::unique_ptr<PostgresCluster> cluster(new PostgresCluster);
    cluster->m_binaries = serverBinaries();
    if (cluster->m_binaries.isEmpty()) {
        error = QStringLiteral("no PostgreSQL server in /usr/lib/postgresql: install Debian's postgresql "
                               "package (./dev deps does)");
        return nullptr;
    }
    if (!cluster->m_folder.isValid()) {
        error = QStringLiteral("cannot make a temporary folder: %1").arg(cluster->m_folder.errorString());
        return nullptr;
    }
    const QString folder = cluster->m_folder.path();
    if (runningAsRoot()) {
        QProcess chown;
        chown.start(QStringLiteral("chown"), {QStringLiteral("postgres:"), folder});
        if (!chown.waitForFinished() || chown.exitCode() != 0) {
            error = QStringLiteral("cannot give %1 to the postgres user").arg(folder);
            return nullptr;
        }
    }
    const QString data = folder + QStringLiteral("/data");
    if (!cluster->runStep(QStringLiteral("initdb"),
                          {QStringLiteral("-D"), data, QStringLiteral("-U"), user(), QStringLiteral("-A"),
                           QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                           QStringLiteral("--no-locale"), QStringLiteral("-N")},
                          error))
        return nullptr;
    // A port found free can be taken before the server binds it: try a few.
    for (int attempt = 0; attempt < 5 && !cluster->m_started; ++attempt) {
        cluster->m_port = freePort();
        const QString options =
            QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=%3 "
                           "-c max_connections=200")
                .arg(cluster->m_port)
                .arg(folder)
                .arg(durability == Durability::Fsync ? QStringLiteral("on") : QStringLiteral("off"));
        cluster->m_started =
            cluster->runStep(QStringLiteral("pg_ctl"),
                             {QStringLiteral("-D"), data, QStringLiteral("-l"), folder + QStringLiteral("/server.log"),
                              QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("-t"),
                              QStringLiteral("60"), QStringLiteral("start")},
                             error);
    }
    if (!cluster->m_started)
        return nullptr;
    error.clear();
    return cluster;
}

bool PostgresCluster::createDatabase(const QString& name, QString& error) const
{
    return runStep(QStringLiteral("createdb"),
                   {QStringLiteral("-h"), host(), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"),
                    user(), name},
                   error);
}

QString PostgresCluster::url(const QString& database) const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user(), host()).arg(m_port).arg(database);
}

QString PostgresCluster::socketUrl(const QString& database) const
{
    return QStringLiteral("postgresql://%1@:%2/%3?host=%4").arg(user()).arg(m_port).arg(database, m_folder.path());
}

QByteArray PostgresCluster::run(const QString& program, const QStringList& arguments, QString& error) const
{
    QByteArray output;
    if (!runStep(program, arguments, error, &output))
        return {};
    return output;
}

} // namespace Signet::Test
