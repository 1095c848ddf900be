#pragma once

#include "foundation/Error.h"
#include "workspace/WorkspaceWatcher.h"

#include <QWidget>

#include <memory>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStackedWidget;

namespace Signet {

class ProfileCatalog;

class AppSettings;
class Clock;
class ProjectListModel;
class InspectorView;
class ProjectPage;
class Workspace;

// What an unlocked workspace shows: projects in a sidebar, the selected project's page beside it.
// It lives only while the workspace is unlocked; locking destroys it with the workspace.
class ConsoleView : public QWidget
{
    Q_OBJECT

public:
    ConsoleView(Workspace& workspace, AppSettings& settings, const Clock& clock, QWidget* parent = nullptr);

    [[nodiscard]] ProjectPage* projectPage() const { return m_projectPage; }
    [[nodiscard]] InspectorView* inspector() const { return m_inspector; }
    // Shows the inspector, with a token when one is given.
    void showInspector(const QString& token = {});
    [[nodiscard]] QString currentProject() const;
    void selectProject(const QString& projectId);
    void saveState(AppSettings& settings) const;

    [[nodiscard]] WorkspaceWatcher* watcher() const { return m_watcher; }

public Q_SLOTS:
    // Reads everything again (F5), as after a change made elsewhere.
    void refresh();
    // Ctrl+F: the shown tab's filter, or else the project filter.
    void focusFilter();
    void newProject();
    void deleteProject();
    // Changes the display name (ids never change: tokens and JWKS URLs refer to them).
    void renameProject();
    // The local server started (its base URL) or stopped (empty): the served URLs the views show.
    void setServerBaseUrl(const QString& baseUrl);

Q_SIGNALS:
    void actionCompleted(const QString& summary);
    // Whether a project is shown, so that the window can enable what works on one.
    void projectAvailabilityChanged(bool available);
    // The sidebar's "Local server" tool was chosen.
    void serverPanelRequested();

private:
    QWidget* buildSidebar();
    Result<std::shared_ptr<const ProfileCatalog>> importProfile(const QString& path);
    QListView* buildToolsList();
    void buildEmptyPage();
    void connectSignals();
    void showProjectContextMenu(const QPoint& at);
    void onProjectSelected();
    void setProjectAvailable(bool available);
    void onWorkspaceChanged(WorkspaceWatcher::Change change);

    Workspace& m_workspace;
    AppSettings& m_settings;
    ProjectListModel* m_projects;
    QSortFilterProxyModel* m_projectFilter;
    QLineEdit* m_projectFilterLineEdit = nullptr;
    QListView* m_projectListView;
    QStackedWidget* m_stack;
    QWidget* m_emptyPage;
    ProjectPage* m_projectPage;
    InspectorView* m_inspector;
    QListView* m_toolsListView;
    WorkspaceWatcher* m_watcher;
    bool m_projectAvailable = false;
};

} // namespace Signet
