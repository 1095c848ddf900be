#pragma once

#include "workspace/Records.h"

#include <QAbstractTableModel>

namespace Signet {

class Clock;
class Workspace;

// The audit log, newest first; one project's or the whole workspace's.
class AuditTableModel : public QAbstractTableModel
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

    AuditTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    // Empty: every project.
    void setProject(const QString& projectId);
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void reload();

private:
    Workspace& m_workspace;
    const Clock& m_clock;
    QString m_projectId;
    QList<AuditEvent> m_events;
    QString m_lastError;
};

} // namespace Signet
