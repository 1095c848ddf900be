#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QListView;
class QSortFilterProxyModel;
class QStackedWidget;

namespace Signet {

class AppSettings;
class Clock;
class ProjectListModel;
class ProjectPage;
class Workspace;

// The Signet console: projects in a sidebar, the selected project's page beside it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(std::unique_ptr<Workspace> workspace, AppSettings& settings, const Clock& clock,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] Workspace& workspace() const { return *m_workspace; }
    void selectProject(const QString& projectId);

public Q_SLOTS:
    void newProject();
    void deleteProject();
    void showStatus(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void onProjectSelected();
    [[nodiscard]] QString currentProject() const;

    std::unique_ptr<Workspace> m_workspace;
    AppSettings& m_settings;
    const Clock& m_clock;
    ProjectListModel* m_projects;
    QSortFilterProxyModel* m_projectFilter;
    QListView* m_projectListView;
    QStackedWidget* m_stack;
    QWidget* m_emptyPage;
    ProjectPage* m_projectPage;
    QLabel* m_protectionLabel;
    QList<QAction*> m_projectActions;
};

} // namespace Signet
