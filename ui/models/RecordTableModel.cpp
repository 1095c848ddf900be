#include "models/RecordTableModel.h"

#include "foundation/Clock.h"

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

qint64 RecordTableModelBase::now() const
{
    return m_clock.now();
}

} // namespace Signet
