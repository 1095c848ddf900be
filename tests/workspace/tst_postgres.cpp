// The ground a team workspace stands on: the tests' private PostgreSQL cluster starts, Qt SQL's
// PostgreSQL driver (Debian's libqt6sql6-psql) connects to it, and a NOTIFY sent by one connection
// reaches another through QSqlDriver's notification subscription, which is how consoles and servers
// will hear of each other's changes.

#include "support/PostgresCluster.h"
#include "workspace/Database.h"
#include "workspace/Migrations.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceInternals.h"
#include "workspace/WorkspaceLocation.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <QtConcurrent/QtConcurrentRun>

using namespace Signet;
using namespace Signet::Test;

namespace {

// Each table's columns, in order, as the database describes them.
QMap<QString, QStringList> columnsOf(const Database& database)
{
    QMap<QString, QStringList> tables;
    if (database.dialect() == Database::Dialect::PostgreSql) {
        auto query = database.exec(QStringLiteral("SELECT table_name, column_name FROM information_schema.columns "
                                                  "WHERE table_schema = 'public' AND table_name <> 'signet_schema' "
                                                  "ORDER BY table_name, ordinal_position"));
        while (query && query->next())
            tables[query->value(0).toString()].append(query->value(1).toString());
        return tables;
    }
    auto names = database.exec(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence'"));
    QStringList tableNames;
    while (names && names->next())
        tableNames.append(names->value(0).toString());
    for (const QString& table : tableNames) {
        auto info = database.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
        while (info && info->next())
            tables[table].append(info->value(1).toString());
    }
    return tables;
}

} // namespace

class PostgresTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_cluster = PostgresCluster::start(error);
        QVERIFY2(m_cluster, qPrintable(error));
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("signet_test"), error), qPrintable(error));
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
                 "Qt's PostgreSQL driver is missing: install libqt6sql6-psql (./dev deps does)");
    }

    void driverConnectsAndNotificationsArrive()
    {
        QSqlDatabase listener = connection(QStringLiteral("listener"));
        QSqlDatabase writer = connection(QStringLiteral("writer"));
        QVERIFY2(listener.open(), qPrintable(listener.lastError().text()));
        QVERIFY2(writer.open(), qPrintable(writer.lastError().text()));
        QSqlQuery version(writer);
        QVERIFY(version.exec(QStringLiteral("SHOW server_version_num")) && version.next());
        QVERIFY2(version.value(0).toInt() >= 130000, qPrintable(version.value(0).toString()));

        QVERIFY(listener.driver()->hasFeature(QSqlDriver::EventNotifications));
        QVERIFY(listener.driver()->subscribeToNotification(QStringLiteral("signet_changes")));
        QSignalSpy heard(listener.driver(), &QSqlDriver::notification);
        QSqlQuery notify(writer);
        QVERIFY2(notify.exec(QStringLiteral("NOTIFY signet_changes, 'projects'")),
                 qPrintable(notify.lastError().text()));
        QTRY_COMPARE_WITH_TIMEOUT(heard.size(), 1, 5000);
        QCOMPARE(heard.first().at(0).toString(), QStringLiteral("signet_changes"));
        QCOMPARE(heard.first().at(2).toString(), QStringLiteral("projects"));
    }

    // The team workspace's schema is the file's, step for step, with the same guarantees: an
    // append-only audit log, one active key per project, a configuration generation that moves.
    void schemaMigratesLikeTheFile()
    {
        QString error;
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("schema_test"), error), qPrintable(error));
        auto location = WorkspaceLocation::parse(m_cluster->url(QStringLiteral("schema_test")));
        QVERIFY(location);
        // Two members opening a new team workspace at once: both migrate, one creates the tables.
        auto first = QtConcurrent::run([&location] {
            auto database = Database::openPostgreSql(*location);
            return database ? Migrations::migrate(**database) : Status(std::unexpected(database.error()));
        });
        auto team = Database::openPostgreSql(*location);
        QVERIFY2(team, team ? "" : qPrintable(team.error().message));
        const Database& pg = **team;
        const Status migrated = Migrations::migrate(pg);
        QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().message));
        const Status other = first.result();
        QVERIFY2(other, other ? "" : qPrintable(other.error().message));
        QCOMPARE(*Migrations::currentVersion(pg), Migrations::latestVersion());
        QVERIFY(Migrations::migrate(pg)); // nothing left to do

        QTemporaryDir folder;
        auto file = Database::open(folder.filePath(QStringLiteral("w.signet")), Database::Creation::MustCreate);
        QVERIFY(file && Migrations::migrate(**file));
        const auto fileTables = columnsOf(**file);
        QVERIFY(fileTables.contains(QStringLiteral("ledger")));
        // The same columns, but for PostgreSQL's order of insertion (SQLite's rowid): the store's.
        auto teamTables = columnsOf(pg);
        QVERIFY(teamTables[QStringLiteral("signing_keys")].removeOne(Database::insertionOrderColumn()));
        QCOMPARE(teamTables, fileTables);

        QVERIFY(pg.setMeta(QStringLiteral("vault.n"), 16384));
        QVERIFY(pg.setMeta(QStringLiteral("vault.kdf"), QStringLiteral("scrypt")));
        QVERIFY(pg.setMeta(QStringLiteral("vault.salt"), QByteArray("\x00\xff\x10", 3)));
        QCOMPARE(pg.meta(QStringLiteral("vault.n"))->toInt(), 16384);
        QCOMPARE(pg.meta(QStringLiteral("vault.kdf"))->toString(), QStringLiteral("scrypt"));
        QCOMPARE(pg.meta(QStringLiteral("vault.salt"))->toByteArray(), QByteArray("\x00\xff\x10", 3));
        QVERIFY(!pg.meta(QStringLiteral("missing"))->isValid());

        const qint64 before = *pg.configurationGeneration();
        QVERIFY(pg.exec(QStringLiteral("INSERT INTO projects (id, name, issuer, audience, default_ttl, max_ttl, "
                                       "jwks_max_age, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {QStringLiteral("p"), QStringLiteral("P"), QStringLiteral("https://i"), QStringLiteral("a"),
                         900, 3600, 600, QStringLiteral("[]"), 1}));
        QCOMPARE(*pg.configurationGeneration(), before + 1);
        for (const char* kid : {"k1", "k2"}) {
            auto inserted = pg.exec(QStringLiteral("INSERT INTO signing_keys (project_id, kid, alg, key_type, state, "
                                                   "created_at, fingerprint, public_jwk, sealed_private) VALUES "
                                                   "('p', ?, 'ES256', 'EC', 'active', 1, 'f', '{}', ?)"),
                                    {QString::fromLatin1(kid), QByteArray("sealed")});
            QCOMPARE(bool(inserted), std::string_view(kid) == "k1");
            if (!inserted)
                QCOMPARE(inserted.error().code, ErrorCode::InvalidArgument); // a constraint, worded by callers
        }
        QVERIFY(pg.exec(QStringLiteral("INSERT INTO audit (at, actor, action) VALUES (1, 'cli', 'project.create')")));
        for (const char* rewrite : {"UPDATE audit SET actor = 'x'", "DELETE FROM audit", "TRUNCATE audit"}) {
            auto refused = pg.exec(QString::fromLatin1(rewrite));
            QVERIFY2(!refused, rewrite);
            QVERIFY2(refused.error().message.contains(QStringLiteral("append-only")),
                     qPrintable(refused.error().message));
        }
    }

    // A local server reached through its Unix socket (?host=/DIR, as libpq spells it) holds the same
    // workspace as through TCP; a socket folder with no server says which folder it tried.
    void aLocalServerIsReachedThroughItsSocket()
    {
        QString error;
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("by_socket"), error), qPrintable(error));
        const QString socketUrl = m_cluster->socketUrl(QStringLiteral("by_socket"));
        const SystemClock& clock = SystemClock::instance();
        auto created = Workspace::create(socketUrl, std::nullopt, Actor::Cli, clock);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        Project staging;
        staging.id = QStringLiteral("staging");
        QVERIFY((*created)->projects().create(staging));
        QCOMPARE((*created)->path(), socketUrl);

        auto byTcp = Workspace::open(m_cluster->url(QStringLiteral("by_socket")), {}, Actor::Cli, clock);
        QVERIFY2(byTcp, byTcp ? "" : qPrintable(byTcp.error().message));
        QVERIFY((*byTcp)->projects().get(QStringLiteral("staging")));
        // Not over TCP: the server sees no client address on a Unix socket.
        auto peer =
            workspaceDatabase(**created).scalar(QStringLiteral("SELECT COALESCE(host(inet_client_addr()), 'socket')"));
        QVERIFY(peer);
        QCOMPARE(peer->toString(), QStringLiteral("socket"));

        const QString missing =
            QStringLiteral("postgresql://signet@:%1/by_socket?host=/nonexistent/folder").arg(m_cluster->port());
        auto refused = Workspace::open(missing, {}, Actor::Cli, clock);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("/nonexistent/folder")),
                 qPrintable(refused.error().message));
    }

    // A team workspace end to end: created with a passphrase in an empty database, used, opened
    // again by a second member's process, one-time tokens used up once, and nothing secret in a dump.
    void teamWorkspaceEndToEnd()
    {
        QString error;
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("team"), error), qPrintable(error));
        const QString url = m_cluster->url(QStringLiteral("team"));
        const SystemClock& clock = SystemClock::instance();
        Crypto::ScryptParameters cheap;
        cheap.n = 1 << 10;
        auto created = Workspace::create(url, QByteArray("team passphrase"), Actor::Cli, clock, cheap);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        Workspace& ws = **created;
        QCOMPARE(ws.path(), url);
        QVERIFY(ws.isProtected());
        Project staging;
        staging.id = QStringLiteral("staging");
        QVERIFY(ws.projects().create(staging));
        QVERIFY(ws.keys().generate(QStringLiteral("staging"), Algorithm::ES256));
        auto apiKey = ws.apiKeys().create(QStringLiteral("staging"), QStringLiteral("ci"), {});
        QVERIFY(apiKey);
        MintRequest request;
        request.projectId = QStringLiteral("staging");
        request.oneTime = true;
        auto minted = ws.tokens().mintRecorded(request);
        QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));

        const auto again = Workspace::create(url, std::nullopt, Actor::Cli, clock);
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(QStringLiteral("already holds a Signet workspace")),
                 qPrintable(again.error().message));
        QVERIFY(!Workspace::open(url, "wrong", Actor::Cli, clock));
        QCOMPARE(*Workspace::isProtected(url), true);

        auto member = Workspace::open(url, "team passphrase", Actor::Server, clock);
        QVERIFY2(member, member ? "" : qPrintable(member.error().message));
        auto verified = (*member)->tokens().verify(QStringLiteral("staging"), minted->token);
        QVERIFY(verified && verified->isAccepted());
        QCOMPARE(*(*member)->tokens().consume(QStringLiteral("staging"), minted->token), ConsumeOutcome::Consumed);
        QCOMPARE(*ws.tokens().consume(QStringLiteral("staging"), minted->token), ConsumeOutcome::AlreadyUsed);
        auto key = (*member)->apiKeys().authenticate(apiKey->record.id, apiKey->secret);
        QVERIFY2(key, key ? "" : qPrintable(key.error().message));

        const QByteArray dump = m_cluster->run(QStringLiteral("pg_dump"),
                                               {QStringLiteral("-h"), PostgresCluster::host(), QStringLiteral("-p"),
                                                QString::number(m_cluster->port()), QStringLiteral("-U"),
                                                PostgresCluster::user(), QStringLiteral("team")},
                                               error);
        QVERIFY2(!dump.isEmpty(), qPrintable(error));
        QVERIFY(dump.contains("staging"));
        const QByteArray secret = apiKey->secret.toUtf8();
        for (const QByteArray& form : {secret, secret.toBase64(), secret.toBase64(QByteArray::Base64UrlEncoding),
                                       secret.toHex(), QByteArray::fromStdString(minted->token)})
            QVERIFY2(!dump.contains(form), form.constData());
    }

    void cleanupTestCase()
    {
        for (const QString& name : QSqlDatabase::connectionNames())
            QSqlDatabase::removeDatabase(name);
        m_cluster.reset();
    }

private:
    QSqlDatabase connection(const QString& name) const
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(PostgresCluster::host());
        db.setPort(m_cluster->port());
        db.setUserName(PostgresCluster::user());
        db.setDatabaseName(QStringLiteral("signet_test"));
        return db;
    }

    std::unique_ptr<PostgresCluster> m_cluster;
};

QTEST_GUILESS_MAIN(PostgresTest)
#include "tst_postgres.moc"
