#include "ConsoleView.h"

#include "AppSettings.h"
#include "Failure.h"
#include "dialogs/NewProjectDialog.h"
#include "models/ProjectListModel.h"
#include "pages/InspectorView.h"
#include "pages/ProjectPage.h"
#include "widgets/CurrentPageHeight.h"
#include "widgets/MinimumSizeHolder.h"
#include "widgets/ProjectItemDelegate.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Signet {

namespace {

// "PROJECTS", "TOOLS": small, bold and quiet.
QLabel* sectionHeading(const QString& text, QWidget* parent)
{
    auto* heading = new QLabel(text, parent);
    QFont small = heading->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setBold(true);
    heading->setFont(small);
    heading->setForegroundRole(QPalette::PlaceholderText);
    return heading;
}

} // namespace

ConsoleView::ConsoleView(Workspace& workspace, AppSettings& settings, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_settings(settings)
    , m_projects(new ProjectListModel(workspace, clock, this))
    , m_projectFilter(new QSortFilterProxyModel(this))
    , m_projectListView(new QListView(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyPage(new QWidget(this))
    , m_projectPage(new ProjectPage(workspace, clock, settings, this))
    , m_inspector(new InspectorView(workspace, clock, this))
    , m_toolsListView(new QListView(this))
    , m_watcher(new WorkspaceWatcher(workspace, this))
{
    setObjectName(QStringLiteral("consoleView"));
    QWidget* sidebar = buildSidebar();
    buildEmptyPage();
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_projectPage);
    m_stack->addWidget(m_inspector);
    followCurrentPageHeight(m_stack);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(sidebar);
    // A short window (the server panel open below, a small screen) scrolls the page instead of growing
    // past the screen; with room enough the page fills it and nothing scrolls.
    auto* page = new QScrollArea(this);
    page->setObjectName(QStringLiteral("pageScrollArea"));
    page->setFrameShape(QFrame::NoFrame);
    page->setWidgetResizable(true);
    page->setWidget(new MinimumSizeHolder(m_stack));
    page->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // only a short window scrolls
    page->setMinimumWidth(m_stack->minimumSizeHint().width() + page->verticalScrollBar()->sizeHint().width());
    splitter->addWidget(page);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({230, 1000});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    splitter->restoreState(settings.value(AppSettings::Key::SplitterState).toByteArray());

    connectSignals();
    selectProject(m_settings.string(AppSettings::Key::LastProject));
}

// Filter, projects with health dots, the tools, and a button for the next project.
QWidget* ConsoleView::buildSidebar()
{
    auto* sidebar = new QWidget(this);
    auto* filter = m_projectFilterLineEdit = new QLineEdit(sidebar);
    filter->setObjectName(QStringLiteral("projectFilterLineEdit"));
    filter->setAccessibleName(tr("Filter projects"));
    filter->setPlaceholderText(tr("Filter projects"));
    filter->setClearButtonEnabled(true);
    QLabel* heading = sectionHeading(tr("PROJECTS"), sidebar);
    m_projectFilter->setSourceModel(m_projects);
    m_projectFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_projectListView->setObjectName(QStringLiteral("projectListView"));
    m_projectListView->setAccessibleName(tr("Projects"));
    m_projectListView->setAccessibleDescription(tr("Each project with its health: fine, a warning, or no active key."));
    m_projectListView->setModel(m_projectFilter);
    m_projectListView->setItemDelegate(new ProjectItemDelegate(m_projectListView));
    // Every row is as tall as the first: laying out a thousand projects does not ask the delegate for
    // each one's size (a name too long for the sidebar is elided; its tooltip has it whole).
    m_projectListView->setUniformItemSizes(true);
    m_projectListView->setFrameShape(QFrame::NoFrame);
    auto* add = new QPushButton(tr("New project…"), sidebar);
    add->setObjectName(QStringLiteral("newProjectPushButton"));
    auto* sidebarLayout = new QVBoxLayout(sidebar);
    sidebarLayout->setContentsMargins(8, 8, 8, 8);
    sidebarLayout->setSpacing(8);
    sidebarLayout->addWidget(filter);
    sidebarLayout->addWidget(heading);
    sidebarLayout->addWidget(m_projectListView, 1);
    sidebarLayout->addWidget(sectionHeading(tr("TOOLS"), sidebar));
    sidebarLayout->addWidget(buildToolsList());
    sidebarLayout->addWidget(add);
    connect(filter, &QLineEdit::textChanged, m_projectFilter, &QSortFilterProxyModel::setFilterFixedString);
    connect(add, &QPushButton::clicked, this, &ConsoleView::newProject);
    return sidebar;
}

QListView* ConsoleView::buildToolsList()
{
    auto* tools = new QStringListModel({tr("Inspector"), tr("Local server")}, this);
    m_toolsListView->setObjectName(QStringLiteral("toolsListView"));
    m_toolsListView->setAccessibleName(tr("Tools"));
    m_toolsListView->setModel(tools);
    m_toolsListView->setFrameShape(QFrame::NoFrame);
    m_toolsListView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_toolsListView->setAccessibleName(tr("Tools"));
    m_toolsListView->setMaximumHeight(m_toolsListView->sizeHintForRow(0) * 3 + 8);
    connect(m_toolsListView, &QListView::clicked, this, [this](const QModelIndex& index) {
        if (index.row() == 0)
            return showInspector();
        // The server is a panel of the window: the page shown stays, and so does the tool selected.
        m_toolsListView->setCurrentIndex(m_stack->currentWidget() == m_inspector ? m_toolsListView->model()->index(0, 0)
                                                                                 : QModelIndex());
        Q_EMIT serverPanelRequested();
    });
    return m_toolsListView;
}

// What shows while the workspace has no project: what to do next.
void ConsoleView::buildEmptyPage()
{
    auto* empty = new QLabel(tr("No projects yet.\n\nCreate one for each service whose keys and tokens you manage."),
                             m_emptyPage);
    empty->setAlignment(Qt::AlignCenter);
    auto* emptyButton = new QPushButton(tr("Create a project…"), m_emptyPage);
    connect(emptyButton, &QPushButton::clicked, this, &ConsoleView::newProject);
    auto* emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    emptyLayout->addWidget(empty);
    emptyLayout->addWidget(emptyButton, 0, Qt::AlignCenter);
    emptyLayout->addStretch();
}

void ConsoleView::connectSignals()
{
    m_projectListView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_projectListView, &QWidget::customContextMenuRequested, this, &ConsoleView::showProjectContextMenu);
    connect(m_projectPage, &ProjectPage::actionCompleted, this, &ConsoleView::actionCompleted);
    connect(m_projectPage, &ProjectPage::inspectTokenRequested, this,
            [this](const QString& token) { showInspector(token); });
    connect(m_projectListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConsoleView::onProjectSelected);
    connect(m_watcher, &WorkspaceWatcher::changed, this, &ConsoleView::onWorkspaceChanged);
    connect(m_projects, &QAbstractItemModel::modelReset, this, [this] {
        // A tool shown stays shown: no project is selected meanwhile, and the reload selects none.
        if (m_stack->currentWidget() == m_inspector)
            return;
        // Keep the selection across reloads (a key change reloads the list for its health dots).
        const QString wanted = m_projectPage->project().isEmpty() ? m_settings.string(AppSettings::Key::LastProject)
                                                                  : m_projectPage->project();
        selectProject(wanted);
    });
}

// Another process changed the workspace. The project list (health dots) depends on the configuration
// only; a project's page shows ledger and audit records as well.
void ConsoleView::onWorkspaceChanged(WorkspaceWatcher::Change change)
{
    if (change == WorkspaceWatcher::Change::Configuration) {
        m_projects->reload(); // keeps the selection (see connectSignals)
        m_inspector->reloadProjects();
    }
    m_projectPage->refresh();
}

void ConsoleView::focusFilter()
{
    QLineEdit* field = m_stack->currentWidget() == m_projectPage ? m_projectPage->currentFilterField() : nullptr;
    if (!field)
        field = m_projectFilterLineEdit;
    field->setFocus(Qt::ShortcutFocusReason);
    field->selectAll();
}

void ConsoleView::refresh()
{
    m_watcher->checkNow(); // takes in what other processes committed, so the next tick does not repeat it
    onWorkspaceChanged(WorkspaceWatcher::Change::Configuration);
}

void ConsoleView::showProjectContextMenu(const QPoint& at)
{
    if (!m_projectListView->indexAt(at).isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("Rename…"), this, &ConsoleView::renameProject);
    menu.addAction(tr("Delete…"), this, &ConsoleView::deleteProject);
    menu.exec(m_projectListView->viewport()->mapToGlobal(at));
}

void ConsoleView::showInspector(const QString& token)
{
    if (!token.isEmpty())
        m_inspector->setToken(token);
    // No project is current while a tool shows, so clicking the project again brings it back.
    m_projectListView->setCurrentIndex(QModelIndex());
    setProjectAvailable(false);
    m_toolsListView->setCurrentIndex(m_toolsListView->model()->index(0, 0));
    m_stack->setCurrentWidget(m_inspector);
}

void ConsoleView::setServerBaseUrl(const QString& baseUrl)
{
    m_projectPage->setServerBaseUrl(baseUrl);
    m_inspector->setServerBaseUrl(baseUrl);
}

void ConsoleView::saveState(AppSettings& settings) const
{
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        settings.setValue(AppSettings::Key::SplitterState, splitter->saveState());
}

QString ConsoleView::currentProject() const
{
    const QModelIndex index = m_projectListView->currentIndex();
    return index.isValid() ? index.data(ProjectListModel::IdRole).toString() : QString();
}

void ConsoleView::selectProject(const QString& projectId)
{
    int row = m_projects->rowOf(projectId);
    if (row < 0 && m_projects->rowCount() > 0)
        row = 0;
    if (row < 0) {
        m_stack->setCurrentWidget(m_emptyPage);
        setProjectAvailable(false);
        return;
    }
    const QModelIndex index = m_projectFilter->mapFromSource(m_projects->index(row));
    if (index.isValid())
        m_projectListView->setCurrentIndex(index);
    onProjectSelected();
}

void ConsoleView::onProjectSelected()
{
    const QString projectId = currentProject();
    if (projectId.isEmpty())
        return;
    if (projectId != m_projectPage->project() && !m_projectPage->project().isEmpty() &&
        m_projectPage->settleUnsavedSettings() == ProjectPage::Departure::Stay) {
        // Back to the project whose settings are being edited.
        const int row = m_projects->rowOf(m_projectPage->project());
        const QSignalBlocker blocker(m_projectListView->selectionModel());
        m_projectListView->setCurrentIndex(m_projectFilter->mapFromSource(m_projects->index(row)));
        m_projectListView->viewport()->update();
        return;
    }
    setProjectAvailable(true);
    m_toolsListView->setCurrentIndex(QModelIndex());
    m_stack->setCurrentWidget(m_projectPage);
    if (projectId != m_projectPage->project())
        m_projectPage->setProject(projectId);
    m_settings.setValue(AppSettings::Key::LastProject, projectId);
}

void ConsoleView::setProjectAvailable(bool available)
{
    if (available == m_projectAvailable)
        return;
    m_projectAvailable = available;
    Q_EMIT projectAvailabilityChanged(available);
}

void ConsoleView::newProject()
{
    // The dialog keeps what was typed when creating fails, and says why.
    auto catalog = m_workspace.profiles().catalog();
    if (!catalog) {
        QMessageBox::warning(this, tr("New project"), describeFailure(catalog.error()));
        return;
    }
    NewProjectDialog dialog(
        *catalog, [this](const QString& path) { return importProfile(path); }, this);
    while (dialog.exec() == QDialog::Accepted) {
        auto shaped = dialog.project();
        if (!shaped) {
            dialog.showError(describeFailure(shaped.error()));
            continue;
        }
        const Profile* profile = dialog.profile();
        const bool existed = m_workspace.projects().get(shaped->id).has_value();
        auto created =
            profile ? createProfiledProject(m_workspace, *profile, *shaped) : m_workspace.projects().create(*shaped);
        if (!created) {
            // A profiled project is made before its first key: when only the key failed, the project is
            // there, and asking again would only say that it exists.
            if (profile && !existed && m_workspace.projects().get(shaped->id)) {
                selectProject(shaped->id);
                QMessageBox::warning(this, tr("New project"), describeFailure(created.error()));
                return;
            }
            dialog.showError(describeFailure(created.error()));
            continue;
        }
        selectProject(created->id);
        Q_EMIT actionCompleted(profile ? tr("Created project %1 (%2 profile)").arg(created->name, profile->title)
                                       : tr("Created project %1").arg(created->name));
        return;
    }
}

Result<std::shared_ptr<const ProfileCatalog>> ConsoleView::importProfile(const QString& path)
{
    auto stored = m_workspace.profiles().storeFile(path);
    if (!stored)
        return std::unexpected(stored.error());
    Q_EMIT actionCompleted(tr("Imported the %1 profile into this workspace").arg(stored->title));
    return m_workspace.profiles().catalog();
}

void ConsoleView::renameProject()
{
    auto project = m_workspace.projects().get(currentProject());
    if (!project)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename project"), tr("Name of %1:").arg(project->id),
                                               QLineEdit::Normal, project->name, &ok)
                             .trimmed();
    if (!ok || name.isEmpty() || name == project->name)
        return;
    project->name = name;
    if (auto updated = m_workspace.projects().update(*project); !updated) {
        QMessageBox::warning(this, tr("Rename project"),
                             tr("The project was not renamed.\n\n%1").arg(updated.error().message));
        return;
    }
    Q_EMIT actionCompleted(tr("Renamed %1 to %2").arg(project->id, name));
}

void ConsoleView::deleteProject()
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
    if (auto removed = m_workspace.projects().remove(projectId); !removed) {
        QMessageBox::warning(this, tr("Delete project"),
                             tr("The project was not deleted.\n\n%1").arg(removed.error().message));
        return;
    }
    Q_EMIT actionCompleted(tr("Deleted project %1").arg(projectId));
}

} // namespace Signet
