// A console that stays true (issue 12): each numbered bug, driven as a user meets it with keys and
// the mouse, failing before its fix.

#include "ConsoleDriver.h"

#include "ConsoleView.h"
#include "Theme.h"
#include "models/ModelSupport.h"
#include "models/SigningKeyTableModel.h"
#include "pages/InspectorView.h"
#include "pages/MintTab.h"
#include "pages/ProjectPage.h"
#include "widgets/RotationTimeline.h"
#include "widgets/TokenEdit.h"
#include "workspace/WorkspaceInternals.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextLayout>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");

// Replaces a line edit's text as typed: select all, then the keys.
void typeInto(QWidget* field, const QString& text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Delete);
    else
        QTest::keyClicks(field, text);
}

void clickTab(QTabWidget* tabs, ProjectPage::Tab tab)
{
    QTabBar* bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(static_cast<int>(tab)).center());
}

void clickRow(QAbstractItemView* view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

Project namedProject(const QString& id)
{
    Project project;
    project.id = id;
    return project;
}

MintRequest mintRequest(const QString& subject)
{
    MintRequest request;
    request.projectId = kPayments;
    request.subject = subject;
    return request;
}

int countAudit(Workspace& ws, const QString& action)
{
    int count = 0;
    for (const AuditEvent& event : ws.audit().list(kPayments).value_or(QList<AuditEvent>{}))
        count += event.action == action;
    return count;
}

// Catches a dialog that should not have appeared, and closes it so that the test goes on.
struct UnexpectedDialog
{
    QString title;
    explicit UnexpectedDialog(int waitMs)
    {
        whenModal(
            [this](QWidget* modal) {
                title = modal->windowTitle();
                modal->close();
            },
            waitMs / 10);
    }
};

} // namespace

class ConsoleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // 1. Overview → Rotate… and Ctrl+R on a project without signing keys reached a null active key.
    // Nothing that cannot work is offered; once there is a key, it is.
    void rotateIsOfferedOnlyWithAKeyToRotateTo()
    {
        Console c;
        auto* rotate = c.find<QAction>("rotateAction");
        auto* overviewRotate = c.find<QPushButton>("overviewRotatePushButton");
        QVERIFY(!rotate->isEnabled());
        QVERIFY(!overviewRotate->isEnabled());
        QVERIFY(c.find<QAction>("generateKeyAction")->isEnabled());
        UnexpectedDialog unexpected(300);
        c.press(Qt::CTRL | Qt::Key_R);
        QTest::mouseClick(overviewRotate, Qt::LeftButton);
        QTest::qWait(400);
        QVERIFY2(unexpected.title.isEmpty(), qPrintable(unexpected.title));
        QCOMPARE(c.find<QTabWidget>("projectTabWidget")->currentIndex(), int(ProjectPage::Tab::Overview));

        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        QVERIFY(rotate->isEnabled());
        QVERIFY(overviewRotate->isEnabled());
        // The Inspector shows no project: project actions go quiet again.
        c.press(Qt::CTRL | Qt::Key_I);
        QVERIFY(!rotate->isEnabled());
    }

    // 2. Edits in Settings were lost to Ctrl+Q. Quitting, switching project and leaving the tab ask
    // Save, Discard or Cancel.
    void unsavedSettingsAreAskedAboutBeforeTheyAreLost()
    {
        Console c;
        auto* tabs = c.find<QTabWidget>("projectTabWidget");
        clickTab(tabs, ProjectPage::Tab::Settings);
        auto* issuer = c.find<QLineEdit>("issuerLineEdit");
        typeInto(issuer, QStringLiteral("https://auth.example.com/p/payments"));
        QTest::mouseClick(c.find<QPushButton>("addScopePushButton"), Qt::LeftButton);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("payments:refund"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(c.find<QTableWidget>("scopesTableWidget")->rowCount(), 3);

        // Ctrl+Q, then Cancel: the window stays, with the edits.
        QString question;
        whenModal([&](QWidget* box) {
            question = qobject_cast<QMessageBox*>(box)->text();
            clickButton(box, QStringLiteral("Cancel"));
        });
        c.press(Qt::CTRL | Qt::Key_Q);
        QTRY_VERIFY(!question.isEmpty());
        QVERIFY(question.contains(QStringLiteral("unsaved changes")));
        QVERIFY(c.window->isVisible());
        QCOMPARE(issuer->text(), QStringLiteral("https://auth.example.com/p/payments"));

        // Leaving the tab, then Cancel: back on Settings.
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("Cancel")); });
        clickTab(tabs, ProjectPage::Tab::Overview);
        QTRY_COMPARE(tabs->currentIndex(), int(ProjectPage::Tab::Settings));

        // Another project, then Cancel: still this one.
        QVERIFY(c.ws->projects().create(namedProject(QStringLiteral("video-rooms"))));
        auto* projects = c.find<QListView>("projectListView");
        QTRY_COMPARE(projects->model()->rowCount(), 2);
        const int videoRow = projects->model()
                                 ->match(projects->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("video-rooms"))
                                 .front()
                                 .row();
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("Cancel")); });
        clickRow(projects, videoRow);
        QTest::qWait(100);
        QCOMPARE(c.find<ProjectPage>("projectPage")->project(), kPayments);
        QCOMPARE(c.window->console()->currentProject(), kPayments);

        // Ctrl+Q, then Save: saved, and the window closes.
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("Save")); });
        c.press(Qt::CTRL | Qt::Key_Q);
        QTRY_VERIFY(!c.window->isVisible());
        const Project saved = *c.ws->projects().get(kPayments);
        QCOMPARE(saved.issuer, QStringLiteral("https://auth.example.com/p/payments"));
        QCOMPARE(saved.scopes.size(), 3);
        QCOMPARE(saved.scopes.back().name, QStringLiteral("payments:refund"));
    }

    void discardingUnsavedSettingsSwitchesProject()
    {
        Console c;
        QVERIFY(c.ws->projects().create(namedProject(QStringLiteral("video-rooms"))));
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Settings);
        typeInto(c.find<QLineEdit>("nameLineEdit"), QStringLiteral("Payments (EU)"));
        auto* projects = c.find<QListView>("projectListView");
        QTRY_COMPARE(projects->model()->rowCount(), 2);
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("Discard")); });
        clickRow(projects, 1);
        QTRY_COMPARE(c.find<ProjectPage>("projectPage")->project(), QStringLiteral("video-rooms"));
        QCOMPARE(c.ws->projects().get(kPayments)->name, kPayments);
        QCOMPARE(c.find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("video-rooms"));
    }

    // 3. With another process having added a next key, the dialog said a new key would be made while
    // rotate() activated the other one. It shows the plan read when it opens, and a plan overtaken
    // while it is open is refused, not applied to keys nobody was shown.
    void rotateDialogShowsWhatRotateWillDo()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        auto other = c.otherProcess();
        const SigningKeyRecord next = *other->keys().generate(kPayments, Algorithm::ES256, 0, KeyState::Next);
        QString steps;
        whenModal([&](QWidget* box) {
            steps = qobject_cast<QMessageBox*>(box)->informativeText();
            clickButton(box, QStringLiteral("Rotate"));
        });
        c.press(Qt::CTRL | Qt::Key_R);
        QTRY_VERIFY(!steps.isEmpty());
        QVERIFY2(steps.contains(ModelSupport::shortId(next.kid) + QStringLiteral(" (next) becomes active")),
                 qPrintable(steps));
        QVERIFY(!steps.contains(QStringLiteral("new")));
        QTRY_COMPARE(c.ws->keys().activeSigningKey(kPayments)->kid(), next.kid);

        // The keys change while the dialog is open: the rotation is refused, nothing moves.
        QString refusal;
        whenModal([&](QWidget* box) {
            QVERIFY(other->keys().generate(kPayments, Algorithm::ES256, 0, KeyState::Next));
            QVERIFY(other->keys().rotate(kPayments));
            whenModal([&](QWidget* warning) {
                refusal = qobject_cast<QMessageBox*>(warning)->text();
                warning->close();
            });
            clickButton(box, QStringLiteral("Rotate"));
        });
        c.press(Qt::CTRL | Qt::Key_R);
        QTRY_VERIFY(!refusal.isEmpty());
        QVERIFY(refusal.contains(QStringLiteral("did not happen")));
        QCOMPARE(countAudit(*c.ws, QStringLiteral("key.rotate")), 2); // ours and the other process's
    }

    // 4. A token minted with the CLI was missing until a restart. Every view follows other processes
    // within a second; F5 reads at once.
    void changesByOtherProcessesAppearWithinASecond()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        auto other = c.otherProcess();
        auto* page = c.find<ProjectPage>("projectPage");
        page->showTab(ProjectPage::Tab::Tokens);
        auto* tokens = c.find<QTableView>("tokensTableView");
        QCOMPARE(tokens->model()->rowCount(), 0);
        QElapsedTimer sinceMint;
        sinceMint.start();
        QVERIFY(other->tokens().mintRecorded(mintRequest(QStringLiteral("cli"))));
        QTRY_COMPARE_WITH_TIMEOUT(tokens->model()->rowCount(), 1, 1000);
        QVERIFY(sinceMint.elapsed() <= 1000);
        QCOMPARE(tokens->model()->index(0, 1).data().toString(), QStringLiteral("cli"));

        QVERIFY(other->keys().generate(kPayments, Algorithm::ES256, 0, KeyState::Next));
        QTRY_COMPARE_WITH_TIMEOUT(c.find<QTableView>("keysTableView")->model()->rowCount(), 2, 1000);
        QVERIFY(other->projects().create(namedProject(QStringLiteral("video-rooms"))));
        QTRY_COMPARE_WITH_TIMEOUT(c.find<QListView>("projectListView")->model()->rowCount(), 2, 1000);
        QCOMPARE(page->project(), kPayments); // the selection stays

        // F5 does not wait for the next look (an hour away here): the tab in view reads at once, and
        // the tabs out of view one per turn of the event loop.
        c.window->console()->watcher()->setInterval(std::chrono::hours(1));
        QVERIFY(other->apiKeys().create(kPayments, QStringLiteral("ops laptop"), {}));
        c.press(Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(c.find<QTableView>("apiKeysTableView")->model()->rowCount(), 1, 250);
        // A tab brought into view before its turn reads as it is shown.
        QVERIFY(other->apiKeys().create(kPayments, QStringLiteral("ci runner"), {}));
        c.press(Qt::Key_F5);
        page->showTab(ProjectPage::Tab::ApiKeys);
        QCOMPARE(c.find<QTableView>("apiKeysTableView")->model()->rowCount(), 2);
    }

    // Choosing another project reads the tab in view at once and the others one per turn of the event
    // loop (on a team workspace every read is a round trip); a tab brought into view before its turn
    // reads the new project as it is shown, and none is left on the old one.
    void anotherProjectReachesEveryTab()
    {
        Console c;
        const QString videoRooms = QStringLiteral("video-rooms");
        Project project = namedProject(videoRooms);
        project.name = QStringLiteral("Video rooms");
        QVERIFY(c.ws->projects().create(project));
        const auto key = c.ws->keys().generate(videoRooms, Algorithm::EdDSA);
        QVERIFY(key);
        auto* page = c.find<ProjectPage>("projectPage");
        page->showTab(ProjectPage::Tab::Settings);
        QTRY_COMPARE(c.find<QListView>("projectListView")->model()->rowCount(), 2);

        c.window->selectProject(videoRooms);
        QCOMPARE(c.find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("Video rooms"));
        page->showTab(ProjectPage::Tab::SigningKeys);
        auto* keys = c.find<QTableView>("keysTableView");
        QCOMPARE(keys->model()->rowCount(), 1);
        QCOMPARE(keys->model()->index(0, 0).data(ModelSupport::KeyRole).toString(), key->kid);
        for (ProjectTab* tab : c.window->findChildren<ProjectTab*>())
            QTRY_COMPARE(tab->project(), videoRooms);

        // Back and forth before the tabs out of view have had their turn: they end on the last one.
        c.window->selectProject(kPayments);
        c.window->selectProject(videoRooms);
        c.window->selectProject(kPayments);
        for (ProjectTab* tab : c.window->findChildren<ProjectTab*>())
            QTRY_COMPARE(tab->project(), kPayments);
        QCOMPARE(keys->model()->rowCount(), 0);
    }

    // A theme chosen while the console is open recolours what it shows: highlighted JSON, the JWKS
    // warning band, the Overview's quieter text and the Inspector's checks kept the old theme's
    // colours (1.7:1 to 2.2:1 on the new background) until they were written again.
    void aNewThemeRecoloursWhatIsShown()
    {
        applyTheme(QStringLiteral("light"));
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256)); // next, published just now: a warning
        const auto token = c.ws->tokens().mintRecorded(mintRequest(QStringLiteral("user-1")));
        QVERIFY(token);
        auto* page = c.find<ProjectPage>("projectPage");
        page->showTab(ProjectPage::Tab::Jwks);
        auto* jwks = c.find<QPlainTextEdit>("jwksTextEdit");
        QTRY_VERIFY(!jwks->toPlainText().isEmpty());
        auto* warning = c.find<QLabel>("jwksWarningLabel");
        QVERIFY(warning->isVisible());
        page->showTab(ProjectPage::Tab::Overview);
        auto* keyCard = c.find<QLabel>("overviewKeyLabel");
        const auto quietColour = [keyCard] {
            static const QRegularExpression colour(QStringLiteral("color:(#[0-9a-f]{6})"));
            return QColor(colour.match(keyCard->text()).captured(1));
        };
        QVERIFY(quietColour().isValid());
        // The member name "keys" on the JWKS's second line.
        const auto memberColour = [jwks] {
            const QList<QTextLayout::FormatRange> formats = jwks->document()->findBlockByNumber(1).layout()->formats();
            return formats.isEmpty() ? QColor() : formats.last().format.foreground().color();
        };
        QVERIFY(memberColour().lightness() < 128);
        QVERIFY(warning->palette().color(QPalette::WindowText).lightness() < 128);
        QVERIFY(quietColour().lightness() < 128);

        c.window->console()->showInspector();
        c.window->console()->inspector()->setToken(QString::fromStdString(token->token));
        auto* checks = c.find<QListWidget>("checksList");
        QTRY_VERIFY(checks->count() > 0);
        QVERIFY(checks->item(0)->foreground().color().lightness() < 128);

        applyTheme(QStringLiteral("dark"));
        for (int turn = 0; turn < 3; ++turn) // a few turns of the event loop, not a timer's next tick
            QCoreApplication::processEvents();
        QVERIFY(checks->item(0)->foreground().color().lightness() > 128);
        QVERIFY(quietColour().lightness() > 128);
        QVERIFY(memberColour().lightness() > 128);
        QVERIFY(warning->palette().color(QPalette::WindowText).lightness() > 128);
        applyTheme(QStringLiteral("system"));
    }

    // 5. A key generated in the console was audited as key.import.
    void aGeneratedKeyIsAuditedAsGenerated()
    {
        Console c;
        whenModal([](QWidget* dialog) { clickButton(dialog, QStringLiteral("Generate")); });
        QTest::mouseClick(c.find<QPushButton>("overviewGenerateKeyPushButton"), Qt::LeftButton);
        QTRY_COMPARE(c.find<QTableView>("keysTableView")->model()->rowCount(), 1);
        QCOMPARE(countAudit(*c.ws, QStringLiteral("key.generate")), 1);
        QCOMPARE(countAudit(*c.ws, QStringLiteral("key.import")), 0);
        // And the Audit tab says so.
        clickTab(c.find<QTabWidget>("projectTabWidget"), ProjectPage::Tab::Audit);
        // (On a team workspace the log's rows are read on the reader's thread: they come a moment later.)
        auto* audit = c.find<QTableView>("auditTableView")->model();
        const auto shown = [audit] {
            for (int row = 0; row < audit->rowCount(); ++row) {
                for (int column = 0; column < audit->columnCount(); ++column) {
                    if (audit->index(row, column).data().toString() == QStringLiteral("key.generate"))
                        return true;
                }
            }
            return false;
        };
        QTRY_VERIFY(shown());
    }

    // 6. After the first API key, its name and id were squeezed to "ops lapt…" and "ak_…".
    void theFirstApiKeyIsShownInFull()
    {
        Console c;
        whenModal([](QWidget* dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyNameLineEdit")),
                             QStringLiteral("ops laptop of the platform team"));
            whenModal([](QWidget* secret) { clickButton(secret, QStringLiteral("I have stored it")); });
            clickButton(dialog, QStringLiteral("Create"));
        });
        c.press(Qt::CTRL | Qt::Key_K);
        auto* table = c.find<QTableView>("apiKeysTableView");
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QTRY_VERIFY(table->isVisible());
        for (int column : {0, 1}) {
            const QString text = table->model()->index(0, column).data().toString();
            QVERIFY2(table->columnWidth(column) > table->fontMetrics().horizontalAdvance(text), qPrintable(text));
        }
    }

    // 7. A new next key had no bar; "retires in" differed between the timeline and the table; the
    // timeline's past half was empty; kids were shortened two ways.
    void theTimelineAgreesWithTheTable()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        c.fixture.clock.advance(2 * 86400);
        QVERIFY(c.ws->keys().rotate(kPayments));
        const SigningKeyRecord next = *c.ws->keys().generate(kPayments, Algorithm::ES256, 0, KeyState::Next);
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::SigningKeys);
        auto* timeline = c.find<RotationTimeline>("rotationTimeline");
        auto* table = c.find<QTableView>("keysTableView");
        const QList<SigningKeyRecord> keys = *c.ws->keys().list(kPayments);
        QCOMPARE(keys.size(), 3);

        const auto nextSpans = RotationTimeline::spansOf(next, keys, c.fixture.clock.now());
        QVERIFY(!nextSpans.isEmpty());
        QCOMPARE(nextSpans.front().state, KeyState::Next);

        const auto [start, end] = timeline->range();
        qint64 oldest = c.fixture.clock.now();
        for (const SigningKeyRecord& key : keys)
            oldest = std::min(oldest, key.createdAt);
        QVERIFY(start <= oldest);
        QVERIFY2(double(oldest - start) / double(end - start) < 0.1, "the past starts at the oldest key");

        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QString kid = table->model()->index(row, 0).data(ModelSupport::KeyRole).toString();
            const auto key = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.kid == kid; });
            QCOMPARE(RotationTimeline::laneLabel(*key), table->model()->index(row, 0).data().toString());
        }

        // Time passes: the timeline's "retires in" and the table's stay the same words.
        c.fixture.clock.advance(20 * 60);
        const auto retiring =
            std::find_if(keys.begin(), keys.end(), [](const auto& key) { return key.state == KeyState::Retiring; });
        const QModelIndex retireCell = table->model()
                                           ->match(table->model()->index(0, 0), ModelSupport::KeyRole, retiring->kid)
                                           .front()
                                           .siblingAtColumn(SigningKeyTableModel::RetireAt);
        QTRY_COMPARE(timeline->retirementLabel(*retiring->retireAt),
                     QStringLiteral("retires ") + retireCell.data().toString());
        QCOMPARE(retireCell.data().toString(), QStringLiteral("in 40 min"));
    }

    // 8. A locked workspace froze the window for 10 s and then said "database is locked Unable to
    // fetch row". Now: at once "Workspace busy" with Retry, and nothing lost or duplicated.
    void aBusyWorkspaceNeitherFreezesNorLosesAnything()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        auto other = c.otherProcess();
        std::optional<Transaction> otherWrites;
        otherWrites.emplace(*Transaction::begin(workspaceDatabase(*other)));

        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Settings);
        typeInto(c.find<QLineEdit>("nameLineEdit"), QStringLiteral("Payments (EU)"));
        QElapsedTimer clicked;
        qint64 askedAfter = -1;
        QString boxName;
        whenModal([&](QWidget* box) {
            askedAfter = clicked.elapsed();
            boxName = box->objectName();
            otherWrites.reset(); // the other program is done
            clickButton(box, QStringLiteral("Retry"));
        });
        clicked.start();
        QTest::mouseClick(c.find<QPushButton>("saveSettingsPushButton"), Qt::LeftButton);
        QTRY_COMPARE(c.ws->projects().get(kPayments)->name, QStringLiteral("Payments (EU)"));
        QCOMPARE(boxName, QStringLiteral("workspaceBusyMessageBox"));
        QVERIFY2(askedAfter < 1000, qPrintable(QString::number(askedAfter)));
        QCOMPARE(countAudit(*c.ws, QStringLiteral("project.update")), 1);

        // Minting while another program writes: the window keeps its frames, the token shows once
        // recorded, and it is recorded once.
        otherWrites.emplace(*Transaction::begin(workspaceDatabase(*other)));
        auto* mintTab = c.window->findChild<MintTab*>();
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Mint);
        QTest::keyClicks(c.find<QLineEdit>("mintSubjectLineEdit"), QStringLiteral("user-1"));
        QElapsedTimer gap;
        qint64 longestGap = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { longestGap = std::max(longestGap, gap.restart()); });
        gap.start();
        ticker.start(5);
        QTest::mouseClick(c.find<QPushButton>("mintPushButton"), Qt::LeftButton);
        QTest::qWait(300);
        QVERIFY(mintTab->lastToken().empty()); // not shown before it is in the ledger
        otherWrites.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!mintTab->lastToken().empty(), 5000);
        ticker.stop();
        QVERIFY2(longestGap < 100, qPrintable(QString::number(longestGap)));
        QCOMPARE(c.ws->tokens().list(kPayments)->size(), 1);
    }

    // 9. The issuer took "not a url" and "http://a b:c". It is an https URL (http for localhost),
    // and the reason shows under the field as it is typed.
    void theIssuerIsAnHttpsUrl_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("reason");
        QTest::newRow("words") << QStringLiteral("not a url") << QStringLiteral("space");
        QTest::newRow("space in host") << QStringLiteral("http://a b:c") << QStringLiteral("space");
        QTest::newRow("no host") << QStringLiteral("payments") << QStringLiteral("not a URL");
        QTest::newRow("http elsewhere") << QStringLiteral("http://auth.example.com") << QStringLiteral("http");
        QTest::newRow("https") << QStringLiteral("https://auth.example.com/p/payments") << QString();
        QTest::newRow("http on localhost") << QStringLiteral("http://localhost:8765/p/payments") << QString();
    }
    void theIssuerIsAnHttpsUrl()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, reason);
        Console c;
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Settings);
        typeInto(c.find<QLineEdit>("issuerLineEdit"), issuer);
        auto* inline_ = c.find<QLabel>("issuerProblemLabel");
        auto* save = c.find<QPushButton>("saveSettingsPushButton");
        if (reason.isEmpty()) {
            QVERIFY(inline_->isHidden());
            QVERIFY(save->isEnabled());
            return;
        }
        QVERIFY(inline_->isVisible());
        QVERIFY2(inline_->text().contains(reason), qPrintable(inline_->text()));
        QVERIFY(!save->isEnabled());
    }

    // 10. {"exp": 5} in the extra claims passed the preview; only Mint complained.
    void reservedClaimsAreFlaggedAsTyped()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Mint);
        auto* claims = c.find<QPlainTextEdit>("mintClaimsTextEdit");
        auto* mint = c.find<QPushButton>("mintPushButton");
        QVERIFY(mint->isEnabled());
        claims->setFocus();
        QTest::keyClicks(claims, QStringLiteral("{\"exp\": 5}"));
        QVERIFY(!mint->isEnabled());
        const QString problem = c.find<QLabel>("mintProblemLabel")->text();
        QVERIFY2(problem.contains(QStringLiteral("\"exp\"")) && problem.contains(QStringLiteral("Lifetime")),
                 qPrintable(problem));
        QVERIFY(!c.find<QPlainTextEdit>("mintPreviewTextEdit")->toPlainText().contains(QStringLiteral(": 5")));
        claims->selectAll();
        QTest::keyClicks(claims, QStringLiteral("{\"tenant\": \"acme\"}"));
        QVERIFY(mint->isEnabled());
        QVERIFY(c.find<QLabel>("mintProblemLabel")->text().isEmpty());
    }

    // Desktop manners: Ctrl+PgDown/PgUp from anywhere, Ctrl+F to the filter, Tab out of a table.
    void keyboardMovesBetweenTabsFiltersAndTables()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        auto* tabs = c.find<QTabWidget>("projectTabWidget");
        c.find<QLineEdit>("projectFilterLineEdit")->setFocus();
        c.press(Qt::CTRL | Qt::Key_PageDown);
        QCOMPARE(tabs->currentIndex(), int(ProjectPage::Tab::SigningKeys));
        c.press(Qt::CTRL | Qt::Key_PageUp);
        c.press(Qt::CTRL | Qt::Key_PageUp);
        QCOMPARE(tabs->currentIndex(), int(ProjectPage::Tab::Settings)); // round the end
        QVERIFY(c.ws->tokens().mintRecorded(mintRequest(QStringLiteral("user-1"))));
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Tokens);
        QTRY_VERIFY(c.find<QLineEdit>("tokensFilterLineEdit")->isEnabled());
        c.press(Qt::CTRL | Qt::Key_F);
        QCOMPARE(QApplication::focusWidget(), c.find<QLineEdit>("tokensFilterLineEdit"));
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Overview);
        c.press(Qt::CTRL | Qt::Key_F);
        QCOMPARE(QApplication::focusWidget(), c.find<QLineEdit>("projectFilterLineEdit"));

        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::SigningKeys);
        auto* keys = c.find<QTableView>("keysTableView");
        keys->setFocus();
        QTest::keyClick(keys, Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() != keys);
    }

    // The new-project dialog derives the id from the name, takes scopes, checks as typed, and keeps
    // what was typed when creating fails.
    void newProjectDialogKeepsWhatWasTyped()
    {
        Console c;
        QString firstProblem;
        QString secondProblem;
        whenModal([&](QWidget* dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("projectNameLineEdit")),
                             QStringLiteral("Payments"));
            QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("projectIdLineEdit"))->text(), kPayments);
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit")), QStringLiteral("nope"));
            auto* create = dialog->findChild<QPushButton*>(QStringLiteral("createProjectPushButton"));
            QVERIFY(!create->isEnabled());
            firstProblem = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"))->text();
            typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit")),
                     QStringLiteral("https://auth.example.com/p/payments"));
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("scopesLineEdit")),
                             QStringLiteral("payments:read, payments:refund"));
            whenModal([&](QWidget* again) {
                // "payments" exists already: the dialog is back, with everything typed and the reason.
                secondProblem = again->findChild<QLabel*>(QStringLiteral("problemLabel"))->text();
                QCOMPARE(again->findChild<QLineEdit*>(QStringLiteral("scopesLineEdit"))->text(),
                         QStringLiteral("payments:read, payments:refund"));
                typeInto(again->findChild<QLineEdit*>(QStringLiteral("projectIdLineEdit")),
                         QStringLiteral("payments-eu"));
                clickButton(again, QStringLiteral("Create"));
            });
            clickButton(dialog, QStringLiteral("Create"));
        });
        QTest::mouseClick(c.find<QPushButton>("newProjectPushButton"), Qt::LeftButton);
        QTRY_VERIFY(c.ws->projects().get(QStringLiteral("payments-eu")).has_value());
        QVERIFY2(firstProblem.contains(QStringLiteral("issuer")), qPrintable(firstProblem));
        QVERIFY(!secondProblem.isEmpty());
        const Project created = *c.ws->projects().get(QStringLiteral("payments-eu"));
        QCOMPARE(created.name, QStringLiteral("Payments"));
        QCOMPARE(created.scopes.size(), 2);
        QCOMPARE(created.scopes.back().name, QStringLiteral("payments:refund"));
    }

    // Esc on the API secret asks before the secret is thrown away; a copy is announced and cleared.
    void theApiSecretIsNotLostToEscape()
    {
        Console c;
        QString question;
        QString status;
        whenModal([&](QWidget* dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyNameLineEdit")),
                             QStringLiteral("backend"));
            whenModal([&](QWidget* secret) {
                whenModal([&](QWidget* box) {
                    question = qobject_cast<QMessageBox*>(box)->text();
                    clickButton(box, QStringLiteral("Cancel"));
                });
                QTest::keyClick(secret, Qt::Key_Escape);
                QVERIFY(secret->isVisible()); // Cancel kept it
                QTest::mouseClick(secret->findChild<QPushButton*>(QStringLiteral("apiKeySecretLineEditCopyPushButton")),
                                  Qt::LeftButton);
                status = c.window->statusBar()->currentMessage();
                QTest::keyClick(secret, Qt::Key_Escape); // copied: closes without asking
            });
            clickButton(dialog, QStringLiteral("Create"));
        });
        c.press(Qt::CTRL | Qt::Key_K);
        QTRY_VERIFY(!status.isEmpty());
        QVERIFY(question.contains(QStringLiteral("Close without copying")) ||
                question.contains(QStringLiteral("not been copied")));
        QVERIFY2(status.contains(QStringLiteral("cleared in 30 s")), qPrintable(status));
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    // New keys default to the project's algorithm: an RS256 project is not handed ES256.
    void newKeysDefaultToTheProjectsAlgorithm()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::RS256, 2048));
        QString offered;
        whenModal([&](QWidget* dialog) {
            offered = dialog->findChild<QComboBox*>(QStringLiteral("algorithmComboBox"))->currentText();
            qobject_cast<QDialog*>(dialog)->reject();
        });
        c.press(Qt::CTRL | Qt::Key_G);
        QTRY_VERIFY(!offered.isEmpty());
        QVERIFY2(offered.startsWith(QStringLiteral("RS256")), qPrintable(offered));
    }

    // The Inspector verifies as the token is pasted; consuming stays a separate button.
    void theInspectorVerifiesAsYouType()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        MintRequest request = mintRequest(QStringLiteral("user-1"));
        request.oneTime = true;
        const QString token = QString::fromStdString(c.ws->tokens().mintRecorded(request)->token);
        c.press(Qt::CTRL | Qt::Key_I);
        auto* field = c.find<TokenEdit>("tokenTextEdit");
        QGuiApplication::clipboard()->setText(token);
        field->setFocus();
        QTest::keyClick(field, Qt::Key_V, Qt::ControlModifier);
        auto* verdict = c.find<QLabel>("verdictLabel");
        QTRY_VERIFY(verdict->text().contains(QStringLiteral("✓ VALID")));
        QVERIFY(!c.ws->tokens().list(kPayments)->front().consumedAt); // checking does not use it up
        QTest::keyClick(field, Qt::Key_Backspace);                    // a broken signature
        QTRY_VERIFY(verdict->text().contains(QStringLiteral("INVALID")));
        QTest::keyClicks(field, token.right(1));
        QTRY_VERIFY(verdict->text().contains(QStringLiteral("✓ VALID")));
        QTest::mouseClick(c.find<QPushButton>("verifyAndConsumePushButton"), Qt::LeftButton);
        QVERIFY(c.ws->tokens().list(kPayments)->front().consumedAt.has_value());
        QGuiApplication::clipboard()->clear();
    }

    // A project made by another process (the CLI) reloads the project list; the Inspector stays shown.
    void theInspectorStaysWhenTheProjectsChange()
    {
        Console c;
        c.press(Qt::CTRL | Qt::Key_I);
        QVERIFY(c.window->console()->inspector()->isVisible());
        QVERIFY(c.otherProcess()->projects().create(namedProject(QStringLiteral("video-rooms"))));
        c.press(Qt::Key_F5);
        QCOMPARE(c.find<QListView>("projectListView")->model()->rowCount(), 2);
        QVERIFY(c.window->console()->inspector()->isVisible());
        QVERIFY(!c.window->console()->projectPage()->isVisible());
    }
};

QTEST_MAIN(ConsoleTest)
#include "tst_console.moc"
