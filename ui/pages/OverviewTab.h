#pragma once

#include "pages/ProjectTab.h"

class QLabel;

namespace Signet {

// What matters about a project at a glance: its identity, lifetimes, counts and health warnings.
class OverviewTab : public ProjectTab
{
    Q_OBJECT

public:
    OverviewTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    // Quick actions: the project page routes them to the tab that does the work.
    void generateKeyRequested();
    void rotateRequested();
    void exportJwksRequested();
    void newApiKeyRequested();

private:
    QLabel* m_detailsLabel;
    QLabel* m_healthLabel;
};

} // namespace Signet
