#include "workspace/WorkspaceWatcher.h"

#include "workspace/ChangeNotifications.h"
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
    m_burst.setSingleShot(true);
    m_burst.setInterval(0);
    connect(&m_burst, &QTimer::timeout, this, [this] {
        if (std::exchange(m_configurationPending, false))
            Q_EMIT changed(Change::Configuration);
        if (std::exchange(m_recordsPending, false))
            Q_EMIT changed(Change::Records);
    });
    if (ChangeNotifications* notifications = database.changeNotifications()) {
        m_notified = true;
        connect(notifications, &ChangeNotifications::changed, this, [this](ChangeNotifications::Kind kind) {
            announce(kind == ChangeNotifications::Kind::Configuration ? Change::Configuration : Change::Records);
        });
        return;
    }
    m_timer.start();
}

void WorkspaceWatcher::announce(Change change)
{
    (change == Change::Configuration ? m_configurationPending : m_recordsPending) = true;
    m_burst.start();
}

void WorkspaceWatcher::checkNow()
{
    const Database& database = workspaceDatabase(m_workspace);
    if (m_notified) {
        // What has arrived but not been read yet is read now; the signal follows from it.
        (void)database.changeStamp();
        return;
    }
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
