// Migrations: a workspace written in an older format opens in this build, is upgraded in place, and
// keeps every project, key and token: a file in format 1 (tests/data/workspace/format-1.signet) and a
// team workspace in format 5 (tests/data/workspace/format-5-postgresql.sql, loaded into a fresh
// PostgreSQL database).

#include "WorkspaceFixture.h"

#include "crypto/Digest.h"
#include "foundation/JsonWriter.h"
#include "support/TestSupport.h"
#include "workspace/Migrations.h"
#include "workspace/WorkspaceInternals.h"

#include <QFile>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

// How the fixture was made: format 1 only, one unprotected project "legacy" with an active ES256
// key and one ledger row. Run with SIGNET_WRITE_FIXTURE=<path> to write it again.
void writeFormat1(const QString& path, const Clock& clock)
{
    auto database = Database::open(path, Database::Creation::MustCreate);
    if (!database || !Migrations::migrate(**database, 1))
        qFatal("cannot write the fixture");
    const Database& db = **database;
    auto vault = Vault::create(db, std::nullopt);
    const Jwk key = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), QStringLiteral("legacy-key"),
                                     Algorithm::ES256);
    Jwk stored = key;
    stored.setUse(QStringLiteral("sig"));
    const std::string privateJson = JsonWriter::write(stored.toJson(Jwk::Members::Private));
    const auto sealed = vault->seal(QByteArray::fromStdString(privateJson), SealedKind::SigningKey,
                                    QStringLiteral("legacy/legacy-key"));
    const qint64 now = clock.now();
    db.exec(QStringLiteral("INSERT INTO projects VALUES ('legacy', 'Legacy', 'https://legacy.test', 'legacy-api', 900, "
                           "3600, 600, '[]', ?)"),
            {now});
    db.exec(QStringLiteral("INSERT INTO signing_keys VALUES ('legacy', 'legacy-key', 'ES256', 'EC P-256', 'active', ?, "
                           "?, NULL, NULL, ?, ?, ?)"),
            {now, now, QString(QStringLiteral("SHA256:") + stored.thumbprint()),
             QString::fromStdString(JsonWriter::write(stored.publicJwk().toJson())), *sealed});
    db.exec(QStringLiteral("INSERT INTO audit (at, actor, action, project_id, object, details) VALUES (?, 'cli', "
                           "'project.create', 'legacy', 'legacy', '')"),
            {now});
}

// What format-5-postgresql.sql holds, besides its schema. Its key and secrets are throwaways made
// for the test; they protect nothing.
const QByteArray kTeamPassphrase = "legacy team passphrase";
const QString kTeamApiKey = QStringLiteral("ak_legacy");
const QByteArray kTeamApiSecret = "legacy-api-secret-0123456789abcdef0123456789";
const QString kTeamJti = QStringLiteral("01JLEGACYTOKEN00000000000A");
const QString kTeamToken = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJsZWdhY3kifQ.c2lnbmF0dXJl");

// How the PostgreSQL fixture was made: a fresh database migrated to format 5 only, a protected vault,
// one project "legacy" (with a profile, format 5's column) holding an active ES256 key, an API key,
// a one-time ledger row and its audit rows. Run tst_migrations_postgresql with
// SIGNET_WRITE_POSTGRESQL_FIXTURE=<path> to write it again (a pg_dump of that database).
void writeFormat5PostgreSql(const QString& target, const Clock& clock)
{
    const QString location = freshPostgreSqlDatabase();
    auto database = Database::open(location, Database::Creation::MustExist);
    if (!database || !Migrations::migrate(**database, 5))
        qFatal("cannot write the PostgreSQL fixture");
    const Database& db = **database;
    auto vault = Vault::create(db, kTeamPassphrase, WorkspaceFixture::cheapKdf());
    const Jwk key = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), QStringLiteral("legacy-key"),
                                     Algorithm::ES256);
    Jwk stored = key;
    stored.setUse(QStringLiteral("sig"));
    const std::string privateJson = JsonWriter::write(stored.toJson(Jwk::Members::Private));
    const auto sealedKey = vault->seal(QByteArray::fromStdString(privateJson), SealedKind::SigningKey,
                                       QStringLiteral("legacy/legacy-key"));
    const auto sealedSecret = vault->seal(kTeamApiSecret, SealedKind::ApiKeySecret, kTeamApiKey);
    const auto sealedToken = vault->seal(kTeamToken.toUtf8(), SealedKind::Token, QStringLiteral("legacy/") + kTeamJti);
    const qint64 now = clock.now();
    const QList<std::pair<QString, QVariantList>> rows = {
        {QStringLiteral("INSERT INTO projects (id, name, issuer, audience, default_ttl, max_ttl, jwks_max_age, scopes, "
                        "created_at, rotation_interval, profile) VALUES ('legacy', 'Legacy team', "
                        "'https://legacy.test', 'legacy-api', 900, 3600, 600, "
                        "'[{\"name\":\"legacy:read\",\"description\":\"Read\"}]', ?, 86400, '')"),
         {now}},
        {QStringLiteral("INSERT INTO signing_keys VALUES ('legacy', 'legacy-key', 'ES256', 'EC P-256', 'active', ?, ?, "
                        "NULL, NULL, ?, ?, ?)"),
         {now, now, QString(QStringLiteral("SHA256:") + stored.thumbprint()),
          QString::fromStdString(JsonWriter::write(stored.publicJwk().toJson())), *sealedKey}},
        {QStringLiteral("INSERT INTO api_keys VALUES (?, 'legacy', 'backend', 'legacy:read', ?, ?, ?, NULL, NULL, "
                        "NULL)"),
         {kTeamApiKey, Crypto::sha256(kTeamApiSecret), *sealedSecret, now}},
        {QStringLiteral("INSERT INTO ledger VALUES (?, 'legacy', 'legacy-key', 'ES256', 'legacy-user', 'legacy-api', "
                        "'legacy:read', ?, ?, 1, NULL, ?)"),
         {kTeamJti, now, now + 900, *sealedToken}},
        {QStringLiteral("INSERT INTO audit (at, actor, action, project_id, object, details) VALUES (?, 'cli', "
                        "'project.create', 'legacy', 'legacy', '')"),
         {now}},
        {QStringLiteral("INSERT INTO audit (at, actor, action, project_id, object, details) VALUES (?, 'cli', "
                        "'key.generate', 'legacy', 'legacy-key', 'ES256')"),
         {now}},
    };
    for (const auto& [sql, values] : rows) {
        if (auto done = db.exec(sql, values); !done)
            qFatal("cannot write the PostgreSQL fixture: %s", qPrintable(done.error().message));
    }
    database->reset();
    QString error;
    const QByteArray dump = postgreSqlDump(location, error);
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    QFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(dump) < 0)
        qFatal("cannot write %s", qPrintable(target));
}

// A signing key of the project "legacy" as a workspace before format 8 held it: sealed and stored
// with the columns of that time.
void insertOlderKey(const Database& db, const Vault& vault, const QString& kid, KeyState state, qint64 createdAt)
{
    Jwk stored = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), kid, Algorithm::ES256);
    stored.setUse(QStringLiteral("sig"));
    const std::string privateJson = JsonWriter::write(stored.toJson(Jwk::Members::Private));
    const auto sealed =
        vault.seal(QByteArray::fromStdString(privateJson), SealedKind::SigningKey, QStringLiteral("legacy/") + kid);
    auto done =
        db.exec(QStringLiteral("INSERT INTO signing_keys (project_id, kid, alg, key_type, state, created_at,"
                               " activated_at, fingerprint, public_jwk, sealed_private)"
                               " VALUES ('legacy', ?, 'ES256', 'EC P-256', ?, ?, ?, ?, ?, ?)"),
                {kid, keyStateName(state), createdAt, state == KeyState::Active ? QVariant(createdAt) : QVariant(),
                 QString(QStringLiteral("SHA256:") + stored.thumbprint()),
                 QString::fromStdString(JsonWriter::write(stored.publicJwk().toJson())), *sealed});
    if (!done)
        qFatal("cannot store the key %s: %s", qPrintable(kid), qPrintable(done.error().message));
}

} // namespace

class MigrationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString target = qEnvironmentVariable("SIGNET_WRITE_FIXTURE");
        if (!target.isEmpty()) {
            QFile::remove(target);
            writeFormat1(target, ManualClock(WorkspaceFixture::kStart));
        }
        const QString teamTarget = qEnvironmentVariable("SIGNET_WRITE_POSTGRESQL_FIXTURE");
        if (!teamTarget.isEmpty())
            writeFormat5PostgreSql(teamTarget, ManualClock(WorkspaceFixture::kStart));
    }

    void newWorkspacesAreLatest()
    {
        WorkspaceFixture f;
        f.create();
        QCOMPARE(*Migrations::currentVersion(workspaceDatabase(f.ws())), Migrations::latestVersion());
        QVERIFY(Migrations::latestVersion() >= 2);
    }

    void format1FixtureIsUpgraded()
    {
        if (!WorkspaceFixture::isFileStore())
            QSKIP("a SQLite file's format: format5PostgreSqlFixtureIsUpgraded is the team workspace's");
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("old.signet"));
        QVERIFY(QFile::copy(dataPath(QStringLiteral("workspace/format-1.signet")), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        {
            auto database = Database::open(path, Database::Creation::MustExist);
            QCOMPARE(*Migrations::currentVersion(**database), 1);
        }
        ManualClock clock(WorkspaceFixture::kStart + 60);
        auto opened = Workspace::open(path, {}, Actor::Cli, clock);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        Workspace& ws = **opened;
        QCOMPARE(*Migrations::currentVersion(workspaceDatabase(ws)), Migrations::latestVersion());
        const Project project = *ws.projects().get(QStringLiteral("legacy"));
        QCOMPARE(project.issuer, QStringLiteral("https://legacy.test"));
        QCOMPARE(project.rotationInterval, qint64(90 * 86400)); // the default format 2 added
        const auto keys = ws.keys().list(QStringLiteral("legacy"));
        QCOMPARE(keys->size(), 1);
        QCOMPARE(keys->front().state, KeyState::Active);

        // The old key still signs, and what it signs verifies.
        MintRequest request;
        request.projectId = QStringLiteral("legacy");
        request.subject = QStringLiteral("u");
        auto minted = ws.tokens().mint(request);
        QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));
        QVERIFY(ws.tokens().verify(QStringLiteral("legacy"), minted->token)->report.isValid());
        // Format 2's guarantees hold on the upgraded file.
        QVERIFY(!workspaceDatabase(ws).exec(QStringLiteral("DELETE FROM audit")));
        QVERIFY(ws.keys().generate(QStringLiteral("legacy"), Algorithm::ES256));
        QVERIFY(!workspaceDatabase(ws).exec(QStringLiteral("UPDATE signing_keys SET state = 'active'")));
        // Format 3's configuration generation moves with projects and keys, not with the ledger.
        const qint64 before = *workspaceDatabase(ws).configurationGeneration();
        QVERIFY(ws.tokens().mintRecorded(request));
        QCOMPARE(*workspaceDatabase(ws).configurationGeneration(), before);
        Project edited = project;
        edited.name = QStringLiteral("Legacy, renamed");
        QVERIFY(ws.projects().update(edited));
        const qint64 afterEdit = *workspaceDatabase(ws).configurationGeneration();
        QVERIFY(afterEdit > before);
        QVERIFY(ws.keys().revoke(QStringLiteral("legacy"), keys->front().kid));
        QVERIFY(*workspaceDatabase(ws).configurationGeneration() > afterEdit);
        QCOMPARE(workspaceDatabase(ws).scalar(QStringLiteral("PRAGMA integrity_check"))->toString(),
                 QStringLiteral("ok"));
    }

    void format5PostgreSqlFixtureIsUpgraded()
    {
        if (WorkspaceFixture::isFileStore())
            QSKIP("a team workspace's format: format1FixtureIsUpgraded is the file's");
        const QString location = freshPostgreSqlDatabase();
        const QString loaded =
            runPostgreSqlScript(location, dataPath(QStringLiteral("workspace/format-5-postgresql.sql")));
        QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
        {
            auto database = Database::open(location, Database::Creation::MustExist);
            QVERIFY(database);
            QCOMPARE(*Migrations::currentVersion(**database), 5);
        }
        ManualClock clock(WorkspaceFixture::kStart + 60);
        QVERIFY(!Workspace::open(location, "wrong passphrase", Actor::Cli, clock));
        auto opened = Workspace::open(location, kTeamPassphrase, Actor::Cli, clock);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        Workspace& ws = **opened;
        const Database& db = workspaceDatabase(ws);
        QCOMPARE(*Migrations::currentVersion(db), Migrations::latestVersion());
        QVERIFY(ws.isProtected());

        const Project project = *ws.projects().get(QStringLiteral("legacy"));
        QCOMPARE(project.name, QStringLiteral("Legacy team"));
        QCOMPARE(project.issuer, QStringLiteral("https://legacy.test"));
        QCOMPARE(project.rotationInterval, qint64(86400));
        QCOMPARE(project.createdAt, WorkspaceFixture::kStart);
        const auto keys = ws.keys().list(QStringLiteral("legacy"));
        QCOMPARE(keys->size(), 1);
        QCOMPARE(keys->front().state, KeyState::Active);
        QVERIFY(ws.apiKeys().authenticate(kTeamApiKey, QString::fromLatin1(kTeamApiSecret)));
        const auto ledger = ws.tokens().list(QStringLiteral("legacy"));
        QCOMPARE(ledger->size(), 1);
        QCOMPARE(ledger->front().jti, kTeamJti);
        QCOMPARE(ledger->front().subject, QStringLiteral("legacy-user"));
        QVERIFY(ledger->front().oneTime);
        QCOMPARE(*ws.tokens().reveal(QStringLiteral("legacy"), kTeamJti), kTeamToken);
        QCOMPARE(ws.audit().list(QStringLiteral("legacy"))->size(), 3); // the two old rows and token.reveal

        // The old key still signs, and what it signs verifies.
        MintRequest request;
        request.projectId = QStringLiteral("legacy");
        request.subject = QStringLiteral("u");
        auto minted = ws.tokens().mintRecorded(request);
        QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));
        QVERIFY(ws.tokens().verify(QStringLiteral("legacy"), minted->token)->report.isValid());
        // Format 6's stored profiles move the configuration generation, as its trigger says.
        const qint64 before = *db.configurationGeneration();
        QVERIFY(db.exec(QStringLiteral("INSERT INTO profiles (name, definition, stored_at) VALUES ('x', '{}', 0)")));
        QVERIFY(*db.configurationGeneration() > before);
        // The audit log is still append-only.
        QVERIFY(!db.exec(QStringLiteral("DELETE FROM audit")));
    }

    // Keys prepared before format 8 keep the order that broke their ties: the creation time first,
    // then SQLite's rowid (the order they were added in), or on PostgreSQL, which had no such order,
    // their kids as before. Keys added after the upgrade come after them all.
    void olderKeysKeepTheirOrder()
    {
        QTemporaryDir folder;
        const QString location = newWorkspaceLocation(folder.path(), QStringLiteral("format-7"));
        const qint64 start = WorkspaceFixture::kStart;
        {
            auto database = Database::open(location, WorkspaceFixture::isFileStore() ? Database::Creation::MustCreate
                                                                                     : Database::Creation::MustExist);
            QVERIFY(database && Migrations::migrate(**database, 7));
            const Database& db = **database;
            auto vault = Vault::create(db, std::nullopt);
            QVERIFY(vault);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO projects (id, name, issuer, audience, default_ttl, max_ttl,"
                                           " jwks_max_age, scopes, created_at) VALUES ('legacy', 'Legacy',"
                                           " 'https://legacy.test', 'legacy-api', 900, 3600, 600, '[]', ?)"),
                            {start}));
            // Added in this order; the two tied keys' kids sort against it.
            insertOlderKey(db, *vault, QStringLiteral("legacy-active"), KeyState::Active, start);
            insertOlderKey(db, *vault, QStringLiteral("b-tied"), KeyState::Next, start + 10);
            insertOlderKey(db, *vault, QStringLiteral("a-tied"), KeyState::Next, start + 10);
            insertOlderKey(db, *vault, QStringLiteral("z-earlier"), KeyState::Next, start + 5);
        }
        ManualClock clock(start + 10);
        auto opened = Workspace::open(location, {}, Actor::Cli, clock);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        Workspace& ws = **opened;
        const Database& db = workspaceDatabase(ws);
        QCOMPARE(*Migrations::currentVersion(db), Migrations::latestVersion());
        const QString legacy = QStringLiteral("legacy");
        const bool file = WorkspaceFixture::isFileStore();
        if (!file) {
            auto numbered =
                db.exec(QStringLiteral("SELECT kid FROM signing_keys ORDER BY %1").arg(db.insertionOrder()));
            QVERIFY(numbered);
            QStringList kids;
            while (numbered->next())
                kids.append(numbered->value(0).toString());
            QCOMPARE(kids, QStringList({QStringLiteral("legacy-active"), QStringLiteral("z-earlier"),
                                        QStringLiteral("a-tied"), QStringLiteral("b-tied")}));
        }
        // A key prepared now, in the same second as the tied ones, with a kid that sorts before theirs.
        QVERIFY(ws.keys().addGenerated(
            legacy,
            Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), QStringLiteral("0-added-after")),
            Algorithm::ES256, KeyState::Next));
        const QStringList expected{
            QStringLiteral("z-earlier"), file ? QStringLiteral("b-tied") : QStringLiteral("a-tied"),
            file ? QStringLiteral("a-tied") : QStringLiteral("b-tied"), QStringLiteral("0-added-after")};
        for (const QString& kid : expected) {
            auto rotated = ws.keys().rotate(legacy, RotateOptions{});
            QVERIFY2(rotated, rotated ? "" : qPrintable(rotated.error().message));
            QCOMPARE(rotated->activated.kid, kid);
        }
    }

    void newerFormatsAreRefused()
    {
        WorkspaceFixture f;
        f.create();
        const Database& database = workspaceDatabase(f.ws());
        QVERIFY(database.exec(database.dialect() == Database::Dialect::SQLite
                                  ? QStringLiteral("PRAGMA user_version = 99")
                                  : QStringLiteral("UPDATE signet_schema SET version = 99")));
        f.workspace.reset();
        auto opened = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(!opened);
        QVERIFY(opened.error().message.contains(QStringLiteral("newer Signet")));
    }
};

QTEST_GUILESS_MAIN(MigrationsTest)
#include "tst_migrations.moc"
