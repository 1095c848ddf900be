// signet-cli workspace lifecycles across processes: rotation overlap (old tokens verify while their
// key retires, the JWKS before and after), crash consistency (key rotate killed with SIGKILL at
// staggered moments leaves exactly one active key and an intact database), and one-time tokens
// consumed by 20 concurrent processes (exactly one wins) or after they expired (none), two processes
// rotating one project at the same moment (both rotations happen, one after the other). Runs on a
// file workspace and, as tst_cli_workspace_lifecycle_postgresql, on a team workspace.

#include "CliRunner.h"
#include "support/TestStore.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <unistd.h>
#include <vector>

using namespace Signet::Test;

namespace {

QStringList cmd(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList jwksKids(const QByteArray& jwks)
{
    QStringList kids;
    for (const QJsonValue& key : QJsonDocument::fromJson(jwks).object().value(QStringLiteral("keys")).toArray())
        kids.append(key.toObject().value(QStringLiteral("kid")).toString());
    return kids;
}

std::unique_ptr<QProcess> startCli(const QStringList& arguments)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    process->setProcessEnvironment(environment);
    process->start(cliPath(), arguments);
    return process;
}

} // namespace

class TestCliWorkspaceLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rotationOverlap();
    void rotationVerifyAsOfRetireAt();
    void crashConsistency();
    void oneTimeConcurrentConsumers();
    void simultaneousRotations();
    void expiredOneTimeToken();
    void readOnlyWorkspace();

private:
    QStringList base() const { return {QStringLiteral("--workspace"), m_workspace}; }
    RunResult ws(const char* command, const QStringList& extra = {}) const
    {
        return runCli(base() + cmd(command) + extra);
    }
    QJsonArray keyList(const char* project) const
    {
        return QJsonDocument::fromJson(ws("key list --json -p", {QString::fromUtf8(project)}).out).array();
    }
    QJsonObject key(const char* project, const QString& kid) const
    {
        for (const QJsonValue& value : keyList(project)) {
            if (value.toObject().value(QStringLiteral("kid")).toString() == kid)
                return value.toObject();
        }
        return {};
    }

    QTemporaryDir m_dir;
    QString m_workspace;
};

void TestCliWorkspaceLifecycle::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("xdg"))));
    qunsetenv("SIGNET_WORKSPACE");
    qunsetenv("SIGNET_PASSPHRASE");
    m_workspace = newWorkspaceLocation(m_dir.path(), QStringLiteral("ws"));
    SIGNET_EXPECT_SUCCESS(ws("init --no-passphrase"));
}

// mint -> rotate -> the old token still verifies; new tokens carry the new kid; the JWKS holds the
// old key while it retires and loses it when it is revoked.
void TestCliWorkspaceLifecycle::rotationOverlap()
{
    SIGNET_EXPECT_SUCCESS(ws("project create rot"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p rot --alg ES256"));
    const QString oldKid = keyList("rot").first().toObject().value(QStringLiteral("kid")).toString();
    const RunResult before = ws("jwks export -p rot");
    SIGNET_EXPECT_SUCCESS(before);
    QCOMPARE(jwksKids(before.out), QStringList{oldKid});

    const QString oldToken = ws("token mint -p rot --sub alice").firstLine();
    QCOMPARE(tokenPart(oldToken, 0).value(QStringLiteral("kid")).toString(), oldKid);
    const RunResult rotated = ws("key rotate -p rot");
    SIGNET_EXPECT_SUCCESS(rotated);
    const QString newKid = keyList("rot").first().toObject().value(QStringLiteral("kid")).toString();
    QVERIFY(newKid != oldKid);
    QVERIFY2(rotated.stdoutText().contains(QStringLiteral("retiring: ") + oldKid), qPrintable(rotated.describe()));

    // While the old key retires, both are published and the old token verifies.
    const QString jwksFile = m_dir.filePath(QStringLiteral("rot-jwks.json"));
    SIGNET_EXPECT_SUCCESS(ws("jwks export -p rot -o", {jwksFile}));
    QCOMPARE(jwksKids(readFile(jwksFile)), (QStringList{newKid, oldKid}));
    const RunResult oldVerified = ws("token verify -p rot", {oldToken});
    SIGNET_EXPECT_SUCCESS(oldVerified);
    QVERIFY(oldVerified.stdoutText().contains(oldKid));
    // The published file works for a stateless verifier too.
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("token"), QStringLiteral("verify"), oldToken, QStringLiteral("--key"),
                                  jwksFile, QStringLiteral("--aud"), QStringLiteral("rot")}));

    const QString newToken = ws("token mint -p rot --sub bob").firstLine();
    QCOMPARE(tokenPart(newToken, 0).value(QStringLiteral("kid")).toString(), newKid);
    SIGNET_EXPECT_SUCCESS(ws("token verify -p rot", {newToken}));

    // Revoked: out of the JWKS at once, and the old token no longer verifies.
    SIGNET_EXPECT_SUCCESS(ws("key revoke -p rot --", {oldKid}));
    const RunResult after = ws("jwks export -p rot");
    QCOMPARE(jwksKids(after.out), QStringList{newKid});
    const RunResult refused = ws("token verify -p rot", {oldToken});
    // The project knows what happened to the key, and says so (a bare key set could only say "not among").
    SIGNET_EXPECT_ERROR(refused, 1,
                        QStringLiteral("kid \"%1\" is a key of project 'rot' that was revoked at").arg(oldKid));
    SIGNET_EXPECT_SUCCESS(ws("token verify -p rot", {newToken}));

    // The compromise path: --revoke-old unpublishes the active key in the same step.
    SIGNET_EXPECT_SUCCESS(ws("key rotate -p rot --revoke-old"));
    QVERIFY(!jwksKids(ws("jwks export -p rot").out).contains(newKid));
    SIGNET_EXPECT_ERROR(ws("token verify -p rot", {newToken}), 1, QStringLiteral("that was revoked at"));
}

// token verify -p --at T evaluates the token as of T. A key whose retire-at is before T is not
// published at T, so a token it signed must fail on its kid, even when exp is covered by --leeway;
// and just before retire-at the same check passes.
void TestCliWorkspaceLifecycle::rotationVerifyAsOfRetireAt()
{
    SIGNET_EXPECT_SUCCESS(ws("project create asof --ttl 1h --max-ttl 1h"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p asof --alg ES256"));
    const QString token = ws("token mint -p asof").firstLine();
    const QString oldKid = tokenPart(token, 0).value(QStringLiteral("kid")).toString();
    const qint64 exp = tokenPart(token, 1).value(QStringLiteral("exp")).toInteger();
    SIGNET_EXPECT_SUCCESS(ws("key rotate -p asof --retire-after 2h"));
    const qint64 retireAt = key("asof", oldKid).value(QStringLiteral("retireAt")).toInteger();
    QVERIFY(retireAt > exp);

    const qint64 justBefore = retireAt - 10;
    const RunResult stillPublished =
        ws("token verify -p asof --at",
           {QString::number(justBefore), token, QStringLiteral("--leeway"), QString::number(justBefore - exp + 60)});
    SIGNET_EXPECT_SUCCESS(stillPublished);

    const qint64 afterRetirement = retireAt + 10;
    const RunResult retired =
        ws("token verify -p asof --at", {QString::number(afterRetirement), token, QStringLiteral("--leeway"),
                                         QString::number(afterRetirement - exp + 60)});
    SIGNET_EXPECT_ERROR(retired, 1,
                        QStringLiteral("kid \"%1\" is a key of project 'asof' that retires at").arg(oldKid));
}

// SIGKILL at staggered moments of 'key rotate --prepare-next': every later command opens the
// workspace, finds exactly one active key and at most one next key, and SQLite finds no damage.
void TestCliWorkspaceLifecycle::crashConsistency()
{
    SIGNET_EXPECT_SUCCESS(ws("project create crash"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p crash --alg ES256"));
    // An uninterrupted ES256 rotation takes about 10 ms, its database work the last few: the kills
    // land every 0.4 ms over the first 12 ms, then every 2 ms up to 40 ms.
    constexpr int kDense = 30;
    constexpr int kRounds = kDense + 15;
    int killedEarly = 0;
    int completed = 0;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < kRounds; ++round) {
        const int delayUs = round < kDense ? round * 400 : 12000 + (round - kDense) * 2000;
        auto process = startCli(base() + cmd("key rotate -p crash --prepare-next"));
        QVERIFY(process->waitForStarted(10000));
        QThread::usleep(static_cast<unsigned long>(delayUs));
        process->kill(); // SIGKILL
        QVERIFY(process->waitForFinished(10000));
        if (process->exitStatus() == QProcess::CrashExit)
            ++killedEarly;
        else if (process->exitCode() == 0)
            ++completed;
        else
            QFAIL(qPrintable(QStringLiteral("rotate failed in round %1: %2")
                                 .arg(round)
                                 .arg(QString::fromUtf8(process->readAllStandardError()))));

        const RunResult listed = ws("key list -p crash --json");
        SIGNET_EXPECT_SUCCESS(listed);
        const QJsonArray keys = QJsonDocument::fromJson(listed.out).array();
        int active = 0;
        int next = 0;
        for (const QJsonValue& value : keys) {
            const QString state = value.toObject().value(QStringLiteral("state")).toString();
            active += state == QLatin1String("active") ? 1 : 0;
            next += state == QLatin1String("next") ? 1 : 0;
        }
        QVERIFY2(active == 1, qPrintable(QStringLiteral("round %1 (killed after %2 us): %3 active keys\n%4")
                                             .arg(round)
                                             .arg(delayUs)
                                             .arg(active)
                                             .arg(listed.stdoutText())));
        QVERIFY2(next <= 1, qPrintable(QStringLiteral("round %1: %2 next keys").arg(round).arg(next)));
    }
    qInfo("%d rounds in %lld ms: %d killed before finishing, %d completed", kRounds,
          static_cast<long long>(timer.elapsed()), killedEarly, completed);
    QVERIFY2(killedEarly > 0, "no kill landed before the command finished: the test exercised nothing");
    SIGNET_EXPECT_SUCCESS(ws("jwks export -p crash"));
    SIGNET_EXPECT_SUCCESS(ws("token mint -p crash"));
    if (testsUsePostgreSql())
        return; // PostgreSQL rolls back a killed client's transaction; the file is checked below

    const QString connection = QStringLiteral("integrity");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_workspace);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM signing_keys WHERE project_id = 'crash' AND "
                                          "state = 'active'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(connection);
}

// 20 processes consume one one-time token at once: exactly one is accepted.
void TestCliWorkspaceLifecycle::oneTimeConcurrentConsumers()
{
    SIGNET_EXPECT_SUCCESS(ws("project create once"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p once --alg ES256"));
    const RunResult minted = ws("token mint -p once --one-time --sub carol");
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();

    constexpr int kConsumers = 20;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < kConsumers; ++i)
        processes.push_back(startCli(base() + cmd("token verify -p once --consume") + QStringList{token}));
    int accepted = 0;
    int alreadyUsed = 0;
    QStringList other;
    for (auto& process : processes) {
        QVERIFY(process->waitForFinished(60000));
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        const QByteArray err = process->readAllStandardError();
        const QByteArray out = process->readAllStandardOutput();
        if (process->exitCode() == 0 && err.isEmpty() && out.contains("consumed now")) {
            ++accepted;
        } else if (process->exitCode() == 1 && err.startsWith("signet-cli: ") && err.count('\n') == 1 &&
                   err.contains("already used")) {
            ++alreadyUsed;
        } else {
            other.append(QStringLiteral("exit %1: %2").arg(process->exitCode()).arg(QString::fromUtf8(err)));
        }
    }
    QVERIFY2(other.isEmpty(), qPrintable(other.join(QLatin1Char('\n'))));
    QCOMPARE(accepted, 1);
    QCOMPARE(alreadyUsed, kConsumers - 1);

    const QJsonArray ledger = QJsonDocument::fromJson(ws("token list -p once --json").out).array();
    QCOMPARE(ledger.size(), 1);
    QCOMPARE(ledger.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("used"));
    int consumeEvents = 0;
    for (const QJsonValue& event : QJsonDocument::fromJson(ws("audit -p once --json").out).array())
        consumeEvents += event.toObject().value(QStringLiteral("action")).toString() == QLatin1String("token.consume");
    QCOMPARE(consumeEvents, 1);
    // Without --consume the token still verifies: consumption is what a one-time check asks for.
    SIGNET_EXPECT_SUCCESS(ws("token verify -p once", {token}));
}

// Two members rotate one project at the same moment, three times over: each rotation happens (the
// later one plans again from what the earlier one left), exactly one key is active afterwards, and
// the audit log holds every rotation.
void TestCliWorkspaceLifecycle::simultaneousRotations()
{
    SIGNET_EXPECT_SUCCESS(ws("project create both"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p both --alg ES256"));
    constexpr int kRounds = 3;
    for (int round = 0; round < kRounds; ++round) {
        auto first = startCli(base() + cmd("key rotate -p both"));
        auto second = startCli(base() + cmd("key rotate -p both"));
        for (auto* process : {first.get(), second.get()}) {
            QVERIFY(process->waitForFinished(60000));
            QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     qPrintable(QString::fromUtf8(process->readAllStandardError())));
        }
        int active = 0;
        for (const QJsonValue& value : keyList("both"))
            active += value.toObject().value(QStringLiteral("state")).toString() == QLatin1String("active") ? 1 : 0;
        QVERIFY2(active == 1, qPrintable(QStringLiteral("round %1: %2 active keys").arg(round).arg(active)));
    }
    int rotations = 0;
    for (const QJsonValue& event : QJsonDocument::fromJson(ws("audit -p both --json").out).array())
        rotations += event.toObject().value(QStringLiteral("action")).toString() == QLatin1String("key.rotate");
    QCOMPARE(rotations, 2 * kRounds);
    // Every rotation retired the key before it: 1 + 2 * kRounds keys, one active, the rest retiring.
    QCOMPARE(keyList("both").size(), 1 + 2 * kRounds);
    SIGNET_EXPECT_SUCCESS(ws("token mint -p both"));
}

// An expired one-time token is never consumed: neither as an invalid token nor, with leeway that
// makes it verify, by the ledger (which compares with the real time).
void TestCliWorkspaceLifecycle::expiredOneTimeToken()
{
    SIGNET_EXPECT_SUCCESS(ws("project create stale"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p stale --alg ES256"));
    const RunResult minted = ws("token mint -p stale --one-time --ttl 1s");
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    const qint64 exp = tokenPart(token, 1).value(QStringLiteral("exp")).toInteger();
    while (QDateTime::currentSecsSinceEpoch() <= exp)
        QThread::msleep(100);

    const RunResult invalid = ws("token verify -p stale --consume", {token});
    SIGNET_EXPECT_ERROR(invalid, 1, QStringLiteral("exp"));
    QVERIFY(invalid.stdoutText().startsWith(QStringLiteral("INVALID\n  ✗ exp")));
    const RunResult expired = ws("token verify -p stale --consume --leeway 60", {token});
    SIGNET_EXPECT_ERROR(expired, 1, QStringLiteral("expired: an expired token cannot be consumed"));
    QVERIFY2(expired.stdoutText().contains(QStringLiteral("✗ one-time: expired")), qPrintable(expired.describe()));
    const RunResult json = ws("token verify -p stale --consume --leeway 60 --json", {token});
    SIGNET_EXPECT_EXIT(json, 1);
    const QJsonObject report = QJsonDocument::fromJson(json.out).object();
    QVERIFY(report.value(QStringLiteral("valid")).toBool());
    QVERIFY(!report.value(QStringLiteral("accepted")).toBool());
    QCOMPARE(report.value(QStringLiteral("consumption")).toObject().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("expired"));
    const QJsonArray ledger = QJsonDocument::fromJson(ws("token list -p stale --json").out).array();
    QCOMPARE(ledger.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("expired"));
    QVERIFY(ledger.first().toObject().value(QStringLiteral("consumedAt")).isNull());
}

// A workspace this user may only read (root reads it as nobody, for whom the mode bits count):
// every read-only command works, every change says the workspace is read-only, the file is unchanged.
void TestCliWorkspaceLifecycle::readOnlyWorkspace()
{
    if (testsUsePostgreSql())
        QSKIP("a file's permissions: a team workspace's access is the database's roles");
    const QString folder = m_dir.filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/ws.signet");
    const QStringList workspace{QStringLiteral("--workspace"), path};
    SIGNET_EXPECT_SUCCESS(runCli(workspace + cmd("init --no-passphrase")));
    SIGNET_EXPECT_SUCCESS(runCli(workspace + cmd("project create demo")));
    SIGNET_EXPECT_SUCCESS(runCli(workspace + cmd("key generate -p demo --alg ES256")));
    const RunResult minted = runCli(workspace + cmd("token mint -p demo --one-time"));
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();

    const QByteArray before = readFile(path);
    const auto readOnly = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    const auto traversable = readOnly | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    QVERIFY(QFile::setPermissions(path, readOnly));
    QVERIFY(QFile::setPermissions(folder, traversable));
    QVERIFY(QFile::setPermissions(m_dir.path(), traversable | QFileDevice::WriteOwner));
    const bool root = ::geteuid() == 0;
    auto asReader = [&](const QStringList& arguments) {
        if (!root)
            return runProgram(cliPath(), workspace + arguments);
        return runProgram(QStringLiteral("setpriv"),
                          QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                      QStringLiteral("--clear-groups"), cliPath()} +
                              workspace + arguments);
    };
    for (const char* command : {"project list", "project show demo", "key list -p demo", "jwks export -p demo",
                                "apikey list -p demo", "token list -p demo", "audit"})
        SIGNET_EXPECT_SUCCESS(asReader(cmd(command)));
    SIGNET_EXPECT_SUCCESS(asReader(cmd("token verify -p demo") << token));
    for (const char* command : {"project create other", "key generate -p demo --alg ES256", "key rotate -p demo",
                                "token mint -p demo", "apikey create -p demo --name laptop", "project delete demo"})
        SIGNET_EXPECT_ERROR(asReader(cmd(command)), 2, QStringLiteral("workspace is read-only"));
    SIGNET_EXPECT_ERROR(asReader(cmd("token verify -p demo --consume") << token), 2,
                        QStringLiteral("workspace is read-only"));
    QCOMPARE(readFile(path), before);
    QVERIFY(QFile::setPermissions(folder, traversable | QFileDevice::WriteOwner));
    QVERIFY(QFile::setPermissions(path, readOnly | QFileDevice::WriteOwner));
}

QTEST_GUILESS_MAIN(TestCliWorkspaceLifecycle)
#include "tst_cli_workspace_lifecycle.moc"
