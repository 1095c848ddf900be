#include "models/AuditTableModel.h"

#include "workspace/Workspace.h"

namespace Signet {

AuditTableModel::AuditTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : RecordTableModel(workspace, clock, WithoutProject::AllProjects, parent)
{
    setColumns({
        // Ids follow time, and break ties in order.
        timeColumn(Time, tr("Time"), &AuditEvent::at).withSort(&AuditEvent::id),
        textColumn(Actor, tr("Actor"), &AuditEvent::actor),
        textColumn(Action, tr("Action"), &AuditEvent::action),
        textColumn(Project, tr("Project"), &AuditEvent::projectId),
        shortenedColumn(Object, tr("Object"), &AuditEvent::object,
                        [](const AuditEvent& event) { return ModelSupport::shortId(event.object, 8); }),
        textColumn(Details, tr("Details"), &AuditEvent::details).withToolTip(&AuditEvent::details),
    });
    connect(&workspace.audit(), &AuditLog::eventRecorded, this, &AuditTableModel::reload);
    reload();
}

Result<QList<AuditEvent>> AuditTableModel::fetch(const QString& projectId)
{
    return m_workspace.audit().list(projectId);
}

} // namespace Signet
