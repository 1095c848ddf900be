// The console driven as a user drives it: real widgets found by object name, modal dialogs answered
// when they appear.

#include "ConsoleDriver.h"

#include "EnglishPlurals.h"

#include "AppSettings.h"
#include "ConsoleView.h"
#include "MainWindow.h"
#include "dialogs/WorkspaceDialogs.h"
#include "models/AuditTableModel.h"
#include "models/ModelSupport.h"
#include "pages/InspectorView.h"
#include "pages/ProjectPage.h"
#include "pages/SigningKeysTab.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Signet;
using namespace Signet::Test;

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The console's English plurals, as main() installs them: "1 key", "2 keys".
    void initTestCase() { QCoreApplication::installTranslator(&m_plurals); }
    void auditShowsTheProjectOrTheWholeWorkspace()
    {
        Console c;
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Audit); // a tab out of view reads later
        auto* table = c.find<QTableView>("auditTableView");
        // A team workspace's log is read on the reader's thread (every read is a round trip): its rows
        // come a moment later.
        auto* audit = qobject_cast<AuditTableModel*>(table->model());
        QVERIFY(audit);
        QTRY_VERIFY(!audit->isReadingInBackground());
        const int projectEvents = table->model()->rowCount();
        c.find<QCheckBox>("auditAllProjectsCheckBox")->setChecked(true);
        QTRY_VERIFY(!audit->isReadingInBackground());
        QCOMPARE(table->model()->rowCount(), projectEvents + 1); // + workspace.create
        // Filtered by SQLite once typing pauses, on the reader's thread.
        c.find<QLineEdit>("auditFilterLineEdit")->setText(QStringLiteral("workspace.create"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
    }

    void showsTheProject()
    {
        Console c;
        QCOMPARE(c.find<QListView>("projectListView")->model()->rowCount(), 1);
        QCOMPARE(c.find<ProjectPage>("projectPage")->project(), QStringLiteral("payments"));
        QVERIFY(c.find<QLabel>("projectSummaryLabel")->text().contains(QStringLiteral("no active key")));
        QCOMPARE(c.find<QLabel>("protectionLabel")->text(), QStringLiteral("Unprotected workspace"));
    }

    void generateRotateAndPublish()
    {
        Console c;
        auto* table = c.find<QTableView>("keysTableView");
        whenModal([](QWidget* dialog) {
            auto* algorithm = dialog->findChild<QComboBox*>(QStringLiteral("algorithmComboBox"));
            algorithm->setCurrentIndex(algorithm->findData(int(Algorithm::EdDSA)));
            dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        });
        c.find<QPushButton>("generatePushButton")->click();
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QVERIFY(c.find<QProgressBar>("generatingProgressBar")->isHidden());
        QVERIFY(c.find<QPushButton>("generatePushButton")->isEnabled());
        QCOMPARE(table->model()->index(0, 2).data().toString(), QStringLiteral("active"));
        QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("EdDSA"));

        whenModal([](QWidget* box) {
            const QString text = qobject_cast<QMessageBox*>(box)->informativeText();
            QVERIFY(text.contains(QStringLiteral("retires")));
            QVERIFY(text.contains(QStringLiteral("The JWKS will contain 2 keys")));
            clickButton(box, QStringLiteral("Rotate"));
        });
        c.find<QPushButton>("rotatePushButton")->click();
        QTRY_COMPARE(table->model()->rowCount(), 2);
        const QString active = table->model()->index(0, 0).data(ModelSupport::KeyRole).toString();
        const QString retiring = table->model()->index(1, 0).data(ModelSupport::KeyRole).toString();
        QCOMPARE(table->model()->index(1, 2).data().toString(), QStringLiteral("retiring"));

        const QString jwks = c.find<QPlainTextEdit>("jwksTextEdit")->toPlainText();
        QVERIFY(jwks.contains(active) && jwks.contains(retiring));
        QVERIFY(!jwks.contains(QStringLiteral("\"d\"")));
        QVERIFY(c.find<QLabel>("jwksSummaryLabel")->text().startsWith(QStringLiteral("2 keys published")));

        // Revoke the retiring key: it leaves the JWKS.
        table->selectRow(1);
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("&Yes")); });
        c.find<QPushButton>("revokePushButton")->click();
        QTRY_COMPARE(table->model()->index(1, 2).data().toString(), QStringLiteral("revoked"));
        QVERIFY(!c.find<QPlainTextEdit>("jwksTextEdit")->toPlainText().contains(retiring));
        QTRY_VERIFY(c.find<QLabel>("jwksSummaryLabel")->text().startsWith(QStringLiteral("1 key published")));
    }

    void exportJwksToAFile()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QVERIFY(c.ws->keys().generate(QStringLiteral("payments"), Algorithm::RS256));
        const QString path = c.fixture.folder.filePath(QStringLiteral("published/jwks.json"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        whenModal([path](QWidget* dialog) {
            auto* files = qobject_cast<QFileDialog*>(dialog);
            QVERIFY(files);
            files->selectFile(path);
            QMetaObject::invokeMethod(files, &QDialog::accept,
                                      Qt::QueuedConnection); // accept() is protected in QFileDialog
        });
        c.find<QAction>("exportJwksAction")->trigger();
        QTRY_VERIFY(QFileInfo::exists(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QCOMPARE(written, *c.ws->keys().jwks(QStringLiteral("payments")));
        const auto set = JwkSet::parse(written);
        QVERIFY(set);
        QCOMPARE(set->size(), std::size_t(2));
        for (const Jwk& key : set->keys())
            QVERIFY(!key.hasPrivate());
        QCOMPARE(c.settings->string(AppSettings::Key::LastExportFolder), QFileInfo(path).absolutePath());
        QCOMPARE(c.ws->audit().list(QStringLiteral("payments"))->front().action, QStringLiteral("jwks.export"));
    }

    // While an RSA 4096 key is made off the GUI thread: busy indicator, and no second generation.
    void generationShowsBusyAndCannotStartTwice()
    {
        Console c;
        auto* tab = c.window->findChild<SigningKeysTab*>();
        auto* busy = c.find<QProgressBar>("generatingProgressBar");
        auto* button = c.find<QPushButton>("generatePushButton");
        tab->startGeneration(Algorithm::RS256, 4096, std::nullopt);
        QVERIFY(!busy->isHidden());
        QVERIFY(!button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("Generating…"));
        tab->startGeneration(Algorithm::RS256, 4096, std::nullopt); // ignored while busy
        QTRY_VERIFY_WITH_TIMEOUT(busy->isHidden(), 60000);
        QCOMPARE(c.ws->keys().list(QStringLiteral("payments"))->size(), 1);
        QCOMPARE(c.ws->keys().list(QStringLiteral("payments"))->front().keyType, QStringLiteral("RSA 4096"));
    }

    // The token studio end to end: mint, copy, paste into the inspector, read the verdict.
    void mintCopyInspectVerdict()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(QStringLiteral("payments"), Algorithm::EdDSA));
        c.find<ProjectPage>("projectPage")->showTab(ProjectPage::Tab::Mint);
        c.find<QLineEdit>("mintSubjectLineEdit")->setText(QStringLiteral("user-1"));
        c.find<QCheckBox>("mintOneTimeCheckBox")->setChecked(true);
        c.find<QPushButton>("mintPushButton")->click();
        QTRY_VERIFY(c.find<QPushButton>("mintCopyTokenPushButton")->isEnabled()); // once recorded
        c.find<QPushButton>("mintCopyTokenPushButton")->click();
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied.count(QLatin1Char('.')), 2);
        c.find<QAction>("pasteTokenAction")->trigger();
        auto* inspector = c.window->findChild<InspectorView*>();
        QVERIFY(inspector->isVisible());
        QCOMPARE(inspector->inspection().token(), copied);
        // Verified as pasted; consuming is the deliberate second button.
        QVERIFY(c.find<QLabel>("verdictLabel")->text().contains(QStringLiteral("✓ VALID")));
        c.find<QPushButton>("verifyAndConsumePushButton")->click();
        QVERIFY(c.find<QLabel>("verdictLabel")->text().contains(QStringLiteral("✓ VALID")));
        c.find<QPushButton>("verifyAndConsumePushButton")->click();
        QVERIFY(c.find<QLabel>("verdictLabel")->text().contains(QStringLiteral("INVALID")));
        QVERIFY(c.find<QListWidget>("checksList")->item(0)->text().contains(QStringLiteral("already used")));
        // And the ledger says so.
        QCOMPARE(c.ws->tokens().list(QStringLiteral("payments"))->front().consumedAt.has_value(), true);
    }

    void apiKeySecretIsShownOnce()
    {
        Console c;
        QString secret, id;
        whenModal([&](QWidget* dialog) {
            dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyNameLineEdit"))->setText(QStringLiteral("checkout"));
            whenModal([&](QWidget* secretDialog) {
                secret = secretDialog->findChild<QLineEdit*>(QStringLiteral("apiKeySecretLineEdit"))->text();
                id = secretDialog->findChild<QLineEdit*>(QStringLiteral("apiKeyIdLineEdit"))->text();
                clickButton(secretDialog, QStringLiteral("I have stored it"));
            });
            dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        });
        c.find<QAction>("newApiKeyAction")->trigger();
        QTRY_VERIFY(!secret.isEmpty());
        QVERIFY(c.ws->apiKeys().authenticate(id, secret));
        auto* table = c.find<QTableView>("apiKeysTableView");
        QCOMPARE(table->model()->rowCount(), 1);
        for (int column = 0; column < table->model()->columnCount(); ++column)
            QVERIFY(!table->model()->index(0, column).data().toString().contains(secret));

        table->selectRow(0);
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("&Yes")); });
        c.find<QPushButton>("revokeApiKeyPushButton")->click();
        QTRY_COMPARE(table->model()->index(0, 6).data().toString(), QStringLiteral("revoked"));
        QVERIFY(!c.ws->apiKeys().authenticate(id, secret));
    }

    void lockDropsTheWorkspaceUntilThePassphrase()
    {
        Console c(QByteArray("correct horse"));
        QVERIFY(c.find<QAction>("lockAction")->isEnabled());
        c.window->lock();
        QVERIFY(c.window->isLocked());
        QVERIFY(!c.window->console());
        QVERIFY(!c.find<ProjectPage>("projectPage"));
        QVERIFY(!c.find<QAction>("generateKeyAction")->isEnabled());
        auto* passphrase = c.find<QLineEdit>("unlockLineEdit");
        passphrase->setText(QStringLiteral("wrong"));
        c.find<QPushButton>("unlockPushButton")->click();
        QVERIFY(c.window->isLocked());
        // On a team workspace (members) the message also names the member.
        QVERIFY(c.find<QLabel>("unlockErrorLabel")->text().startsWith(QStringLiteral("wrong passphrase")));
        QVERIFY(passphrase->text().isEmpty());
        passphrase->setText(QStringLiteral("correct horse"));
        c.find<QPushButton>("unlockPushButton")->click();
        QVERIFY(!c.window->isLocked());
        QTRY_COMPARE(c.find<ProjectPage>("projectPage")->project(), QStringLiteral("payments"));
        QVERIFY(c.window->workspace().projects().get(QStringLiteral("payments")));
    }

    void autoLockFollowsThePreference()
    {
        Console c(QByteArray("pass"));
        auto* idle = c.find<QTimer>("idleTimer");
        c.settings->setValue(AppSettings::Key::AutoLockMinutes, 5);
        c.window->applyAutoLock();
        QVERIFY(idle->isActive());
        QCOMPARE(idle->interval(), 5 * 60 * 1000);
        c.settings->setValue(AppSettings::Key::AutoLockMinutes, 0);
        c.window->applyAutoLock();
        QVERIFY(!idle->isActive());
        // An unprotected workspace has nothing to lock with.
        Console open;
        QVERIFY(!open.find<QAction>("lockAction")->isEnabled());
        open.window->lock();
        QVERIFY(!open.window->isLocked());
    }

    void renameAndDeleteFromTheSidebar()
    {
        Console c;
        whenModal([](QWidget* dialog) {
            dialog->findChild<QLineEdit*>()->setText(QStringLiteral("Payments (EU)"));
            qobject_cast<QDialog*>(dialog)->accept();
        });
        c.window->console()->renameProject();
        QTRY_COMPARE(c.ws->projects().get(QStringLiteral("payments"))->name, QStringLiteral("Payments (EU)"));
        QCOMPARE(c.find<QListView>("projectListView")->model()->index(0, 0).data().toString(),
                 QStringLiteral("Payments (EU)"));
        // Deleting asks first; Cancel keeps the project.
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("&Cancel")); });
        c.window->console()->deleteProject();
        QVERIFY(c.ws->projects().get(QStringLiteral("payments")));
        whenModal([](QWidget* box) { clickButton(box, QStringLiteral("&Yes")); });
        c.window->console()->deleteProject();
        QTRY_VERIFY(!c.ws->projects().get(QStringLiteral("payments")));
        QTRY_COMPARE(c.find<QListView>("projectListView")->model()->rowCount(), 0);
        QVERIFY(!c.find<QAction>("generateKeyAction")->isEnabled());
    }

    void createWorkspaceDialogNeedsAPassphraseOrAnExplicitNo()
    {
        CreateWorkspaceDialog dialog(QStringLiteral("/tmp/x.signet"));
        auto* create = dialog.findChild<QPushButton*>(QStringLiteral("createPushButton"));
        auto* problem = dialog.findChild<QLabel*>(QStringLiteral("problemLabel"));
        auto* passphrase = dialog.findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit"));
        auto* confirm = dialog.findChild<QLineEdit*>(QStringLiteral("confirmLineEdit"));
        QVERIFY(!create->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("Choose a passphrase")));
        passphrase->setText(QStringLiteral("one"));
        confirm->setText(QStringLiteral("two"));
        QVERIFY(!create->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("do not match")));
        confirm->setText(QStringLiteral("one"));
        QVERIFY(create->isEnabled());
        QCOMPARE(*dialog.passphrase(), QByteArray("one"));
        dialog.findChild<QCheckBox*>(QStringLiteral("unprotectedCheckBox"))->setChecked(true);
        QVERIFY(create->isEnabled());
        QVERIFY(!passphrase->isEnabled());
        QVERIFY(problem->text().contains(QStringLiteral("Unprotected")));
        QVERIFY(!dialog.passphrase());
        dialog.findChild<QLineEdit*>(QStringLiteral("pathLineEdit"))->clear();
        QVERIFY(!create->isEnabled());

        UnlockDialog unlock(QStringLiteral("/tmp/x.signet"));
        unlock.showError(QStringLiteral("wrong passphrase"));
        QCOMPARE(unlock.findChild<QLabel*>(QStringLiteral("errorLabel"))->text(), QStringLiteral("wrong passphrase"));
    }

    void newProjectFromTheSidebar()
    {
        Console c;
        whenModal([](QWidget* dialog) {
            dialog->findChild<QLineEdit*>(QStringLiteral("projectIdLineEdit"))->setText(QStringLiteral("video-rooms"));
            dialog->findChild<QLineEdit*>(QStringLiteral("projectNameLineEdit"))
                ->setText(QStringLiteral("Video rooms"));
            dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        });
        c.find<QPushButton>("newProjectPushButton")->click();
        QTRY_COMPARE(c.find<QListView>("projectListView")->model()->rowCount(), 2);
        QTRY_COMPARE(c.find<ProjectPage>("projectPage")->project(), QStringLiteral("video-rooms"));
        QCOMPARE(c.ws->projects().get(QStringLiteral("video-rooms"))->issuer,
                 QStringLiteral("https://signet.local/p/video-rooms"));

        // A bad id is explained as it is typed, and Create waits for a good one.
        QString warning;
        bool createEnabled = true;
        whenModal([&](QWidget* dialog) {
            dialog->findChild<QLineEdit*>(QStringLiteral("projectIdLineEdit"))->setText(QStringLiteral("Not A Slug"));
            warning = dialog->findChild<QLabel*>(QStringLiteral("problemLabel"))->text();
            createEnabled = dialog->findChild<QPushButton*>(QStringLiteral("createProjectPushButton"))->isEnabled();
            qobject_cast<QDialog*>(dialog)->reject();
        });
        c.find<QPushButton>("newProjectPushButton")->click();
        QTRY_VERIFY(!warning.isEmpty());
        QVERIFY(warning.contains(QStringLiteral("not a project id")));
        QVERIFY(!createEnabled);
        QCOMPARE(c.ws->projects().list()->size(), 2);
    }

private:
    EnglishPlurals m_plurals;
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
