#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;
class QTimer;
class QToolBar;

namespace Signet {

class AppSettings;
class Clock;
class ConsoleView;
class ServerPanel;
class Workspace;
class WorkspaceLock;
namespace WorkspaceOpening {
struct Opened;
}

// The Signet console's window: menus, toolbar, status bar, and either the unlocked workspace's
// console or the lock screen. Locking drops the workspace (and its data key) from memory.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(std::unique_ptr<Workspace> workspace, AppSettings& settings, const Clock& clock,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] Workspace& workspace() const { return *m_workspace; }
    [[nodiscard]] bool isLocked() const { return !m_workspace; }
    [[nodiscard]] ConsoleView* console() const { return m_console; }
    [[nodiscard]] ServerPanel* serverPanel() const { return m_serverPanel; }
    void selectProject(const QString& projectId);
    // The lock file that tells other Signet windows this one has the workspace open (start-up takes
    // it before the window exists); released when the window closes or opens another workspace.
    void adoptFileLock(std::unique_ptr<WorkspaceLock> lock);
    // Where Open workspace… asks for a file (a QFileDialog unless replaced): returns the file, or
    // empty when cancelled. Tests answer it without the platform's dialog.
    using FileChooser = std::function<QString(QWidget* parent, const QString& folder)>;
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }

public Q_SLOTS:
    void lock();
    // Opens the workspace again with the passphrase typed on the lock screen.
    void unlock();
    void showStatus(const QString& message);
    // File menu: another workspace in this window, once unsaved settings are settled. The current one
    // stays when the new one is not opened (cancelled, wrong passphrase, declined lock warning).
    void newWorkspace();
    void openWorkspace(); // asks for the file
    void openWorkspaceFile(const QString& path);
    // Asks for a team workspace on PostgreSQL (`suggested`: a URL without password to start from).
    void openTeamWorkspace(const QString& suggested = {});
    // Re-reads the auto-lock delay from the settings (after the preferences change).
    void applyAutoLock();

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // The Keys menu's actions that the toolbar shows too.
    struct KeyActions
    {
        QAction* generate = nullptr;
        QAction* rotate = nullptr;
        QAction* exportJwks = nullptr;
    };

    void createLockPage();
    void createProtectionLabel();
    // A team workspace's connection in the status bar: connected, or lost and when it tries again.
    void createTeamLabel();
    void updateTeamLabel();
    void rebuildRecentMenu();
    // Whether the current workspace may be left: unsaved settings are asked about.
    bool mayLeaveWorkspace();
    // Drops the console and the workspace (and its data key) from memory.
    void dropConsole();
    void showOpened(WorkspaceOpening::Opened opened);
    void createActions();
    void createFileMenu();
    // Returns "New project", which the toolbar shows too.
    QAction* createProjectMenu();
    KeyActions createKeysMenu();
    void createTokensMenu();
    void createViewMenu();
    void createHelpMenu();
    // One toolbar; a separator between the groups.
    QToolBar* createToolBar(const QList<QList<QAction*>>& groups);
    void showConsole();
    // The lock screen names the workspace, and the member whose passphrase it asks for.
    void describeLockScreen();
    void setProjectShown(bool shown);
    // Enables what works on the shown project: a project action needs one, rotating a key to rotate to.
    void updateProjectActions();

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkspaceLock> m_fileLock;
    FileChooser m_chooseFile;
    QString m_path;     // for people: a file, or a team workspace's URL without its password
    QString m_location; // what opens it again (a team workspace's URL with its password): memory only
    bool m_protected = false;
    QString m_member; // who opened it, where it has members: unlocking opens as them again
    AppSettings& m_settings;
    const Clock& m_clock;
    QStackedWidget* m_central;
    QWidget* m_lockPage;
    QLabel* m_lockTitleLabel;
    QLineEdit* m_unlockLineEdit;
    QLabel* m_unlockErrorLabel;
    ConsoleView* m_console = nullptr;
    ServerPanel* m_serverPanel;
    QLabel* m_protectionLabel;
    QLabel* m_teamLabel = nullptr;
    QTimer* m_teamCountdown = nullptr;
    QTimer* m_idleTimer;
    QAction* m_lockAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QString m_recentNote; // which recent files were pruned: said again once the menu closes
    QAction* m_rotateAction = nullptr;
    bool m_projectShown = false;
    QList<QAction*> m_projectActions;
    QList<QAction*> m_workspaceActions;
};

} // namespace Signet
