#pragma once

#include "workspace/AuditPages.h"
#include "workspace/LedgerPages.h"

#include <QFuture>
#include <QString>

#include <memory>

class QObject;
class QThread;

namespace Signet {

class Database;

// Reads ledger and audit pages on a thread of its own, through a read-only connection of its own
// (a Qt SQL connection belongs to the thread that opened it), so that a query that scans a long
// ledger (a filter, an unindexed order) never stalls the GUI thread. Reads run one at a time in the
// order asked; each result arrives through its future. Reads only what is committed.
class BackgroundPages
{
public:
    explicit BackgroundPages(QString workspacePath);
    // Lets the read under way finish, then closes the connection on its thread.
    ~BackgroundPages();
    BackgroundPages(const BackgroundPages&) = delete;
    BackgroundPages& operator=(const BackgroundPages&) = delete;

    QFuture<Result<QList<LedgerEntry>>> ledgerPage(LedgerPages::Query query, int offset, int limit, qint64 now);
    QFuture<Result<QList<AuditEvent>>> auditPage(AuditPages::Query query, int offset, int limit);
    // LedgerPages::countIssuedSince: a count that walks every row of a long ledger since `since`.
    QFuture<Result<int>> countIssuedSince(QString projectId, qint64 since);

private:
    template<typename T, typename Read> QFuture<T> run(Read read);
    // The connection, opened on first use (on the reader's thread).
    Result<const Database*> database();

    QString m_path;
    std::unique_ptr<QThread> m_thread;
    QObject* m_worker; // lives on m_thread: what reads are queued to
    std::unique_ptr<Database> m_database;
};

} // namespace Signet
