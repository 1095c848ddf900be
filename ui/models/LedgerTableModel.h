#pragma once

#include "models/RecordTableModel.h"
#include "workspace/Records.h"

namespace Signet {

// One project's token ledger, newest first as the service lists it. Token texts never enter the
// model: copying one goes through TokenService::reveal, which is audited.
class LedgerTableModel : public RecordTableModel<LedgerEntry>
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
    // The core's status of a ledger entry; NotOneTime shows "—" and no badge.
    using OneTimeState = OneTimeStatus;

    LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    [[nodiscard]] const LedgerEntry* entryAt(int row) const { return recordAt(row); }
    [[nodiscard]] OneTimeState oneTimeStateOf(const LedgerEntry& entry) const;

public Q_SLOTS:
    // The clock moved on: the relative times and the one-time states may read differently now.
    void refreshTimes();

private:
    Result<QList<LedgerEntry>> fetch(const QString& projectId) override;
    QVariant keyOf(const LedgerEntry& entry) const override { return entry.jti; }
    QVariant stateOf(const LedgerEntry& entry) const override { return static_cast<int>(oneTimeStateOf(entry)); }
    [[nodiscard]] QString expiryText(qint64 expiresAt) const;
    [[nodiscard]] static QString oneTimeWord(OneTimeState state);
};

} // namespace Signet
