// The local server in the console (issue 13): the toolbar's toggle, the Server panel (port, base URL,
// fault switches, the request log) and the Inspector's JWKS URL key source, driven with keys and the
// mouse against real HTTP on loopback.

#include "ConsoleDriver.h"

#include "ConsoleView.h"
#include "models/ModelSupport.h"
#include "models/RequestLogModel.h"
#include "pages/InspectorView.h"
#include "pages/ProjectPage.h"
#include "server/LocalServer.h"
#include "server/ServerPanel.h"
#include "widgets/TokenEdit.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QToolBar>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
};

// A GET as a backend's JWKS client makes it, answered through the event loop.
HttpAnswer get(const QString& url)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(url))));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        qWarning("no answer from %s", qPrintable(url));
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

// Sets the port field as typed: any free port (0) in tests.
void typePort(Console& c, int port)
{
    auto* field = c.find<QSpinBox>("serverPortSpinBox");
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field->findChild<QLineEdit*>(), QString::number(port));
    QTest::keyClick(field, Qt::Key_Enter);
}

// Clicks the toolbar's Server toggle with the mouse.
void clickToggle(Console& c)
{
    auto* toolbar = c.find<QToolBar>("mainToolBar");
    QWidget* button = toolbar->widgetForAction(c.window->serverPanel()->toggleAction());
    QVERIFY(button && button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
}

QString jwksUrl(Console& c)
{
    return c.find<QLineEdit>("baseUrlLineEdit")->text() + QStringLiteral("/p/payments/.well-known/jwks.json");
}

// A port nothing listens on (taken and given back at once).
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The verdict and its checks, for a failure's message.
QString checks(Console& c)
{
    QStringList lines{c.find<QLabel>("verdictLabel")->text()};
    auto* list = c.find<QListWidget>("checksList");
    for (int i = 0; i < list->count(); ++i)
        lines.append(list->item(i)->text());
    return lines.join(QLatin1Char('\n'));
}

// Toggles a switch from the keyboard.
void toggle(QCheckBox* box)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Space);
}

QString cell(QAbstractItemModel* model, int row, RequestLogModel::Column column)
{
    return model->index(row, int(column)).data().toString();
}

} // namespace

class ServerPanelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toggleServesTheJwksAndLogsTheRequest()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        typePort(c, 0);
        QCOMPARE(c.find<QSpinBox>("serverPortSpinBox")->value(), 0);
        clickToggle(c);
        ServerPanel* panel = c.window->serverPanel();
        QVERIFY(panel->isRunning());
        QVERIFY(panel->isVisible()); // starting shows the log
        QVERIFY(c.window->serverPanel()->toggleAction()->isChecked());
        QVERIFY(c.window->serverPanel()->toggleAction()->text().contains(QString::number(panel->server()->port())));
        const QString base = c.find<QLineEdit>("baseUrlLineEdit")->text();
        QCOMPARE(base, QStringLiteral("http://127.0.0.1:%1").arg(panel->server()->port()));

        const HttpAnswer answer = get(jwksUrl(c));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, *c.ws->keys().jwks(kPayments));

        auto* log = c.find<QTableView>("requestLogTableView");
        QTRY_COMPARE(log->model()->rowCount(), 1);
        QCOMPARE(cell(log->model(), 0, RequestLogModel::Column::Method), QStringLiteral("GET"));
        QCOMPARE(cell(log->model(), 0, RequestLogModel::Column::Path),
                 QStringLiteral("/p/payments/.well-known/jwks.json"));
        QCOMPARE(cell(log->model(), 0, RequestLogModel::Column::StatusCode), QStringLiteral("200"));
        QCOMPARE(cell(log->model(), 0, RequestLogModel::Column::Client), QStringLiteral("127.0.0.1"));
        QVERIFY(c.find<QLabel>("requestCountLabel")->text().contains(QStringLiteral("1 request")));

        // The project's JWKS tab and Overview show the served URL.
        auto* tabs = c.find<QTabWidget>("projectTabWidget");
        tabs->setCurrentIndex(int(ProjectPage::Tab::Jwks));
        QCOMPARE(c.find<QLineEdit>("servedJwksUrlLineEdit")->text(), jwksUrl(c));
        QVERIFY(c.find<QLineEdit>("servedJwksUrlLineEdit")->isVisible());
        QVERIFY(c.find<QLabel>("overviewJwksLabel")->text().contains(jwksUrl(c)));
        QTest::mouseClick(c.find<QPushButton>("copyBaseUrlPushButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), base);
    }

    void aFaultSwitchMakesTheJwksAnswer500()
    {
        Console c;
        typePort(c, 0);
        clickToggle(c);
        toggle(c.find<QCheckBox>("failJwksCheckBox"));
        QVERIFY(c.window->serverPanel()->server()->faults().jwksFails);
        QVERIFY(c.find<QLabel>("serverStateLabel")->text().contains(QStringLiteral("JWKS answers 500")));
        QCOMPARE(get(jwksUrl(c)).status, 500);
        auto* log = c.find<QTableView>("requestLogTableView");
        QTRY_COMPARE(log->model()->rowCount(), 1);
        QCOMPARE(cell(log->model(), 0, RequestLogModel::Column::StatusCode), QStringLiteral("500"));
        toggle(c.find<QCheckBox>("failJwksCheckBox"));
        QCOMPARE(get(jwksUrl(c)).status, 200);
    }

    void stoppingFreesThePort()
    {
        Console c;
        typePort(c, 0);
        clickToggle(c);
        const quint16 port = c.window->serverPanel()->server()->port();
        clickToggle(c);
        QVERIFY(!c.window->serverPanel()->isRunning());
        QVERIFY(!c.window->serverPanel()->toggleAction()->isChecked());
        QVERIFY(c.find<QLineEdit>("baseUrlLineEdit")->text().isEmpty());
        QTcpServer again;
        QVERIFY2(again.listen(QHostAddress::LocalHost, port), qPrintable(again.errorString()));
        // The JWKS tab no longer offers a URL that does not answer.
        QVERIFY(!c.find<QLineEdit>("servedJwksUrlLineEdit")->isVisibleTo(c.window.get()));
    }

    void aPortInUseShowsTheError()
    {
        Console c;
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        typePort(c, occupant.serverPort());
        clickToggle(c);
        ServerPanel* panel = c.window->serverPanel();
        QVERIFY(!panel->isRunning());
        QVERIFY(!panel->toggleAction()->isChecked());
        auto* error = c.find<QLabel>("serverErrorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QString::number(occupant.serverPort())), qPrintable(error->text()));
        QVERIFY2(error->text().contains(QStringLiteral("in use")), qPrintable(error->text()));
        // A free port then starts it, and the error goes.
        typePort(c, 0);
        QTest::mouseClick(c.find<QPushButton>("serverStartPushButton"), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(!error->isVisible());
    }

    void thePortIsRemembered()
    {
        Console c;
        typePort(c, 18707);
        QCOMPARE(c.settings->value(AppSettings::Key::ServerPort).toInt(), 18707);
    }

    void lockingStopsTheServer()
    {
        Console c(QByteArray("passphrase"));
        typePort(c, 0);
        clickToggle(c);
        const quint16 port = c.window->serverPanel()->server()->port();
        c.press(Qt::CTRL | Qt::Key_L);
        QVERIFY(c.window->isLocked());
        QVERIFY(!c.window->serverPanel()->isRunning());
        QVERIFY(!c.window->serverPanel()->toggleAction()->isEnabled());
        QTcpServer again;
        QVERIFY(again.listen(QHostAddress::LocalHost, port));
    }

    void theInspectorVerifiesWithTheServersJwksUrl()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        MintRequest request;
        request.projectId = kPayments;
        request.subject = QStringLiteral("user-1");
        const QString token = QString::fromStdString(c.ws->tokens().mintRecorded(request)->token);
        typePort(c, 0);
        clickToggle(c);
        c.press(Qt::CTRL | Qt::Key_I);
        auto* field = c.find<TokenEdit>("tokenTextEdit");
        field->setFocus();
        QTest::keyClicks(field, token);
        // The key source, chosen with the keyboard: the JWKS URL, filled with the local server's.
        auto* source = c.find<QComboBox>("keySourceComboBox");
        source->setFocus();
        QTest::keyClick(source, Qt::Key_End);
        QCOMPARE(InspectorView::KeySource(source->currentData().toInt()), InspectorView::KeySource::JwksUrl);
        auto* url = c.find<QLineEdit>("jwksUrlLineEdit");
        QCOMPARE(url->text(), jwksUrl(c));
        auto* verdict = c.find<QLabel>("verdictLabel");
        // Keys from a URL know no project: the audience is the reader's to give, as a backend's is.
        QTRY_VERIFY2(checks(c).contains(QStringLiteral("no expected audience was given")), qPrintable(checks(c)));
        auto* audience = c.find<QLineEdit>("expectedAudienceLineEdit");
        audience->setFocus();
        QTest::keyClicks(audience, c.ws->projects().get(kPayments)->audience);
        QTRY_VERIFY2(verdict->text().contains(QStringLiteral("✓ VALID")), qPrintable(checks(c)));
        auto* status = c.find<QLabel>("jwksUrlStatusLabel");
        QVERIFY2(status->text().contains(jwksUrl(c)), qPrintable(status->text()));
        const QString kid = c.ws->keys().activeSigningKey(kPayments)->kid();
        QVERIFY2(status->text().contains(QStringLiteral("kid %1 found").arg(ModelSupport::shortId(kid))),
                 qPrintable(status->text()));
        // The server logged the fetch.
        QTRY_VERIFY(c.window->serverPanel()->requestLog()->totalCount() >= 1);

        // A token whose signature was changed fails against the same keys (from the cache).
        QTest::keyClick(field, Qt::Key_Backspace);
        QTRY_VERIFY(verdict->text().contains(QStringLiteral("INVALID")));
    }

    void theInspectorSaysWhenTheJwksUrlDoesNotAnswer()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        MintRequest request;
        request.projectId = kPayments;
        request.subject = QStringLiteral("user-1");
        const QString token = QString::fromStdString(c.ws->tokens().mintRecorded(request)->token);
        c.press(Qt::CTRL | Qt::Key_I);
        c.find<InspectorView>("inspectorView")->setToken(token);
        auto* source = c.find<QComboBox>("keySourceComboBox");
        source->setFocus();
        QTest::keyClick(source, Qt::Key_End);
        auto* url = c.find<QLineEdit>("jwksUrlLineEdit");
        QVERIFY(url->text().isEmpty()); // no server running: nothing to fill in
        QVERIFY(!c.find<QPushButton>("useLocalServerJwksPushButton")->isEnabled());
        const QString dead = QStringLiteral("http://127.0.0.1:%1/jwks.json").arg(closedPort());
        url->setFocus();
        QTest::keyClicks(url, dead);
        QTest::keyClick(url, Qt::Key_Return);
        auto* verdict = c.find<QLabel>("verdictLabel");
        QTRY_VERIFY2(verdict->text().contains(QStringLiteral("refused")), qPrintable(verdict->text()));
        QVERIFY(verdict->text().startsWith(QStringLiteral("✗")));
        auto* status = c.find<QLabel>("jwksUrlStatusLabel");
        QVERIFY2(status->text().contains(QStringLiteral("refused")), qPrintable(status->text()));

        // Plain http to another host asks for a visible choice first, and is refused without it.
        auto* allow = c.find<QCheckBox>("allowHttpCheckBox");
        QVERIFY(!allow->isVisible());
        QTest::keyClick(url, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(url, QStringLiteral("http://keys.example/jwks.json"));
        QVERIFY(allow->isVisible());
        QVERIFY(allow->text().contains(QStringLiteral("keys.example")));
        QTest::keyClick(url, Qt::Key_Return);
        QTRY_VERIFY2(verdict->text().contains(QStringLiteral("plain http is refused")), qPrintable(verdict->text()));
    }

    void theRequestLogKeepsTheLastEntries()
    {
        RequestLogModel model(nullptr, 3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 5; ++i)
            model.append(RequestLogEntry{QDateTime::currentDateTimeUtc(), "GET", QStringLiteral("/r%1").arg(i), 200,
                                         0.5, QStringLiteral("127.0.0.1")});
        QCOMPARE(model.rowCount(), 0); // batched
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(model.entry(0).path, QStringLiteral("/r2"));
        QCOMPARE(model.entry(2).path, QStringLiteral("/r4"));
        QCOMPARE(model.totalCount(), 5);
        model.append(RequestLogEntry{QDateTime::currentDateTimeUtc(), "POST", QStringLiteral("/p/x/oauth/token"), 401,
                                     12, QStringLiteral("::1")});
        model.flush();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entry(2).status, 401);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), 0);
    }
};

QTEST_MAIN(ServerPanelTest)
#include "tst_serverpanel.moc"
