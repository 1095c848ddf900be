#pragma once

#include "models/RecordTableModel.h"
#include "workspace/Records.h"

namespace Signet {

// One project's signing keys, newest first within each state (active, next, retiring, ...).
class SigningKeyTableModel : public RecordTableModel<SigningKeyRecord>
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

    [[nodiscard]] const QList<SigningKeyRecord>& keys() const { return records(); }
    [[nodiscard]] const SigningKeyRecord* keyAt(int row) const { return recordAt(row); }

private:
    Result<QList<SigningKeyRecord>> fetch(const QString& projectId) override;
    QVariant keyOf(const SigningKeyRecord& key) const override { return key.kid; }
    QVariant stateOf(const SigningKeyRecord& key) const override { return static_cast<int>(key.state); }
};

} // namespace Signet
