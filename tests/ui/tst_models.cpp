// The GUI's item models: consistent by QAbstractItemModelTester, showing what the services hold,
// and following the services' change signals.

#include "WorkspaceFixture.h"

#include "UntrustedText.h"

#include "models/ApiKeyTableModel.h"
#include "models/AuditTableModel.h"
#include "models/LedgerTableModel.h"
#include "models/ModelSupport.h"
#include "models/ProjectListModel.h"
#include "models/SigningKeyTableModel.h"
#include "widgets/RotationTimeline.h"
#include "workspace/Database.h"
#include "workspace/WorkspaceInternals.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

std::unique_ptr<RecordTableModelBase> makeRecordTable(const QString& table, WorkspaceFixture& f)
{
    if (table == QLatin1String("signing keys"))
        return std::make_unique<SigningKeyTableModel>(f.ws(), f.clock);
    if (table == QLatin1String("API keys"))
        return std::make_unique<ApiKeyTableModel>(f.ws(), f.clock);
    if (table == QLatin1String("audit"))
        return std::make_unique<AuditTableModel>(f.ws(), f.clock);
    return std::make_unique<LedgerTableModel>(f.ws(), f.clock);
}

// Whether a table shows the rows of its last query. The paged tables (ledger, audit) read a query on
// the reader's thread when every read is a round trip (a team workspace) or scans, and show its rows
// a moment later: a test waits for them as a user does.
bool hasReadItsRows(const RecordTableModelBase& model)
{
    if (const auto* ledger = qobject_cast<const LedgerTableModel*>(&model))
        return !ledger->isReadingInBackground();
    if (const auto* audit = qobject_cast<const AuditTableModel*>(&model))
        return !audit->isReadingInBackground();
    return true;
}

} // namespace

class ModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectListShowsHealth()
    {
        WorkspaceFixture f;
        f.create();
        ProjectListModel model(f.ws(), f.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex payments = model.index(0);
        QCOMPARE(payments.data(ProjectListModel::IdRole).toString(), QStringLiteral("payments"));
        QCOMPARE(payments.data(ProjectListModel::HealthRole).toInt(), int(HealthLevel::Broken));
        QVERIFY(payments.data(Qt::ToolTipRole).toString().contains(QStringLiteral("No active signing key")));

        // A key change reads that project's row again, not the whole list.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.front().front().toModelIndex().row(), model.rowOf(QStringLiteral("payments")));
        QCOMPARE(model.index(0).data(ProjectListModel::HealthRole).toInt(),
                 int(HealthLevel::Warning)); // a single published key
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QCOMPARE(model.index(0).data(ProjectListModel::HealthRole).toInt(), int(HealthLevel::Fine));
        f.clock.advance(91 * 86400);
        model.reload();
        QVERIFY(model.index(0).data(ProjectListModel::IssuesRole).toList().contains(int(HealthIssue::ActiveKeyTooOld)));

        Project video;
        video.id = QStringLiteral("video");
        QVERIFY(f.ws().projects().create(video));
        // A VideoSDK project signs with API key secrets: no signing key is no fault of it.
        Project meetings;
        meetings.id = QStringLiteral("zz-meetings");
        meetings.profile = QStringLiteral("videosdk");
        QVERIFY(f.ws().projects().create(meetings));
        model.reload();
        QVERIFY(model.index(1).data(ProjectListModel::IssuesRole).toList().contains(int(HealthIssue::NoActiveKey)));
        QVERIFY(!model.index(2).data(ProjectListModel::IssuesRole).toList().contains(int(HealthIssue::NoActiveKey)));
        QVERIFY(f.ws().projects().remove(QStringLiteral("zz-meetings")));
        model.reload();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("video")), 1);
        QCOMPARE(model.idAt(1), QStringLiteral("video"));
        QCOMPARE(model.idAt(7), QString());
    }

    void signingKeysTable()
    {
        WorkspaceFixture f;
        f.create();
        SigningKeyTableModel model(f.ws(), f.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setProject(QStringLiteral("payments"));
        const auto first = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        f.clock.advance(3600);
        QVERIFY(f.ws().keys().rotate(QStringLiteral("payments")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(SigningKeyTableModel::ColumnCount));
        // Active first, then retiring.
        QCOMPARE(model.index(0, SigningKeyTableModel::State).data().toString(), QStringLiteral("active"));
        const QModelIndex retiring = model.index(1, SigningKeyTableModel::Kid);
        QCOMPARE(retiring.data(Qt::ToolTipRole).toString(), first.kid);
        QCOMPARE(retiring.data().toString(), ModelSupport::shortId(first.kid));
        QVERIFY(retiring.data().toString().contains(QStringLiteral("…")));
        QCOMPARE(model.index(1, SigningKeyTableModel::Created).data().toString(), QStringLiteral("1 h ago"));
        QCOMPARE(model.index(1, SigningKeyTableModel::RetireAt).data().toString(), QStringLiteral("in 1 h"));
        QVERIFY(model.index(1, SigningKeyTableModel::RetireAt)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith(QStringLiteral("UTC")));
        QCOMPARE(model.index(0, SigningKeyTableModel::RetireAt).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(1, 0).data(ModelSupport::StateRole).toInt(), int(KeyState::Retiring));
        QCOMPARE(model.headerData(SigningKeyTableModel::Fingerprint, Qt::Horizontal).toString(),
                 QStringLiteral("Fingerprint"));
        // Another project's changes do not touch this table.
        Project other;
        other.id = QStringLiteral("other");
        QVERIFY(f.ws().projects().create(other));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(f.ws().keys().generate(QStringLiteral("other"), Algorithm::EdDSA));
        QCOMPARE(reset.count(), 0);
        QVERIFY(f.ws().keys().revoke(QStringLiteral("payments"), first.kid));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.keyAt(1)->state, KeyState::Revoked);
    }

    void apiKeysTableNeverHoldsSecrets()
    {
        WorkspaceFixture f;
        f.create();
        ApiKeyTableModel model(f.ws(), f.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProject(QStringLiteral("payments"));
        auto created = *f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("backend"),
                                                {QStringLiteral("payments:read")}, 600);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ApiKeyTableModel::Name).data().toString(), QStringLiteral("backend"));
        QCOMPARE(model.index(0, ApiKeyTableModel::Status).data().toString(), QStringLiteral("active"));
        QCOMPARE(model.index(0, ApiKeyTableModel::LastUsed).data().toString(), QStringLiteral("never"));
        QCOMPARE(model.index(0, ApiKeyTableModel::Expires).data().toString(), QStringLiteral("in 10 min"));
        for (int column = 0; column < model.columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(ModelSupport::SortRole)})
                QVERIFY(!model.index(0, column).data(role).toString().contains(created.secret));
        }
        f.clock.advance(600);
        model.reload();
        QCOMPARE(model.index(0, ApiKeyTableModel::Status).data().toString(), QStringLiteral("expired"));
        QVERIFY(f.ws().apiKeys().revoke(QStringLiteral("payments"), created.record.id));
        QCOMPARE(model.index(0, ApiKeyTableModel::Status).data().toString(), QStringLiteral("revoked"));
    }

    void timelineSpansFollowTheLifecycle()
    {
        WorkspaceFixture f;
        f.create();
        const auto first = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256); // active at t0
        f.clock.advance(600);
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256)); // next at t0+600
        f.clock.advance(600);
        QVERIFY(f.ws().keys().rotate(QStringLiteral("payments"))); // t0+1200: next -> active, first -> retiring
        f.clock.advance(60);
        const auto keys = *f.ws().keys().list(QStringLiteral("payments"));
        const qint64 t0 = WorkspaceFixture::kStart;
        const SigningKeyRecord& retiring = keys[1];
        const SigningKeyRecord& active = keys[0];
        QCOMPARE(retiring.kid, first.kid);
        const auto oldSpans = RotationTimeline::spansOf(retiring, keys, f.clock.now());
        QCOMPARE(oldSpans.size(), 2);
        QCOMPARE(oldSpans[0].state, KeyState::Active);
        QCOMPARE(oldSpans[0].from, t0);
        QCOMPARE(oldSpans[0].to, t0 + 1200);
        QCOMPARE(oldSpans[1].state, KeyState::Retiring);
        QCOMPARE(oldSpans[1].to, *retiring.retireAt);
        const auto newSpans = RotationTimeline::spansOf(active, keys, f.clock.now());
        QCOMPARE(newSpans.size(), 2);
        QCOMPARE(newSpans[0].state, KeyState::Next);
        QCOMPARE(newSpans[0].from, t0 + 600);
        QCOMPARE(newSpans[0].to, t0 + 1200);
        QCOMPARE(newSpans[1].state, KeyState::Active);
        QVERIFY(newSpans[1].openEnded);
        RotationTimeline timeline;
        timeline.setKeys(keys, f.clock.now());
        QVERIFY(timeline.range().first <= t0 && timeline.range().second >= *retiring.retireAt);
        QVERIFY(timeline.sizeHint().height() > 2 * 22);
    }

    void auditTableFollowsTheLog()
    {
        WorkspaceFixture f;
        f.create();
        AuditTableModel model(f.ws(), f.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(hasReadItsRows(model));
        const int before = model.rowCount();
        QVERIFY(before >= 2); // workspace.create, project.create
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QTRY_COMPARE(model.rowCount(), before + 1);
        QCOMPARE(model.index(0, AuditTableModel::Action).data().toString(), QStringLiteral("key.generate"));
        QCOMPARE(model.index(0, AuditTableModel::Actor).data().toString(), QStringLiteral("cli"));
        model.setProject(QStringLiteral("payments"));
        QTRY_VERIFY(hasReadItsRows(model));
        QCOMPARE(model.rowCount(), before); // without workspace.create
    }

    // On a team workspace every read is a round trip to the server: the ledger model reads none on the
    // GUI thread, not even the first page the index answers, and a live refresh keeps the rows shown
    // until the new ones come. A server that keeps the ledger locked shows it: the GUI thread goes on.
    // The reader's connection needs no passphrase: the ledger's listed columns are not sealed.
    void teamLedgerNeverReadsOnTheGuiThread()
    {
        if (WorkspaceFixture::isFileStore())
            QSKIP("a file's indexed pages are read on the GUI thread at once; this is the team workspace's case");
        const QByteArray passphrase = QByteArrayLiteral("team passphrase");
        WorkspaceFixture f;
        f.create(passphrase);
        QVERIFY(f.ws().isProtected());
        const QString payments = QStringLiteral("payments");
        QVERIFY(f.ws().keys().generate(payments, Algorithm::ES256));
        MintRequest request;
        request.projectId = payments;
        for (int i = 0; i < 3; ++i)
            QVERIFY(f.ws().tokens().mintRecorded(request));
        LedgerTableModel model(f.ws(), f.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProject(payments);
        QVERIFY(model.isReadingInBackground());
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(model.rowCount(), 3);
        QVERIFY(!model.isReadingInBackground());
        const QVariant newest = model.index(0, 0).data(ModelSupport::KeyRole);

        // Another member mints; then the server holds the ledger (another session's lock) while the
        // console refreshes, as its workspace watcher does.
        auto other = Workspace::open(f.location(), passphrase, Actor::Cli, f.clock);
        QVERIFY(other);
        f.clock.advance(1);
        const auto minted = (*other)->tokens().mintRecorded(request);
        QVERIFY(minted);
        auto locker = Database::open(f.location(), Database::Creation::MustExist);
        QVERIFY(locker);
        std::optional<Transaction> lock;
        if (auto begun = Transaction::begin(**locker))
            lock.emplace(std::move(*begun));
        QVERIFY(lock);
        QVERIFY((*locker)->exec(QStringLiteral("LOCK TABLE ledger IN ACCESS EXCLUSIVE MODE")));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.reload();
        QVERIFY(model.isReadingInBackground());
        QTest::qWait(300); // the read waits for the lock; the GUI thread does not
        QVERIFY(model.isReadingInBackground());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(ModelSupport::KeyRole), newest);
        lock.reset(); // rolled back: the lock goes
        QTRY_COMPARE(model.rowCount(), 4);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.index(0, 0).data(ModelSupport::KeyRole).toString(), minted->entry.jti);
        QVERIFY(model.lastError().isEmpty());
    }

    // What the four record tables share through RecordTableModel.
    // A workspace written by another program (or crafted) may hold control, DEL, C1 and bidi
    // characters in names and ledger fields: every table shows them as escapes, as the CLI prints them.
    void untrustedTextShowsVisibly()
    {
        WorkspaceFixture f;
        f.create();
        const Database& db = workspaceDatabase(f.ws());
        const QString name = QStringLiteral("Pay\x1b[31mments") + QChar(0x202E) + QChar(0x85);
        QVERIFY(db.run(QStringLiteral("UPDATE projects SET name = ? WHERE id = 'payments'"), {name}));
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        MintRequest request;
        request.projectId = QStringLiteral("payments");
        QVERIFY(f.ws().tokens().mintRecorded(request));
        QVERIFY(db.run(QStringLiteral("UPDATE ledger SET subject = ?"), {QStringLiteral("user\x07\x7f")}));

        ProjectListModel projects(f.ws(), f.clock);
        QCOMPARE(projects.index(0).data().toString(), QStringLiteral("Pay\\x1b[31mments\\u202e\\x85"));
        QVERIFY(projects.index(0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Pay\\x1b[31mments\\u202e\\x85 (payments)")));
        LedgerTableModel ledger(f.ws(), f.clock);
        QAbstractItemModelTester tester(&ledger, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ledger.setProject(QStringLiteral("payments"));
        QTRY_VERIFY(hasReadItsRows(ledger));
        QCOMPARE(ledger.index(0, LedgerTableModel::Subject).data().toString(), QStringLiteral("user\\x07\\x7f"));
        QCOMPARE(UntrustedText::visible(QStringLiteral("a\nb"), UntrustedText::LineBreaks::Keep),
                 QStringLiteral("a\nb"));
        QCOMPARE(UntrustedText::visible(QStringLiteral("a\nb")), QStringLiteral("a\\x0ab"));
    }

    void recordTablesShareTheirBase_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<int>("columns");
        QTest::addColumn<bool>("listsEveryProjectWithoutOne");
        QTest::newRow("signing keys") << QStringLiteral("signing keys") << int(SigningKeyTableModel::ColumnCount)
                                      << false;
        QTest::newRow("API keys") << QStringLiteral("API keys") << int(ApiKeyTableModel::ColumnCount) << false;
        QTest::newRow("audit") << QStringLiteral("audit") << int(AuditTableModel::ColumnCount) << true;
        QTest::newRow("ledger") << QStringLiteral("ledger") << int(LedgerTableModel::ColumnCount) << false;
    }

    void recordTablesShareTheirBase()
    {
        QFETCH(QString, table);
        QFETCH(int, columns);
        QFETCH(bool, listsEveryProjectWithoutOne);
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        QVERIFY(f.ws().keys().generate(payments, Algorithm::ES256));
        QVERIFY(f.ws().apiKeys().create(payments, QStringLiteral("backend"), {}, std::nullopt));
        MintRequest request;
        request.projectId = payments;
        QVERIFY(f.ws().tokens().mintRecorded(request)); // the ledger model reads committed rows
        const auto model = makeRecordTable(table, f);
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(model->columnCount(), columns);
        for (int column = 0; column < columns; ++column)
            QVERIFY(!model->headerData(column, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!model->headerData(columns, Qt::Horizontal).isValid());
        QVERIFY(!model->headerData(0, Qt::Vertical).isValid());
        QTRY_VERIFY(hasReadItsRows(*model));
        QCOMPARE(model->rowCount() > 0, listsEveryProjectWithoutOne);

        model->setProject(payments);
        QCOMPARE(model->project(), payments);
        QTRY_VERIFY(hasReadItsRows(*model));
        QVERIFY(model->lastError().isEmpty());
        QVERIFY(model->rowCount() > 0);
        // Every cell of a row knows its record's id; no cell answers roles the table does not define.
        const QVariant key = model->index(0, 0).data(ModelSupport::KeyRole);
        QVERIFY(!key.toString().isEmpty());
        for (int column = 0; column < columns; ++column) {
            const QModelIndex cell = model->index(0, column);
            QCOMPARE(cell.data(ModelSupport::KeyRole), key);
            QVERIFY(!cell.data(Qt::DisplayRole).toString().isEmpty());
            QVERIFY(!cell.data(Qt::EditRole).isValid());
            QVERIFY(!cell.data(Qt::DecorationRole).isValid());
        }

        // A project the workspace does not know: no rows, and the reason for the tables scoped to one.
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        model->setProject(QStringLiteral("unknown"));
        // Read on the reader's thread, the last project's rows go at once, and the new ones (none) come
        // with a second reset.
        const bool readElsewhere = !hasReadItsRows(*model);
        QCOMPARE(model->rowCount(), 0);
        QTRY_VERIFY(hasReadItsRows(*model));
        QCOMPARE(reset.count(), readElsewhere ? 2 : 1);
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(model->lastError().isEmpty(), listsEveryProjectWithoutOne);
        model->reload();
        QTRY_VERIFY(hasReadItsRows(*model));
        QCOMPARE(reset.count(), readElsewhere ? 3 : 2);
    }
};

QTEST_MAIN(ModelsTest)
#include "tst_models.moc"
