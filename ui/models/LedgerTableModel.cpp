#include "models/LedgerTableModel.h"

#include "workspace/Workspace.h"

namespace Signet {

LedgerTableModel::LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : RecordTableModel(workspace, clock, WithoutProject::NoRows, parent)
{
    setColumns({
        // A ULID in full: its first characters are the time, alike in neighbouring rows.
        shortenedColumn(Jti, tr("Token id (jti)"), &LedgerEntry::jti,
                        [](const LedgerEntry& entry) {
                            return entry.jti.size() <= 26 ? entry.jti : ModelSupport::shortId(entry.jti, 8);
                        }),
        textColumn(
            Subject, tr("Subject"),
            [](const LedgerEntry& entry) { return entry.subject.isEmpty() ? QStringLiteral("—") : entry.subject; })
            .withToolTip([](const LedgerEntry& entry) {
                return entry.audience.isEmpty()
                           ? QVariant()
                           : QVariant(tr("Audience: %1").arg(entry.audience.join(QStringLiteral(", "))));
            }),
        textColumn(Scopes, tr("Scopes"),
                   [](const LedgerEntry& entry) {
                       return entry.scopes.isEmpty() ? QStringLiteral("—") : entry.scopes.join(QLatin1Char(' '));
                   }),
        timeColumn(Issued, tr("Issued"), &LedgerEntry::issuedAt),
        timeColumn(Expires, tr("Expires"), &LedgerEntry::expiresAt).withDisplay([this](const LedgerEntry& entry) {
            return expiryText(entry.expiresAt);
        }),
        textColumn(OneTime, tr("One-time"),
                   [this](const LedgerEntry& entry) { return oneTimeWord(oneTimeStateOf(entry)); })
            .withToolTip([](const LedgerEntry& entry) {
                return entry.consumedAt
                           ? QVariant(tr("Used %1").arg(ModelSupport::absoluteTime(entry.consumedAt).toString()))
                           : QVariant();
            }),
    });
    connect(&workspace.tokens(), &TokenService::ledgerChanged, this, &LedgerTableModel::reloadIfShown);
}

Result<QList<LedgerEntry>> LedgerTableModel::fetch(const QString& projectId)
{
    return m_workspace.tokens().list(projectId);
}

void LedgerTableModel::refreshTimes()
{
    if (records().isEmpty())
        return;
    const int last = rowCount() - 1;
    Q_EMIT dataChanged(index(0, Issued), index(last, OneTime));
}

LedgerTableModel::OneTimeState LedgerTableModel::oneTimeStateOf(const LedgerEntry& entry) const
{
    return entry.oneTimeStatus(now());
}

QString LedgerTableModel::expiryText(qint64 expiresAt) const
{
    const qint64 now = this->now();
    if (expiresAt > now)
        return ModelSupport::relativeTime(expiresAt, now).toString();
    if (expiresAt == now)
        return tr("expired just now");
    return tr("expired %1").arg(ModelSupport::relativeTime(expiresAt, now).toString());
}

QString LedgerTableModel::oneTimeWord(OneTimeState state)
{
    switch (state) {
    case OneTimeState::NotOneTime:
        break;
    case OneTimeState::Unused:
        return tr("unused");
    case OneTimeState::Used:
        return tr("used");
    case OneTimeState::Expired:
        return tr("expired");
    }
    return QStringLiteral("—");
}

} // namespace Signet
