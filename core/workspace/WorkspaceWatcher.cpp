#include "workspace/WorkspaceWatcher.h"

#include "workspace/WorkspaceInternals.h"

namespace Signet {

WorkspaceWatcher::WorkspaceWatcher(const Workspace& workspace, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    const Database& database = workspaceDatabase(workspace);
    if (auto stamp = database.changeStamp())
        m_dataVersion = stamp->otherConnections;
    if (auto generation = database.configurationGeneration())
        m_generation = *generation;
    m_timer.setInterval(kDefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &WorkspaceWatcher::checkNow);
    m_timer.start();
}

void WorkspaceWatcher::checkNow()
{
    const Database& database = workspaceDatabase(m_workspace);
    // A failed read (a workspace busy for a moment) is asked again at the next tick.
    auto stamp = database.changeStamp();
    if (!stamp || stamp->otherConnections == m_dataVersion)
        return;
    auto generation = database.configurationGeneration();
    if (!generation)
        return;
    m_dataVersion = stamp->otherConnections;
    const Change change = *generation != m_generation ? Change::Configuration : Change::Records;
    m_generation = *generation;
    Q_EMIT changed(change);
}

} // namespace Signet
