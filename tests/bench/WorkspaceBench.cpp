// Workspace speed: opening a large workspace, minting from a project against the bare mint of the
// same algorithm, and consuming one-time tokens (with the p99 latency as a counter). The Team*
// benchmarks do the same with the workspace in PostgreSQL (a private cluster, see BenchPostgres.h).

#include "BenchPostgres.h"
#include "foundation/Clock.h"
#include "jose/TokenBuilder.h"
#include "workspace/LedgerPages.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceInternals.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <numeric>

using namespace Signet;

namespace {

constexpr int kProjects = 1000;
constexpr int kKeysPerProject = 10;
constexpr int kLedgerRows = 100000;

const ManualClock& clock()
{
    static const ManualClock c(1'800'000'000);
    return c;
}

// Built once and kept next to the binary: setting it up takes a while.
QString largeWorkspacePath()
{
    static const QString path = [] {
        const QString file = QDir::current().filePath(QStringLiteral("bench-large.signet"));
        if (QFileInfo::exists(file))
            return file;
        auto ws = Workspace::create(file, std::nullopt, Actor::Cli, clock());
        if (!ws)
            qFatal("bench: %s", qPrintable(ws.error().message));
        for (int p = 0; p < kProjects; ++p) {
            Project project;
            project.id = QStringLiteral("project-%1").arg(p);
            (*ws)->projects().create(project);
            for (int k = 0; k < kKeysPerProject; ++k)
                (*ws)->keys().generate(project.id, Algorithm::ES256, 0, k == 0 ? KeyState::Active : KeyState::Next);
        }
        const Database& db = workspaceDatabase(**ws);
        auto transaction = Transaction::begin(db);
        for (int i = 0; i < kLedgerRows; ++i) {
            db.exec(
                QStringLiteral(
                    "INSERT INTO ledger (jti, project_id, kid, alg, subject, audience, scopes, issued_at, expires_at, "
                    "one_time, consumed_at, sealed_token) VALUES (?, ?, 'k', 'ES256', 'user', 'api', '', ?, ?, 0, "
                    "NULL, x'00')"),
                {QStringLiteral("bench-%1").arg(i), QStringLiteral("project-%1").arg(i % kProjects), clock().now(),
                 clock().now() + 900});
        }
        transaction->commit();
        return file;
    }();
    return path;
}

// The large workspace in PostgreSQL: copied once per process (the cluster lives as long as it).
const Result<QString>& largeTeamWorkspaceUrl()
{
    static const Result<QString> url = Bench::teamCopyOf(largeWorkspacePath(), QStringLiteral("bench_large"));
    return url;
}

enum class Reads
{
    OpenOnly,
    // What the console reads next: the project list, then one project's newest ledger page (the
    // Tokens tab's first page of PagedRecordTableModel::kPageSize rows).
    FirstConsoleReads
};

bool readLikeTheConsole(Workspace& ws)
{
    auto projects = ws.projects().list();
    if (!projects || projects->isEmpty())
        return false;
    LedgerPages::Query query;
    query.projectId = projects->constFirst().id;
    auto page = LedgerPages(ws).page(query, 0, 200, clock().now());
    benchmark::DoNotOptimize(page);
    return page && !page->isEmpty();
}

void openLarge(benchmark::State& state, const QString& location, Reads reads)
{
    for (auto _ : state) {
        auto ws = Workspace::open(location, {}, Actor::Cli, clock());
        if (!ws)
            state.SkipWithError(qPrintable(ws.error().message));
        else if (reads == Reads::FirstConsoleReads && !readLikeTheConsole(**ws))
            state.SkipWithError("the project list or the first ledger page failed");
        benchmark::DoNotOptimize(ws);
    }
    state.counters["projects"] = kProjects;
    state.counters["keys"] = kProjects * kKeysPerProject;
    state.counters["ledger"] = kLedgerRows;
}

void OpenLargeWorkspace(benchmark::State& state, Reads reads)
{
    openLarge(state, largeWorkspacePath(), reads);
}

void OpenLargeTeamWorkspace(benchmark::State& state, Reads reads)
{
    const Result<QString>& url = largeTeamWorkspaceUrl();
    if (!url) {
        state.SkipWithError(qPrintable(url.error().message));
        return;
    }
    openLarge(state, *url, reads);
    state.counters["fsync"] = Bench::postgresFsyncs();
}

BENCHMARK_CAPTURE(OpenLargeWorkspace, OpenOnly, Reads::OpenOnly)
    ->Name("OpenLargeWorkspace")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(OpenLargeTeamWorkspace, OpenOnly, Reads::OpenOnly)
    ->Name("OpenLargeTeamWorkspace")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(OpenLargeWorkspace, FirstConsoleReads, Reads::FirstConsoleReads)
    ->Name("OpenLargeWorkspace/FirstConsoleReads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(OpenLargeTeamWorkspace, FirstConsoleReads, Reads::FirstConsoleReads)
    ->Name("OpenLargeTeamWorkspace/FirstConsoleReads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

struct MintFixture
{
    std::unique_ptr<Workspace> ws;
    Jwk key;
};

enum class Store
{
    File,
    Team,       // PostgreSQL, local: through its Unix socket
    TeamOverTcp // PostgreSQL through loopback TCP, as to a server elsewhere
};

// A copy of the large workspace with one more project, "payments", signing with `alg`: minting
// and consuming are measured among 1,000 other projects and 100,000 ledger rows.
std::map<std::pair<Store, Algorithm>, MintFixture>& mintFixtures()
{
    static std::map<std::pair<Store, Algorithm>, MintFixture> fixtures;
    return fixtures;
}

Result<QString> largeWorkspaceCopy(Store store, Algorithm alg)
{
    const QString name = QStringLiteral("bench-mint-%1").arg(algorithmQName(alg));
    const QString database = name.toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    if (store == Store::Team)
        return Bench::teamCopyOf(largeWorkspacePath(), database);
    if (store == Store::TeamOverTcp)
        return Bench::teamCopyOf(largeWorkspacePath(), database + QStringLiteral("_tcp"), Bench::Connection::Tcp);
    const QString path = QDir::current().filePath(name + QStringLiteral(".signet"));
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    if (!QFile::copy(largeWorkspacePath(), path))
        return fail(ErrorCode::Io, QStringLiteral("cannot copy the large workspace to %1").arg(path));
    return path;
}

Result<MintFixture*> mintFixture(Store store, Algorithm alg)
{
    auto& f = mintFixtures()[{store, alg}];
    if (f.ws)
        return &f;
    auto location = largeWorkspaceCopy(store, alg);
    if (!location)
        return std::unexpected(location.error());
    auto opened = Workspace::open(*location, {}, Actor::Cli, clock());
    if (!opened)
        return std::unexpected(opened.error());
    Project project;
    project.id = QStringLiteral("payments");
    if (auto created = (*opened)->projects().create(project); !created)
        return std::unexpected(created.error());
    if (auto generated = (*opened)->keys().generate(project.id, alg); !generated)
        return std::unexpected(generated.error());
    auto key = (*opened)->keys().activeSigningKey(project.id);
    if (!key)
        return std::unexpected(key.error());
    f.key = *key;
    f.ws = std::move(*opened);
    return &f;
}

// The fixture, or nullptr once the benchmark is marked failed with the reason (no PostgreSQL, say).
MintFixture* mintFixtureOrError(benchmark::State& state, Store store, Algorithm alg)
{
    auto f = mintFixture(store, alg);
    if (!f) {
        state.SkipWithError(qPrintable(f.error().message));
        return nullptr;
    }
    return *f;
}

// Minting from a project, every token recorded: the ledger writer commits in groups, and the loop
// waits for it every 1,000 tokens so its work is inside the measurement.
void projectMint(benchmark::State& state, Store store, Algorithm alg)
{
    MintFixture* f = mintFixtureOrError(state, store, alg);
    if (!f)
        return;
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.subject = QStringLiteral("user-1842");
    int sinceFlush = 0;
    for (auto _ : state) {
        auto minted = f->ws->tokens().mint(request);
        benchmark::DoNotOptimize(minted);
        if (!minted || (++sinceFlush == 10000 && !f->ws->tokens().flush()))
            state.SkipWithError("mint failed");
        sinceFlush %= 10000;
    }
    if (auto flushed = f->ws->tokens().flush(); !flushed)
        state.SkipWithError(qPrintable(flushed.error().message));
}

void ProjectMint(benchmark::State& state, Algorithm alg)
{
    projectMint(state, Store::File, alg);
}

// The same with the workspace in PostgreSQL: the goal is at least 80% of ProjectMint's rate.
void TeamProjectMint(benchmark::State& state, Algorithm alg)
{
    projectMint(state, Store::Team, alg);
    state.counters["fsync"] = Bench::postgresFsyncs();
}

// The same through loopback TCP.
void TeamProjectMintOverTcp(benchmark::State& state, Algorithm alg)
{
    projectMint(state, Store::TeamOverTcp, alg);
    state.counters["fsync"] = Bench::postgresFsyncs();
}

// One token at a time, waiting until it is committed (what the GUI and the CLI do before showing it).
void ProjectMintEachCommitted(benchmark::State& state, Algorithm alg)
{
    MintFixture* f = mintFixtureOrError(state, Store::File, alg);
    if (!f)
        return;
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.subject = QStringLiteral("user-1842");
    for (auto _ : state) {
        if (!f->ws->tokens().mintRecorded(request))
            state.SkipWithError("mint failed");
    }
}

// The same claims through the bare builder and key: what minting costs without the workspace.
void BareMint(benchmark::State& state, Algorithm alg)
{
    MintFixture* f = mintFixtureOrError(state, Store::File, alg);
    if (!f)
        return;
    TokenBuilder builder(clock());
    builder.setIssuer(QStringLiteral("https://signet.local/p/payments"))
        .setSubject(QStringLiteral("user-1842"))
        .setAudience({QStringLiteral("payments")})
        .setLifetime(900);
    for (auto _ : state) {
        auto token = builder.sign(f->key);
        benchmark::DoNotOptimize(token);
    }
}

BENCHMARK_CAPTURE(ProjectMint, ES256, Algorithm::ES256)->Name("ProjectMint/ES256")->UseRealTime();
BENCHMARK_CAPTURE(BareMint, ES256, Algorithm::ES256)->Name("BareMint/ES256")->UseRealTime();
BENCHMARK_CAPTURE(TeamProjectMint, ES256, Algorithm::ES256)->Name("TeamProjectMint/ES256")->UseRealTime();
BENCHMARK_CAPTURE(TeamProjectMintOverTcp, ES256, Algorithm::ES256)->Name("TeamProjectMintOverTcp/ES256")->UseRealTime();
BENCHMARK_CAPTURE(ProjectMint, RS256, Algorithm::RS256)->Name("ProjectMint/RS256")->UseRealTime();
BENCHMARK_CAPTURE(BareMint, RS256, Algorithm::RS256)->Name("BareMint/RS256")->UseRealTime();
BENCHMARK_CAPTURE(ProjectMint, EdDSA, Algorithm::EdDSA)->Name("ProjectMint/EdDSA")->UseRealTime();
BENCHMARK_CAPTURE(BareMint, EdDSA, Algorithm::EdDSA)->Name("BareMint/EdDSA")->UseRealTime();
BENCHMARK_CAPTURE(ProjectMintEachCommitted, ES256, Algorithm::ES256)
    ->Name("ProjectMintEachCommitted/ES256")
    ->UseRealTime();

// Mean, median and 99th percentile of per-call latencies in milliseconds, as counters.
void latencyCounters(benchmark::State& state, std::vector<double> latencies)
{
    if (latencies.empty())
        return;
    std::sort(latencies.begin(), latencies.end());
    state.counters["mean_ms"] = std::accumulate(latencies.begin(), latencies.end(), 0.0) / double(latencies.size());
    state.counters["p50_ms"] = latencies[latencies.size() / 2];
    state.counters["p99_ms"] = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
}

// Each consume() timed on its own with a steady clock. The tokens are minted and committed to the
// ledger beforehand, outside the measurement: consume() would otherwise wait for the ledger writer.
void consumeOneTime(benchmark::State& state, Store store)
{
    MintFixture* f = mintFixtureOrError(state, store, Algorithm::ES256);
    if (!f)
        return;
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.oneTime = true;
    std::vector<std::string> tokens;
    const auto mintRecorded = [&](int count) -> Status {
        for (int i = 0; i < count; ++i) {
            auto minted = f->ws->tokens().mint(request);
            if (!minted)
                return std::unexpected(minted.error());
            tokens.push_back(minted->token);
        }
        return f->ws->tokens().flush();
    };
    if (auto minted = mintRecorded(3000); !minted) {
        state.SkipWithError(qPrintable(minted.error().message));
        return;
    }
    std::vector<double> latencies;
    latencies.reserve(tokens.size());
    std::size_t next = 0;
    for (auto _ : state) {
        if (next == tokens.size()) {
            state.PauseTiming();
            if (auto minted = mintRecorded(1000); !minted)
                state.SkipWithError(qPrintable(minted.error().message));
            state.ResumeTiming();
            if (next == tokens.size())
                break;
        }
        const auto start = std::chrono::steady_clock::now();
        auto outcome = f->ws->tokens().consume(request.projectId, tokens[next++]);
        latencies.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (!outcome || *outcome != ConsumeOutcome::Consumed)
            state.SkipWithError("consume failed");
    }
    latencyCounters(state, std::move(latencies));
}

void ConsumeOneTime(benchmark::State& state)
{
    consumeOneTime(state, Store::File);
}
BENCHMARK(ConsumeOneTime)->UseRealTime();

// Goal: p99 <= 5 ms on a local PostgreSQL. With fsync, each consume commits once and so waits for
// one flush of the WAL to disk: the disk's flush latency is its floor.
void TeamConsumeOneTime(benchmark::State& state)
{
    consumeOneTime(state, Store::Team);
    state.counters["fsync"] = Bench::postgresFsyncs();
}
BENCHMARK(TeamConsumeOneTime)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    // PostgresCluster runs initdb and pg_ctl through QProcess.
    QCoreApplication application(argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    // Closed here, not among the statics: Qt SQL's own may be gone by then. The workspaces first,
    // then the cluster they are connected to.
    mintFixtures().clear();
    Bench::stopPostgres();
    benchmark::Shutdown();
    return 0;
}
