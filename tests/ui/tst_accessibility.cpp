// Every control a screen reader or UI automation (AT-SPI) can reach has a name: the main window with
// each tab and the Inspector, the lock screen, and every dialog, opened as a user opens them. A
// widget's name is what Qt's accessibility interface reports: its accessibleName, its text, or the
// text of the label whose buddy it is.

#include "ConsoleDriver.h"

#include "ConsoleView.h"
#include "pages/ProjectPage.h"
#include "widgets/TokenEdit.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");

// Parts of Qt's composite widgets, named (or not) by Qt: a combo box's or spin box's line edit, a
// tab bar's scroll buttons, a line edit's clear button, scroll bars, headers, the toolbar's
// extension button.
bool isPartOfAQtWidget(const QWidget* widget)
{
    if (widget->objectName().startsWith(QLatin1String("qt_")) || widget->inherits("QTableCornerButton"))
        return true;
    const QWidget* parent = widget->parentWidget();
    return qobject_cast<const QComboBox*>(parent) || qobject_cast<const QAbstractSpinBox*>(parent) ||
           qobject_cast<const QTabBar*>(parent) || qobject_cast<const QLineEdit*>(parent) ||
           qobject_cast<const QScrollBar*>(widget) || qobject_cast<const QHeaderView*>(widget) ||
           (qobject_cast<const QToolBar*>(parent) && widget->inherits("QToolBarExtension")) ||
           (parent && qobject_cast<const QAbstractItemView*>(parent->parentWidget()) &&
            !qobject_cast<const QAbstractItemView*>(parent)); // item editors and viewport parts
}

bool isInteractive(const QWidget* widget)
{
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QLineEdit*>(widget) ||
           qobject_cast<const QComboBox*>(widget) || qobject_cast<const QAbstractItemView*>(widget) ||
           qobject_cast<const QTabBar*>(widget) || qobject_cast<const QAbstractSpinBox*>(widget) ||
           qobject_cast<const QPlainTextEdit*>(widget) || qobject_cast<const QTextEdit*>(widget) ||
           qobject_cast<const TokenEdit*>(widget);
}

QString accessibleName(QWidget* widget)
{
    QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
    return face ? face->text(QAccessible::Name).trimmed() : QString();
}

QString describe(const QWidget* widget)
{
    QStringList path;
    for (const QWidget* w = widget; w; w = w->parentWidget()) {
        if (!w->objectName().isEmpty()) {
            path.prepend(w->objectName());
            if (w != widget)
                break;
        }
    }
    return QStringLiteral("%1 (%2)").arg(path.join(QLatin1Char('/')), QLatin1String(widget->metaObject()->className()));
}

// Every interactive widget under `root` without a name, and every tab without a name.
QStringList unnamed(QWidget* root)
{
    QStringList missing;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : std::as_const(widgets)) {
        if (isPartOfAQtWidget(widget) || !isInteractive(widget))
            continue;
        if (accessibleName(widget).isEmpty())
            missing.append(describe(widget));
        if (auto* bar = qobject_cast<QTabBar*>(widget)) {
            for (int i = 0; i < bar->count(); ++i) {
                if (bar->tabText(i).trimmed().isEmpty() && bar->accessibleTabName(i).trimmed().isEmpty())
                    missing.append(QStringLiteral("%1 tab %2").arg(describe(bar)).arg(i));
            }
        }
    }
    if (auto* dialog = qobject_cast<QDialog*>(root); dialog && dialog->windowTitle().isEmpty())
        missing.append(describe(root) + QStringLiteral(" has no title"));
    return missing;
}

// Opens a dialog with `open`, collects its unnamed widgets, and closes it.
QStringList unnamedInDialog(const char* how, const std::function<void()>& open, const QString& expected)
{
    QStringList missing;
    bool seen = false;
    whenModal([&](QWidget* dialog) {
        seen = true;
        if (!expected.isEmpty() && dialog->objectName() != expected)
            missing.append(QStringLiteral("expected %1, got %2").arg(expected, describe(dialog)));
        missing += unnamed(dialog);
        dialog->close();
    });
    open();
    if (!seen)
        missing.append(QStringLiteral("no dialog after %1").arg(QLatin1String(how)));
    return missing;
}

} // namespace

class AccessibilityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theMainWindowAndEveryTab()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        QVERIFY(c.ws->apiKeys().create(kPayments, QStringLiteral("ops"), {}));
        c.window->selectProject(kPayments);
        QStringList missing;
        auto* tabs = c.find<QTabWidget>("projectTabWidget");
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QApplication::processEvents();
            missing += unnamed(c.window.get());
        }
        c.window->console()->showInspector();
        missing += unnamed(c.window.get());
        missing.removeDuplicates();
        for (const QString& widget : std::as_const(missing))
            qWarning("no accessible name: %s", qPrintable(widget)); // QVERIFY2 cuts a long list short
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("no accessible name:\n  ") + missing.join(QStringLiteral("\n  "))));
        // Tables say what they list; the tabs say what they hold.
        QCOMPARE(accessibleName(c.find<QTableView>("keysTableView")), QStringLiteral("Signing keys"));
    }

    void theLockScreen()
    {
        Console c(QByteArray("passphrase"));
        c.press(Qt::CTRL | Qt::Key_L);
        QVERIFY(c.window->isLocked());
        const QStringList missing = unnamed(c.window.get());
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
        QCOMPARE(accessibleName(c.find<QLineEdit>("unlockLineEdit")), QStringLiteral("Passphrase"));
    }

    void everyDialog()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256));
        QVERIFY(c.ws->keys().generate(kPayments, Algorithm::ES256, 0, KeyState::Next));
        c.window->selectProject(kPayments);
        ProjectPage* page = c.window->console()->projectPage();
        QStringList missing;
        missing += unnamedInDialog(
            "Ctrl+N", [&] { c.press(Qt::CTRL | Qt::Key_N); }, QStringLiteral("newProjectDialog"));
        missing += unnamedInDialog("Ctrl+G", [&] { c.press(Qt::CTRL | Qt::Key_G); }, {});
        missing += unnamedInDialog("Ctrl+R", [&] { c.press(Qt::CTRL | Qt::Key_R); }, {});
        missing += unnamedInDialog(
            "Ctrl+K", [&] { c.press(Qt::CTRL | Qt::Key_K); }, QStringLiteral("newApiKeyDialog"));
        missing += unnamedInDialog("Ctrl+,", [&] { c.press(Qt::CTRL | Qt::Key_Comma); }, {});
        missing += unnamedInDialog(
            "Ctrl+Shift+N", [&] { c.press(Qt::CTRL | Qt::SHIFT | Qt::Key_N); },
            QStringLiteral("createWorkspaceDialog"));
        const QString locked = c.fixture.folder.filePath(QStringLiteral("locked.signet"));
        QVERIFY(Workspace::create(locked, QByteArray("passphrase"), Actor::Cli, c.fixture.clock,
                                  WorkspaceFixture::cheapKdf()));
        c.window->setFileChooser([locked](QWidget*, const QString&) { return locked; });
        missing += unnamedInDialog(
            "Ctrl+O", [&] { c.press(Qt::CTRL | Qt::Key_O); }, QStringLiteral("unlockDialog"));
        page->showTab(ProjectPage::Tab::SigningKeys);
        missing += unnamedInDialog(
            "Import…", [&] { QTest::mouseClick(c.find<QPushButton>("importKeyPushButton"), Qt::LeftButton); }, {});
        auto* keys = c.find<QTableView>("keysTableView");
        keys->selectRow(0);
        missing += unnamedInDialog(
            "Export public key…",
            [&] { QTest::mouseClick(c.find<QPushButton>("exportPublicKeyPushButton"), Qt::LeftButton); }, {});

        // A new API key's secret, shown once: answered by creating a key.
        whenModal([&](QWidget* dialog) {
            auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyNameLineEdit"));
            QTest::keyClicks(name, QStringLiteral("ci runner"));
            whenModal([&](QWidget* secret) {
                missing += unnamed(secret);
                QTest::mouseClick(secret->findChild<QPushButton*>(QStringLiteral("apiKeySecretLineEditCopyPushButton")),
                                  Qt::LeftButton);
                secret->close();
            });
            QTest::keyClick(dialog, Qt::Key_Return);
        });
        c.press(Qt::CTRL | Qt::Key_K);
        missing.removeDuplicates();
        for (const QString& widget : std::as_const(missing))
            qWarning("no accessible name: %s", qPrintable(widget)); // QVERIFY2 cuts a long list short
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("no accessible name:\n  ") + missing.join(QStringLiteral("\n  "))));
    }

    // The walk itself finds what it should: an unnamed button is reported, a label's buddy counts.
    void theWalkFindsUnnamedControls()
    {
        QWidget root;
        root.setObjectName(QStringLiteral("root"));
        auto* bare = new QToolButton(&root);
        bare->setObjectName(QStringLiteral("bareToolButton"));
        auto* field = new QLineEdit(&root);
        field->setObjectName(QStringLiteral("namedByBuddyLineEdit"));
        auto* label = new QLabel(QStringLiteral("&Issuer"), &root);
        label->setBuddy(field);
        auto* unlabelled = new QLineEdit(&root);
        unlabelled->setObjectName(QStringLiteral("unlabelledLineEdit"));
        auto* combo = new QComboBox(&root);
        combo->setObjectName(QStringLiteral("namedComboBox"));
        combo->setAccessibleName(QStringLiteral("Algorithm"));
        QCOMPARE(unnamed(&root), (QStringList{QStringLiteral("root/bareToolButton (QToolButton)"),
                                              QStringLiteral("root/unlabelledLineEdit (QLineEdit)")}));
    }
};

QTEST_MAIN(AccessibilityTest)
#include "tst_accessibility.moc"
