#pragma once

#include "models/PagedRecordTableModel.h"
#include "workspace/LedgerPages.h"
#include "workspace/Records.h"

#include <QHash>

#include <memory>

namespace Signet {

class BackgroundPages;

// One project's token ledger, newest first unless sorted otherwise. It fetches on demand, a page at
// a time as the view scrolls, so a ledger of 100,000 rows opens as fast as one of ten; SQLite sorts
// and filters, a filter or another order on the reader's thread (they scan the project's rows). Token texts never enter
// the model: copying one goes through TokenService::reveal, which is audited.
class LedgerTableModel : public PagedRecordTableModel<LedgerEntry>
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

    // A little over LedgerWriter::kCommitWindow: when a row minted in this process is committed.
    static constexpr std::chrono::milliseconds kCommitSettle{20};

    LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);
    ~LedgerTableModel() override;

    // Shows only the tokens whose jti, subject, scopes or audience contain the text, or whose one-time
    // state is that word; empty: all. Reads the first page again.
    void setFilterText(const QString& text);
    [[nodiscard]] const QString& filterText() const { return m_query.text; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    [[nodiscard]] const LedgerEntry* entryAt(int row) const { return recordAt(row); }

    // A column's header tooltip: what a provider profile calls it ("VocalStack lifetime_s: exp − iat").
    void setHeaderNote(Column column, const QString& note);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] OneTimeState oneTimeStateOf(const LedgerEntry& entry) const;

private:
    [[nodiscard]] Reading reading() const override;
    Result<QList<LedgerEntry>> read(int offset, int limit) override;
    QFuture<Result<QList<LedgerEntry>>> readInBackground(int offset, int limit) override;
    QVariant keyOf(const LedgerEntry& entry) const override { return entry.jti; }
    QVariant stateOf(const LedgerEntry& entry) const override { return static_cast<int>(oneTimeStateOf(entry)); }
    [[nodiscard]] QString expiryText(qint64 expiresAt) const;

    QHash<int, QString> m_headerNotes;
    LedgerPages m_pages;
    LedgerPages::Query m_query;
    std::unique_ptr<BackgroundPages> m_background; // started by the first read off the GUI thread
    [[nodiscard]] static QString oneTimeWord(OneTimeState state);
};

} // namespace Signet
