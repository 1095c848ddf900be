#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTimer;
class QToolBar;

namespace Signet {

class AppSettings;
class Clock;
class ConsoleView;
class ServerPanel;
class Workspace;

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

public Q_SLOTS:
    void lock();
    // Opens the workspace again with the passphrase typed on the lock screen.
    void unlock();
    void showStatus(const QString& message);
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
    void setProjectShown(bool shown);
    // Enables what works on the shown project: a project action needs one, rotating a key to rotate to.
    void updateProjectActions();

    std::unique_ptr<Workspace> m_workspace;
    QString m_path;
    bool m_protected = false;
    AppSettings& m_settings;
    const Clock& m_clock;
    QStackedWidget* m_central;
    QWidget* m_lockPage;
    QLineEdit* m_unlockLineEdit;
    QLabel* m_unlockErrorLabel;
    ConsoleView* m_console = nullptr;
    ServerPanel* m_serverPanel;
    QLabel* m_protectionLabel;
    QTimer* m_idleTimer;
    QAction* m_lockAction = nullptr;
    QAction* m_rotateAction = nullptr;
    bool m_projectShown = false;
    QList<QAction*> m_projectActions;
    QList<QAction*> m_workspaceActions;
};

} // namespace Signet
