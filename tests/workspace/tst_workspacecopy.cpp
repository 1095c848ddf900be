// A whole workspace copied between stores: a protected file to PostgreSQL and back, file to file.
// The copy opens with the source's passphrase and its sealed secrets still open, the audit log is
// identical, every table verifies; and a copy is refused, writing nothing, where it would replace
// or misread something.

#include "WorkspaceFixture.h"

#include "support/PostgresCluster.h"
#include "support/TestSupport.h"
#include "workspace/Database.h"
#include "workspace/Migrations.h"
#include "workspace/SchemaCatalog.h"
#include "workspace/TableDigest.h"
#include "workspace/WorkspaceCopy.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QByteArray kPassphrase = "copy passphrase";

QString errorOf(const auto& result)
{
    return result ? QString() : result.error().message;
}

// Every table's digest, by name, as the store holds it now.
QMap<QString, TableDigest> contentsOf(const QString& where)
{
    QMap<QString, TableDigest> contents;
    auto database = Database::openReadOnly(where);
    if (!database)
        qFatal("cannot open %s: %s", qPrintable(where), qPrintable(database.error().message));
    auto tables = SchemaCatalog::read(**database);
    if (!tables)
        qFatal("cannot read the tables of %s: %s", qPrintable(where), qPrintable(tables.error().message));
    for (const TableInfo& table : *tables) {
        auto digest = TableDigests::of(**database, table);
        if (!digest)
            qFatal("cannot digest %s: %s", qPrintable(table.name), qPrintable(digest.error().message));
        contents.insert(table.name, *digest);
    }
    return contents;
}

QList<AuditEvent> auditOf(Workspace& workspace)
{
    auto events = workspace.audit().list({}, 100000);
    if (!events)
        qFatal("cannot list the audit log: %s", qPrintable(events.error().message));
    return *events;
}

bool sameAudit(const QList<AuditEvent>& a, const QList<AuditEvent>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].id != b[i].id || a[i].at != b[i].at || a[i].actor != b[i].actor || a[i].action != b[i].action ||
            a[i].projectId != b[i].projectId || a[i].object != b[i].object || a[i].details != b[i].details)
            return false;
    }
    return true;
}

qint64 rowsIn(const WorkspaceCopy::Summary& summary, const QString& table)
{
    for (const auto& entry : summary.tables) {
        if (entry.table == table)
            return entry.rows;
    }
    return -1;
}

} // namespace

class WorkspaceCopyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_cluster = PostgresCluster::start(error);
        QVERIFY2(m_cluster, qPrintable(error));
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
                 "Qt's PostgreSQL driver is missing: install libqt6sql6-psql (./dev deps does)");
        fillSource();
    }

    // Same rows, same digest, whatever the order they come in and however a value is stored; any
    // changed value, a NULL for an empty text, or one row fewer, another.
    void digestIsCanonical()
    {
        const QStringList columns{QStringLiteral("id"), QStringLiteral("value"), QStringLiteral("note")};
        const auto digestOf = [&columns](const QList<QVariantList>& rows) {
            TableDigester digester(columns, {QStringLiteral("id")});
            for (const QVariantList& row : rows)
                digester.add(row);
            return digester.finish();
        };
        const QVariantList one{1, QByteArray("600000"), QStringLiteral("")};
        const QVariantList two{2, QByteArray("\x00\xff", 2), QVariant()};
        const TableDigest reference = digestOf({one, two});
        QCOMPARE(reference.rows, 2);
        QCOMPARE(reference.sha256.size(), 32);
        QCOMPARE(digestOf({two, one}), reference);
        QCOMPARE(digestOf({{qlonglong(1), 600000, QStringLiteral("")}, two}), reference); // meta as SQLite keeps it
        QVERIFY(digestOf({{1, QByteArray("600000"), QVariant()}, two}) != reference);
        QVERIFY(digestOf({{1, QByteArray("600001"), QStringLiteral("")}, two}) != reference);
        QVERIFY(digestOf({one}) != reference);
        QVERIFY(digestOf({{1, QByteArray("6000"), QStringLiteral("00")}, two}) !=
                reference); // values keep their bounds
    }

    // The catalog follows whatever tables a schema has (a later migration's too): parents before the
    // tables that refer to them whatever their names, keys in their order, column kinds, and
    // PostgreSQL's identity columns.
    void catalogFollowsAnySchema()
    {
        QTemporaryDir folder;
        auto file = Database::open(folder.filePath(QStringLiteral("any.db")), Database::Creation::MustCreate);
        QVERIFY(file);
        auto team = Database::open(database(QStringLiteral("copy_catalog")), Database::Creation::MustExist);
        QVERIFY(team);
        for (const Database* db : {file->get(), team->get()}) {
            const bool pg = db->dialect() == Database::Dialect::PostgreSql;
            const QString id = pg ? QStringLiteral("BIGINT GENERATED ALWAYS AS IDENTITY") : QStringLiteral("INTEGER");
            const QString bytes = pg ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
            for (const QString& statement :
                 {QStringLiteral("CREATE TABLE z_parent (id %1 PRIMARY KEY, name TEXT NOT NULL)").arg(id),
                  QStringLiteral("CREATE TABLE a_child (b TEXT, a INTEGER REFERENCES z_parent(id), blob %1,"
                                 " PRIMARY KEY (b, a))")
                      .arg(bytes),
                  QStringLiteral("CREATE TABLE m_grandchild (k TEXT, b TEXT, a INTEGER,"
                                 " FOREIGN KEY (b, a) REFERENCES a_child(b, a))")})
                QVERIFY2(db->exec(statement), qPrintable(statement));
            auto tables = SchemaCatalog::read(*db);
            QVERIFY2(tables, qPrintable(errorOf(tables)));
            QCOMPARE(tables->size(), 3);
            QCOMPARE(tables->at(0).name, QStringLiteral("z_parent"));
            QCOMPARE(tables->at(1).name, QStringLiteral("a_child"));
            QCOMPARE(tables->at(2).name, QStringLiteral("m_grandchild"));
            QCOMPARE(tables->at(0).column(QStringLiteral("id"))->identity, pg);
            QCOMPARE(tables->at(1).primaryKey, QStringList({QStringLiteral("b"), QStringLiteral("a")}));
            QCOMPARE(tables->at(1).parents, QStringList{QStringLiteral("z_parent")});
            QCOMPARE(tables->at(1).column(QStringLiteral("blob"))->kind, ColumnInfo::Kind::Bytes);
            QCOMPARE(tables->at(1).column(QStringLiteral("a"))->kind, ColumnInfo::Kind::Integer);
            QCOMPARE(tables->at(1).column(QStringLiteral("b"))->kind, ColumnInfo::Kind::Text);
            QVERIFY(tables->at(2).primaryKey.isEmpty());
        }
    }

    // The order rows were added in is the store's own (SQLite's rowid, PostgreSQL's insertion order
    // column), apart from the columns: the digest leaves it out, TableDigests::insertionOrder tells
    // two orders of the same rows apart, alike on both dialects.
    void insertionOrderIsKeptApart()
    {
        QTemporaryDir folder;
        auto file = Database::open(folder.filePath(QStringLiteral("ordered.db")), Database::Creation::MustCreate);
        QVERIFY(file);
        auto team = Database::open(database(QStringLiteral("copy_ordered")), Database::Creation::MustExist);
        QVERIFY(team);
        QMap<QString, QByteArray> orders;
        for (const Database* db : {file->get(), team->get()}) {
            const bool pg = db->dialect() == Database::Dialect::PostgreSql;
            const QString order =
                pg ? QStringLiteral(", %1 BIGINT GENERATED ALWAYS AS IDENTITY").arg(Database::insertionOrderColumn())
                   : QString();
            for (const QString& table : {QStringLiteral("ba"), QStringLiteral("ab"), QStringLiteral("plain")}) {
                QVERIFY(db->exec(QStringLiteral("CREATE TABLE %1 (name TEXT PRIMARY KEY%2)")
                                     .arg(table, table == QStringLiteral("plain") ? QString() : order)));
                const QStringList names = table == QStringLiteral("ab")
                                              ? QStringList{QStringLiteral("a"), QStringLiteral("b")}
                                              : QStringList{QStringLiteral("b"), QStringLiteral("a")};
                for (const QString& name : names)
                    QVERIFY(db->exec(QStringLiteral("INSERT INTO %1 (name) VALUES (?)").arg(table), {name}));
            }
            auto tables = SchemaCatalog::read(*db);
            QVERIFY2(tables, qPrintable(errorOf(tables)));
            QCOMPARE(tables->size(), 3);
            QMap<QString, TableDigest> digests;
            for (const TableInfo& table : *tables) {
                QCOMPARE(table.columnNames(), QStringList{QStringLiteral("name")});
                QCOMPARE(table.insertionOrder.isEmpty(), pg && table.name == QStringLiteral("plain"));
                digests.insert(table.name, *TableDigests::of(*db, table));
                auto inOrder = TableDigests::insertionOrder(*db, table);
                QVERIFY2(inOrder, qPrintable(errorOf(inOrder)));
                QCOMPARE(inOrder->isEmpty(), table.insertionOrder.isEmpty());
                if (!inOrder->isEmpty()) {
                    const QString key = table.name;
                    if (orders.contains(key))
                        QCOMPARE(*inOrder, orders.value(key)); // the same on the other dialect
                    orders.insert(key, *inOrder);
                }
            }
            QCOMPARE(digests.value(QStringLiteral("ab")), digests.value(QStringLiteral("ba")));
            QCOMPARE(digests.value(QStringLiteral("plain")), digests.value(QStringLiteral("ba")));
            QVERIFY(orders.value(QStringLiteral("ab")) != orders.value(QStringLiteral("ba")));
        }
        QCOMPARE(orders.value(QStringLiteral("plain")), orders.value(QStringLiteral("ba"))); // the file's plain
    }

    // Keys prepared in the same second keep the order they were prepared in through every copy
    // (file → PostgreSQL → file, PostgreSQL → PostgreSQL), whatever their kids: rotating the copy
    // activates the first; and a key prepared in the team copy afterwards comes after them.
    void copiesKeepTheOrderKeysWerePrepared()
    {
        WorkspaceFixture source;
        source.create();
        const QString payments = QStringLiteral("payments");
        QVERIFY(source.ws().keys().generate(payments, Algorithm::ES256));
        const auto prepare = [&payments](Workspace& ws, const QString& kid) {
            return ws.keys().addGenerated(payments,
                                          Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), kid),
                                          Algorithm::ES256, KeyState::Next);
        };
        const QString first = QStringLiteral("z-prepared-first"); // kids sort against the order
        const QString second = QStringLiteral("m-prepared-second");
        QVERIFY(prepare(source.ws(), first) && prepare(source.ws(), second));
        source.workspace.reset();

        const QString team = database(QStringLiteral("copy_order_team"));
        const QString back = m_folder.filePath(QStringLiteral("order/back.signet"));
        const QString teamAgain = database(QStringLiteral("copy_order_team_again"));
        for (const auto& [from, to] :
             {std::pair{source.path(), team}, std::pair{team, back}, std::pair{team, teamAgain}}) {
            auto copied = WorkspaceCopy::copy(from, to);
            QVERIFY2(copied, qPrintable(errorOf(copied)));
        }
        for (const QString& copy : {team, back, teamAgain}) {
            auto opened = Workspace::open(copy, {}, Actor::Cli, source.clock);
            QVERIFY2(opened, qPrintable(errorOf(opened)));
            Workspace& ws = **opened;
            const QString later = QStringLiteral("a-prepared-after-the-copy");
            QVERIFY(prepare(ws, later));
            for (const QString& kid : {first, second, later}) {
                auto rotated = ws.keys().rotate(payments, RotateOptions{});
                QVERIFY2(rotated, qPrintable(errorOf(rotated)));
                QVERIFY2(rotated->activated.kid == kid,
                         qPrintable(QStringLiteral("%1: %2 activated").arg(copy, rotated->activated.kid)));
            }
        }
    }

    // File → PostgreSQL: the team copy opens with the same passphrase, signs with the copied key,
    // knows the API keys and the used one-time token, keeps the audit log as it was and goes on
    // numbering it.
    void fileToPostgreSqlAndBack()
    {
        const QString team = database(QStringLiteral("copy_team"));
        auto copied = WorkspaceCopy::copy(m_source.path(), team);
        QVERIFY2(copied, qPrintable(errorOf(copied)));
        QCOMPARE(copied->from, m_source.path());
        QCOMPARE(copied->to, team);
        QCOMPARE(rowsIn(*copied, QStringLiteral("projects")), 2);
        QCOMPARE(rowsIn(*copied, QStringLiteral("signing_keys")), 5);
        QCOMPARE(rowsIn(*copied, QStringLiteral("api_keys")), 2);
        QCOMPARE(rowsIn(*copied, QStringLiteral("ledger")), 2);
        QCOMPARE(rowsIn(*copied, QStringLiteral("profiles")), 1);
        QVERIFY(rowsIn(*copied, QStringLiteral("audit")) > 8);
        QCOMPARE(copied->tables.size(), contentsOf(m_source.path()).size());
        QCOMPARE(contentsOf(team), contentsOf(m_source.path()));

        QVERIFY(!Workspace::open(team, "wrong passphrase", Actor::Cli, m_source.clock));
        auto copy = Workspace::open(team, kPassphrase, Actor::Cli, m_source.clock);
        QVERIFY2(copy, qPrintable(errorOf(copy)));
        QVERIFY((*copy)->isProtected());
        QVERIFY(sameAudit(auditOf(**copy), auditOf(m_source.ws())));
        checkSecretsOpen(**copy); // audited: the identity sequence moved past the copied ids
        qint64 lastId = auditOf(**copy).first().id;
        QVERIFY((*copy)->audit().record(QStringLiteral("test.after-copy"), {}, QStringLiteral("team")));
        QCOMPARE(auditOf(**copy).first().id, lastId + 1);
        copy->reset();

        // … and back into a new file, which the console opens like any other.
        const QString file = m_folder.filePath(QStringLiteral("back/from-team.signet"));
        auto back = WorkspaceCopy::copy(team, file);
        QVERIFY2(back, qPrintable(errorOf(back)));
        QCOMPARE(contentsOf(file), contentsOf(team));
        QCOMPARE(QFile::permissions(file) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        auto reopened = Workspace::open(file, kPassphrase, Actor::Cli, m_source.clock);
        QVERIFY2(reopened, qPrintable(errorOf(reopened)));
        auto teamAgain = Workspace::open(team, kPassphrase, Actor::Cli, m_source.clock);
        QVERIFY(teamAgain);
        QVERIFY(sameAudit(auditOf(**reopened), auditOf(**teamAgain)));
        checkSecretsOpen(**reopened);
        lastId = auditOf(**reopened).first().id;
        QVERIFY((*reopened)->audit().record(QStringLiteral("test.after-copy"), {}, QStringLiteral("file")));
        QCOMPARE(auditOf(**reopened).first().id, lastId + 1);
    }

    void fileToFile()
    {
        const QString file = m_folder.filePath(QStringLiteral("plain-copy.signet"));
        auto copied = WorkspaceCopy::copy(m_source.path(), file);
        QVERIFY2(copied, qPrintable(errorOf(copied)));
        QCOMPARE(contentsOf(file), contentsOf(m_source.path()));
        auto copy = Workspace::open(file, kPassphrase, Actor::Cli, m_source.clock);
        QVERIFY2(copy, qPrintable(errorOf(copy)));
        checkSecretsOpen(**copy);
    }

    // A database that holds only the empty schema (an init or a copy that stopped) is still empty.
    void emptySchemaIsTaken()
    {
        const QString url = database(QStringLiteral("copy_schema_only"));
        {
            auto half = Database::open(url, Database::Creation::MustExist);
            QVERIFY(half && Migrations::migrate(**half));
        }
        auto copied = WorkspaceCopy::copy(m_source.path(), url);
        QVERIFY2(copied, qPrintable(errorOf(copied)));
        QCOMPARE(contentsOf(url), contentsOf(m_source.path()));
    }

    void refusesATargetThatHoldsSomething()
    {
        const QString team = database(QStringLiteral("copy_taken"));
        QVERIFY(WorkspaceCopy::copy(m_source.path(), team));
        const auto before = contentsOf(team);
        const QString other = m_folder.filePath(QStringLiteral("other.signet"));
        QVERIFY(WorkspaceCopy::copy(m_source.path(), other));
        auto refused = WorkspaceCopy::copy(other, team);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("already holds a Signet workspace")) &&
                     refused.error().message.contains(QStringLiteral("projects: 2 rows")) &&
                     refused.error().message.contains(QStringLiteral("nothing was written")),
                 qPrintable(refused.error().message));
        QCOMPARE(contentsOf(team), before);

        // A database used for something else.
        const QString foreign = database(QStringLiteral("copy_foreign"));
        {
            auto db = Database::open(foreign, Database::Creation::MustExist);
            QVERIFY(db && (*db)->exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")));
        }
        refused = WorkspaceCopy::copy(m_source.path(), foreign);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("is not empty: it has the tables invoices")),
                 qPrintable(refused.error().message));

        // A file that exists, workspace or not, is never replaced.
        QFile file(other);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();
        refused = WorkspaceCopy::copy(team, other);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("already exists (a Signet workspace)")),
                 qPrintable(refused.error().message));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
    }

    void refusesTheSameStore()
    {
        const QString spelledOtherwise = m_source.folder.path() + QStringLiteral("/./test.signet");
        for (const QString& target : {m_source.path(), spelledOtherwise}) {
            auto refused = WorkspaceCopy::copy(m_source.path(), target);
            QVERIFY(!refused);
            QVERIFY2(refused.error().message.contains(QStringLiteral("FROM and TO are the same workspace")),
                     qPrintable(refused.error().message));
        }
        const QString team = database(QStringLiteral("copy_same"));
        auto refused = WorkspaceCopy::copy(
            team, QString(team).replace(QStringLiteral("signet@"), QStringLiteral("someone:secret@")));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("same workspace")) &&
                     !refused.error().message.contains(QStringLiteral("secret")),
                 qPrintable(refused.error().message));
    }

    void refusesWhatIsNotAWorkspaceOfThisFormat()
    {
        const QString target = m_folder.filePath(QStringLiteral("never.signet"));
        const QString text = m_folder.filePath(QStringLiteral("notes.txt"));
        QFile notes(text);
        QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write("not a database\n") > 0);
        notes.close();
        const QString older = m_folder.filePath(QStringLiteral("format-1.signet"));
        QVERIFY(QFile::copy(dataPath(QStringLiteral("workspace/format-1.signet")), older));
        const QString newer = m_folder.filePath(QStringLiteral("newer.signet"));
        QVERIFY(WorkspaceCopy::copy(m_source.path(), newer));
        {
            auto written = Database::open(newer, Database::Creation::MustExist);
            QVERIFY(written &&
                    (*written)->exec(QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion() + 1)));
        }
        const QString emptyDatabase = database(QStringLiteral("copy_nothing"));
        const QList<std::pair<QString, QString>> cases{
            {m_folder.filePath(QStringLiteral("missing.signet")), QStringLiteral("no workspace at")},
            {text, QStringLiteral("not a Signet workspace")},
            {older, QStringLiteral("older workspace format (1; this Signet writes %1): open it with this Signet first")
                        .arg(Migrations::latestVersion())},
            {newer, QStringLiteral("was written by a newer Signet (format %1; this build knows up to %2)")
                        .arg(Migrations::latestVersion() + 1)
                        .arg(Migrations::latestVersion())},
            {emptyDatabase, QStringLiteral("holds no Signet workspace")},
        };
        for (const auto& [source, expected] : cases) {
            auto refused = WorkspaceCopy::copy(source, target);
            QVERIFY2(!refused, qPrintable(source));
            QVERIFY2(refused.error().message.contains(expected), qPrintable(refused.error().message));
            QVERIFY2(!QFile::exists(target), qPrintable(source));
        }
        QCOMPARE(*Migrations::currentVersion(**Database::openReadOnly(older)), 1); // the source is left as it was
    }

    void cleanupTestCase()
    {
        m_source.workspace.reset();
        m_cluster.reset();
    }

private:
    // The source: two projects, keys in several states, API keys (one revoked), a used one-time
    // token and a plain one, a stored profile, and the audit events all of that wrote.
    void fillSource()
    {
        m_source.create(kPassphrase);
        Workspace& ws = m_source.ws();
        QVERIFY(ws.profiles().store(readData(QStringLiteral("profiles/acme.json")), QStringLiteral("acme.json")));
        Project staging;
        staging.id = QStringLiteral("staging");
        QVERIFY(ws.projects().create(staging));
        QVERIFY(ws.keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        m_source.clock.advance(60);
        RotateOptions withNext;
        withNext.prepareNext = true;
        QVERIFY(ws.keys().rotate(QStringLiteral("payments"), withNext)); // active, retiring, next
        auto first = ws.keys().generate(QStringLiteral("staging"), Algorithm::RS256, 2048);
        QVERIFY(first);
        QVERIFY(ws.keys().rotate(QStringLiteral("staging")));
        QVERIFY(ws.keys().revoke(QStringLiteral("staging"), first->kid)); // revoked
        auto apiKey = ws.apiKeys().create(QStringLiteral("payments"), QStringLiteral("ci"), {});
        QVERIFY(apiKey);
        m_apiKeyId = apiKey->record.id;
        m_apiKeySecret = apiKey->secret;
        auto revoked = ws.apiKeys().create(QStringLiteral("payments"), QStringLiteral("old"), {});
        QVERIFY(revoked && ws.apiKeys().revoke(QStringLiteral("payments"), revoked->record.id));
        MintRequest once;
        once.projectId = QStringLiteral("payments");
        once.oneTime = true;
        auto oneTime = ws.tokens().mintRecorded(once);
        QVERIFY2(oneTime, qPrintable(errorOf(oneTime)));
        m_oneTimeToken = oneTime->token;
        QCOMPARE(*ws.tokens().consume(QStringLiteral("payments"), m_oneTimeToken), ConsumeOutcome::Consumed);
        MintRequest plain;
        plain.projectId = QStringLiteral("payments");
        plain.subject = QStringLiteral("user-1");
        QVERIFY(ws.tokens().mintRecorded(plain));
        QVERIFY(ws.tokens().flush());
        auto keys = ws.keys().list(QStringLiteral("payments"));
        QVERIFY(keys && keys->size() == 3);
    }

    // What only the passphrase opens still opens in `copy`: the copied active key signs tokens the
    // source verifies, the API key's secret is recognised, the used one-time token stays used.
    void checkSecretsOpen(Workspace& copy)
    {
        MintRequest request;
        request.projectId = QStringLiteral("payments");
        request.subject = QStringLiteral("after-copy");
        auto minted = copy.tokens().mintRecorded(request);
        QVERIFY2(minted, qPrintable(errorOf(minted)));
        auto verified = m_source.ws().tokens().verify(QStringLiteral("payments"), minted->token);
        QVERIFY2(verified && verified->isAccepted(), qPrintable(errorOf(verified)));
        auto key = copy.apiKeys().authenticate(m_apiKeyId, m_apiKeySecret);
        QVERIFY2(key, qPrintable(errorOf(key)));
        QCOMPARE(*copy.tokens().consume(QStringLiteral("payments"), m_oneTimeToken), ConsumeOutcome::AlreadyUsed);
        auto revealed = copy.tokens().reveal(QStringLiteral("payments"), minted->entry.jti);
        QVERIFY2(revealed, qPrintable(errorOf(revealed)));
    }

    QString database(const QString& name)
    {
        QString error;
        if (!m_cluster->createDatabase(name, error))
            qFatal("createdb %s: %s", qPrintable(name), qPrintable(error));
        return m_cluster->url(name);
    }

    std::unique_ptr<PostgresCluster> m_cluster;
    WorkspaceFixture m_source;
    QTemporaryDir m_folder;
    QString m_apiKeyId;
    QString m_apiKeySecret;
    std::string m_oneTimeToken;
};

QTEST_GUILESS_MAIN(WorkspaceCopyTest)
#include "tst_workspacecopy.moc"
