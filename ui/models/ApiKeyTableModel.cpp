#include "models/ApiKeyTableModel.h"

#include "workspace/Workspace.h"

#include <limits>

namespace Signet {

ApiKeyTableModel::ApiKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : RecordTableModel(workspace, clock, WithoutProject::NoRows, parent)
{
    // A key that was never used, or never expires, says so rather than "—".
    const auto relativeOrNever = [this](std::optional<qint64> ApiKeyRecord::*when) {
        return [this, when](const ApiKeyRecord& key) {
            return key.*when ? relativeToNow(key.*when) : QVariant(tr("never"));
        };
    };
    setColumns({
        textColumn(Name, tr("Name"), &ApiKeyRecord::name),
        textColumn(Id, tr("Key id"), &ApiKeyRecord::id).withToolTip(&ApiKeyRecord::id),
        textColumn(Scopes, tr("Scopes"),
                   [](const ApiKeyRecord& key) {
                       return key.scopes.isEmpty() ? QStringLiteral("—") : key.scopes.join(QStringLiteral(", "));
                   }),
        timeColumn(Created, tr("Created"), &ApiKeyRecord::createdAt),
        timeColumn(LastUsed, tr("Last used"), &ApiKeyRecord::lastUsedAt)
            .withDisplay(relativeOrNever(&ApiKeyRecord::lastUsedAt)),
        timeColumn(Expires, tr("Expires"), &ApiKeyRecord::expiresAt)
            .withDisplay(relativeOrNever(&ApiKeyRecord::expiresAt))
            .withSort([](const ApiKeyRecord& key) {
                return key.expiresAt.value_or(std::numeric_limits<qint64>::max()); // "never" sorts last
            }),
        textColumn(Status, tr("Status"), [this](const ApiKeyRecord& key) { return statusWord(statusOf(key)); }),
    });
    connect(&workspace.apiKeys(), &ApiKeyService::apiKeysChanged, this, &ApiKeyTableModel::reloadIfShown);
}

Result<QList<ApiKeyRecord>> ApiKeyTableModel::fetch(const QString& projectId)
{
    return m_workspace.apiKeys().list(projectId);
}

ApiKeyTableModel::KeyStatus ApiKeyTableModel::statusOf(const ApiKeyRecord& key) const
{
    return key.status(now());
}

QString ApiKeyTableModel::statusWord(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Usable:
        return tr("active");
    case KeyStatus::Expired:
        return tr("expired");
    case KeyStatus::Revoked:
        return tr("revoked");
    }
    return {};
}

} // namespace Signet
