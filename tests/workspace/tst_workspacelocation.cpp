// Where a workspace lives: a path is a file, postgresql:// a team workspace, and any other scheme an
// error that names it, with nothing created on disk.

#include "WorkspaceFixture.h"

#include "workspace/WorkspaceLocation.h"

#include <QDir>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

class WorkspaceLocationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathsAreFiles()
    {
        for (const QString& text :
             {QStringLiteral("workspace.signet"), QStringLiteral("/home/ada/team.signet"),
              QStringLiteral("C:\\\\Users\\\\ada\\\\w.signet"), QStringLiteral("odd:name.signet")}) {
            auto location = WorkspaceLocation::parse(text);
            QVERIFY2(location, qPrintable(text));
            QCOMPARE(location->kind, WorkspaceLocation::Kind::File);
            QCOMPARE(location->path, text);
        }
        QCOMPARE(WorkspaceLocation::parse(QStringLiteral("file:///tmp/w.signet"))->path,
                 QStringLiteral("/tmp/w.signet"));
    }

    void postgreSqlUrls()
    {
        auto team =
            WorkspaceLocation::parse(QStringLiteral("postgresql://ada:s3cret@db.internal:6543/signet?sslmode=require"));
        QVERIFY(team);
        QCOMPARE(team->kind, WorkspaceLocation::Kind::PostgreSql);
        QCOMPARE(team->url.host(), QStringLiteral("db.internal"));
        QCOMPARE(team->url.port(), 6543);
        QCOMPARE(team->url.userName(), QStringLiteral("ada"));
        QVERIFY(!team->display().contains(QStringLiteral("s3cret")));
        QVERIFY(WorkspaceLocation::parse(QStringLiteral("postgres://ada@localhost/signet")));
        QCOMPARE(team->serverHost(), QStringLiteral("db.internal"));
        // A local server through its Unix socket, as libpq spells it: the socket's folder in ?host=.
        auto local = WorkspaceLocation::parse(QStringLiteral("postgresql://ada@:5433/signet?host=/run/postgresql"));
        QVERIFY2(local, local ? "" : qPrintable(local.error().message));
        QCOMPARE(local->serverHost(), QStringLiteral("/run/postgresql"));
        QCOMPARE(local->url.port(5432), 5433);
        QCOMPARE(WorkspaceLocation::parse(QStringLiteral("postgresql://ada@/signet?host=%2Fvar%2Frun&sslmode=disable"))
                     ->serverHost(),
                 QStringLiteral("/var/run"));

        const struct
        {
            const char* url;
            const char* says;
        } wrong[] = {
            {"postgresql://localhost/signet", "no user"},
            {"postgresql://ada@/signet", "no host"},
            {"postgresql://ada@localhost", "name one database after the host"},
            {"postgresql://ada@localhost/signet?sslmode=maybe", "sslmode 'maybe' is not one of disable"},
            {"postgresql://ada@localhost/signet?password=x", "'password' is not an option Signet takes"},
            {"postgresql://ada@/signet?host=run/postgresql", "host=run/postgresql is not a socket directory"},
            {"postgresql://ada@db/signet?host=/run/postgresql", "both a host (db) and a socket directory"},
            {"postgresql://ada@/signet?host=/a&host=/b", "more than one socket directory"},
        };
        for (const auto& [url, says] : wrong) {
            auto location = WorkspaceLocation::parse(QString::fromLatin1(url));
            QVERIFY2(!location, url);
            QVERIFY2(location.error().message.contains(QString::fromLatin1(says)),
                     qPrintable(location.error().message));
        }
    }

    void otherSchemesAreErrorsNotFolders()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QVERIFY(QDir::setCurrent(folder.path()));
        auto mysql = WorkspaceLocation::parse(QStringLiteral("mysql://ada@localhost/signet"));
        QVERIFY(!mysql);
        QCOMPARE(mysql.error().message,
                 QStringLiteral("'mysql://' is not a kind of workspace Signet opens: give a file path, or "
                                "postgresql://USER@HOST:PORT/DB for a team workspace"));
        ManualClock clock(WorkspaceFixture::kStart);
        QVERIFY(!Workspace::create(QStringLiteral("mysql://ada@localhost/signet"), std::nullopt, Actor::Cli, clock));
        QVERIFY(!Workspace::open(QStringLiteral("sqlite://w.signet"), {}, Actor::Cli, clock));
        QVERIFY(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(WorkspaceLocationTest)
#include "tst_workspacelocation.moc"
