#include "workspace/BackgroundPages.h"

#include "workspace/Database.h"

#include <QPromise>
#include <QThread>

namespace Signet {

BackgroundPages::BackgroundPages(QString workspacePath)
    : m_path(std::move(workspacePath))
    , m_thread(std::make_unique<QThread>())
    , m_worker(new QObject)
{
    m_thread->setObjectName(QStringLiteral("signet-background-pages"));
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
}

BackgroundPages::~BackgroundPages()
{
    // Queued after every read asked for, so those finish first; the connection closes where it opened.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_database.reset(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

Result<const Database*> BackgroundPages::database()
{
    if (!m_database) {
        auto opened = Database::openReadOnly(m_path);
        if (!opened)
            return std::unexpected(opened.error());
        m_database = std::move(*opened);
    }
    return m_database.get();
}

template<typename T, typename Read> QFuture<T> BackgroundPages::run(Read read)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        m_worker,
        [this, promise, read = std::move(read)] {
            auto db = database();
            promise->addResult(db ? read(**db) : T(std::unexpected(db.error())));
            promise->finish();
        },
        Qt::QueuedConnection);
    return future;
}

QFuture<Result<QList<LedgerEntry>>> BackgroundPages::ledgerPage(LedgerPages::Query query, int offset, int limit,
                                                                qint64 now)
{
    return run<Result<QList<LedgerEntry>>>([query = std::move(query), offset, limit, now](const Database& db) {
        return LedgerPages(db).page(query, offset, limit, now);
    });
}

QFuture<Result<QList<AuditEvent>>> BackgroundPages::auditPage(AuditPages::Query query, int offset, int limit)
{
    return run<Result<QList<AuditEvent>>>([query = std::move(query), offset, limit](const Database& db) {
        return AuditPages(db).page(query, offset, limit);
    });
}

QFuture<Result<int>> BackgroundPages::countIssuedSince(QString projectId, qint64 since)
{
    return run<Result<int>>([projectId = std::move(projectId), since](const Database& db) {
        return LedgerPages(db).countIssuedSince(projectId, since);
    });
}

} // namespace Signet
