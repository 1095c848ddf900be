#pragma once

#include "workspace/ProjectHealth.h"

#include <QAbstractListModel>

namespace Signet {

class Clock;
class Workspace;

// The sidebar's projects with their health, following the workspace's change signals.
class ProjectListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        HealthRole,
        IssuesRole
    };

    ProjectListModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    [[nodiscard]] int rowOf(const QString& projectId) const;
    [[nodiscard]] QString idAt(int row) const;
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

public Q_SLOTS:
    void reload();
    // One project's row read again (its keys changed).
    void reloadProject(const QString& projectId);

private:
    struct Row
    {
        Project project;
        ProjectHealth health;
    };
    Workspace& m_workspace;
    const Clock& m_clock;
    QList<Row> m_rows;
    QString m_lastError;
};

} // namespace Signet
