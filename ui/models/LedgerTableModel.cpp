#include "models/LedgerTableModel.h"

#include "workspace/BackgroundPages.h"
#include "workspace/Workspace.h"

#include <QTimer>

#include <algorithm>

namespace Signet {

LedgerTableModel::LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : PagedRecordTableModel(workspace, clock, WithoutProject::NoRows, parent)
    , m_pages(workspace)
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
    // A token minted here is committed by the ledger writer within its commit window: look again then
    // too (the workspace watcher covers a writer that waits for another program's lock).
    connect(&workspace.tokens(), &TokenService::ledgerChanged, this, [this](const QString& projectId) {
        reloadIfShown(projectId);
        QTimer::singleShot(kCommitSettle, this, [this, projectId] { reloadIfShown(projectId); });
    });
}

LedgerTableModel::~LedgerTableModel() = default;

// Text matching and orders other than the newest first scan the project's rows.
LedgerTableModel::Reading LedgerTableModel::reading() const
{
    const bool indexed = m_query.text.trimmed().isEmpty() && m_query.sortKey == LedgerPages::SortKey::Issued;
    return indexed ? Reading::Here : Reading::InBackground;
}

Result<QList<LedgerEntry>> LedgerTableModel::read(int offset, int limit)
{
    m_query.projectId = project();
    return m_pages.page(m_query, offset, limit, now());
}

QFuture<Result<QList<LedgerEntry>>> LedgerTableModel::readInBackground(int offset, int limit)
{
    m_query.projectId = project();
    if (!m_background)
        m_background = std::make_unique<BackgroundPages>(m_workspace.location());
    return m_background->ledgerPage(m_query, offset, limit, now());
}

void LedgerTableModel::setFilterText(const QString& text)
{
    if (text == m_query.text)
        return;
    m_query.text = text;
    reload();
}

void LedgerTableModel::sort(int column, Qt::SortOrder order)
{
    static constexpr LedgerPages::SortKey kKeys[] = {LedgerPages::SortKey::TokenId, LedgerPages::SortKey::Subject,
                                                     LedgerPages::SortKey::Scopes,  LedgerPages::SortKey::Issued,
                                                     LedgerPages::SortKey::Expires, LedgerPages::SortKey::OneTime};
    if (column < 0 || column >= ColumnCount)
        return;
    m_query.sortKey = kKeys[column];
    m_query.direction =
        order == Qt::AscendingOrder ? LedgerPages::Direction::Ascending : LedgerPages::Direction::Descending;
    reload();
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

void LedgerTableModel::setHeaderNote(Column column, const QString& note)
{
    if (m_headerNotes.value(column) == note)
        return;
    m_headerNotes.insert(column, note);
    Q_EMIT headerDataChanged(Qt::Horizontal, column, column);
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && !m_headerNotes.value(section).isEmpty())
        return m_headerNotes.value(section);
    return PagedRecordTableModel::headerData(section, orientation, role);
}

} // namespace Signet
