#include "models/AuditTableModel.h"

#include "models/ModelSupport.h"
#include "workspace/Workspace.h"

namespace Signet {

using namespace ModelSupport;

AuditTableModel::AuditTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_clock(clock)
{
    connect(&workspace.audit(), &AuditLog::eventRecorded, this, &AuditTableModel::reload);
    reload();
}

void AuditTableModel::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void AuditTableModel::reload()
{
    auto events = m_workspace.audit().list(m_projectId);
    beginResetModel();
    m_lastError.clear();
    m_events = events.value_or(QList<AuditEvent>());
    if (!events)
        m_lastError = events.error().message;
    endResetModel();
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent& event = m_events[index.row()];
    if (role == KeyRole)
        return event.id;
    const bool display = role == Qt::DisplayRole;
    switch (static_cast<Column>(index.column())) {
    case Time:
        if (display)
            return relativeTime(event.at, m_clock.now());
        if (role == Qt::ToolTipRole)
            return absoluteTime(event.at);
        if (role == SortRole)
            return event.id; // ids follow time, and break ties in order
        break;
    case Actor:
        if (display || role == SortRole)
            return event.actor;
        break;
    case Action:
        if (display || role == SortRole)
            return event.action;
        break;
    case Project:
        if (display || role == SortRole)
            return event.projectId;
        break;
    case Object:
        if (display)
            return shortId(event.object, 8);
        if (role == Qt::ToolTipRole || role == SortRole)
            return event.object;
        break;
    case Details:
        if (display || role == Qt::ToolTipRole || role == SortRole)
            return event.details;
        break;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Time:
        return tr("Time");
    case Actor:
        return tr("Actor");
    case Action:
        return tr("Action");
    case Project:
        return tr("Project");
    case Object:
        return tr("Object");
    case Details:
        return tr("Details");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Signet
