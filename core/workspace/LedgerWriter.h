#pragma once

#include "workspace/Records.h"
#include "workspace/Vault.h"

#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace Signet {

// The associated-data id a ledger row's token is sealed under.
QString ledgerSealId(const QString& projectId, const QString& jti);

// Records minted tokens in the ledger with group commit: rows are sealed and inserted on a writer
// thread with its own connection, many to a transaction, so minting does not wait for SQLite.
// A row is committed at the latest kCommitWindow after it was appended. Whoever hands a token to a
// person or another process waits for its row first (waitFor), so a token that has left the process
// is always in the ledger; each row's failure goes to whoever waits for that row.
class LedgerWriter
{
public:
    // An audit event that belongs to the row (the server's token.issue): written in the row's
    // transaction, so that issuing a token costs no write of its own on the caller's connection.
    struct AuditNote
    {
        qint64 at = 0;
        QString actor;
        QString action;
        QString details;
    };
    struct Row
    {
        LedgerEntry entry;
        std::string token; // sealed on the writer thread
        quint64 sequence = 0;
        std::optional<AuditNote> audit;
    };

    static constexpr std::chrono::milliseconds kCommitWindow{2};
    static constexpr std::size_t kMaxQueued = 1024;       // appending waits beyond this
    static constexpr std::size_t kMaxKeptFailures = 1024; // failures nobody asked for, the oldest go

    // Opens a second connection to the workspace file on a new thread.
    static Result<std::unique_ptr<LedgerWriter>> start(const QString& path, const Vault& vault);
    // Commits what is queued, then stops the thread.
    ~LedgerWriter();
    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;

    // Queues the row; its sequence number, for waitFor().
    quint64 append(Row row);
    // Seals and inserts one row through `database` at once, bypassing the queue. A repeated jti is
    // ErrorCode::InvalidArgument.
    static Status insertNow(const Database& database, const Vault& vault, const Row& row);
    // Returns once that row is committed, or failed: then why.
    Status waitFor(quint64 sequence);
    // Without waiting: nothing while that row is queued, then whether it was committed (its failure
    // is handed over once, as by waitFor).
    std::optional<Status> poll(quint64 sequence);
    // Returns once every row appended before the call is committed or failed (for reading the ledger).
    void waitForAll();
    // waitForAll(), then the failures of rows nobody waited for, which it forgets.
    Status flush();

private:
    explicit LedgerWriter(const Vault& vault)
        : m_vault(vault)
    {}
    void run(const QString& path, std::promise<Status>& started);
    using Failures = std::vector<std::pair<quint64, Error>>;
    Failures commit(const Database& database, std::vector<Row>& rows) const;
    void waitUntilCommitted(std::unique_lock<std::mutex>& lock, quint64 sequence);

    const Vault& m_vault;
    std::mutex m_mutex;
    std::condition_variable m_wake;      // the writer: rows, a flush or the end
    std::condition_variable m_committed; // flushers and appenders waiting for room
    std::vector<Row> m_queue;
    std::vector<Row> m_spent; // committed, to be freed by the next append
    std::chrono::steady_clock::time_point m_firstQueuedAt;
    quint64 m_appendedCount = 0;
    quint64 m_committedCount = 0;
    bool m_flushRequested = false;
    bool m_stopping = false;
    std::map<quint64, Error> m_failures; // by sequence
    std::thread m_thread;
};

} // namespace Signet
