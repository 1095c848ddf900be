#include "workspace/LedgerWriter.h"

#include "workspace/Database.h"
#include "workspace/PostgresArray.h"

#include "foundation/JsonWriter.h"

#include <QDebug>

#include <array>

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
    const std::optional<LedgerWriter::AuditNote>* audit = nullptr;
};

Status insertAudit(const Database& database, const LedgerRowValues& row)
{
    if (!row.audit || !*row.audit)
        return {};
    const LedgerWriter::AuditNote& note = **row.audit;
    auto done = database.run(
        QStringLiteral("INSERT INTO audit (at, actor, action, project_id, object, details) VALUES (?, ?, ?, ?, ?, ?)"),
        {note.at, note.actor, note.action, row.entry->projectId, row.entry->jti, note.details});
    if (!done)
        return std::unexpected(done.error());
    return {};
}

// Qt SQL costs about a microsecond per bound value, more than SQLite's whole insert. So a batch is
// bound as a few values: the rows, and the sealed tokens laid end to end, each row naming its slice
// (substr on a blob counts bytes, from 1). Rows of a project deleted since the mint are skipped (the
// project took its ledger with it): the count inserted says so.
//
// SQLite gets the rows as a JSON array with one array per row.
Result<int> insertBatchIntoSqlite(const Database& database, const std::vector<LedgerRowValues>& rows)
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
    return database.run(
        QStringLiteral("WITH batch(row) AS MATERIALIZED (SELECT value FROM json_each(?)) "
                       "INSERT INTO ledger (jti, project_id, kid, alg, subject, audience, scopes, issued_at, "
                       "expires_at, one_time, consumed_at, sealed_token) "
                       "SELECT row->>0, row->>1, row->>2, row->>3, row->>4, row->>5, row->>6, row->>7, row->>8, "
                       "row->>9, NULL, substr(?, row->>10, row->>11) FROM batch "
                       "WHERE EXISTS (SELECT 1 FROM projects WHERE id = row->>1)"),
        {QString::fromStdString(json), tokens});
}

// PostgreSQL gets one array per column, read back into rows by unnest: it takes JSON apart at about
// twice the cost of the insert itself. The sealed tokens go as base64, not as a bytea literal's hex:
// a third less to send and for the server to read.
Result<int> insertBatchIntoPostgres(const Database& database, const std::vector<LedgerRowValues>& rows)
{
    enum Column
    {
        Jti,
        ProjectId,
        Kid,
        Alg,
        Subject,
        Audience,
        Scopes,
        IssuedAt,
        ExpiresAt,
        OneTime,
        TokenFrom,
        TokenLength,
        ColumnCount
    };
    std::array<PostgresArray, ColumnCount> columns;
    QByteArray tokens;
    for (const LedgerRowValues& row : rows) {
        const LedgerEntry& entry = *row.entry;
        columns[Jti].append(entry.jti);
        columns[ProjectId].append(entry.projectId);
        columns[Kid].append(entry.kid);
        columns[Alg].append(entry.algorithm);
        columns[Subject].append(entry.subject);
        columns[Audience].append(entry.audience.join(QLatin1Char(' ')));
        columns[Scopes].append(entry.scopes.join(QLatin1Char(' ')));
        columns[IssuedAt].append(entry.issuedAt);
        columns[ExpiresAt].append(entry.expiresAt);
        columns[OneTime].append(entry.oneTime ? 1 : 0);
        columns[TokenFrom].append(tokens.size() + 1);
        columns[TokenLength].append(row.sealedToken.size());
        tokens += row.sealedToken;
    }
    return database.run(
        // Decoded once, not once per row.
        QStringLiteral(
            "WITH sealed(tokens) AS MATERIALIZED (SELECT decode(?, 'base64')) "
            "INSERT INTO ledger (jti, project_id, kid, alg, subject, audience, scopes, issued_at, "
            "expires_at, one_time, consumed_at, sealed_token) "
            "SELECT r.jti, r.project_id, r.kid, r.alg, r.subject, r.audience, r.scopes, r.issued_at, "
            "r.expires_at, r.one_time, NULL, substring(sealed.tokens from r.token_from for r.token_length) "
            "FROM sealed, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            "?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::integer[]) "
            "AS r(jti, project_id, kid, alg, subject, audience, scopes, issued_at, expires_at, one_time, "
            "token_from, token_length) "
            "WHERE EXISTS (SELECT 1 FROM projects WHERE id = r.project_id)"),
        {QString::fromLatin1(tokens.toBase64()), columns[Jti].literal(), columns[ProjectId].literal(),
         columns[Kid].literal(), columns[Alg].literal(), columns[Subject].literal(), columns[Audience].literal(),
         columns[Scopes].literal(), columns[IssuedAt].literal(), columns[ExpiresAt].literal(),
         columns[OneTime].literal(), columns[TokenFrom].literal(), columns[TokenLength].literal()});
}

Result<int> insertBatch(const Database& database, const std::vector<LedgerRowValues>& rows)
{
    if (database.dialect() == Database::Dialect::PostgreSql)
        return insertBatchIntoPostgres(database, rows);
    return insertBatchIntoSqlite(database, rows);
}

Error projectDeleted(const LedgerEntry& entry)
{
    return Error{
        ErrorCode::NotFound,
        QStringLiteral("token '%1' was not recorded: project '%2' was deleted").arg(entry.jti, entry.projectId)};
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
    if (*inserted == 0)
        return std::unexpected(projectDeleted(entry));
    return {};
}

} // namespace

Status LedgerWriter::insertNow(const Database& database, const Vault& vault, const Row& row)
{
    auto sealed = vault.seal(QByteArrayView(row.token.data(), static_cast<qsizetype>(row.token.size())),
                             SealedKind::Token, ledgerSealId(row.entry.projectId, row.entry.jti));
    if (!sealed)
        return std::unexpected(sealed.error());
    if (auto current = vault.checkCurrent(database); !current)
        return current;
    const LedgerRowValues values{&row.entry, *sealed, &row.audit};
    if (auto inserted = insertOne(database, values); !inserted)
        return inserted;
    return insertAudit(database, values);
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

quint64 LedgerWriter::append(Row row)
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
    row.sequence = ++m_appendedCount;
    m_queue.push_back(std::move(row));
    // Waking the writer costs a system call, so only when its window starts.
    if (first)
        m_wake.notify_one();
    return m_appendedCount;
}

void LedgerWriter::waitUntilCommitted(std::unique_lock<std::mutex>& lock, quint64 sequence)
{
    if (m_committedCount >= sequence)
        return;
    m_flushRequested = true;
    m_wake.notify_one();
    m_committed.wait(lock, [&] { return m_committedCount >= sequence; });
}

Status LedgerWriter::waitFor(quint64 sequence)
{
    std::unique_lock lock(m_mutex);
    waitUntilCommitted(lock, sequence);
    if (auto failed = m_failures.find(sequence); failed != m_failures.end()) {
        Error error = failed->second;
        m_failures.erase(failed);
        return std::unexpected(error);
    }
    return {};
}

std::optional<Status> LedgerWriter::poll(quint64 sequence)
{
    std::lock_guard lock(m_mutex);
    if (m_committedCount < sequence)
        return std::nullopt;
    if (auto failed = m_failures.find(sequence); failed != m_failures.end()) {
        Error error = failed->second;
        m_failures.erase(failed);
        return Status(std::unexpected(error));
    }
    return Status();
}

void LedgerWriter::waitForAll()
{
    std::unique_lock lock(m_mutex);
    waitUntilCommitted(lock, m_appendedCount);
}

Status LedgerWriter::flush()
{
    std::unique_lock lock(m_mutex);
    waitUntilCommitted(lock, m_appendedCount);
    if (m_failures.empty())
        return {};
    const auto count = m_failures.size();
    Error first = m_failures.begin()->second;
    m_failures.clear();
    if (count == 1)
        return std::unexpected(first);
    return std::unexpected(first.withContext(QStringLiteral("%1 tokens were not recorded; the first").arg(count)));
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
        Failures failures = commit(**database, batch);
        lock.lock();
        for (auto& [sequence, error] : failures)
            m_failures.insert_or_assign(sequence, std::move(error));
        while (m_failures.size() > kMaxKeptFailures) {
            qWarning("signet: %s", qPrintable(m_failures.begin()->second.message));
            m_failures.erase(m_failures.begin());
        }
        m_committedCount = upTo;
        // The rows were allocated by the minting thread: freeing them there spares both threads
        // from contending for the allocator's locks.
        if (m_spent.empty())
            m_spent = std::move(batch);
        m_committed.notify_all();
    }
}

LedgerWriter::Failures LedgerWriter::commit(const Database& database, std::vector<Row>& rows) const
{
    Failures failures;
    std::vector<LedgerRowValues> values;
    std::vector<quint64> sequences;
    values.reserve(rows.size());
    for (Row& row : rows) {
        auto sealed = m_vault.seal(QByteArrayView(row.token.data(), static_cast<qsizetype>(row.token.size())),
                                   SealedKind::Token, ledgerSealId(row.entry.projectId, row.entry.jti));
        row.token.assign(row.token.size(), '\0');
        if (!sealed) {
            failures.emplace_back(row.sequence, sealed.error());
            continue;
        }
        values.push_back({&row.entry, std::move(*sealed), &row.audit});
        sequences.push_back(row.sequence);
    }
    auto failAll = [&](const Error& error) {
        const Error batchError =
            error.withContext(QStringLiteral("recording %1 minted token(s) in the ledger").arg(values.size()));
        for (quint64 sequence : sequences)
            failures.emplace_back(sequence, batchError);
        return failures;
    };

    {
        auto transaction = Transaction::begin(database);
        if (!transaction)
            return failAll(transaction.error());
        if (auto current = m_vault.checkCurrent(database); !current)
            return failAll(current.error());
        auto inserted = insertBatch(database, values);
        if (!inserted && inserted.error().code != ErrorCode::InvalidArgument)
            return failAll(inserted.error());
        if (inserted && *inserted == int(values.size())) {
            for (const LedgerRowValues& row : values) {
                if (auto audited = insertAudit(database, row); !audited)
                    return failAll(audited.error());
            }
            if (auto committed = transaction->commit(); !committed)
                return failAll(committed.error());
            return failures;
        }
    } // rolled back
    // A row the database refuses (a repeated jti) would take the others with it, and a row of a
    // deleted project is skipped: record the rows one at a time, so that each failure is its own.
    auto transaction = Transaction::begin(database);
    if (!transaction)
        return failAll(transaction.error());
    Failures rowFailures;
    for (std::size_t i = 0; i < values.size(); ++i) {
        auto single = insertOne(database, values[i]);
        if (single)
            single = insertAudit(database, values[i]);
        if (!single)
            rowFailures.emplace_back(sequences[i], single.error());
    }
    if (auto committed = transaction->commit(); !committed)
        return failAll(committed.error());
    failures.insert(failures.end(), rowFailures.begin(), rowFailures.end());
    return failures;
}

} // namespace Signet
