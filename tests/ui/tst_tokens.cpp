// The Tokens tab: the ledger model (one-time states, live expiry times) and the tab over it
// (filter, sort, the audited copy and the hand-over to the Inspector).

#include "WorkspaceFixture.h"

#include "AppSettings.h"
#include "models/LedgerTableModel.h"
#include "models/ModelSupport.h"
#include "pages/OverviewTab.h"
#include "pages/TokensTab.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kProject = QStringLiteral("payments");

QString mint(WorkspaceFixture& f, const QString& subject, qint64 lifetime, bool oneTime = false)
{
    MintRequest request;
    request.projectId = kProject;
    request.subject = subject;
    request.scopes = {QStringLiteral("payments:read")};
    request.lifetime = lifetime;
    request.oneTime = oneTime;
    auto minted = f.ws().tokens().mint(request);
    if (!minted)
        qFatal("cannot mint: %s", qPrintable(minted.error().message));
    return QString::fromStdString(minted->token);
}

int rowOfSubject(const QAbstractItemModel& model, const QString& subject)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, LedgerTableModel::Subject).data().toString() == subject)
            return row;
    }
    return -1;
}

template<typename T> T* child(QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

} // namespace

class TokensTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The overview's count of today's tokens walks the ledger on the reader's thread: the card says it
    // is counting, then shows the count, and counts again when the ledger grows.
    void overviewCountsTodaysTokensOffTheGuiThread()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kProject, Algorithm::ES256));
        mint(f, QStringLiteral("a"), 900);
        mint(f, QStringLiteral("b"), 900);
        // Minted before the tab exists, so no ledgerChanged reaches it: the count reads what the ledger
        // writer has committed (a loaded machine may take longer than its commit window).
        QCOMPARE(f.ws().tokens().list(kProject)->size(), 2);
        OverviewTab tab(f.ws(), f.clock);
        tab.setProject(kProject);
        auto* card = child<QLabel>(tab, "overviewTokensLabel");
        QVERIFY2(card->text().contains(QStringLiteral("Counting")), qPrintable(card->text()));
        QTRY_VERIFY2(card->text().contains(QStringLiteral("<b>2</b> minted today")), qPrintable(card->text()));
        mint(f, QStringLiteral("c"), 900);
        QTRY_VERIFY2(card->text().contains(QStringLiteral("<b>3</b> minted today")), qPrintable(card->text()));
        // The settings, a row each: the project's id among them.
        bool idShown = false;
        for (const QLabel* label : tab.findChildren<QLabel*>())
            idShown = idShown || (label->text() == kProject && label->accessibleName() == QStringLiteral("Project id"));
        QVERIFY(idShown);
    }

    // Behind another tab, the Tokens tab reads its first rows on the reader's thread; opened before
    // they come, it reads them at once (a team workspace's, whose every read is a round trip: on the
    // reader's thread too), and never shows the last project's rows meanwhile.
    void hiddenTabReadsItsRowsInTheBackground()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kProject, Algorithm::ES256));
        Project billing;
        billing.id = QStringLiteral("billing");
        QVERIFY(f.ws().projects().create(billing));
        mint(f, QStringLiteral("alice"), 3600);
        mint(f, QStringLiteral("bob"), 3600);
        QCOMPARE(f.ws().tokens().list(kProject)->size(), 2); // waits for the ledger writer's commit
        QTemporaryDir settingsFolder;
        AppSettings settings(settingsFolder.filePath(QStringLiteral("settings.ini")));
        QTabWidget tabs;
        tabs.addTab(new QWidget, QStringLiteral("Overview"));
        auto* tab = new TokensTab(f.ws(), f.clock, settings);
        tabs.addTab(tab, QStringLiteral("Tokens"));
        tabs.show();
        auto* ledger = qobject_cast<LedgerTableModel*>(child<QTableView>(*tab, "tokensTableView")->model());
        QVERIFY(ledger);
        tab->setProject(kProject);
        QVERIFY(ledger->isReadingInBackground());
        QTRY_COMPARE(ledger->rowCount(), 2);
        tab->setProject(QStringLiteral("billing"));
        tabs.setCurrentWidget(tab);
        const bool roundTrips = !WorkspaceFixture::isFileStore();
        QCOMPARE(ledger->isReadingInBackground(), roundTrips);
        QCOMPARE(ledger->rowCount(), 0);
        QTRY_VERIFY(!ledger->isReadingInBackground());
        QCOMPARE(ledger->rowCount(), 0);
        // Shown, a project's rows are read at once from a file.
        tab->setProject(kProject);
        QCOMPARE(ledger->isReadingInBackground(), roundTrips);
        QTRY_COMPARE(ledger->rowCount(), 2);
    }

    void ledgerModelShowsOneTimeStates()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kProject, Algorithm::ES256));
        LedgerTableModel model(f.ws(), f.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProject(kProject);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(LedgerTableModel::ColumnCount));

        mint(f, QStringLiteral("ordinary"), 3600);
        mint(f, QStringLiteral("spent"), 600, true);
        mint(f, QStringLiteral("waiting"), 600, true);
        // The model reads committed rows: the ledger writer's, a moment after minting. It looks again
        // LedgerTableModel::kCommitSettle after each mint; a loaded machine's writer may take longer
        // (the console's workspace watcher then sees the commit), so the test lets the writer finish
        // before the event loop runs that look.
        QCOMPARE(f.ws().tokens().list(kProject)->size(), 3);
        QTRY_COMPARE(model.rowCount(), 3);
        const int ordinary = rowOfSubject(model, QStringLiteral("ordinary"));
        const int waiting = rowOfSubject(model, QStringLiteral("waiting"));
        QVERIFY(ordinary >= 0 && waiting >= 0);
        QCOMPARE(model.index(ordinary, LedgerTableModel::OneTime).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(ordinary, LedgerTableModel::OneTime).data(ModelSupport::StateRole).toInt(),
                 int(LedgerTableModel::OneTimeState::NotOneTime));
        QCOMPARE(model.index(waiting, LedgerTableModel::OneTime).data().toString(), QStringLiteral("unused"));
        QCOMPARE(model.index(waiting, LedgerTableModel::Expires).data().toString(), QStringLiteral("in 10 min"));
        QVERIFY(model.index(waiting, LedgerTableModel::Expires)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith(QStringLiteral("UTC")));
        QCOMPARE(model.index(waiting, LedgerTableModel::Expires).data(ModelSupport::SortRole).toLongLong(),
                 WorkspaceFixture::kStart + 600);
        QCOMPARE(model.index(waiting, LedgerTableModel::Issued).data().toString(), QStringLiteral("now"));
        QCOMPARE(model.index(waiting, LedgerTableModel::Scopes).data().toString(), QStringLiteral("payments:read"));

        // Consuming reloads the model through ledgerChanged.
        const int spentRow = rowOfSubject(model, QStringLiteral("spent"));
        const QString spentJti = model.index(spentRow, 0).data(ModelSupport::KeyRole).toString();
        QCOMPARE(model.index(spentRow, LedgerTableModel::Jti).data(ModelSupport::SortRole).toString(), spentJti);
        const std::string spentToken = f.ws().tokens().reveal(kProject, spentJti)->toStdString();
        QCOMPARE(*f.ws().tokens().consume(kProject, spentToken), ConsumeOutcome::Consumed);
        QTRY_COMPARE(
            model.index(rowOfSubject(model, QStringLiteral("spent")), LedgerTableModel::OneTime).data().toString(),
            QStringLiteral("used"));
        QCOMPARE(model.rowCount(), 3);
        const int spent = rowOfSubject(model, QStringLiteral("spent"));
        QCOMPARE(model.index(spent, LedgerTableModel::OneTime).data(ModelSupport::StateRole).toInt(),
                 int(LedgerTableModel::OneTimeState::Used));

        // Time passes without a ledger change: refreshTimes() tells the views.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        f.clock.advance(20 * 60);
        model.refreshTimes();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.front().at(0).toModelIndex(), model.index(0, 0));
        QCOMPARE(changed.front().at(1).toModelIndex(), model.index(2, LedgerTableModel::ColumnCount - 1));
        const int expired = rowOfSubject(model, QStringLiteral("waiting"));
        QCOMPARE(model.index(expired, LedgerTableModel::OneTime).data().toString(), QStringLiteral("expired"));
        QCOMPARE(model.index(expired, LedgerTableModel::OneTime).data(ModelSupport::StateRole).toInt(),
                 int(LedgerTableModel::OneTimeState::Expired));
        QCOMPARE(model.index(expired, LedgerTableModel::Expires).data().toString(),
                 QStringLiteral("expired 10 min ago"));
        QCOMPARE(model.index(spent, LedgerTableModel::OneTime).data().toString(), QStringLiteral("used"));
        QCOMPARE(model.index(ordinary, LedgerTableModel::Expires).data().toString(), QStringLiteral("in 40 min"));

        model.setProject(QString());
        QCOMPARE(model.rowCount(), 0);
    }

    void tabFiltersSortsCopiesAndInspects()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kProject, Algorithm::ES256));
        QTemporaryDir settingsFolder;
        AppSettings settings(settingsFolder.filePath(QStringLiteral("settings.ini")));
        settings.setValue(AppSettings::Key::ClipboardClearSeconds, 30);
        TokensTab tab(f.ws(), f.clock, settings);
        tab.setProject(kProject);
        auto* table = child<QTableView>(tab, "tokensTableView");
        auto* filter = child<QLineEdit>(tab, "tokensFilterLineEdit");
        auto* copy = child<QPushButton>(tab, "copyTokenPushButton");
        auto* inspect = child<QPushButton>(tab, "openInInspectorPushButton");
        QVERIFY(table->isHidden());
        QVERIFY(!child<QLabel>(tab, "tokensEmptyLabel")->isHidden());
        QVERIFY(!copy->isEnabled());

        const QString alice = mint(f, QStringLiteral("alice"), 3600);
        f.clock.advance(60);
        mint(f, QStringLiteral("bob"), 600, true);
        f.clock.advance(60);
        const QString carol = mint(f, QStringLiteral("carol"), 600);
        QCOMPARE(f.ws().tokens().list(kProject)->size(), 3); // committed before the tab's look after minting
        QTRY_VERIFY(!table->isHidden());
        QAbstractItemModel* view = table->model();
        QAbstractItemModelTester tester(view, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(view->rowCount(), 3);
        // Newest first.
        QCOMPARE(view->index(0, LedgerTableModel::Subject).data().toString(), QStringLiteral("carol"));
        QCOMPARE(view->index(2, LedgerTableModel::Subject).data().toString(), QStringLiteral("alice"));

        // Filtered by SQLite once typing pauses.
        filter->setText(QStringLiteral("UNUSED"));
        QTRY_COMPARE(view->rowCount(), 1);
        QCOMPARE(view->index(0, LedgerTableModel::Subject).data().toString(), QStringLiteral("bob"));
        filter->setText(QStringLiteral("ali"));
        QTRY_COMPARE(view->index(0, LedgerTableModel::Subject).data().toString(), QStringLiteral("alice"));
        QCOMPARE(view->rowCount(), 1);
        filter->clear();
        QTRY_COMPARE(view->rowCount(), 3);

        // Copy: the exact token, through the audited reveal.
        table->selectRow(2);
        QVERIFY(copy->isEnabled());
        QSignalSpy status(&tab, &ProjectTab::actionCompleted);
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), alice);
        QCOMPARE(status.count(), 1);
        const auto events = f.ws().audit().list(kProject);
        QVERIFY(events);
        QVERIFY(std::any_of(events->begin(), events->end(),
                            [](const AuditEvent& event) { return event.action == QLatin1String("token.reveal"); }));

        QSignalSpy inspected(&tab, &TokensTab::inspectTokenRequested);
        table->selectRow(0);
        QTest::mouseClick(inspect, Qt::LeftButton);
        QCOMPARE(inspected.count(), 1);
        QCOMPARE(inspected.front().front().toString(), carol);
        QGuiApplication::clipboard()->clear();
    }
};

QTEST_MAIN(TokensTest)
#include "tst_tokens.moc"
