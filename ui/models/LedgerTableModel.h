#pragma once

#include "workspace/Records.h"

#include <QAbstractTableModel>

namespace Signet {

class Clock;
class Workspace;

// One project's token ledger, newest first as the service lists it. Token texts never enter the
// model: copying one goes through TokenService::reveal, which is audited.
class LedgerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Jti,
        Subject,
        Scopes,
        Issued,
        Expires,
        OneTime,
        ColumnCount
    };
    // StateRole of every column: what the one-time badge shows.
    enum class OneTimeState
    {
        NotOneTime, // an ordinary token: "—", no badge
        Unused,
        Used,
        Expired
    };

    LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    void setProject(const QString& projectId);
    [[nodiscard]] const QString& project() const { return m_projectId; }
    [[nodiscard]] const LedgerEntry* entryAt(int row) const;
    [[nodiscard]] OneTimeState oneTimeStateOf(const LedgerEntry& entry) const;
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void reload();
    // The clock moved on: the relative times and the one-time states may read differently now.
    void refreshTimes();

private:
    Workspace& m_workspace;
    const Clock& m_clock;
    QString m_projectId;
    QList<LedgerEntry> m_entries;
    QString m_lastError;
};

} // namespace Signet
