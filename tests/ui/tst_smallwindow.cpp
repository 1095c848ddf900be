// A 1024×700 window (issue 12): every view of a project and the Inspector fits without the page
// scrolling, the Mint preview keeps a width to be read, the minted token and its buttons stay in view
// beside the request, and the Inspector's buttons and failing checks stay in view.

#include "ConsoleDriver.h"

#include "ConsoleView.h"
#include "pages/InspectorView.h"
#include "pages/ProjectPage.h"
#include "profiles/ProfileCatalog.h"
#include "server/ServerPanel.h"
#include "workspace/ProfiledProjects.h"

#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBrowser>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");
const QString kVideoRooms = QStringLiteral("video-rooms");

void settle()
{
    for (int turn = 0; turn < 5; ++turn)
        QCoreApplication::processEvents();
}

// A console the size of a small laptop's window, over a project with keys, scopes, an API key and a
// token, and a VideoSDK project (the tallest Mint form).
struct SmallConsole : Console
{
    SmallConsole()
    {
        if (!ws->keys().generate(kPayments, Algorithm::ES256) || !ws->keys().generate(kPayments, Algorithm::ES256))
            qFatal("no keys");
        Project payments = *ws->projects().get(kPayments);
        payments.scopes = {{QStringLiteral("payments:read"), QStringLiteral("Read payments")},
                           {QStringLiteral("payments:write"), QStringLiteral("Create and refund payments")}};
        if (!ws->projects().update(payments) || !ws->apiKeys().create(kPayments, QStringLiteral("ops laptop"), {}))
            qFatal("no scopes or API key");
        Project draft;
        draft.id = kVideoRooms;
        draft.name = QStringLiteral("Video rooms");
        const Profile& videoSdk = **ProfileCatalog::builtIn().find(QStringLiteral("videosdk"));
        if (!createProfiledProject(*ws, videoSdk, *profiledProject(videoSdk, draft)) ||
            !ws->apiKeys().create(kVideoRooms, QStringLiteral("meetings"), {}))
            qFatal("no VideoSDK project");
        window->console()->refresh();
        window->resize(1024, 700);
        settle();
    }
    QScrollArea* page() const { return find<QScrollArea>("pageScrollArea"); }
    // Whether the widget is shown whole in the part of the page the window shows.
    bool inView(QWidget* widget) const
    {
        const QRect where(widget->mapTo(page()->viewport(), QPoint(0, 0)), widget->size());
        return widget->isVisible() && page()->viewport()->rect().contains(where);
    }
};

} // namespace

class TestSmallWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The page scrolled whenever its preferred height was over the window's, though every view
    // fitted at its minimum: the Mint and JWKS tabs and the Inspector showed a scroll bar at 700 px.
    void everyViewFitsWithoutScrolling()
    {
        SmallConsole c;
        for (const QString& project : {kPayments, kVideoRooms}) {
            c.window->selectProject(project);
            auto* tabs = c.find<QTabWidget>("projectTabWidget");
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                settle();
                QVERIFY2(c.page()->verticalScrollBar()->maximum() == 0,
                         qPrintable(project + QStringLiteral(": ") + tabs->tabText(i)));
            }
        }
        c.window->console()->showInspector();
        settle();
        QVERIFY(c.page()->verticalScrollBar()->maximum() == 0);
    }

    // The server panel took 40 % of the window (a table's preferred height), and under it the JWKS tab
    // scrolled because the Mint form, another tab, was taller than the room left.
    void theServerPanelLeavesRoomForThePage()
    {
        SmallConsole c;
        c.window->selectProject(kPayments);
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Jwks);
        c.window->serverPanel()->show();
        settle();
        QVERIFY2(c.window->serverPanel()->height() <= c.window->height() * 3 / 10,
                 qPrintable(QString::number(c.window->serverPanel()->height())));
        for (const char* control : {"serverStartPushButton", "baseUrlLineEdit", "latencySpinBox", "staleJwksCheckBox"})
            // Whole, not cut off by the controls' scroll area.
            QVERIFY2(c.find<QWidget>(control)->visibleRegion().boundingRect().size() ==
                         c.find<QWidget>(control)->size(),
                     control);
        QCOMPARE(c.page()->verticalScrollBar()->maximum(), 0);
        // Shown again, the Mint tab, which needs more height than is left, scrolls.
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Mint);
        settle();
        QVERIFY(c.page()->verticalScrollBar()->maximum() > 0);
    }

    // The preview beside the form was 255 px wide with kid and iss behind a sideways scroll bar, and
    // the minted token with its Copy buttons was below the fold.
    void theMintTabKeepsPreviewAndTokenInView()
    {
        SmallConsole c;
        c.window->selectProject(kPayments);
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Mint);
        settle();
        auto* preview = c.find<QPlainTextEdit>("mintPreviewTextEdit");
        QVERIFY(c.inView(preview));
        const int columns = preview->viewport()->width() / preview->fontMetrics().horizontalAdvance(QLatin1Char('x'));
        QVERIFY2(columns >= 36, qPrintable(QString::number(columns)));
        // Every line of the preview is read without scrolling sideways.
        QVERIFY(!preview->horizontalScrollBar()->isVisible());
        QVERIFY(preview->toPlainText().contains(QStringLiteral("\"kid\"")));
        // The scopes show whole (no scroll bar in a list of two).
        auto* scopes = c.find<QListWidget>("mintScopesList");
        QCOMPARE(scopes->count(), 2);
        QVERIFY(!scopes->verticalScrollBar()->isVisible());

        QTest::mouseClick(c.find<QPushButton>("mintPushButton"), Qt::LeftButton);
        auto* result = c.find<QTextBrowser>("mintResultBrowser");
        QTRY_VERIFY(!result->toPlainText().isEmpty());
        QVERIFY(c.inView(result));
        for (const char* button : {"mintCopyTokenPushButton", "copyBearerPushButton", "copyCurlPushButton",
                                   "mintOpenInInspectorPushButton"}) {
            QVERIFY2(c.inView(c.find<QPushButton>(button)), button);
            QVERIFY(c.find<QPushButton>(button)->isEnabled());
        }
        QVERIFY(c.inView(c.find<QPushButton>("mintPushButton")));
    }

    // The Inspector page scrolled as a whole: Verify again and Verify and consume were below the fold.
    void theInspectorKeepsItsButtonsAndChecksInView()
    {
        SmallConsole c;
        MintRequest request;
        request.projectId = kPayments;
        request.subject = QStringLiteral("user-1");
        const auto minted = c.ws->tokens().mintRecorded(request);
        QVERIFY(minted);
        QString altered = QString::fromStdString(minted->token);
        altered.chop(4);
        altered += QStringLiteral("AAAA");
        c.window->console()->showInspector(altered);
        c.window->console()->inspector()->verify();
        settle();
        for (const char* button : {"verifyPushButton", "verifyAndConsumePushButton"})
            QVERIFY2(c.inView(c.find<QPushButton>(button)), button);
        auto* checks = c.find<QListWidget>("checksList");
        QVERIFY(c.inView(checks));
        QVERIFY(checks->item(0)->text().startsWith(QStringLiteral("✗")));
        QVERIFY(checks->visualItemRect(checks->item(0)).bottom() <= checks->viewport()->height());
    }
};

QTEST_MAIN(TestSmallWindow)
#include "tst_smallwindow.moc"
