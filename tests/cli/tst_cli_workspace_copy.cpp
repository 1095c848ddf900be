// signet-cli workspace copy, as a user runs it: a protected workspace file copied to a team database
// without its passphrase, then opened there with it; the copy's report; a target that already holds
// a workspace refused in one line, nothing written; usage errors; never a URL's password shown.

#include "CliRunner.h"
#include "support/PostgresCluster.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

class TestCliWorkspaceCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("xdg"))));
        qunsetenv("SIGNET_WORKSPACE");
        qunsetenv("SIGNET_PASSPHRASE");
        QString error;
        m_cluster = PostgresCluster::start(error);
        QVERIFY2(m_cluster, qPrintable(error));
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
                 "Qt's PostgreSQL driver is missing: install libqt6sql6-psql (./dev deps does)");
        m_passphraseFile = m_dir.filePath(QStringLiteral("passphrase.txt"));
        QVERIFY(writeFile(m_passphraseFile, "correct horse battery staple\n"));
        m_source = m_dir.filePath(QStringLiteral("source.signet"));
        SIGNET_EXPECT_SUCCESS(on(m_source, {QStringLiteral("init")}));
        SIGNET_EXPECT_SUCCESS(
            on(m_source, {QStringLiteral("project"), QStringLiteral("create"), QStringLiteral("demo")}));
        SIGNET_EXPECT_SUCCESS(on(m_source, {QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("-p"),
                                            QStringLiteral("demo"), QStringLiteral("--alg"), QStringLiteral("ES256")}));
    }

    void copiesToATeamDatabaseAndRefusesToReplaceIt()
    {
        QString error;
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("cli_copy"), error), qPrintable(error));
        // A password in the URL reaches libpq (the test cluster trusts loopback) and never the output.
        const QString url = m_cluster->url(QStringLiteral("cli_copy"))
                                .replace(QStringLiteral("signet@"), QStringLiteral("signet:hunter2@"));
        const QString shown = m_cluster->url(QStringLiteral("cli_copy"));

        // No passphrase given, none needed; --workspace names neither end.
        const RunResult copied = runCli({QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("unused.signet")),
                                         QStringLiteral("workspace"), QStringLiteral("copy"), m_source, url});
        SIGNET_EXPECT_SUCCESS(copied);
        const QString out = copied.stdoutText();
        QVERIFY2(out.startsWith(QStringLiteral("copied %1 to %2\n").arg(m_source, shown)), qPrintable(out));
        for (const char* part : {"projects 1,", "signing_keys 1,", "api_keys 0,", "audit ", "meta ",
                                 "verified: each of the", "same row count and SHA-256 in both"})
            QVERIFY2(out.contains(QString::fromUtf8(part)), part);
        QVERIFY2(!out.contains(QStringLiteral("hunter2")), qPrintable(out));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("unused.signet"))));

        const RunResult listed = on(url, {QStringLiteral("project"), QStringLiteral("list"), QStringLiteral("--json")});
        SIGNET_EXPECT_SUCCESS(listed);
        QVERIFY2(listed.stdoutText().contains(QStringLiteral("\"demo\"")), qPrintable(listed.describe()));
        const RunResult audit = on(url, {QStringLiteral("audit")});
        SIGNET_EXPECT_SUCCESS(audit);
        QCOMPARE(audit.out, on(m_source, {QStringLiteral("audit")}).out);

        // Again into the same database: refused, in one line naming what is there.
        const RunResult again = runCli({QStringLiteral("workspace"), QStringLiteral("copy"), m_source, url});
        SIGNET_EXPECT_ERROR(again, 2,
                            QStringLiteral("workspace copy: %1 already holds a Signet workspace (").arg(shown));
        QVERIFY2(again.stderrText().contains(QStringLiteral("projects: 1 rows")) &&
                     again.stderrText().contains(QStringLiteral("nothing was written")) &&
                     !again.stderrText().contains(QStringLiteral("hunter2")),
                 qPrintable(again.describe()));
        QCOMPARE(on(url, {QStringLiteral("audit")}).out, audit.out);
    }

    void usage()
    {
        SIGNET_EXPECT_ERROR(runCli({QStringLiteral("workspace"), QStringLiteral("copy"), m_source}), 2,
                            QStringLiteral("workspace copy: give FROM and TO"));
        SIGNET_EXPECT_ERROR(runCli({QStringLiteral("workspace"), QStringLiteral("copy"), m_source, m_source}), 2,
                            QStringLiteral("FROM and TO are the same workspace"));
        SIGNET_EXPECT_ERROR(
            runCli({QStringLiteral("workspace"), QStringLiteral("copy"),
                    m_dir.filePath(QStringLiteral("missing.signet")), m_dir.filePath(QStringLiteral("to.signet"))}),
            2, QStringLiteral("no workspace at"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("to.signet"))));
        const RunResult help = runCli({QStringLiteral("workspace"), QStringLiteral("copy"), QStringLiteral("--help")});
        SIGNET_EXPECT_SUCCESS(help);
        QVERIFY(help.stdoutText().startsWith(QStringLiteral("usage: signet-cli workspace copy FROM TO\n")));
        QVERIFY(help.stdoutText().contains(QStringLiteral("no passphrase is asked")));
        const RunResult group = runCli({QStringLiteral("workspace")});
        SIGNET_EXPECT_ERROR(
            group, 2,
            QStringLiteral(
                "workspace: which command? (copy, member init, member list, member add, member remove, join)"));
    }

    void cleanupTestCase() { m_cluster.reset(); }

private:
    RunResult on(const QString& workspace, const QStringList& command) const
    {
        return runCli(QStringList{QStringLiteral("--workspace"), workspace, QStringLiteral("--passphrase-file"),
                                  m_passphraseFile} +
                      command);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<PostgresCluster> m_cluster;
    QString m_passphraseFile;
    QString m_source;
};

QTEST_GUILESS_MAIN(TestCliWorkspaceCopy)
#include "tst_cli_workspace_copy.moc"
