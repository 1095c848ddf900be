// File → Open team workspace…, driven as a user does against a private PostgreSQL cluster: the
// dialog shows the URL without the password, a protected team workspace asks for its passphrase,
// the status bar says the team connection's state, another member's change appears live, and the
// password is never kept in the settings (Open recent lists the URL without it).

#include "ConsoleDriver.h"

#include "AppSettings.h"
#include "ConsoleView.h"
#include "dialogs/TeamWorkspaceDialog.h"
#include "support/PostgresCluster.h"
#include "workspace/ConnectionKeeper.h"
#include "workspace/WorkspaceInternals.h"
#include "workspace/WorkspaceWatcher.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPassword = QStringLiteral("pw-never-kept-7731");

// Saves what a person would see, when SIGNET_UI_SHOTS names a folder (for looking at the layout).
void shoot(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("SIGNET_UI_SHOTS");
    if (!folder.isEmpty())
        widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TeamWorkspaceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_cluster = PostgresCluster::start(error);
        QVERIFY2(m_cluster, qPrintable(error));
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("team"), error), qPrintable(error));
        auto created = Workspace::create(m_cluster->url(QStringLiteral("team")), QByteArray("team passphrase"),
                                         Actor::Cli, SystemClock::instance(), WorkspaceFixture::cheapKdf());
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        Project project;
        project.id = QStringLiteral("video-rooms");
        QVERIFY((*created)->projects().create(project));
    }

    void openTeamWorkspaceFromTheFileMenu()
    {
        Console c;
        const QString display =
            QStringLiteral("postgresql://signet@127.0.0.1:%1/team?sslmode=disable").arg(m_cluster->port());
        auto seenUrl = std::make_shared<QString>();
        whenModal([this, seenUrl](QWidget* dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("teamWorkspaceDialog"));
            auto* open = dialog->findChild<QPushButton*>(QStringLiteral("openPushButton"));
            QVERIFY(!open->isEnabled()); // nothing to connect to yet
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("hostLineEdit")), PostgresCluster::host());
            dialog->findChild<QSpinBox*>(QStringLiteral("portSpinBox"))->setValue(m_cluster->port());
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("databaseLineEdit")), QStringLiteral("team"));
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("userLineEdit")), PostgresCluster::user());
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")), kPassword);
            auto* ssl = dialog->findChild<QComboBox*>(QStringLiteral("sslModeComboBox"));
            ssl->setCurrentIndex(ssl->findText(QStringLiteral("disable")));
            *seenUrl = dialog->findChild<QLineEdit*>(QStringLiteral("urlLineEdit"))->text();
            shoot(dialog, QStringLiteral("team-dialog"));
            QVERIFY(open->isEnabled());
            // Next: the team workspace's passphrase.
            whenModal([](QWidget* unlock) {
                QCOMPARE(unlock->objectName(), QStringLiteral("unlockDialog"));
                QTest::keyClicks(unlock->findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit")),
                                 QStringLiteral("team passphrase"));
                clickButton(unlock, QStringLiteral("Unlock"));
            });
            open->click();
        });
        c.window->findChild<QAction*>(QStringLiteral("openTeamWorkspaceAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!QApplication::activeModalWidget(), 10000);

        QCOMPARE(*seenUrl, display);
        QCOMPARE(c.window->workspace().path(), display);
        QVERIFY2(c.window->windowTitle().contains(QStringLiteral("127.0.0.1/team")),
                 qPrintable(c.window->windowTitle()));
        QCOMPARE(c.window->console()->currentProject(), QStringLiteral("video-rooms"));
        auto* team = c.find<QLabel>("teamConnectionLabel");
        QVERIFY(team);
        QCOMPARE(team->text(), QStringLiteral("Team workspace · connected to 127.0.0.1/team"));
        QVERIFY(c.window->console()->watcher()->isNotified());

        // Open recent keeps the URL without the password; nothing in the settings holds it.
        QCOMPARE(c.settings->value(AppSettings::Key::RecentWorkspaces).toStringList().value(0), display);
        auto* recent = c.find<QMenu>("recentWorkspacesMenu");
        Q_EMIT recent->aboutToShow();
        QCOMPARE(recent->actions().value(0)->text(), display);

        // Another member adds a project: it appears without a refresh.
        auto member = Workspace::open(m_cluster->url(QStringLiteral("team")), "team passphrase", Actor::Cli,
                                      SystemClock::instance());
        QVERIFY(member);
        Project project;
        project.id = QStringLiteral("billing");
        QVERIFY((*member)->projects().create(project));
        QTRY_VERIFY_WITH_TIMEOUT(projectListed(c, project.id), 1000);
        shoot(c.window.get(), QStringLiteral("team-window"));

        // Locked and unlocked again: the passphrase reopens it (the password was kept in memory).
        c.window->lock();
        QVERIFY(c.window->isLocked());
        QVERIFY(!c.window->findChild<QLabel*>(QStringLiteral("teamConnectionLabel")));
        QTest::keyClicks(c.find<QLineEdit>("unlockLineEdit"), QStringLiteral("team passphrase"));
        c.window->unlock();
        QVERIFY2(!c.window->isLocked(), qPrintable(c.find<QLabel>("unlockErrorLabel")->text()));

        // The server ends the console's session: the status bar says so, and it connects again.
        ConnectionKeeper* keeper = c.window->workspace().teamConnection();
        QSignalSpy states(keeper, &ConnectionKeeper::stateChanged);
        auto pid = workspaceDatabase(c.window->workspace()).scalar(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid);
        auto ended = workspaceDatabase(**member).scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), {*pid});
        QVERIFY(ended && ended->toBool());
        QTRY_VERIFY_WITH_TIMEOUT(states.size() >= 2, 5000);
        QCOMPARE(keeper->state(), ConnectionKeeper::State::Connected);
        QCOMPARE(c.find<QLabel>("teamConnectionLabel")->text(),
                 QStringLiteral("Team workspace · connected to 127.0.0.1/team"));

        // The server refuses new connections for a while: the status bar counts down to the next
        // try, and a statement says why it cannot run; once the server accepts again, it connects.
        const Database& admin = workspaceDatabase(**member);
        QVERIFY(allowConnections(false));
        pid = workspaceDatabase(c.window->workspace()).scalar(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid);
        QVERIFY(admin.scalar(QStringLiteral("SELECT pg_terminate_backend(?)"), {*pid}));
        auto* label = c.find<QLabel>("teamConnectionLabel");
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(QStringLiteral("Connection lost — reconnecting in")), 5000);
        shoot(c.window.get(), QStringLiteral("team-lost"));
        auto refused = c.window->workspace().projects().list();
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("the connection to the team workspace 127.0.0.1/team "
                                                                 "was lost; reconnecting")),
                 qPrintable(refused.error().message));
        QVERIFY(allowConnections(true));
        QTRY_VERIFY2_WITH_TIMEOUT(keeper->state() == ConnectionKeeper::State::Connected,
                                  qPrintable(QStringLiteral("retry in %1 ms: ").arg(keeper->retryIn().count()) +
                                             keeper->lastError().simplified()),
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Team workspace · connected to 127.0.0.1/team"), 10000);
        QVERIFY(c.window->workspace().projects().list());

        // Written out as the window closes: the password is nowhere in the settings file.
        c.window.reset();
        c.settings.reset();
        QFile stored(c.fixture.folder.filePath(QStringLiteral("settings.ini")));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray settings = stored.readAll();
        QVERIFY(settings.contains("127.0.0.1"));
        QVERIFY(!settings.contains(kPassword.toUtf8()));
    }

    // A workspace with members asks who is opening it: the name offered is the login name (or
    // SIGNET_MEMBER), another member types theirs, a wrong passphrase keeps the dialog and the name,
    // and the lock screen asks for the passphrase of whoever opened it.
    void eachMemberUnlocksAsThemselves()
    {
        const QString url = m_cluster->url(QStringLiteral("team"));
        {
            auto owner = Workspace::open(url, "team passphrase", Actor::Cli, SystemClock::instance());
            QVERIFY2(owner, owner ? "" : qPrintable(owner.error().message));
            auto invitation = (*owner)->members().invite(QStringLiteral("ana"));
            QVERIFY2(invitation, invitation ? "" : qPrintable(invitation.error().message));
            auto joined = Workspace::join(url, invitation->code, QByteArray("ana's passphrase"), Actor::Cli,
                                          SystemClock::instance(), WorkspaceFixture::cheapKdf());
            QVERIFY2(joined, joined ? "" : qPrintable(joined.error().message));
        }
        Console c;
        auto offered = std::make_shared<QString>();
        auto firstError = std::make_shared<QString>();
        auto emptyNameRefused = std::make_shared<bool>(false);
        whenModal([this, offered, firstError, emptyNameRefused](QWidget* dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("hostLineEdit")), PostgresCluster::host());
            dialog->findChild<QSpinBox*>(QStringLiteral("portSpinBox"))->setValue(m_cluster->port());
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("databaseLineEdit")), QStringLiteral("team"));
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("userLineEdit")), PostgresCluster::user());
            auto* ssl = dialog->findChild<QComboBox*>(QStringLiteral("sslModeComboBox"));
            ssl->setCurrentIndex(ssl->findText(QStringLiteral("disable")));
            whenModal([offered, firstError, emptyNameRefused](QWidget* unlock) {
                auto* member = unlock->findChild<QLineEdit*>(QStringLiteral("memberLineEdit"));
                QVERIFY(member);
                *offered = member->text();
                auto* button = unlock->findChild<QPushButton*>(QStringLiteral("unlockPushButton"));
                member->clear();
                *emptyNameRefused = !button->isEnabled();
                QTest::keyClicks(member, QStringLiteral("ana"));
                auto* passphrase = unlock->findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit"));
                QTest::keyClicks(passphrase, QStringLiteral("team passphrase")); // the owner's, not hers
                shoot(unlock, QStringLiteral("team-unlock-member"));
                // Refused: the same dialog comes back with the reason and her name.
                whenModal([firstError](QWidget* again) {
                    *firstError = again->findChild<QLabel*>(QStringLiteral("errorLabel"))->text();
                    shoot(again, QStringLiteral("team-unlock-member-refused"));
                    QCOMPARE(again->findChild<QLineEdit*>(QStringLiteral("memberLineEdit"))->text(),
                             QStringLiteral("ana"));
                    auto* field = again->findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit"));
                    field->clear();
                    QTest::keyClicks(field, QStringLiteral("ana's passphrase"));
                    clickButton(again, QStringLiteral("Unlock"));
                });
                button->click();
            });
            dialog->findChild<QPushButton*>(QStringLiteral("openPushButton"))->click();
        });
        c.window->findChild<QAction*>(QStringLiteral("openTeamWorkspaceAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!QApplication::activeModalWidget(), 10000);

        QCOMPARE(*offered, WorkspaceMembers::defaultName());
        QVERIFY(*emptyNameRefused);
        QVERIFY2(firstError->contains(QStringLiteral("wrong passphrase for member 'ana'")), qPrintable(*firstError));
        QCOMPARE(c.window->workspace().member(), QStringLiteral("ana"));

        // Locked: the screen says whose passphrase it wants, and unlocking keeps her.
        c.window->lock();
        QVERIFY(c.window->isLocked());
        QVERIFY(c.find<QLabel>("lockTitleLabel")->text().contains(QStringLiteral("Opened by ana")));
        auto* passphrase = c.find<QLineEdit>("unlockLineEdit");
        QCOMPARE(passphrase->placeholderText(), QStringLiteral("ana's passphrase"));
        shoot(c.window.get(), QStringLiteral("team-locked-member"));
        QTest::keyClicks(passphrase, QStringLiteral("team passphrase"));
        c.window->unlock();
        QVERIFY(c.window->isLocked());
        QVERIFY(
            c.find<QLabel>("unlockErrorLabel")->text().contains(QStringLiteral("wrong passphrase for member 'ana'")));
        QTest::keyClicks(passphrase, QStringLiteral("ana's passphrase"));
        c.window->unlock();
        QVERIFY2(!c.window->isLocked(), qPrintable(c.find<QLabel>("unlockErrorLabel")->text()));
        QCOMPARE(c.window->workspace().member(), QStringLiteral("ana"));
    }

    // A local server's socket folder typed as the host goes into the URL as libpq spells it
    // (?host=/DIR), and comes back into the Host field from a URL.
    void aSocketFolderIsAHost()
    {
        TeamWorkspaceDialog dialog;
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("hostLineEdit")),
                         QStringLiteral("/run/postgresql"));
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("databaseLineEdit")), QStringLiteral("team"));
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("userLineEdit")), QStringLiteral("ana"));
        QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("urlLineEdit"))->text(),
                 QStringLiteral("postgresql://ana@:5432/team?host=/run/postgresql"));
        QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("openPushButton"))->isEnabled());
        // A relative folder is neither a host name nor a socket: Open waits, and the reason shows.
        auto* host = dialog.findChild<QLineEdit*>(QStringLiteral("hostLineEdit"));
        host->setText(QStringLiteral("run/postgresql"));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("openPushButton"))->isEnabled());

        TeamWorkspaceDialog again;
        again.setLocation(QStringLiteral("postgresql://ana@:5433/team?host=/run/postgresql&sslmode=disable"));
        QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("hostLineEdit"))->text(),
                 QStringLiteral("/run/postgresql"));
        QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("portSpinBox"))->value(), 5433);
    }

    void cleanupTestCase() { m_cluster.reset(); }

private:
    // From another database: PostgreSQL does not let a connection close its own database.
    bool allowConnections(bool allow) const
    {
        QString error;
        m_cluster->run(QStringLiteral("psql"),
                       {QStringLiteral("-h"), PostgresCluster::host(), QStringLiteral("-p"),
                        QString::number(m_cluster->port()), QStringLiteral("-U"), PostgresCluster::user(),
                        QStringLiteral("-d"), QStringLiteral("postgres"), QStringLiteral("-c"),
                        QStringLiteral("ALTER DATABASE team ALLOW_CONNECTIONS %1")
                            .arg(allow ? QStringLiteral("true") : QStringLiteral("false"))},
                       error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }

    static bool projectListed(Console& c, const QString& id)
    {
        c.window->selectProject(id);
        return c.window->console()->currentProject() == id;
    }

    std::unique_ptr<PostgresCluster> m_cluster;
};

QTEST_MAIN(TeamWorkspaceTest)
#include "tst_teamworkspace.moc"
