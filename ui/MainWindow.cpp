#include "MainWindow.h"

#include "AppSettings.h"
#include "ConsoleView.h"
#include "RecentWorkspaces.h"
#include "Theme.h"
#include "UntrustedText.h"
#include "WorkspaceLock.h"
#include "WorkspaceOpening.h"
#include "crypto/SelfTest.h"
#include "dialogs/PreferencesDialog.h"
#include "pages/ProjectPage.h"
#include "server/ServerPanel.h"
#include "workspace/ConnectionKeeper.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceBusy.h"
#include "workspace/WorkspaceLocation.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be used outside a namespace; the icons live in this static library.
static void initialiseResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Signet {

namespace {

// The window's title and the recent menu's entries: a file's name, a team workspace's HOST/DB.
QString shortName(const QString& path)
{
    if (RecentWorkspaces::isTeam(path)) {
        const QUrl url = WorkspaceLocation::parse(path)->url;
        return url.host() + url.path();
    }
    return QFileInfo(path).fileName();
}

// Where the file dialogs start: beside the workspace file, or home for a team workspace.
QString folderNear(const QString& path)
{
    return RecentWorkspaces::isTeam(path) ? QDir::homePath() : QFileInfo(path).absolutePath();
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, AppSettings& settings, const Clock& clock, QWidget* parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
    , m_path(m_workspace->path())
    , m_location(m_workspace->location())
    , m_protected(m_workspace->isProtected())
    , m_member(m_workspace->hasMembers() ? m_workspace->member() : QString())
    , m_settings(settings)
    , m_clock(clock)
    , m_central(new QStackedWidget(this))
    , m_lockPage(new QWidget(this))
    , m_lockTitleLabel(new QLabel(m_lockPage))
    , m_unlockLineEdit(new QLineEdit(m_lockPage))
    , m_unlockErrorLabel(new QLabel(m_lockPage))
    , m_serverPanel(new ServerPanel(settings, clock, this))
    , m_protectionLabel(nullptr)
    , m_idleTimer(new QTimer(this))
{
    m_chooseFile = [](QWidget* dialogParent, const QString& folder) {
        return QFileDialog::getOpenFileName(dialogParent, tr("Open workspace"), folder,
                                            tr("Signet workspaces (*.signet);;All files (*)"));
    };
    initialiseResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/signet.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Signet — %1").arg(shortName(m_path)));

    createLockPage();
    m_central->addWidget(m_lockPage);
    setCentralWidget(m_central);
    createProtectionLabel();
    addDockWidget(Qt::BottomDockWidgetArea, m_serverPanel);
    m_serverPanel->hide(); // until started, or shown before (restoreState)
    connect(m_serverPanel, &ServerPanel::actionCompleted, this, &MainWindow::showStatus);
    createActions();
    showConsole();
    RecentWorkspaces(m_settings).add(m_path);
    rebuildRecentMenu();

    // Auto-lock: any key or mouse input restarts the idle timer.
    m_idleTimer->setObjectName(QStringLiteral("idleTimer"));
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, &MainWindow::lock);
    qApp->installEventFilter(this);
    applyAutoLock();

    restoreGeometry(m_settings.value(AppSettings::Key::WindowGeometry).toByteArray());
    restoreState(m_settings.value(AppSettings::Key::WindowState).toByteArray());
    if (m_settings.value(AppSettings::Key::WindowGeometry).toByteArray().isEmpty())
        resize(1280, 800);
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    m_serverPanel->setWorkspace(nullptr); // the server goes before the workspace it serves
}

void MainWindow::adoptFileLock(std::unique_ptr<WorkspaceLock> lock)
{
    m_fileLock = std::move(lock);
}

// The lock screen: the passphrase, again.
void MainWindow::createLockPage()
{
    m_lockTitleLabel->setObjectName(QStringLiteral("lockTitleLabel"));
    m_lockTitleLabel->setAlignment(Qt::AlignCenter);
    m_unlockLineEdit->setObjectName(QStringLiteral("unlockLineEdit"));
    m_unlockLineEdit->setAccessibleName(tr("Passphrase"));
    m_unlockLineEdit->setEchoMode(QLineEdit::Password);
    describeLockScreen();
    m_unlockErrorLabel->setObjectName(QStringLiteral("unlockErrorLabel"));
    m_unlockErrorLabel->setAlignment(Qt::AlignCenter);
    m_unlockErrorLabel->setWordWrap(true);
    setTone(m_unlockErrorLabel, Tone::Error);
    auto* unlockButton = new QPushButton(tr("Unlock"), m_lockPage);
    unlockButton->setObjectName(QStringLiteral("unlockPushButton"));
    auto* switchButton = new QPushButton(tr("Open another workspace…"), m_lockPage);
    switchButton->setObjectName(QStringLiteral("switchWorkspacePushButton"));
    switchButton->setAccessibleDescription(tr("Leaves this workspace locked and opens another file."));
    // The field and its buttons in one column as wide as a passphrase needs (each widget at its own
    // size hint made a ragged stack of three widths); leaving for another file stands a little apart.
    auto* column = new QWidget(m_lockPage);
    column->setFixedWidth(320);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(8);
    columnLayout->addWidget(m_unlockLineEdit);
    columnLayout->addWidget(unlockButton);
    columnLayout->addWidget(m_unlockErrorLabel);
    columnLayout->addSpacing(16);
    columnLayout->addWidget(switchButton);
    auto* lockLayout = new QVBoxLayout(m_lockPage);
    lockLayout->setSpacing(12);
    lockLayout->addStretch();
    lockLayout->addWidget(m_lockTitleLabel);
    lockLayout->addWidget(column, 0, Qt::AlignHCenter);
    lockLayout->addStretch();
    connect(unlockButton, &QPushButton::clicked, this, &MainWindow::unlock);
    connect(switchButton, &QPushButton::clicked, this, &MainWindow::openWorkspace);
    connect(m_unlockLineEdit, &QLineEdit::returnPressed, this, &MainWindow::unlock);
}

void MainWindow::describeLockScreen()
{
    if (m_member.isEmpty()) {
        m_lockTitleLabel->setText(tr("<h2>Workspace locked</h2><p>%1</p>").arg(m_path.toHtmlEscaped()));
        m_unlockLineEdit->setPlaceholderText(tr("Passphrase"));
        m_unlockLineEdit->setAccessibleDescription(QString());
        return;
    }
    m_lockTitleLabel->setText(tr("<h2>Workspace locked</h2><p>%1</p><p>Opened by %2</p>")
                                  .arg(m_path.toHtmlEscaped(), m_member.toHtmlEscaped()));
    m_unlockLineEdit->setPlaceholderText(tr("%1's passphrase").arg(m_member));
    m_unlockLineEdit->setAccessibleDescription(tr("The passphrase of member %1").arg(m_member));
}

// Whether the workspace has a passphrase, in the status bar for as long as the window is open.
void MainWindow::createProtectionLabel()
{
    // Made again for another workspace: its tone and tooltip are those of the new one.
    delete m_protectionLabel;
    m_protectionLabel = new QLabel(this);
    m_protectionLabel->setObjectName(QStringLiteral("protectionLabel"));
    m_protectionLabel->setText(m_protected ? tr("Protected workspace") : tr("Unprotected workspace"));
    m_protectionLabel->setToolTip(
        m_protected ? tr("Secrets in this workspace are encrypted under your passphrase.")
                    : tr("This workspace has no passphrase: anyone who can read the file can read its secrets."));
    if (!m_protected)
        setTone(m_protectionLabel, Tone::Warning);
    // Bold through the font, not a style sheet: a style sheet kept the text colour of the theme the
    // label was made under (light grey on the light theme's status bar after a switch from dark).
    QFont bold = m_protectionLabel->font();
    bold.setBold(true);
    m_protectionLabel->setFont(bold);
    m_protectionLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_protectionLabel);
}

void MainWindow::createTeamLabel()
{
    delete std::exchange(m_teamLabel, nullptr);
    if (!m_teamCountdown) {
        m_teamCountdown = new QTimer(this);
        m_teamCountdown->setInterval(1000);
        connect(m_teamCountdown, &QTimer::timeout, this, &MainWindow::updateTeamLabel);
    }
    ConnectionKeeper* keeper = m_workspace->teamConnection();
    if (!keeper)
        return;
    m_teamLabel = new QLabel(this);
    m_teamLabel->setObjectName(QStringLiteral("teamConnectionLabel"));
    m_teamLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->insertPermanentWidget(0, m_teamLabel);
    connect(keeper, &ConnectionKeeper::stateChanged, m_teamLabel, [this] { updateTeamLabel(); });
    updateTeamLabel();
}

void MainWindow::updateTeamLabel()
{
    ConnectionKeeper* keeper = m_workspace ? m_workspace->teamConnection() : nullptr;
    if (!m_teamLabel || !keeper)
        return;
    if (keeper->state() == ConnectionKeeper::State::Connected) {
        m_teamCountdown->stop();
        m_teamLabel->setText(tr("Team workspace · connected to %1").arg(keeper->where()));
        m_teamLabel->setToolTip(tr("Changes other members make appear here as they happen."));
        clearTone(m_teamLabel);
        return;
    }
    const qint64 seconds = (keeper->retryIn().count() + 999) / 1000;
    m_teamLabel->setText(seconds > 0 ? tr("Connection lost — reconnecting in %n s…", nullptr, int(seconds))
                                     : tr("Connection lost — reconnecting…"));
    m_teamLabel->setToolTip(tr("%1: %2").arg(keeper->where(), keeper->lastError()));
    setTone(m_teamLabel, Tone::Warning);
    if (!m_teamCountdown->isActive())
        m_teamCountdown->start();
}

void MainWindow::showConsole()
{
    // The GUI thread waits about a frame for another program's write lock, then says "busy".
    (void)setBusyTimeout(*m_workspace, kInteractiveBusyTimeout);
    m_console = new ConsoleView(*m_workspace, m_settings, m_clock, m_central);
    createTeamLabel();
    connect(m_console, &ConsoleView::actionCompleted, this, &MainWindow::showStatus);
    connect(m_console, &ConsoleView::projectAvailabilityChanged, this, &MainWindow::setProjectShown);
    connect(m_console->projectPage(), &ProjectPage::abilitiesChanged, this, &MainWindow::updateProjectActions);
    m_central->addWidget(m_console);
    m_central->setCurrentWidget(m_console);
    m_serverPanel->setWorkspace(m_workspace.get());
    connect(m_serverPanel, &ServerPanel::baseUrlChanged, m_console, &ConsoleView::setServerBaseUrl);
    connect(m_console, &ConsoleView::serverPanelRequested, m_serverPanel, [this] {
        m_serverPanel->show();
        m_serverPanel->raise();
    });
    setProjectShown(!m_console->currentProject().isEmpty());
    for (QAction* action : std::as_const(m_workspaceActions))
        action->setEnabled(true);
}

void MainWindow::setProjectShown(bool shown)
{
    m_projectShown = shown;
    updateProjectActions();
}

void MainWindow::updateProjectActions()
{
    const bool shown = m_projectShown && !isLocked() && m_console;
    for (QAction* action : std::as_const(m_projectActions))
        action->setEnabled(shown);
    if (m_rotateAction)
        m_rotateAction->setEnabled(shown && m_console->projectPage()->abilities().rotate);
}

namespace {

QIcon actionIcon(const char* name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace

void MainWindow::createActions()
{
    createFileMenu();
    QAction* newProject = createProjectMenu();
    const KeyActions keys = createKeysMenu();
    createTokensMenu();
    menuBar()->addMenu(m_serverPanel->createMenu(this));
    createViewMenu();
    createHelpMenu();
    QToolBar* toolbar = createToolBar({{newProject}, {keys.generate, keys.rotate, keys.exportJwks}, {m_lockAction}});
    // The server's toggle at the far end, where its state reads at a glance.
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addAction(m_serverPanel->toggleAction());
}

void MainWindow::createFileMenu()
{
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    auto* newWorkspace = fileMenu->addAction(tr("&New workspace…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                             this, &MainWindow::newWorkspace);
    newWorkspace->setObjectName(QStringLiteral("newWorkspaceAction"));
    auto* openWorkspace =
        fileMenu->addAction(tr("&Open workspace…"), QKeySequence::Open, this, &MainWindow::openWorkspace);
    openWorkspace->setObjectName(QStringLiteral("openWorkspaceAction"));
    auto* openTeam = fileMenu->addAction(tr("Open &team workspace…"), this, [this] { openTeamWorkspace(); });
    openTeam->setObjectName(QStringLiteral("openTeamWorkspaceAction"));
    openTeam->setStatusTip(tr("Open a workspace that a team shares in a PostgreSQL database."));
    m_recentMenu = fileMenu->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentWorkspacesMenu"));
    // Read when shown: files deleted since are pruned, and the status bar says which.
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    // Hovering the menu clears the status bar: the note is said again when it closes.
    connect(m_recentMenu, &QMenu::aboutToHide, this, [this] {
        if (!m_recentNote.isEmpty())
            showStatus(std::exchange(m_recentNote, QString()));
    });
    fileMenu->addSeparator();
    m_lockAction = fileMenu->addAction(tr("&Lock"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::lock);
    m_lockAction->setObjectName(QStringLiteral("lockAction"));
    m_lockAction->setIcon(actionIcon("lock"));
    m_lockAction->setEnabled(m_protected);
    if (!m_protected)
        m_lockAction->setToolTip(tr("An unprotected workspace has no passphrase to lock it with."));
    auto* preferences = fileMenu->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, [this] {
        if (PreferencesDialog::edit(m_settings, this))
            applyAutoLock();
    });
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    // Platforms without a standard Preferences key (most Linux desktops) get Ctrl+, as elsewhere.
    if (QKeySequence(QKeySequence::Preferences).isEmpty())
        preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    fileMenu->addSeparator();
    // Closing the window, not quitting the application at once, so that unsaved edits are asked about.
    auto* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Q)});
}

QAction* MainWindow::createProjectMenu()
{
    auto* projectMenu = menuBar()->addMenu(tr("&Project"));
    auto* newProject = projectMenu->addAction(tr("&New project…"), QKeySequence::New, this, [this] {
        if (m_console)
            m_console->newProject();
    });
    newProject->setObjectName(QStringLiteral("newProjectAction"));
    newProject->setIcon(actionIcon("project-new"));
    auto* deleteProject = projectMenu->addAction(tr("&Delete project…"), this, [this] {
        if (m_console)
            m_console->deleteProject();
    });
    deleteProject->setObjectName(QStringLiteral("deleteProjectAction"));
    m_workspaceActions.append(newProject);
    m_projectActions.append(deleteProject);
    return newProject;
}

MainWindow::KeyActions MainWindow::createKeysMenu()
{
    // Each action starts on the project page's tab for it, shown first.
    auto onPage = [this](void (ProjectPage::*start)()) {
        return [this, start] {
            if (m_console)
                (m_console->projectPage()->*start)();
        };
    };
    auto* keysMenu = menuBar()->addMenu(tr("&Keys"));
    KeyActions keys;
    keys.generate = keysMenu->addAction(tr("&Generate key…"), QKeySequence(Qt::CTRL | Qt::Key_G), this,
                                        onPage(&ProjectPage::generateKey));
    keys.generate->setObjectName(QStringLiteral("generateKeyAction"));
    keys.generate->setIcon(actionIcon("key-generate"));
    keys.rotate =
        keysMenu->addAction(tr("&Rotate…"), QKeySequence(Qt::CTRL | Qt::Key_R), this, onPage(&ProjectPage::rotateKeys));
    keys.rotate->setObjectName(QStringLiteral("rotateAction"));
    keys.rotate->setIcon(actionIcon("key-rotate"));
    keys.exportJwks = keysMenu->addAction(tr("&Export JWKS…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                          onPage(&ProjectPage::exportJwks));
    keys.exportJwks->setObjectName(QStringLiteral("exportJwksAction"));
    keys.exportJwks->setIcon(actionIcon("jwks-export"));
    auto* newApiKey = keysMenu->addAction(tr("New &API key…"), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                                          onPage(&ProjectPage::newApiKey));
    newApiKey->setObjectName(QStringLiteral("newApiKeyAction"));
    m_projectActions.append({keys.generate, keys.rotate, keys.exportJwks, newApiKey});
    m_rotateAction = keys.rotate;
    return keys;
}

void MainWindow::createTokensMenu()
{
    auto* tokensMenu = menuBar()->addMenu(tr("&Tokens"));
    auto* inspector = tokensMenu->addAction(tr("&Inspector"), QKeySequence(Qt::CTRL | Qt::Key_I), this, [this] {
        if (m_console)
            m_console->showInspector();
    });
    inspector->setObjectName(QStringLiteral("inspectorAction"));
    auto* paste = tokensMenu->addAction(tr("&Paste token into Inspector"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this, [this] {
                                            if (m_console)
                                                m_console->showInspector(QGuiApplication::clipboard()->text());
                                        });
    paste->setObjectName(QStringLiteral("pasteTokenAction"));
    m_workspaceActions.append({inspector, paste});
}

void MainWindow::createViewMenu()
{
    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    auto* refresh = viewMenu->addAction(tr("&Refresh"), this, [this] {
        if (m_console) {
            m_console->refresh();
            showStatus(tr("Refreshed from the workspace file"));
        }
    });
    refresh->setObjectName(QStringLiteral("refreshAction"));
    viewMenu->addSeparator();
    auto* find = viewMenu->addAction(tr("&Find…"), this, [this] {
        if (m_console)
            m_console->focusFilter();
    });
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    auto stepTab = [this](ProjectPage::Step step) {
        return [this, step] {
            if (m_console && m_console->projectPage()->isVisible())
                m_console->projectPage()->stepTab(step);
        };
    };
    auto* next = viewMenu->addAction(tr("&Next tab"), this, stepTab(ProjectPage::Step::Next));
    next->setObjectName(QStringLiteral("nextTabAction"));
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    auto* previous = viewMenu->addAction(tr("&Previous tab"), this, stepTab(ProjectPage::Step::Previous));
    previous->setObjectName(QStringLiteral("previousTabAction"));
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    m_workspaceActions.append({find, next, previous});
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    refresh->setToolTip(tr("Reads the workspace again. Changes made by other programs appear within a second anyway."));
    m_workspaceActions.append(refresh);
}

void MainWindow::createHelpMenu()
{
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Signet"), this, [this] {
        QMessageBox::about(
            this, tr("About Signet"),
            tr("<b>Signet %1</b><p>Keys and tokens for auth-enabled services.</p><p>Qt %2<br>%3</p>")
                .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()), Crypto::openSslVersion()));
    });
}

QToolBar* MainWindow::createToolBar(const QList<QList<QAction*>>& groups)
{
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(18, 18));
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (i > 0)
            toolbar->addSeparator();
        toolbar->addActions(groups[i]);
    }
    return toolbar;
}

void MainWindow::selectProject(const QString& projectId)
{
    if (m_console)
        m_console->selectProject(projectId);
}

void MainWindow::lock()
{
    if (!m_protected || isLocked())
        return;
    if (m_console->projectPage()->settleUnsavedSettings() == ProjectPage::Departure::Stay)
        return;
    dropConsole();
    m_lockAction->setEnabled(false);
    m_unlockLineEdit->clear();
    m_unlockErrorLabel->clear();
    m_central->setCurrentWidget(m_lockPage);
    m_unlockLineEdit->setFocus();
    showStatus(tr("Locked. Enter the passphrase to continue."));
}

bool MainWindow::mayLeaveWorkspace()
{
    return !m_console || m_console->projectPage()->settleUnsavedSettings() != ProjectPage::Departure::Stay;
}

void MainWindow::dropConsole()
{
    // Close what the workspace opened (dialogs first), then the views, then the workspace itself.
    while (QWidget* modal = QApplication::activeModalWidget())
        modal->close();
    if (m_console) {
        m_console->saveState(m_settings);
        m_central->removeWidget(m_console);
        delete m_console;
        m_console = nullptr;
    }
    m_serverPanel->setWorkspace(nullptr);       // the server goes before the workspace it serves
    delete std::exchange(m_teamLabel, nullptr); // it shows the connection that goes with the workspace
    if (m_teamCountdown)
        m_teamCountdown->stop();
    m_workspace.reset();
    setProjectShown(false);
    for (QAction* action : std::as_const(m_workspaceActions))
        action->setEnabled(false);
}

void MainWindow::newWorkspace()
{
    if (!mayLeaveWorkspace())
        return;
    const QString folder = folderNear(m_path);
    showOpened(WorkspaceOpening::create(QDir(folder).filePath(QStringLiteral("new.signet")), m_clock, this));
}

void MainWindow::openWorkspace()
{
    const QString path = m_chooseFile(this, folderNear(m_path));
    if (!path.isEmpty())
        openWorkspaceFile(path);
}

void MainWindow::openTeamWorkspace(const QString& suggested)
{
    if (!mayLeaveWorkspace())
        return;
    showOpened(WorkspaceOpening::openTeam(suggested, m_clock, this));
}

void MainWindow::openWorkspaceFile(const QString& path)
{
    if (RecentWorkspaces::isTeam(path)) { // kept without its password: asked again
        openTeamWorkspace(path);
        return;
    }
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_path).absoluteFilePath() && !isLocked()) {
        showStatus(tr("%1 is the workspace open in this window").arg(QFileInfo(path).fileName()));
        return;
    }
    if (!QFileInfo(path).isFile()) {
        RecentWorkspaces(m_settings).remove(path);
        rebuildRecentMenu();
        QMessageBox::warning(this, tr("Open workspace"),
                             tr("%1 no longer exists; it was removed from Open recent.").arg(path));
        return;
    }
    if (!mayLeaveWorkspace())
        return;
    // The lock file of this window's own workspace is released only once the other one is open.
    showOpened(WorkspaceOpening::open(path, m_clock, this));
}

void MainWindow::showOpened(WorkspaceOpening::Opened opened)
{
    if (!opened)
        return;
    dropConsole();
    m_fileLock = std::move(opened.lock);
    m_workspace = std::move(opened.workspace);
    m_path = m_workspace->path();
    m_location = m_workspace->location();
    m_protected = m_workspace->isProtected();
    m_member = m_workspace->hasMembers() ? m_workspace->member() : QString();
    setWindowTitle(QStringLiteral("Signet — %1").arg(shortName(m_path)));
    describeLockScreen();
    createProtectionLabel();
    m_lockAction->setEnabled(m_protected);
    m_lockAction->setToolTip(m_protected ? QString()
                                         : tr("An unprotected workspace has no passphrase to lock it with."));
    showConsole();
    applyAutoLock();
    m_settings.setValue(AppSettings::Key::LastWorkspace, m_path);
    RecentWorkspaces(m_settings).add(m_path);
    rebuildRecentMenu();
    showStatus(tr("Opened %1").arg(m_path));
}

void MainWindow::rebuildRecentMenu()
{
    RecentWorkspaces recent(m_settings);
    const QStringList paths = recent.existing();
    m_recentMenu->clear();
    for (const QString& path : paths) {
        // A team workspace by its URL (never with a password), a file by its name.
        const QString label = RecentWorkspaces::isTeam(path) ? path : QFileInfo(path).fileName();
        QAction* action = m_recentMenu->addAction(label, this, [this, path] { openWorkspaceFile(path); });
        action->setToolTip(path);
        action->setData(path);
    }
    m_recentMenu->setEnabled(!paths.isEmpty());
    if (!recent.pruned().isEmpty()) {
        m_recentNote =
            tr("Removed from Open recent, no longer there: %1").arg(recent.pruned().join(QStringLiteral(", ")));
        showStatus(m_recentNote);
    }
}

void MainWindow::unlock()
{
    if (!isLocked())
        return;
    QByteArray passphrase = m_unlockLineEdit->text().toUtf8();
    // As the member who locked it: another member unlocks by opening the workspace afresh.
    auto opened = m_member.isEmpty() ? Workspace::open(m_location, passphrase, Actor::Gui, m_clock)
                                     : Workspace::openAs(m_location, m_member, passphrase, Actor::Gui, m_clock);
    passphrase.fill('\0');
    m_unlockLineEdit->clear();
    if (!opened) {
        m_unlockErrorLabel->setText(opened.error().message);
        return;
    }
    m_workspace = std::move(*opened);
    m_lockAction->setEnabled(true);
    showConsole();
    applyAutoLock();
    showStatus(tr("Unlocked"));
}

void MainWindow::applyAutoLock()
{
    const int minutes = m_settings.number(AppSettings::Key::AutoLockMinutes);
    if (m_protected && minutes > 0)
        m_idleTimer->start(minutes * 60 * 1000);
    else
        m_idleTimer->stop();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (m_idleTimer->isActive())
            m_idleTimer->start();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showStatus(const QString& message)
{
    // Status lines name projects, keys and tokens: what they hold is shown visibly.
    statusBar()->showMessage(UntrustedText::visible(message), 15000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_console && m_console->projectPage()->settleUnsavedSettings() == ProjectPage::Departure::Stay) {
        event->ignore();
        return;
    }
    m_settings.setValue(AppSettings::Key::WindowGeometry, saveGeometry());
    m_settings.setValue(AppSettings::Key::WindowState, saveState());
    if (m_console)
        m_console->saveState(m_settings);
    QMainWindow::closeEvent(event);
}

} // namespace Signet
