#pragma once

#include "workspace/Records.h"
#include "workspace/Vault.h"

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace Signet {

// The associated-data id a ledger row's token is sealed under.
QString ledgerSealId(const QString& projectId, const QString& jti);

// Records minted tokens in the ledger with group commit: rows are sealed and inserted on a writer
// thread with its own connection, many to a transaction, so minting does not wait for SQLite.
// A row is committed at the latest kCommitWindow after it was appended; flush() waits for every row
// appended so far. Whoever hands a token to a person or another process flushes first, so a token
// that has left the process is always in the ledger.
class LedgerWriter
{
public:
    struct Row
    {
        LedgerEntry entry;
        std::string token; // sealed on the writer thread
    };

    static constexpr std::chrono::milliseconds kCommitWindow{2};
    static constexpr std::size_t kMaxQueued = 1024; // appending waits beyond this

    // Opens a second connection to the workspace file on a new thread.
    static Result<std::unique_ptr<LedgerWriter>> start(const QString& path, const Vault& vault);
    // Commits what is queued, then stops the thread.
    ~LedgerWriter();
    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;

    void append(Row row);
    // Seals and inserts one row through `database` at once, bypassing the queue. A repeated jti is
    // ErrorCode::InvalidArgument.
    static Status insertNow(const Database& database, const Vault& vault, const Row& row);
    // Returns once every row appended before the call is committed: the first failure since the
    // previous flush, if any row could not be recorded.
    Status flush();

private:
    explicit LedgerWriter(const Vault& vault)
        : m_vault(vault)
    {}
    void run(const QString& path, std::promise<Status>& started);
    Status commit(const Database& database, std::vector<Row>& rows) const;

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
    std::optional<Error> m_failure;
    std::thread m_thread;
};

} // namespace Signet
