#include "models/RecordTableModel.h"

#include "foundation/Clock.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceBusy.h"

#include <QTimer>

#include <utility>

namespace Signet {

RecordTableModelBase::RecordTableModelBase(Workspace& workspace, const Clock& clock, WithoutProject withoutProject,
                                           QObject* parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_clock(clock)
    , m_withoutProject(withoutProject)
{}

void RecordTableModelBase::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void RecordTableModelBase::reloadIfShown(const QString& projectId)
{
    if (projectId == m_projectId)
        reload();
}

void RecordTableModelBase::refreshTimes()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

bool RecordTableModelBase::keepRowsWhileBusy(const Error& error)
{
    if (!isBusy(error) || m_shownProject != m_projectId)
        return false;
    m_lastError = error.message;
    if (!std::exchange(m_retryPending, true)) {
        QTimer::singleShot(kBusyRetry, this, [this] {
            m_retryPending = false;
            reload();
        });
    }
    return true;
}

bool RecordTableModelBase::readsCostARoundTrip() const
{
    return m_workspace.teamConnection() != nullptr;
}

qint64 RecordTableModelBase::now() const
{
    return m_clock.now();
}

} // namespace Signet
