#pragma once

#include "models/RecordTableModel.h"
#include "workspace/LedgerPages.h"
#include "workspace/Records.h"

namespace Signet {

// One project's token ledger, newest first unless sorted otherwise. It fetches on demand, a page at
// a time as the view scrolls, so a ledger of 100,000 rows opens as fast as one of ten; SQLite sorts
// and filters. Token texts never enter the model: copying one goes through TokenService::reveal,
// which is audited.
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

    static constexpr int kPageSize = 200;
    // A little over LedgerWriter::kCommitWindow: when a row minted in this process is committed.
    static constexpr std::chrono::milliseconds kCommitSettle{20};

    LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);

    // Shows only the tokens whose jti, subject, scopes or audience contain the text, or whose one-time
    // state is that word; empty: all. Reads the first page again.
    void setFilterText(const QString& text);
    [[nodiscard]] const QString& filterText() const { return m_query.text; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    [[nodiscard]] const LedgerEntry* entryAt(int row) const { return recordAt(row); }
    [[nodiscard]] OneTimeState oneTimeStateOf(const LedgerEntry& entry) const;

private:
    Result<QList<LedgerEntry>> fetch(const QString& projectId) override;
    QVariant keyOf(const LedgerEntry& entry) const override { return entry.jti; }
    QVariant stateOf(const LedgerEntry& entry) const override { return static_cast<int>(oneTimeStateOf(entry)); }
    [[nodiscard]] QString expiryText(qint64 expiresAt) const;
    Result<QList<LedgerEntry>> fetchPage(int offset, int limit);

    LedgerPages m_pages;
    LedgerPages::Query m_query;
    bool m_hasMore = false;
    [[nodiscard]] static QString oneTimeWord(OneTimeState state);
};

} // namespace Signet
