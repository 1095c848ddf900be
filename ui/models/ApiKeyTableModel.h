#pragma once

#include "models/RecordTableModel.h"
#include "workspace/Records.h"

namespace Signet {

// One project's API keys. Secrets never enter the model: they are shown once, at creation.
class ApiKeyTableModel : public RecordTableModel<ApiKeyRecord>
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
    using KeyStatus = ApiKeyStatus; // the core's; the table words Usable as "active"

    ApiKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    [[nodiscard]] const ApiKeyRecord* keyAt(int row) const { return recordAt(row); }
    [[nodiscard]] KeyStatus statusOf(const ApiKeyRecord& key) const;

private:
    Result<QList<ApiKeyRecord>> fetch(const QString& projectId) override;
    QVariant keyOf(const ApiKeyRecord& key) const override { return key.id; }
    QVariant stateOf(const ApiKeyRecord& key) const override { return static_cast<int>(statusOf(key)); }
    [[nodiscard]] static QString statusWord(KeyStatus status);
};

} // namespace Signet
