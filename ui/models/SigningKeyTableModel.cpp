#include "models/SigningKeyTableModel.h"

#include "workspace/Workspace.h"

namespace Signet {

using ModelSupport::shortId;

SigningKeyTableModel::SigningKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : RecordTableModel(workspace, clock, WithoutProject::NoRows, parent)
{
    setColumns({
        shortenedColumn(Kid, tr("Key id"), &SigningKeyRecord::kid,
                        [](const SigningKeyRecord& key) { return shortId(key.kid); }),
        textColumn(Algorithm, tr("Algorithm"),
                   [](const SigningKeyRecord& key) { return algorithmQName(key.algorithm); })
            .withToolTip([](const SigningKeyRecord& key) {
                return QStringLiteral("%1 · %2").arg(algorithmDescription(key.algorithm), key.keyType);
            }),
        {.column = State,
         .header = tr("State"),
         .display = [](const SigningKeyRecord& key) { return keyStateName(key.state); },
         .sort = [](const SigningKeyRecord& key) { return static_cast<int>(key.state); }},
        timeColumn(Created, tr("Created"), &SigningKeyRecord::createdAt),
        timeColumn(Activated, tr("Activated"), &SigningKeyRecord::activatedAt),
        // Only a retiring (or retired) key has a retirement to show.
        timeColumn(RetireAt, tr("Retire at"), &SigningKeyRecord::retireAt)
            .withDisplay([this](const SigningKeyRecord& key) {
                return key.state == KeyState::Retiring || key.state == KeyState::Retired
                           ? relativeToNow(key.retireAt)
                           : QVariant(QStringLiteral("—"));
            }),
        shortenedColumn(Fingerprint, tr("Fingerprint"), &SigningKeyRecord::fingerprint,
                        [](const SigningKeyRecord& key) {
                            return QString(QStringLiteral("SHA256:") + shortId(key.fingerprint.mid(7), 6));
                        }),
    });
    connect(&workspace.keys(), &KeyService::keysChanged, this, &SigningKeyTableModel::reloadIfShown);
}

Result<QList<SigningKeyRecord>> SigningKeyTableModel::fetch(const QString& projectId)
{
    return m_workspace.keys().list(projectId);
}

} // namespace Signet
