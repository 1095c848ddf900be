#pragma once

#include "workspace/Records.h"

#include <QAbstractTableModel>

namespace Signet {

class Clock;
class Workspace;

// One project's API keys. Secrets never enter the model: they are shown once, at creation.
class ApiKeyTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Id,
        Scopes,
        Created,
        LastUsed,
        Expires,
        Status,
        ColumnCount
    };
    enum class KeyStatus
    {
        Active,
        Expired,
        Revoked
    };

    ApiKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    void setProject(const QString& projectId);
    [[nodiscard]] const ApiKeyRecord* keyAt(int row) const;
    [[nodiscard]] KeyStatus statusOf(const ApiKeyRecord& key) const;
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
    QList<ApiKeyRecord> m_keys;
    QString m_lastError;
};

} // namespace Signet
