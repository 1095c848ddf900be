#pragma once

#include "workspace/Records.h"

#include <QAbstractTableModel>

namespace Signet {

class Clock;
class Workspace;

// One project's signing keys, newest first within each state (active, next, retiring, ...).
class SigningKeyTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Kid,
        Algorithm,
        State,
        Created,
        Activated,
        RetireAt,
        Fingerprint,
        ColumnCount
    };

    SigningKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    void setProject(const QString& projectId);
    [[nodiscard]] const QString& project() const { return m_projectId; }
    [[nodiscard]] const QList<SigningKeyRecord>& keys() const { return m_keys; }
    [[nodiscard]] const SigningKeyRecord* keyAt(int row) const;
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
    QList<SigningKeyRecord> m_keys;
    QString m_lastError;
};

} // namespace Signet
