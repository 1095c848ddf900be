// A team workspace seen live by its members: a change made through one connection (another
// console, another process) reaches the others' watchers and caches through PostgreSQL's
// LISTEN/NOTIFY within a second, with no polling; a lost connection is reported, made again, and
// heard through again, and a write it interrupted is never dropped in silence.

#include "support/PostgresCluster.h"
#include "workspace/ChangeNotifications.h"
#include "workspace/ConnectionKeeper.h"
#include "workspace/PostgresNotifications.h"
#include "workspace/WorkspaceInternals.h"
#include "workspace/WorkspaceWatcher.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

bool publishes(Workspace& workspace, const QString& kid)
{
    auto set = workspace.keys().publishedKeys(QStringLiteral("staging"));
    if (!set)
        return false;
    return std::any_of(set->keys().begin(), set->keys().end(), [&kid](const Jwk& key) { return key.kid() == kid; });
}

int count(const QSignalSpy& spy, WorkspaceWatcher::Change change)
{
    return static_cast<int>(std::count_if(spy.begin(), spy.end(), [change](const QVariantList& arguments) {
        return arguments.at(0).value<WorkspaceWatcher::Change>() == change;
    }));
}

} // namespace

class TeamLiveTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_cluster = PostgresCluster::start(error);
        QVERIFY2(m_cluster, qPrintable(error));
    }

    // Two consoles on one team workspace: the second hears the first's rotation, revocations and
    // ledger rows, told apart, and its published key set follows without being asked to reload.
    void changesReachOtherMembers()
    {
        auto [first, second] = twoMembers(QStringLiteral("live"));
        QVERIFY(first && second);
        auto rotated = first->keys().rotate(QStringLiteral("staging"));
        QVERIFY2(rotated, rotated ? "" : qPrintable(rotated.error().message));
        const QString kid = rotated->activated.kid;

        WorkspaceWatcher watcher(*second);
        QVERIFY(watcher.isNotified());
        QSignalSpy heard(&watcher, &WorkspaceWatcher::changed);
        // Nothing changed: the stamp stands still (no "maybe" at every ask), so caches hold.
        const Database& secondDb = workspaceDatabase(*second);
        auto before = secondDb.changeStamp();
        QVERIFY(before);
        QCOMPARE(*secondDb.changeStamp(), *before);
        QVERIFY(publishes(*second, kid));

        QVERIFY(first->keys().revoke(QStringLiteral("staging"), kid));
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration), 1, 1000);
        QVERIFY(*secondDb.changeStamp() != *before);
        QVERIFY2(!publishes(*second, kid), "the JWKS still holds a key another member revoked");

        auto apiKey = first->apiKeys().create(QStringLiteral("staging"), QStringLiteral("ci"), {});
        QVERIFY(apiKey);
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration), 2, 1000);
        QVERIFY(first->apiKeys().revoke(QStringLiteral("staging"), apiKey->record.id));
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration), 3, 1000);
        auto seen = second->apiKeys().get(QStringLiteral("staging"), apiKey->record.id);
        QVERIFY(seen && seen->revokedAt.has_value());

        // A new active key for minting, then a ledger row: Records, and no Configuration.
        auto fresh = first->keys().generate(QStringLiteral("staging"), Algorithm::ES256);
        QVERIFY2(fresh, fresh ? "" : qPrintable(fresh.error().message));
        auto again = first->keys().rotate(QStringLiteral("staging"));
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration) >= 4, 1000);
        QTest::qWait(200); // the rotation's own notification, after the new key's
        heard.clear();
        MintRequest request;
        request.projectId = QStringLiteral("staging");
        auto minted = first->tokens().mintRecorded(request);
        QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Records), 1, 1000);
        QTest::qWait(100);
        QCOMPARE(count(heard, WorkspaceWatcher::Change::Configuration), 0);
        // Its own writes are announced by its services, not heard back.
        heard.clear();
        QVERIFY(second->keys().rotate(QStringLiteral("staging")));
        QTest::qWait(200);
        QCOMPARE(heard.size(), 0);
    }

    // Ledger rows are announced once per inserting statement (the ledger writer's batch), and a
    // consumption (an update) per row as before. A database whose triggers an earlier build made
    // (one per row for every change) gets the new ones when a member opens it.
    void ledgerInsertsAreAnnouncedOncePerStatement()
    {
        auto [first, second] = twoMembers(QStringLiteral("batches"));
        QVERIFY(first && second);
        const Database& database = workspaceDatabase(*first);
        const auto triggerLevel = [&](const QString& name) {
            // pg_trigger.tgtype bit 0: FOR EACH ROW.
            auto type = database.scalar(
                QStringLiteral("SELECT tgtype FROM pg_catalog.pg_trigger WHERE tgname = ? AND NOT tgisinternal"),
                {name});
            if (!type || !type->isValid())
                return QStringLiteral("none");
            return (type->toInt() & 1) ? QStringLiteral("row") : QStringLiteral("statement");
        };
        QCOMPARE(triggerLevel(QStringLiteral("ledger_notify_insert")), QStringLiteral("statement"));
        QCOMPARE(triggerLevel(QStringLiteral("ledger_notify_row")), QStringLiteral("row"));

        // An earlier build's triggers: every change announced per row, no statement trigger.
        QVERIFY(database.exec(QStringLiteral("DROP TRIGGER ledger_notify_insert ON ledger")));
        QVERIFY(database.exec(QStringLiteral("DROP TRIGGER ledger_notify_row ON ledger")));
        QVERIFY(database.exec(QStringLiteral("CREATE TRIGGER ledger_notify_row AFTER INSERT OR UPDATE OR DELETE ON "
                                             "ledger FOR EACH ROW EXECUTE FUNCTION signet_notify_change('records')")));
        QCOMPARE(*changeNotificationsInstalled(database), false);
        const QString url = m_cluster->url(QStringLiteral("batches"));
        auto reopened = Workspace::open(url, {}, Actor::Gui, SystemClock::instance());
        QVERIFY2(reopened, reopened ? "" : qPrintable(reopened.error().message));
        QCOMPARE(triggerLevel(QStringLiteral("ledger_notify_insert")), QStringLiteral("statement"));
        QCOMPARE(*changeNotificationsInstalled(database), true);

        // Many rows in one batch: heard, as Records; a consumption: heard again.
        WorkspaceWatcher watcher(*second);
        QVERIFY(watcher.isNotified());
        QSignalSpy heard(&watcher, &WorkspaceWatcher::changed);
        MintRequest request;
        request.projectId = QStringLiteral("staging");
        request.oneTime = true;
        QList<MintedToken> minted;
        for (int i = 0; i < 50; ++i)
            minted.append(*(*reopened)->tokens().mint(request));
        QVERIFY((*reopened)->tokens().flush());
        QTRY_VERIFY_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Records) >= 1, 1000);
        QCOMPARE(second->tokens().list(QStringLiteral("staging"), 100)->size(), 50);
        QTest::qWait(100);
        heard.clear();
        QCOMPARE(*(*reopened)->tokens().consume(QStringLiteral("staging"), minted.front().token),
                 ConsumeOutcome::Consumed);
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Records), 1, 1000);
    }

    // Another member's ledger rows leave this member's configuration stamp alone, so minting and
    // verifying keep what they read without asking the server; a change to a key moves it once it is
    // announced, and the next token follows the change.
    void ledgerRowsLeaveTheConfigurationStampAlone()
    {
        auto [first, second] = twoMembers(QStringLiteral("configuration_stamp"));
        QVERIFY(first && second);
        const QString staging = QStringLiteral("staging");
        const Database& secondDb = workspaceDatabase(*second);
        MintRequest request;
        request.projectId = staging;
        const auto before = second->tokens().mint(request);
        QVERIFY(before);
        const auto configuration = secondDb.configurationStamp();
        const auto anything = secondDb.changeStamp();
        QVERIFY(configuration && anything);

        for (int i = 0; i < 20; ++i)
            QVERIFY(first->tokens().mint(request));
        QVERIFY(first->tokens().flush());
        QTRY_VERIFY_WITH_TIMEOUT(*secondDb.changeStamp() != *anything, 1000);
        QCOMPARE(*secondDb.configurationStamp(), *configuration);

        RotateOptions compromised;
        compromised.revokeOld = true;
        const auto rotated = first->keys().rotate(staging, compromised);
        QVERIFY2(rotated, rotated ? "" : qPrintable(rotated.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(*secondDb.configurationStamp() != *configuration, 1000);
        QTest::qWait(5); // past the minting cache's 1 ms recheck
        const auto after = second->tokens().mint(request);
        QVERIFY(after);
        QCOMPARE(before->entry.kid, rotated->previous->kid);
        QCOMPARE(after->entry.kid, rotated->activated.kid);
    }

    // A member whose last statement was read only as far as its first row (a scalar, a LIMIT-less
    // lookup) and who then sits idle still hears the next change: the rest of that answer must not
    // stand between the connection and the notification behind it.
    void anIdleMemberAfterAPartlyReadAnswerStillHears()
    {
        auto [first, second] = twoMembers(QStringLiteral("idle"));
        QVERIFY(first && second);
        QVERIFY(first->keys().generate(QStringLiteral("staging"), Algorithm::ES256, 0, KeyState::Next));
        WorkspaceWatcher watcher(*second);
        QSignalSpy heard(&watcher, &WorkspaceWatcher::changed);
        const Database& secondDb = workspaceDatabase(*second);
        auto row = secondDb.firstRow(QStringLiteral("SELECT kid FROM signing_keys ORDER BY kid"));
        QVERIFY(row && row->has_value()); // two keys: one row read, one left
        QVERIFY(first->keys().generate(QStringLiteral("staging"), Algorithm::ES256, 0, KeyState::Next));
        // Only the event loop runs here: nothing on the second connection asks anything.
        QTRY_VERIFY_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration) >= 1, 1000);
    }

    // A second process (signet-cli) revokes a key: the console's watcher and JWKS follow.
    void changesFromAnotherProcess()
    {
        auto [first, second] = twoMembers(QStringLiteral("live_cli"));
        QVERIFY(first && second);
        auto rotated = first->keys().rotate(QStringLiteral("staging"));
        QVERIFY(rotated);
        const QString kid = rotated->activated.kid;
        WorkspaceWatcher watcher(*second);
        QSignalSpy heard(&watcher, &WorkspaceWatcher::changed);
        QVERIFY(publishes(*second, kid));
        QVERIFY(publishes(*second, kid)); // now from the cache, which a change empties

        QProcess cli;
        cli.start(QStringLiteral(SIGNET_CLI_PATH),
                  {QStringLiteral("--workspace"), m_cluster->url(QStringLiteral("live_cli")), QStringLiteral("key"),
                   QStringLiteral("revoke"), QStringLiteral("-p"), QStringLiteral("staging"), QStringLiteral("--"),
                   kid});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        // Before the event loop has run: reading the JWKS reads what has arrived (as a thread
        // without an event loop does), so the revoked key is gone at once.
        QVERIFY(!publishes(*second, kid));
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration), 1, 1000);
    }

    // An administrator ends a member's session: the next read runs on a new connection, a write
    // that was under way is reported as not saved, and notifications arrive again afterwards.
    void lostConnectionIsMadeAgain()
    {
        auto [first, second] = twoMembers(QStringLiteral("lost"));
        QVERIFY(first && second);
        const Database& db = workspaceDatabase(*second);
        ConnectionKeeper* keeper = second->teamConnection();
        QVERIFY(keeper);
        QCOMPARE(first->teamConnection()->where(), QStringLiteral("127.0.0.1/lost"));
        QSignalSpy states(keeper, &ConnectionKeeper::stateChanged);

        // A read after the loss: made again at once, transparently.
        terminate(*first, *second);
        auto projects = second->projects().list();
        QVERIFY2(projects, projects ? "" : qPrintable(projects.error().message));
        QCOMPARE(keeper->state(), ConnectionKeeper::State::Connected);
        QVERIFY(states.size() >= 2);
        QCOMPARE(states.first().at(0).value<ConnectionKeeper::State>(), ConnectionKeeper::State::Lost);

        // A write in a transaction that loses its connection fails, and nothing of it is kept.
        {
            auto transaction = Transaction::begin(db);
            QVERIFY(transaction);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO audit (at, actor, action) VALUES (1, 'gui', 'half.one')")));
            terminate(*first, *second);
            auto secondInsert =
                db.exec(QStringLiteral("INSERT INTO audit (at, actor, action) VALUES (1, 'gui', 'half.two')"));
            QVERIFY(!secondInsert);
            QVERIFY2(secondInsert.error().message.contains(QStringLiteral("was lost; reconnecting")),
                     qPrintable(secondInsert.error().message));
            auto committed = transaction->commit();
            QVERIFY(!committed);
            QVERIFY2(committed.error().message.contains(QStringLiteral("not saved")),
                     qPrintable(committed.error().message));
        }
        // A write on its own is reported too (whether the server got it is not known), never retried.
        terminate(*first, *second);
        auto lone = db.run(QStringLiteral("INSERT INTO audit (at, actor, action) VALUES (1, 'gui', 'lone')"));
        QVERIFY(!lone);
        QVERIFY2(lone.error().message.contains(QStringLiteral("the connection to the team workspace 127.0.0.1/lost "
                                                              "was lost; reconnecting")),
                 qPrintable(lone.error().message));
        auto halves = db.scalar(QStringLiteral("SELECT count(*) FROM audit WHERE action LIKE 'half.%' OR action = "
                                               "'lone'"));
        QVERIFY2(halves, halves ? "" : qPrintable(halves.error().message));
        QCOMPARE(halves->toInt(), 0);

        // Afterwards everything works, and other members' changes are heard again.
        WorkspaceWatcher watcher(*second);
        QVERIFY(watcher.isNotified());
        QSignalSpy heard(&watcher, &WorkspaceWatcher::changed);
        terminate(*first, *second);
        // Idle, with an event loop: the keeper notices and reconnects on its own.
        states.clear();
        QTRY_VERIFY_WITH_TIMEOUT(states.size() >= 2, 3000);
        QCOMPARE(states.first().at(0).value<ConnectionKeeper::State>(), ConnectionKeeper::State::Lost);
        QCOMPARE(keeper->state(), ConnectionKeeper::State::Connected);
        QTRY_VERIFY_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration) >= 1, 1000); // maybe missed
        heard.clear();
        QVERIFY(first->keys().rotate(QStringLiteral("staging")));
        QTRY_COMPARE_WITH_TIMEOUT(count(heard, WorkspaceWatcher::Change::Configuration), 1, 1000);
        QVERIFY(second->keys().rotate(QStringLiteral("staging")));
    }

    void cleanupTestCase() { m_cluster.reset(); }

private:
    struct Members
    {
        std::unique_ptr<Workspace> first;
        std::unique_ptr<Workspace> second;
    };

    Members twoMembers(const QString& database)
    {
        QString error;
        if (!m_cluster->createDatabase(database, error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        const QString url = m_cluster->url(database);
        auto created = Workspace::create(url, std::nullopt, Actor::Cli, SystemClock::instance());
        if (!created) {
            qWarning("%s", qPrintable(created.error().message));
            return {};
        }
        Project staging;
        staging.id = QStringLiteral("staging");
        if (!(*created)->projects().create(staging) ||
            !(*created)->keys().generate(QStringLiteral("staging"), Algorithm::ES256))
            return {};
        auto installed = changeNotificationsInstalled(workspaceDatabase(**created));
        if (!installed || !*installed) {
            qWarning("the change triggers are missing");
            return {};
        }
        auto member = Workspace::open(url, {}, Actor::Gui, SystemClock::instance());
        if (!member) {
            qWarning("%s", qPrintable(member.error().message));
            return {};
        }
        return {std::move(*created), std::move(*member)};
    }

    // Ends `victim`'s session from `admin`'s connection, as an administrator would.
    static void terminate(const Workspace& admin, const Workspace& victim)
    {
        auto pid = workspaceDatabase(victim).scalar(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid);
        auto ended = workspaceDatabase(admin).scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), {*pid});
        QVERIFY2(ended && ended->toBool(), ended ? "" : qPrintable(ended.error().message));
        // The server closes the session a moment later.
        QTest::qWait(100);
    }

    std::unique_ptr<PostgresCluster> m_cluster;
};

QTEST_GUILESS_MAIN(TeamLiveTest)
#include "tst_teamlive.moc"
