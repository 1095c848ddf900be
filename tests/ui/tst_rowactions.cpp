// The record tables' row actions, driven with the mouse (right-click, the context menu) and the
// keyboard (Ctrl+C, Ctrl+Shift+C): copy a key's kid, public JWK and PEM, an API key's id, a token's
// jti or (audited) the token itself, revoke, open in the Inspector; each copy said in the status bar;
// a copied secret taken off the clipboard after the delay (30 s unless changed).

#include "ConsoleDriver.h"

#include "ClipboardGuard.h"
#include "ConsoleView.h"
#include "pages/InspectorView.h"
#include "pages/ProjectPage.h"
#include "widgets/TokenEdit.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTableView>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");

void clickRow(QAbstractItemView* view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

// Runs `answer` on the next context menu, as soon as it is open.
void whenPopup(std::function<void(QMenu*)> answer, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [answer = std::move(answer), attempts]() mutable {
        if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget()); menu && menu->isVisible())
            answer(menu);
        else if (attempts > 0)
            whenPopup(std::move(answer), attempts - 1);
    });
}

// What a row's context menu offers: each entry's text and whether it is enabled.
struct MenuEntries
{
    QStringList enabled;
    QStringList disabled;
};

// Right-clicks the row, then clicks `choice` in its context menu (or closes it when `choice` is
// empty or not enabled); returns what the menu offered.
MenuEntries rightClickRow(QTableView* table, int row, const QString& choice)
{
    MenuEntries entries;
    whenPopup([&entries, choice](QMenu* menu) {
        QAction* chosen = nullptr;
        for (QAction* action : menu->actions()) {
            if (action->isSeparator())
                continue;
            (action->isEnabled() ? entries.enabled : entries.disabled).append(action->text());
            if (action->text() == choice && action->isEnabled())
                chosen = action;
        }
        if (chosen)
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(chosen).center());
        else
            menu->close();
    });
    // The right-click as the platform delivers it: the row is selected, then the context menu asked for.
    const QRect rect = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QContextMenuEvent event(QContextMenuEvent::Mouse, rect.center(), table->viewport()->mapToGlobal(rect.center()));
    QApplication::sendEvent(table->viewport(), &event);
    if (!QTest::qWaitFor([] { return !QApplication::activePopupWidget(); }))
        qWarning("the context menu stayed open");
    if (entries.enabled.isEmpty() && entries.disabled.isEmpty())
        qWarning("no context menu");
    return entries;
}

QString clipboardText()
{
    return QApplication::clipboard()->text();
}

QString statusLine(const Console& c)
{
    return c.window->statusBar()->currentMessage();
}

int countAudit(Workspace& ws, const QString& action)
{
    int count = 0;
    for (const AuditEvent& event : ws.audit().list(kPayments).value_or(QList<AuditEvent>{}))
        count += event.action == action;
    return count;
}

} // namespace

class RowActionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QApplication::clipboard()->setText(QStringLiteral("before")); }

    void keyRows()
    {
        Console c;
        const auto key = c.ws->keys().generate(kPayments, Algorithm::ES256);
        QVERIFY(key);
        c.window->selectProject(kPayments);
        c.window->console()->projectPage()->showTab(ProjectPage::Tab::SigningKeys);
        auto* table = c.find<QTableView>("keysTableView");
        QTRY_COMPARE(table->model()->rowCount(), 1);

        // Nothing selected: Ctrl+C copies nothing.
        table->setFocus();
        table->clearSelection();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboardText(), QStringLiteral("before"));

        clickRow(table, 0);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboardText(), key->kid);
        QVERIFY2(statusLine(c).startsWith(QStringLiteral("Copied kid ")), qPrintable(statusLine(c)));

        const MenuEntries offered = rightClickRow(table, 0, QStringLiteral("Copy public JWK"));
        QCOMPARE(offered.enabled, (QStringList{QStringLiteral("Copy kid"), QStringLiteral("Copy public JWK"),
                                               QStringLiteral("Copy public key as PEM"),
                                               QStringLiteral("Export public key…"), QStringLiteral("Revoke…")}));
        const QJsonObject jwk = QJsonDocument::fromJson(clipboardText().toUtf8()).object();
        QCOMPARE(jwk.value(QStringLiteral("kty")).toString(), QStringLiteral("EC"));
        QCOMPARE(jwk.value(QStringLiteral("kid")).toString(), key->kid);
        QVERIFY2(!jwk.contains(QStringLiteral("d")), "the public JWK holds no private member");
        QVERIFY(statusLine(c).startsWith(QStringLiteral("Copied the public JWK of ")));

        rightClickRow(table, 0, QStringLiteral("Copy public key as PEM"));
        QVERIFY(clipboardText().startsWith(QStringLiteral("-----BEGIN PUBLIC KEY-----\n")));
        QVERIFY(!clipboardText().contains(QStringLiteral("PRIVATE")));

        // Revoke asks first; No changes nothing, Yes revokes, and the menu no longer offers it.
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("No")); });
        rightClickRow(table, 0, QStringLiteral("Revoke…"));
        QCOMPARE(c.ws->keys().list(kPayments)->front().state, KeyState::Active);
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("Yes")); });
        rightClickRow(table, 0, QStringLiteral("Revoke…"));
        QCOMPARE(c.ws->keys().list(kPayments)->front().state, KeyState::Revoked);
        clickRow(table, 0);
        QVERIFY(rightClickRow(table, 0, {}).disabled.contains(QStringLiteral("Revoke…")));
    }

    void apiKeyRows()
    {
        Console c;
        const auto created = c.ws->apiKeys().create(kPayments, QStringLiteral("ops laptop"), {});
        QVERIFY(created);
        c.window->selectProject(kPayments);
        c.window->console()->projectPage()->showTab(ProjectPage::Tab::ApiKeys);
        auto* table = c.find<QTableView>("apiKeysTableView");
        QTRY_COMPARE(table->model()->rowCount(), 1);
        clickRow(table, 0);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboardText(), created->record.id);
        QCOMPARE(statusLine(c), QStringLiteral("Copied API key id %1").arg(created->record.id));
        QVERIFY(!clipboardText().contains(created->secret));

        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("Yes")); });
        const MenuEntries offered = rightClickRow(table, 0, QStringLiteral("Revoke…"));
        QCOMPARE(offered.enabled, (QStringList{QStringLiteral("Copy key id"), QStringLiteral("Revoke…")}));
        QVERIFY(c.ws->apiKeys().list(kPayments)->front().revokedAt.has_value());
        clickRow(table, 0);
        QCOMPARE(rightClickRow(table, 0, {}).disabled, QStringList{QStringLiteral("Revoke…")});
    }

    // Ctrl+C copies the jti; the token is copied deliberately (Ctrl+Shift+C or the menu), audited, and
    // taken off the clipboard after the delay; Open in Inspector decodes it there.
    void tokenRows()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        MintRequest request;
        request.projectId = kPayments;
        request.subject = QStringLiteral("user-1");
        const auto minted = c.ws->tokens().mintRecorded(request);
        QVERIFY(minted);
        const QString token = QString::fromStdString(minted->token);
        c.settings->setValue(AppSettings::Key::ClipboardClearSeconds, 1);
        c.window->selectProject(kPayments);
        c.window->console()->projectPage()->showTab(ProjectPage::Tab::Tokens);
        auto* table = c.find<QTableView>("tokensTableView");
        QTRY_COMPARE(table->model()->rowCount(), 1);
        clickRow(table, 0);

        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboardText(), minted->entry.jti);
        QCOMPARE(countAudit(*c.ws, QStringLiteral("token.reveal")), 0);

        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(clipboardText(), token);
        QCOMPARE(countAudit(*c.ws, QStringLiteral("token.reveal")), 1);
        QCOMPARE(statusLine(c), QStringLiteral("Copied the token; the clipboard is cleared in 1 s"));
        QTRY_VERIFY_WITH_TIMEOUT(clipboardText().isEmpty(), 3000);

        // Copied again, but the user copies something else meanwhile: that is left alone.
        const MenuEntries offered = rightClickRow(table, 0, QStringLiteral("Copy token"));
        QCOMPARE(offered.enabled, (QStringList{QStringLiteral("Copy jti"), QStringLiteral("Copy token"),
                                               QStringLiteral("Open in Inspector")}));
        QCOMPARE(clipboardText(), token);
        QApplication::clipboard()->setText(QStringLiteral("mine"));
        auto* guard = c.find<QWidget>("tokensTab")->findChild<ClipboardGuard*>();
        QTRY_VERIFY_WITH_TIMEOUT(!guard->isPending(), 3000);
        QCOMPARE(clipboardText(), QStringLiteral("mine"));

        rightClickRow(table, 0, QStringLiteral("Open in Inspector"));
        QTRY_VERIFY(c.window->console()->inspector()->isVisible());
        QCOMPARE(c.find<TokenEdit>("tokenTextEdit")->toPlainText(), token);
        QCOMPARE(countAudit(*c.ws, QStringLiteral("token.reveal")), 3);
    }

    // Unless changed in the preferences, a copied secret stays 30 s.
    void copiedSecretsAreClearedAfterThirtySeconds()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        MintRequest request;
        request.projectId = kPayments;
        QVERIFY(c.ws->tokens().mintRecorded(request));
        c.window->selectProject(kPayments);
        c.window->console()->projectPage()->showTab(ProjectPage::Tab::Tokens);
        auto* table = c.find<QTableView>("tokensTableView");
        QTRY_COMPARE(table->model()->rowCount(), 1);
        clickRow(table, 0);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(statusLine(c), QStringLiteral("Copied the token; the clipboard is cleared in 30 s"));
        auto* guard = c.find<QWidget>("tokensTab")->findChild<ClipboardGuard*>();
        QVERIFY(guard->isPending());
        const auto remaining = guard->remaining();
        QVERIFY2(remaining > std::chrono::seconds(29) && remaining <= std::chrono::seconds(30),
                 qPrintable(QString::number(remaining.count())));
        // Closing the window takes the secret off the clipboard at once.
        c.window.reset();
        QVERIFY(clipboardText().isEmpty());
    }
};

QTEST_MAIN(RowActionsTest)
#include "tst_rowactions.moc"
