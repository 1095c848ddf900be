#pragma once

#include "models/RecordTableModel.h"
#include "workspace/Records.h"

namespace Signet {

// The audit log, newest first; one project's or the whole workspace's.
class AuditTableModel : public RecordTableModel<AuditEvent>
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Actor,
        Action,
        Project,
        Object,
        Details,
        ColumnCount
    };

    // Lists the whole workspace's events until setProject() narrows it to one project's.
    AuditTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

private:
    Result<QList<AuditEvent>> fetch(const QString& projectId) override;
    QVariant keyOf(const AuditEvent& event) const override { return event.id; }
};

} // namespace Signet
