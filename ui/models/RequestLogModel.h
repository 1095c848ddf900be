#pragma once

#include "server/LocalServer.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <deque>
#include <vector>

namespace Signet {

// The local server's request log: the last `capacity` requests, oldest first. Entries arrive in
// batches (one insertion per batch interval) so that a client hammering the server does not make
// the view lay out a row per request.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Time,
        Method,
        Path,
        StatusCode,
        Milliseconds,
        Client,
        Count
    };
    static constexpr int kDefaultCapacity = 1000;
    static constexpr std::chrono::milliseconds kBatchInterval{50};

    explicit RequestLogModel(QObject* parent = nullptr, int capacity = kDefaultCapacity);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    [[nodiscard]] int capacity() const { return m_capacity; }
    [[nodiscard]] const RequestLogEntry& entry(int row) const { return m_entries[std::size_t(row)]; }
    // Every request since the log was last cleared, including those that no longer fit.
    [[nodiscard]] qint64 totalCount() const { return m_total; }

public Q_SLOTS:
    // Queued; shown with the next batch.
    void append(const Signet::RequestLogEntry& entry);
    // Shows the queued entries now.
    void flush();
    void clear();

Q_SIGNALS:
    void totalCountChanged(qint64 total);

private:
    [[nodiscard]] QVariant display(const RequestLogEntry& entry, Column column) const;

    int m_capacity;
    std::deque<RequestLogEntry> m_entries;
    std::vector<RequestLogEntry> m_pending;
    qint64 m_total = 0;
    QTimer m_batchTimer;
};

} // namespace Signet
