// Migrations: a workspace written in format 1 (tests/data/workspace/format-1.signet) opens in this
// build, is upgraded in place, and keeps every project, key and token.

#include "WorkspaceFixture.h"

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

    void newerFormatsAreRefused()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(workspaceDatabase(f.ws()).exec(QStringLiteral("PRAGMA user_version = 99")));
        f.workspace.reset();
        auto opened = Workspace::open(f.path(), {}, Actor::Cli, f.clock);
        QVERIFY(!opened);
        QVERIFY(opened.error().message.contains(QStringLiteral("newer Signet")));
    }
};

QTEST_GUILESS_MAIN(MigrationsTest)
#include "tst_migrations.moc"
