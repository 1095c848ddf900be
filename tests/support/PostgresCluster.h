#pragma once

// A private PostgreSQL cluster for tests: initdb and pg_ctl from Debian's postgresql package in a
// temporary folder, on a free loopback port, as the unprivileged postgres user when the tests run
// as root (PostgreSQL refuses to run as root). Stopped when destroyed. No test skips for want of
// it: a missing server is an error that says what to install.

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Signet::Test {

class PostgresCluster
{
public:
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    enum class Durability
    {
        NoFsync, // tests: nothing needs to survive a crash, and commits are faster
        Fsync    // as a server runs by default (benchmarks): a commit waits for its WAL on disk
    };

    // A started cluster, or nullptr with `error` saying why.
    static std::unique_ptr<PostgresCluster> start(QString& error, Durability durability = Durability::NoFsync);

    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] static QString host() { return QStringLiteral("127.0.0.1"); }
    [[nodiscard]] static QString user() { return QStringLiteral("signet"); }
    // Creates a database; false with `error` when createdb fails.
    bool createDatabase(const QString& name, QString& error) const;
    // postgresql://signet@127.0.0.1:PORT/NAME
    [[nodiscard]] QString url(const QString& database) const;
    // The same through the cluster's Unix socket: postgresql://signet@:PORT/NAME?host=/FOLDER
    [[nodiscard]] QString socketUrl(const QString& database) const;
    // Runs one of the cluster's programs (pg_dump, psql) as the cluster's owner; its stdout, or
    // an empty result with `error` set.
    QByteArray run(const QString& program, const QStringList& arguments, QString& error) const;

private:
    PostgresCluster() = default;
    bool runStep(const QString& program, const QStringList& arguments, QString& error,
                 QByteArray* output = nullptr) const;

    QTemporaryDir m_folder;
    QString m_binaries;
    int m_port = 0;
    bool m_started = false;
};

} // namespace Signet::Test
