#include "workspace/LedgerWriter.h"

#include "foundation/JsonWriter.h"

#include <QDebug>

namespace Signet {

QString ledgerSealId(const QString& projectId, const QString& jti)
{
    return projectId + QLatin1Char('/') + jti;
}

namespace {

struct LedgerRowValues
{
    const LedgerEntry* entry;
    QByteArray sealedToken;
};

// Qt SQL costs about a microsecond per bound value, more than SQLite's whole insert. So a batch is
// bound as two values: a JSON array with one array per row, and the sealed tokens laid end to end,
// each row naming its slice (substr on a blob counts bytes, from 1). Rows of a project deleted since
// the mint are skipped: the project took its ledger with it.
Status insertBatch(const Database& database, const std::vector<LedgerRowValues>& rows)
{
    std::string json = "[";
    QByteArray tokens;
    for (const LedgerRowValues& row : rows) {
        const LedgerEntry& entry = *row.entry;
        if (json.size() > 1)
            json += ',';
        json += '[';
        for (const QString& text : {entry.jti, entry.projectId, entry.kid, entry.algorithm, entry.subject,
                                    entry.audience.join(QLatin1Char(' ')), entry.scopes.join(QLatin1Char(' '))}) {
            JsonWriter::appendString(json, text.toStdString());
            json += ',';
        }
        json += std::to_string(entry.issuedAt) + ',' + std::to_string(entry.expiresAt) + ',' +
                (entry.oneTime ? "1," : "0,") + std::to_string(tokens.size() + 1) + ',' +
                std::to_string(row.sealedToken.size()) + ']';
        tokens += row.sealedToken;
    }
    json += ']';
    // Materialised, each row's array is parsed once rather than once per column.
    auto inserted = database.run(
        QStringLiteral("WITH batch(row) AS MATERIALIZED (SELECT value FROM json_each(?)) "
                       "INSERT INTO ledger (jti, project_id, kid, alg, subject, audience, scopes, issued_at, "
                       "expires_at, one_time, consumed_at, sealed_token) "
                       "SELECT row->>0, row->>1, row->>2, row->>3, row->>4, row->>5, row->>6, row->>7, row->>8, "
                       "row->>9, NULL, substr(?, row->>10, row->>11) FROM batch "
                       "WHERE EXISTS (SELECT 1 FROM projects WHERE id = row->>1)"),
        {QString::fromStdString(json), tokens});
    if (!inserted)
        return std::unexpected(inserted.error());
    return {};
}

Status insertOne(const Database& database, const LedgerRowValues& row)
{
    const LedgerEntry& entry = *row.entry;
    auto inserted = database.run(
        QStringLiteral(
            "INSERT INTO ledger (jti, project_id, kid, alg, subject, audience, scopes, issued_at, "
            "expires_at, one_time, consumed_at, sealed_token) "
            "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ? WHERE EXISTS (SELECT 1 FROM projects WHERE id = ?)"),
        {entry.jti, entry.projectId, entry.kid, entry.algorithm, entry.subject, entry.audience.join(QLatin1Char(' ')),
         entry.scopes.join(QLatin1Char(' ')), entry.issuedAt, entry.expiresAt, entry.oneTime, row.sealedToken,
         entry.projectId});
    if (!inserted)
        return std::unexpected(inserted.error().withContext(
            QStringLiteral("recording token '%1' of project '%2'").arg(entry.jti, entry.projectId)));
    return {};
}

} // namespace

Status LedgerWriter::insertNow(const Database& database, const Vault& vault, const Row& row)
{
    auto sealed = vault.seal(QByteArrayView(row.token.data(), static_cast<qsizetype>(row.token.size())),
                             SealedKind::Token, ledgerSealId(row.entry.projectId, row.entry.jti));
    if (!sealed)
        return std::unexpected(sealed.error());
    return insertOne(database, {&row.entry, *sealed});
}

Result<std::unique_ptr<LedgerWriter>> LedgerWriter::start(const QString& path, const Vault& vault)
{
    std::unique_ptr<LedgerWriter> writer(new LedgerWriter(vault));
    std::promise<Status> started;
    auto opened = started.get_future();
    writer->m_thread =
        std::thread([&writer = *writer, path, started = std::move(started)]() mutable { writer.run(path, started); });
    if (auto status = opened.get(); !status) {
        writer->m_thread.join();
        return std::unexpected(status.error());
    }
    return writer;
}

LedgerWriter::~LedgerWriter()
{
    if (!m_thread.joinable())
        return;
    if (auto flushed = flush(); !flushed)
        qWarning("signet: %s", qPrintable(flushed.error().message));
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void LedgerWriter::append(Row row)
{
    std::vector<Row> spent;
    std::unique_lock lock(m_mutex);
    spent.swap(m_spent);
    if (m_queue.size() >= kMaxQueued) {
        m_flushRequested = true;
        m_wake.notify_one();
        m_committed.wait(lock, [this] { return m_queue.size() < kMaxQueued; });
    }
    const bool first = m_queue.empty();
    if (first)
        m_firstQueuedAt = std::chrono::steady_clock::now();
    m_queue.push_back(std::move(row));
    ++m_appendedCount;
    // Waking the writer costs a system call, so only when its window starts.
    if (first)
        m_wake.notify_one();
}

Status LedgerWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const quint64 target = m_appendedCount;
    if (m_committedCount < target) {
        m_flushRequested = true;
        m_wake.notify_one();
        m_committed.wait(lock, [&] { return m_committedCount >= target; });
    }
    if (m_failure)
        return std::unexpected(*std::exchange(m_failure, std::nullopt));
    return {};
}

void LedgerWriter::run(const QString& path, std::promise<Status>& started)
{
    // The connection belongs to this thread: Qt SQL connections are not shared between threads.
    auto database = Database::open(path, Database::Creation::MustExist);
    if (!database) {
        started.set_value(std::unexpected(database.error().withContext(QStringLiteral("starting the ledger writer"))));
        return;
    }
    started.set_value({});

    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and the destructor flushed before
        // Gather for the rest of the window unless someone waits or the queue is long.
        m_wake.wait_until(lock, m_firstQueuedAt + kCommitWindow,
                          [this] { return m_stopping || m_flushRequested || m_queue.size() >= kMaxQueued; });
        std::vector<Row> batch = std::exchange(m_queue, {});
        const quint64 upTo = m_appendedCount;
        m_flushRequested = false;
        lock.unlock();
        Status status = commit(**database, batch);
        lock.lock();
        if (!status && !m_failure)
            m_failure = status.error();
        m_committedCount = upTo;
        // The rows were allocated by the minting thread: freeing them there spares both threads
        // from contending for the allocator's locks.
        if (m_spent.empty())
            m_spent = std::move(batch);
        m_committed.notify_all();
    }
}

Status LedgerWriter::commit(const Database& database, std::vector<Row>& rows) const
{
    const QString batchContext = QStringLiteral("recording %1 minted token(s) in the ledger").arg(rows.size());
    std::optional<Error> failure;
    std::vector<LedgerRowValues> values;
    values.reserve(rows.size());
    for (Row& row : rows) {
        auto sealed = m_vault.seal(QByteArrayView(row.token.data(), static_cast<qsizetype>(row.token.size())),
                                   SealedKind::Token, ledgerSealId(row.entry.projectId, row.entry.jti));
        row.token.assign(row.token.size(), '\0');
        if (!sealed) {
            if (!failure)
                failure = sealed.error();
            continue;
        }
        values.push_back({&row.entry, std::move(*sealed)});
    }

    auto transaction = Transaction::begin(database);
    if (!transaction)
        return std::unexpected(transaction.error().withContext(batchContext));
    if (auto inserted = insertBatch(database, values); !inserted) {
        // One row the database refuses (a repeated jti) would take the others with it: record the
        // rows one at a time, so only that one is lost and named.
        if (inserted.error().code != ErrorCode::InvalidArgument)
            return std::unexpected(inserted.error().withContext(batchContext));
        for (const LedgerRowValues& row : values) {
            if (auto single = insertOne(database, row); !single && !failure)
                failure = single.error();
        }
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error().withContext(batchContext));
    if (failure)
        return std::unexpected(*failure);
    return {};
}

} // namespace Signet
