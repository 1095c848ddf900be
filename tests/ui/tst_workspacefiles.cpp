// The File menu's workspaces, driven as a user does: New workspace… (Ctrl+Shift+N), Open workspace…
// (Ctrl+O), Open recent (files gone are pruned, with a message), Lock and the unlock screen's switch,
// and the lock file that warns a second Signet window, in this process or another (the CLI takes none).

#include "ConsoleDriver.h"

#include "AppSettings.h"
#include "ConsoleView.h"
#include "WorkspaceLock.h"
#include "pages/ProjectPage.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QSysInfo>
#include <QTabWidget>

using namespace Signet;
using namespace Signet::Test;

namespace {

// Another workspace file with one project, as another team's or a colleague's would be.
QString makeWorkspace(const QString& path, const Clock& clock, std::optional<QByteArray> passphrase = std::nullopt)
{
    auto created = Workspace::create(path, std::move(passphrase), Actor::Cli, clock, WorkspaceFixture::cheapKdf());
    if (!created)
        qFatal("cannot create %s: %s", qPrintable(path), qPrintable(created.error().message));
    Project project;
    project.id = QStringLiteral("video-rooms");
    if (!(*created)->projects().create(project))
        qFatal("no project");
    return (*created)->path();
}

// Open workspace… will be answered with `path` (the file dialog is Qt's; what follows is ours), and
// the next modal dialog handed to `next` (if any).
void chooseFile(Console& c, const QString& path, std::function<void(QWidget*)> next = {})
{
    c.window->setFileChooser([path](QWidget*, const QString&) { return path; });
    if (next)
        whenModal(std::move(next));
}

// Every status-bar message shown while the spy listened (hovering a toolbar button clears the bar).
bool saidInStatusBar(const QSignalSpy& spy, const QString& text)
{
    for (const QList<QVariant>& message : spy) {
        if (message.value(0).toString().contains(text))
            return true;
    }
    return false;
}

QString lockFileOf(const QString& path)
{
    return WorkspaceLock::lockPath(path);
}

// How the other workspace is asked for: Ctrl+O and its file dialog, or File → Open recent.
enum class Switch
{
    OpenWorkspace,
    OpenRecent
};

// Types a new issuer into the Settings tab of the project shown, without saving it.
void editIssuerUnsaved(Console& c, const QString& issuer)
{
    c.window->console()->projectPage()->showTab(ProjectPage::Tab::Settings);
    auto* field = c.find<QLineEdit>("issuerLineEdit");
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, issuer);
    QVERIFY(!c.find<QLabel>("settingsUnsavedLabel")->isHidden());
}

// Asks for `other` the way `how` says, the unsaved-settings question answered with `answer`; returns
// the question's name ("" when none was asked).
QString switchTo(Console& c, Switch how, const QString& other, const QString& answer)
{
    auto asked = std::make_shared<QString>();
    // Once this returns, a reply still waiting for a question never asked answers nothing (it would
    // otherwise answer the next test's question).
    auto done = std::make_shared<bool>(false);
    auto reply = [asked, answer, done](QWidget* box) {
        if (*done)
            return;
        *asked = box->objectName();
        clickButton(box, answer);
    };
    if (how == Switch::OpenWorkspace) {
        chooseFile(c, other, reply);
        c.press(Qt::CTRL | Qt::Key_O);
    } else {
        c.settings->setValue(AppSettings::Key::RecentWorkspaces, QStringList{other, c.fixture.path()});
        auto* recent = c.find<QMenu>("recentWorkspacesMenu");
        Q_EMIT recent->aboutToShow(); // read as it opens
        QAction* entry = recent->actions().value(0);
        if (!entry || entry->data().toString() != other) {
            qWarning("Open recent does not list %s first", qPrintable(other));
            *done = true;
            return {};
        }
        whenModal(reply);
        entry->trigger();
    }
    if (!QTest::qWaitFor([] { return !QApplication::activeModalWidget(); }, 5000))
        qWarning("a dialog is still open");
    *done = true;
    return *asked;
}

} // namespace

class WorkspaceFilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Ctrl+O: the other file opens in this window, which takes its lock file; leaving it releases it.
    void openWorkspaceSwitchesTheWindow()
    {
        Console c;
        QSignalSpy status(c.window->statusBar(), &QStatusBar::messageChanged);
        const QString other = makeWorkspace(c.fixture.folder.filePath(QStringLiteral("other.signet")), c.fixture.clock);
        chooseFile(c, other);
        c.press(Qt::CTRL | Qt::Key_O);
        QCOMPARE(c.window->workspace().path(), other);
        QVERIFY(c.window->windowTitle().contains(QStringLiteral("other.signet")));
        QCOMPARE(c.window->console()->currentProject(), QStringLiteral("video-rooms"));
        QVERIFY(QFileInfo::exists(lockFileOf(other)));
        QCOMPARE(c.settings->string(AppSettings::Key::LastWorkspace), other);
        QCOMPARE(c.settings->value(AppSettings::Key::RecentWorkspaces).toStringList().value(0), other);
        QVERIFY(saidInStatusBar(status, QStringLiteral("Opened ") + other));

        // The same file again: nothing to switch to.
        chooseFile(c, other);
        c.press(Qt::CTRL | Qt::Key_O);
        QVERIFY(saidInStatusBar(status, QStringLiteral("other.signet is the workspace open in this window")));

        // Back to the first one: the other file's lock goes with it.
        chooseFile(c, c.fixture.path());
        c.press(Qt::CTRL | Qt::Key_O);
        QCOMPARE(c.window->workspace().path(), c.fixture.path());
        QVERIFY(!QFileInfo::exists(lockFileOf(other)));
        c.window.reset();
        QVERIFY(!QFileInfo::exists(lockFileOf(c.fixture.path())));
    }

    // A file that is not a workspace is refused with the reason, and the current one stays.
    void aFileThatIsNotAWorkspaceIsRefused()
    {
        Console c;
        const QString junk = c.fixture.folder.filePath(QStringLiteral("notes.signet"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some notes, not SQLite");
        file.close();
        QString said;
        chooseFile(c, junk, [&](QWidget* box) {
            said = qobject_cast<QMessageBox*>(box) ? qobject_cast<QMessageBox*>(box)->text() : QString();
            clickButton(box, QStringLiteral("OK"));
        });
        c.press(Qt::CTRL | Qt::Key_O);
        QVERIFY2(said.startsWith(QStringLiteral("Cannot open ")), qPrintable(said));
        QCOMPARE(c.window->workspace().path(), c.fixture.path());
        QVERIFY(!QFileInfo::exists(lockFileOf(junk)));
        QVERIFY(c.window->console());
    }

    // A wrong passphrase asks again with the reason; Cancel keeps the current workspace.
    void aProtectedWorkspaceAsksForItsPassphrase()
    {
        Console c;
        const QString other = makeWorkspace(c.fixture.folder.filePath(QStringLiteral("team.signet")), c.fixture.clock,
                                            QByteArray("correct horse"));
        QString error;
        chooseFile(c, other, [&](QWidget* dialog) {
            if (dialog->objectName() != QLatin1String("unlockDialog")) {
                qWarning("expected the unlock dialog");
                dialog->close();
                return;
            }
            whenModal([&](QWidget* again) {
                error = again->findChild<QLabel*>(QStringLiteral("errorLabel"))->text();
                clickButton(again, QStringLiteral("Cancel"));
            });
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit")),
                             QStringLiteral("wrong"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("unlockPushButton")), Qt::LeftButton);
        });
        c.press(Qt::CTRL | Qt::Key_O);
        QVERIFY2(!error.isEmpty(), "a wrong passphrase says why");
        QCOMPARE(c.window->workspace().path(), c.fixture.path());
        QVERIFY(!QFileInfo::exists(lockFileOf(other)));

        chooseFile(c, other, [](QWidget* dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit")),
                             QStringLiteral("correct horse"));
            QTest::keyClick(dialog, Qt::Key_Return);
        });
        c.press(Qt::CTRL | Qt::Key_O);
        QCOMPARE(c.window->workspace().path(), other);
        QVERIFY(c.find<QAction>("lockAction")->isEnabled());
        QCOMPARE(c.find<QLabel>("protectionLabel")->text(), QStringLiteral("Protected workspace"));
    }

    // Ctrl+Shift+N: a file that exists is not overwritten (the dialog keeps what was typed); a new
    // one is created and opened.
    void newWorkspaceIsCreatedAndOpened()
    {
        Console c;
        const QString fresh = c.fixture.folder.filePath(QStringLiteral("fresh.signet"));
        QString refusal, keptPath;
        whenModal([&](QWidget* dialog) {
            if (dialog->objectName() != QLatin1String("createWorkspaceDialog")) {
                qWarning("expected the create dialog");
                dialog->close();
                return;
            }
            auto* path = dialog->findChild<QLineEdit*>(QStringLiteral("pathLineEdit"));
            path->selectAll();
            QTest::keyClicks(path, c.fixture.path());
            QTest::mouseClick(dialog->findChild<QCheckBox*>(QStringLiteral("unprotectedCheckBox")), Qt::LeftButton);
            whenModal([&](QWidget* box) {
                refusal = qobject_cast<QMessageBox*>(box)->text();
                whenModal([&](QWidget* again) {
                    auto* pathAgain = again->findChild<QLineEdit*>(QStringLiteral("pathLineEdit"));
                    keptPath = pathAgain->text();
                    pathAgain->selectAll();
                    QTest::keyClicks(pathAgain, fresh);
                    QTest::mouseClick(again->findChild<QPushButton*>(QStringLiteral("createPushButton")),
                                      Qt::LeftButton);
                });
                clickButton(box, QStringLiteral("OK"));
            });
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("createPushButton")), Qt::LeftButton);
        });
        c.press(Qt::CTRL | Qt::SHIFT | Qt::Key_N);
        QVERIFY2(refusal.contains(QStringLiteral("not created")), qPrintable(refusal));
        QCOMPARE(keptPath, c.fixture.path());
        QCOMPARE(c.window->workspace().path(), fresh);
        QVERIFY(c.window->console()->currentProject().isEmpty());
        QVERIFY(!c.find<QAction>("lockAction")->isEnabled()); // unprotected: nothing to lock with
        QVERIFY(QFileInfo::exists(lockFileOf(fresh)));
        // The first workspace is untouched.
        QCOMPARE(c.otherProcess()->projects().list()->size(), 1);
    }

    // Open recent lists the files opened, newest first; a file gone is pruned with a message.
    void openRecentPrunesFilesThatHaveGone()
    {
        Console c;
        const QString other = makeWorkspace(c.fixture.folder.filePath(QStringLiteral("other.signet")), c.fixture.clock);
        const QString gone = c.fixture.folder.filePath(QStringLiteral("gone.signet"));
        c.settings->setValue(AppSettings::Key::RecentWorkspaces, QStringList{other, gone, c.fixture.path()});

        // Alt+F, then R for Open recent: the menu is read as it opens.
        QSignalSpy status(c.window->statusBar(), &QStatusBar::messageChanged);
        auto* recent = c.find<QMenu>("recentWorkspacesMenu");
        c.press(Qt::ALT | Qt::Key_F);
        QTRY_VERIFY(c.find<QMenu>("fileMenu")->isVisible());
        QTest::keyClick(c.find<QMenu>("fileMenu"), Qt::Key_R);
        QTRY_VERIFY(recent->isVisible());
        QStringList listed;
        for (QAction* action : recent->actions())
            listed.append(action->data().toString());
        QCOMPARE(listed, (QStringList{other, c.fixture.path()}));
        QVERIFY(saidInStatusBar(status, QStringLiteral("Removed from Open recent, no longer there: ") + gone));
        QCOMPARE(c.settings->value(AppSettings::Key::RecentWorkspaces).toStringList(),
                 (QStringList{other, c.fixture.path()}));

        // Chosen with the mouse: it opens and moves to the top.
        QTest::mouseClick(recent, Qt::LeftButton, {}, recent->actionGeometry(recent->actions().first()).center());
        QTRY_COMPARE(c.window->workspace().path(), other);
        QCOMPARE(c.settings->value(AppSettings::Key::RecentWorkspaces).toStringList().first(), other);

        // A file deleted after the menu was read: a message, and it leaves the list.
        QVERIFY(QFile::remove(c.fixture.path()));
        QString said;
        whenModal([&](QWidget* box) {
            said = qobject_cast<QMessageBox*>(box)->text();
            clickButton(box, QStringLiteral("OK"));
        });
        c.window->openWorkspaceFile(c.fixture.path());
        QVERIFY2(said.contains(QStringLiteral("no longer exists")), qPrintable(said));
        QCOMPARE(c.window->workspace().path(), other);
        QCOMPARE(c.settings->value(AppSettings::Key::RecentWorkspaces).toStringList(), QStringList{other});
    }

    // Ctrl+L drops the workspace; the unlock screen opens another file instead.
    void theUnlockScreenCanSwitchWorkspace()
    {
        Console c(QByteArray("passphrase"));
        const QString other = makeWorkspace(c.fixture.folder.filePath(QStringLiteral("other.signet")), c.fixture.clock);
        c.press(Qt::CTRL | Qt::Key_L);
        QVERIFY(c.window->isLocked());
        QVERIFY(!c.window->console());
        QVERIFY(c.find<QLineEdit>("unlockLineEdit")->isVisible());
        QVERIFY(c.find<QLabel>("lockTitleLabel")->text().contains(QStringLiteral("test.signet")));
        QVERIFY(!c.find<QAction>("newProjectAction")->isEnabled());

        chooseFile(c, other);
        QTest::mouseClick(c.find<QPushButton>("switchWorkspacePushButton"), Qt::LeftButton);
        QVERIFY(!c.window->isLocked());
        QCOMPARE(c.window->workspace().path(), other);
        QVERIFY(c.window->console()->isVisible());
        QVERIFY(c.find<QAction>("newProjectAction")->isEnabled());
        QCOMPARE(c.find<QLabel>("protectionLabel")->text(), QStringLiteral("Unprotected workspace"));
        QVERIFY(!c.find<QAction>("lockAction")->isEnabled());
    }

    // A second Signet window opening a file another window has open is warned (with that window's
    // pid) and may open it anyway or cancel; the CLI opens and writes it without any warning.
    void aSecondWindowIsWarnedByTheLockFile()
    {
        Console first;
        const QString shared =
            makeWorkspace(first.fixture.folder.filePath(QStringLiteral("shared.signet")), first.fixture.clock);
        chooseFile(first, shared);
        first.press(Qt::CTRL | Qt::Key_O);
        QCOMPARE(first.window->workspace().path(), shared);
        QVERIFY(QFileInfo::exists(lockFileOf(shared)));

        {
            auto cli = Workspace::open(shared, {}, Actor::Cli, first.fixture.clock);
            QVERIFY(cli);
            Project project;
            project.id = QStringLiteral("from-the-cli");
            QVERIFY((*cli)->projects().create(project));
            QVERIFY(!QApplication::activeModalWidget());
        }

        Console second;
        QString warning;
        QString boxName;
        chooseFile(second, shared, [&](QWidget* box) {
            boxName = box->objectName();
            warning = qobject_cast<QMessageBox*>(box) ? qobject_cast<QMessageBox*>(box)->text() : QString();
            clickButton(box, QStringLiteral("Cancel"));
        });
        second.press(Qt::CTRL | Qt::Key_O);
        const QString expected = QStringLiteral("shared.signet is already open in another Signet window (pid %1)")
                                     .arg(QCoreApplication::applicationPid());
        QCOMPARE(boxName, QStringLiteral("workspaceInUseMessageBox"));
        QVERIFY2(warning.startsWith(expected), qPrintable(warning));
        QCOMPARE(second.window->workspace().path(), second.fixture.path());

        chooseFile(second, shared, [](QWidget* box) { clickButton(box, QStringLiteral("Open anyway")); });
        second.press(Qt::CTRL | Qt::Key_O);
        QCOMPARE(second.window->workspace().path(), shared);
        // The second window holds no lock of its own: once the first leaves the file, no lock remains.
        first.window.reset();
        QVERIFY(!QFileInfo::exists(lockFileOf(shared)));
    }

    // Opening another workspace (Ctrl+O or Open recent) with unsaved Settings asks first, as quitting
    // and switching project do: Cancel keeps this workspace and the edits, Discard drops the edits,
    // Save stores them; the other workspace opens after either.
    void switchingWorkspaceAsksAboutUnsavedSettings_data()
    {
        QTest::addColumn<Switch>("how");
        QTest::addColumn<QString>("answer");
        for (const auto& [how, name] : {std::pair{Switch::OpenWorkspace, "Ctrl+O"}, {Switch::OpenRecent, "recent"}}) {
            for (const char* answer : {"Cancel", "Discard", "Save"})
                QTest::addRow("%s, %s", name, answer) << how << QString::fromLatin1(answer);
        }
    }

    void switchingWorkspaceAsksAboutUnsavedSettings()
    {
        QFETCH(Switch, how);
        QFETCH(QString, answer);
        Console c;
        const QString first = c.fixture.path();
        const QString other = makeWorkspace(c.fixture.folder.filePath(QStringLiteral("other.signet")), c.fixture.clock);
        const QString issuer = QStringLiteral("https://auth.example.com/p/edited");
        editIssuerUnsaved(c, issuer);
        if (QTest::currentTestFailed())
            return;

        QCOMPARE(switchTo(c, how, other, answer), QStringLiteral("unsavedSettingsMessageBox"));
        if (answer == QLatin1String("Cancel")) {
            QCOMPARE(c.window->workspace().path(), first);
            QVERIFY(!QFileInfo::exists(lockFileOf(other)));
            QCOMPARE(c.find<QTabWidget>("projectTabWidget")->currentIndex(), int(ProjectPage::Tab::Settings));
            QCOMPARE(c.find<QLineEdit>("issuerLineEdit")->text(), issuer);
            QVERIFY(!c.find<QLabel>("settingsUnsavedLabel")->isHidden());
            QVERIFY(c.ws->projects().get(QStringLiteral("payments"))->issuer != issuer);
            return;
        }
        QCOMPARE(c.window->workspace().path(), other);
        QCOMPARE(c.window->console()->currentProject(), QStringLiteral("video-rooms"));
        // What the first workspace holds now, read as the CLI would.
        auto reopened = Workspace::open(first, {}, Actor::Cli, c.fixture.clock);
        QVERIFY(reopened);
        const QString stored = (*reopened)->projects().get(QStringLiteral("payments"))->issuer;
        if (answer == QLatin1String("Save"))
            QCOMPARE(stored, issuer);
        else
            QVERIFY(stored != issuer);

        // Back to the first one: the Settings tab shows what is stored, with nothing unsaved.
        QCOMPARE(switchTo(c, how, first, QStringLiteral("Cancel")), QString());
        QCOMPARE(c.window->workspace().path(), first);
        c.window->console()->projectPage()->showTab(ProjectPage::Tab::Settings);
        QCOMPARE(c.find<QLineEdit>("issuerLineEdit")->text(), stored);
        QVERIFY(c.find<QLabel>("settingsUnsavedLabel")->isHidden());
    }

    // The same with two processes, as a person runs two windows: a Signet GUI started on its own
    // (offscreen) holds the lock; this window is warned with that process's pid and may cancel. Once
    // that process is killed (its lock file left behind, as after a crash) the file opens without a
    // question and its lock is taken over.
    void aSignetInAnotherProcessHoldsTheLock()
    {
        Console c;
        const QString shared =
            makeWorkspace(c.fixture.folder.filePath(QStringLiteral("shared.signet")), c.fixture.clock);
        QProcess other;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // Its own settings, so that it neither reads nor changes the user's.
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           c.fixture.folder.filePath(QStringLiteral("other-config")));
        other.setProcessEnvironment(environment);
        other.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        other.start(QStringLiteral(SIGNET_GUI_BINARY), {QStringLiteral("--workspace"), shared});
        QVERIFY2(other.waitForStarted(), qPrintable(other.errorString()));
        auto lockOwner = [&] {
            QFile lock(lockFileOf(shared));
            return lock.open(QIODevice::ReadOnly) ? lock.readLine().trimmed().toLongLong() : 0;
        };
        QTRY_COMPARE_WITH_TIMEOUT(lockOwner(), other.processId(), 20000);

        QString warning;
        chooseFile(c, shared, [&](QWidget* box) {
            warning = qobject_cast<QMessageBox*>(box) ? qobject_cast<QMessageBox*>(box)->text() : box->objectName();
            clickButton(box, QStringLiteral("Cancel"));
        });
        c.press(Qt::CTRL | Qt::Key_O);
        const QString expected =
            QStringLiteral("shared.signet is already open in another Signet window (pid %1)").arg(other.processId());
        QVERIFY2(warning.startsWith(expected), qPrintable(warning));
        QCOMPARE(c.window->workspace().path(), c.fixture.path());
        QCOMPARE(lockOwner(), other.processId());

        other.kill(); // no chance to remove its lock file
        QVERIFY(other.waitForFinished());
        QVERIFY(QFileInfo::exists(lockFileOf(shared)));
        auto asked = std::make_shared<QString>();
        chooseFile(c, shared);
        whenModal(
            [asked](QWidget* box) {
                *asked = box->objectName();
                box->close();
            },
            50);
        c.press(Qt::CTRL | Qt::Key_O);
        QVERIFY2(asked->isEmpty(), qPrintable(*asked));
        QCOMPARE(c.window->workspace().path(), shared);
        QCOMPARE(lockOwner(), QCoreApplication::applicationPid());
        QTest::qWait(600); // the reply above, had it been called, is gone before the next test
    }

    // A lock file left by a Signet that died is taken over without a question.
    void aStaleLockIsTakenOver()
    {
        Console c;
        const QString other = makeWorkspace(c.fixture.folder.filePath(QStringLiteral("other.signet")), c.fixture.clock);
        QProcess gone;
        gone.start(QStringLiteral("true"), {});
        QVERIFY(gone.waitForStarted());
        const qint64 pid = gone.processId();
        QVERIFY(gone.waitForFinished());
        QFile stale(lockFileOf(other));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write(QStringLiteral("%1\nsignet\n%2\n").arg(pid).arg(QSysInfo::machineHostName()).toUtf8());
        stale.close();
        chooseFile(c, other);
        auto asked = std::make_shared<QString>();
        whenModal(
            [asked](QWidget* box) {
                *asked = box->objectName();
                box->close();
            },
            50);
        c.press(Qt::CTRL | Qt::Key_O);
        QVERIFY2(asked->isEmpty(), qPrintable(*asked));
        QCOMPARE(c.window->workspace().path(), other);
        QFile taken(lockFileOf(other));
        QVERIFY(taken.open(QIODevice::ReadOnly));
        QCOMPARE(taken.readLine().trimmed().toLongLong(), QCoreApplication::applicationPid());
    }
};

QTEST_MAIN(WorkspaceFilesTest)
#include "tst_workspacefiles.moc"
