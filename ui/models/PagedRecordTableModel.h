#pragma once

#include "models/RecordTableModel.h"

#include <QFuture>

#include <algorithm>

namespace Signet {

// A record table over a list too long to hold (the ledger, the audit log): rows are read a page at a
// time as the view scrolls, filtered and ordered by the store. On a file, a read the index answers at
// once runs here; one that scans (a filter, an order no index gives) runs on BackgroundPages' thread
// and shows once read, so the GUI thread never waits for it. On a team workspace every read is a round
// trip to the server, so every read runs there. The newest query wins: an older read that arrives late
// is dropped. While a read is under way the rows shown stay (a live refresh does not flicker), unless
// they are another project's.
template<typename Record> class PagedRecordTableModel : public RecordTableModel<Record>
{
public:
    static constexpr int kPageSize = 200;

    void reload() override { reloadReading(howToRead(), OtherProjectRows::Clear); }

    // As setProject(), but the first pages are read on the reader's thread whatever the query: for a view
    // not on screen, whose rows may come a moment later. The rows held meanwhile stay (showsProject()).
    void setProjectInBackground(const QString& projectId)
    {
        this->assignProject(projectId);
        reloadReading(Reading::InBackground, OtherProjectRows::Keep);
    }

    bool canFetchMore(const QModelIndex& parent) const override
    {
        return !parent.isValid() && m_hasMore && !m_readingInBackground;
    }

    void fetchMore(const QModelIndex& parent) override
    {
        if (!canFetchMore(parent))
            return;
        const int offset = this->rowCount();
        if (howToRead() == Reading::Here)
            return appendPage(read(offset, kPageSize));
        m_readingInBackground = true;
        whenRead(readInBackground(offset, kPageSize), [this, generation = m_generation](Result<QList<Record>> page) {
            if (generation != m_generation)
                return;
            m_readingInBackground = false;
            appendPage(std::move(page));
        });
    }

    // Whether rows are being read on the reader's thread (shown once read).
    [[nodiscard]] bool isReadingInBackground() const { return m_readingInBackground; }

protected:
    using RecordTableModel<Record>::RecordTableModel;

    enum class Reading
    {
        Here,        // the index answers at once
        InBackground // the read scans (or travels to a server): off the GUI thread
    };
    // How the current query is read from a file (see howToRead()).
    [[nodiscard]] virtual Reading reading() const = 0;
    // Rows [offset, offset + limit) of the current query.
    virtual Result<QList<Record>> read(int offset, int limit) = 0;
    virtual QFuture<Result<QList<Record>>> readInBackground(int offset, int limit) = 0;

private:
    // What a read in the background does to the rows of a project no longer shown.
    enum class OtherProjectRows
    {
        Keep, // a view not on screen: they are not seen, and the project's own come a moment later
        Clear // they would show as the new project's until its own are read
    };

    // How the current query is read: as reading() says, but never here on a team workspace.
    [[nodiscard]] Reading howToRead() const { return this->readsCostARoundTrip() ? Reading::InBackground : reading(); }
    void reloadReading(Reading how, OtherProjectRows otherProjectRows)
    {
        ++m_generation;
        m_readingInBackground = false;
        if (this->hasNothingToList() || how == Reading::Here)
            return RecordTableModel<Record>::reload();
        if (otherProjectRows == OtherProjectRows::Clear && !this->showsProject())
            this->clearRecords();
        const int limit = firstPagesSize();
        m_readingInBackground = true;
        whenRead(readInBackground(0, limit), [this, generation = m_generation, limit](Result<QList<Record>> page) {
            if (generation != m_generation)
                return;
            m_readingInBackground = false;
            m_hasMore = page && page->size() == limit;
            this->showFetched(std::move(page));
        });
    }
    // Runs `show` with the page once read, always from the event loop: a read that finished before the
    // continuation was attached would otherwise show its rows inside reload() or fetchMore(), so that
    // the caller would find them there sometimes at once and sometimes later.
    template<typename Show> void whenRead(QFuture<Result<QList<Record>>> read, Show show)
    {
        read.then(this, [this, show](const Result<QList<Record>>& page) {
            QMetaObject::invokeMethod(
                this, [show, page] { show(page); }, Qt::QueuedConnection);
        });
    }
    Result<QList<Record>> fetch(const QString&) final
    {
        const int limit = firstPagesSize();
        auto page = read(0, limit);
        m_hasMore = page && page->size() == limit;
        return page;
    }
    // The first page, or as many rows as were shown (up to ten pages), so that a live refresh keeps the
    // rows the user has scrolled to.
    [[nodiscard]] int firstPagesSize() const
    {
        const int shown = std::clamp(this->rowCount(), kPageSize, 10 * kPageSize);
        return (shown + kPageSize - 1) / kPageSize * kPageSize;
    }
    void appendPage(Result<QList<Record>> page)
    {
        if (!page) {
            this->m_lastError = page.error().message;
            return;
        }
        m_hasMore = page->size() == kPageSize;
        this->appendRecords(*page);
    }

    bool m_hasMore = false;
    bool m_readingInBackground = false;
    quint64 m_generation = 0;
};

} // namespace Signet
