#include "MainWindow.h"

#include "AppSettings.h"
#include "crypto/SelfTest.h"
#include "dialogs/PreferencesDialog.h"
#include "models/ProjectListModel.h"
#include "pages/JwksTab.h"
#include "pages/ProjectPage.h"
#include "pages/SigningKeysTab.h"
#include "widgets/ProjectItemDelegate.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace Signet {

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, AppSettings& settings, const Clock& clock, QWidget* parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
    , m_settings(settings)
    , m_clock(clock)
    , m_projects(new ProjectListModel(*m_workspace, clock, this))
    , m_projectFilter(new QSortFilterProxyModel(this))
    , m_projectListView(new QListView(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyPage(new QWidget(this))
    , m_projectPage(new ProjectPage(*m_workspace, clock, settings, this))
    , m_protectionLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Signet — %1").arg(QFileInfo(m_workspace->path()).fileName()));

    // Sidebar: filter, projects with health dots, a button for the next project.
    auto* sidebar = new QWidget(this);
    auto* filter = new QLineEdit(sidebar);
    filter->setObjectName(QStringLiteral("projectFilterLineEdit"));
    filter->setPlaceholderText(tr("Filter projects"));
    filter->setClearButtonEnabled(true);
    auto* heading = new QLabel(tr("PROJECTS"), sidebar);
    QFont small = heading->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setBold(true);
    heading->setFont(small);
    heading->setForegroundRole(QPalette::PlaceholderText);
    m_projectFilter->setSourceModel(m_projects);
    m_projectFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_projectListView->setObjectName(QStringLiteral("projectListView"));
    m_projectListView->setModel(m_projectFilter);
    m_projectListView->setItemDelegate(new ProjectItemDelegate(m_projectListView));
    m_projectListView->setFrameShape(QFrame::NoFrame);
    auto* add = new QPushButton(tr("New project…"), sidebar);
    add->setObjectName(QStringLiteral("newProjectPushButton"));
    auto* sidebarLayout = new QVBoxLayout(sidebar);
    sidebarLayout->setContentsMargins(8, 8, 8, 8);
    sidebarLayout->setSpacing(8);
    sidebarLayout->addWidget(filter);
    sidebarLayout->addWidget(heading);
    sidebarLayout->addWidget(m_projectListView, 1);
    sidebarLayout->addWidget(add);
    connect(filter, &QLineEdit::textChanged, m_projectFilter, &QSortFilterProxyModel::setFilterFixedString);
    connect(add, &QPushButton::clicked, this, &MainWindow::newProject);

    auto* empty = new QLabel(tr("No projects yet.\n\nCreate one for each service whose keys and tokens you manage."),
                             m_emptyPage);
    empty->setAlignment(Qt::AlignCenter);
    auto* emptyButton = new QPushButton(tr("Create a project…"), m_emptyPage);
    connect(emptyButton, &QPushButton::clicked, this, &MainWindow::newProject);
    auto* emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    emptyLayout->addWidget(empty);
    emptyLayout->addWidget(emptyButton, 0, Qt::AlignCenter);
    emptyLayout->addStretch();
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_projectPage);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(sidebar);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({230, 1000});
    setCentralWidget(splitter);

    m_protectionLabel->setObjectName(QStringLiteral("protectionLabel"));
    m_protectionLabel->setText(m_workspace->isProtected() ? tr("Protected workspace") : tr("Unprotected workspace"));
    if (!m_workspace->isProtected())
        m_protectionLabel->setStyleSheet(QStringLiteral("color: #b06a00; font-weight: bold; padding: 0 8px;"));
    m_protectionLabel->setToolTip(
        m_workspace->isProtected()
            ? tr("Secrets in this workspace are encrypted under your passphrase.")
            : tr("This workspace has no passphrase: anyone who can read the file can read its secrets."));
    statusBar()->addPermanentWidget(m_protectionLabel);

    createActions();
    connect(m_projectPage, &ProjectPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_projectListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onProjectSelected);
    connect(m_projects, &QAbstractItemModel::modelReset, this, [this] {
        // Keep the selection across reloads (a key change reloads the list for its health dots).
        const QString wanted = m_projectPage->project().isEmpty() ? m_settings.string(AppSettings::Key::LastProject)
                                                                  : m_projectPage->project();
        selectProject(wanted);
    });

    restoreGeometry(m_settings.value(AppSettings::Key::WindowGeometry).toByteArray());
    restoreState(m_settings.value(AppSettings::Key::WindowState).toByteArray());
    splitter->restoreState(m_settings.value(AppSettings::Key::SplitterState).toByteArray());
    if (m_settings.value(AppSettings::Key::WindowGeometry).toByteArray().isEmpty())
        resize(1280, 800);
    selectProject(m_settings.string(AppSettings::Key::LastProject));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    auto* preferences = fileMenu->addAction(tr("&Preferences…"), QKeySequence::Preferences, this,
                                            [this] { PreferencesDialog::edit(m_settings, this); });
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    auto* projectMenu = menuBar()->addMenu(tr("&Project"));
    auto* newProject = projectMenu->addAction(tr("&New project…"), QKeySequence::New, this, &MainWindow::newProject);
    newProject->setObjectName(QStringLiteral("newProjectAction"));
    auto* deleteProject = projectMenu->addAction(tr("&Delete project…"), this, &MainWindow::deleteProject);
    deleteProject->setObjectName(QStringLiteral("deleteProjectAction"));

    auto* keysMenu = menuBar()->addMenu(tr("&Keys"));
    auto* generate = keysMenu->addAction(tr("&Generate key…"), QKeySequence(Qt::CTRL | Qt::Key_G), this, [this] {
        m_projectPage->showTab(ProjectPage::Tab::SigningKeys);
        m_projectPage->signingKeysTab()->generateKey();
    });
    generate->setObjectName(QStringLiteral("generateKeyAction"));
    auto* rotate = keysMenu->addAction(tr("&Rotate…"), QKeySequence(Qt::CTRL | Qt::Key_R), this, [this] {
        m_projectPage->showTab(ProjectPage::Tab::SigningKeys);
        m_projectPage->signingKeysTab()->rotate(false);
    });
    rotate->setObjectName(QStringLiteral("rotateAction"));
    auto* exportJwks = keysMenu->addAction(tr("&Export JWKS…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        m_projectPage->showTab(ProjectPage::Tab::Jwks);
        m_projectPage->jwksTab()->exportToFile();
    });
    exportJwks->setObjectName(QStringLiteral("exportJwksAction"));
    m_projectActions = {deleteProject, generate, rotate, exportJwks};

    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Signet"), this, [this] {
        QMessageBox::about(
            this, tr("About Signet"),
            tr("<b>Signet %1</b><p>Keys and tokens for auth-enabled services.</p><p>Qt %2<br>%3</p>")
                .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()), Crypto::openSslVersion()));
    });

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(newProject);
    toolbar->addSeparator();
    toolbar->addAction(generate);
    toolbar->addAction(rotate);
    toolbar->addAction(exportJwks);
}

QString MainWindow::currentProject() const
{
    const QModelIndex index = m_projectListView->currentIndex();
    return index.isValid() ? index.data(ProjectListModel::IdRole).toString() : QString();
}

void MainWindow::selectProject(const QString& projectId)
{
    int row = m_projects->rowOf(projectId);
    if (row < 0 && m_projects->rowCount() > 0)
        row = 0;
    if (row < 0) {
        m_stack->setCurrentWidget(m_emptyPage);
        for (QAction* action : std::as_const(m_projectActions))
            action->setEnabled(false);
        return;
    }
    const QModelIndex index = m_projectFilter->mapFromSource(m_projects->index(row));
    if (index.isValid())
        m_projectListView->setCurrentIndex(index);
    onProjectSelected();
}

void MainWindow::onProjectSelected()
{
    const QString projectId = currentProject();
    if (projectId.isEmpty())
        return;
    for (QAction* action : std::as_const(m_projectActions))
        action->setEnabled(true);
    m_stack->setCurrentWidget(m_projectPage);
    if (projectId != m_projectPage->project())
        m_projectPage->setProject(projectId);
    m_settings.setValue(AppSettings::Key::LastProject, projectId);
}

void MainWindow::newProject()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("newProjectDialog"));
    dialog.setWindowTitle(tr("New project"));
    auto* id = new QLineEdit(&dialog);
    id->setObjectName(QStringLiteral("projectIdLineEdit"));
    id->setPlaceholderText(tr("payments-api"));
    auto* name = new QLineEdit(&dialog);
    name->setObjectName(QStringLiteral("projectNameLineEdit"));
    auto* issuer = new QLineEdit(&dialog);
    issuer->setObjectName(QStringLiteral("issuerLineEdit"));
    auto* audience = new QLineEdit(&dialog);
    audience->setObjectName(QStringLiteral("audienceLineEdit"));
    connect(id, &QLineEdit::textChanged, &dialog, [=](const QString& text) {
        name->setPlaceholderText(text);
        issuer->setPlaceholderText(QStringLiteral("https://signet.local/p/") + text);
        audience->setPlaceholderText(text);
    });
    auto* form = new QFormLayout;
    form->addRow(tr("Id"), id);
    form->addRow(tr("Name"), name);
    form->addRow(tr("Issuer (iss)"), issuer);
    form->addRow(tr("Audience (aud)"), audience);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("createProjectPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog.resize(480, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return;
    Project draft;
    draft.id = id->text().trimmed();
    draft.name = name->text().trimmed();
    draft.issuer = issuer->text().trimmed();
    draft.audience = audience->text().trimmed();
    auto created = m_workspace->projects().create(draft);
    if (!created) {
        QMessageBox::warning(this, tr("New project"),
                             tr("The project was not created.\n\n%1").arg(created.error().message));
        return;
    }
    selectProject(created->id);
    showStatus(tr("Created project %1").arg(created->name));
}

void MainWindow::deleteProject()
{
    const QString projectId = currentProject();
    if (projectId.isEmpty())
        return;
    if (QMessageBox::warning(
            this, tr("Delete project"),
            tr("Delete %1 with all its signing keys, API keys and minted tokens?\n\nThe audit log keeps a record. "
               "This cannot be undone.")
                .arg(projectId),
            QMessageBox::Cancel | QMessageBox::Yes, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    if (auto removed = m_workspace->projects().remove(projectId); !removed) {
        QMessageBox::warning(this, tr("Delete project"),
                             tr("The project was not deleted.\n\n%1").arg(removed.error().message));
        return;
    }
    showStatus(tr("Deleted project %1").arg(projectId));
}

void MainWindow::showStatus(const QString& message)
{
    statusBar()->showMessage(message, 15000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setValue(AppSettings::Key::WindowGeometry, saveGeometry());
    m_settings.setValue(AppSettings::Key::WindowState, saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        m_settings.setValue(AppSettings::Key::SplitterState, splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace Signet
