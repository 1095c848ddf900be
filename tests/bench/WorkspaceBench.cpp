// Workspace speed: opening a large workspace, minting from a project against the bare mint of the
// same algorithm, and consuming one-time tokens (with the p99 latency as a counter).

#include "foundation/Clock.h"
#include "jose/TokenBuilder.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceInternals.h"

#include <benchmark/benchmark.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

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

void OpenLargeWorkspace(benchmark::State& state)
{
    const QString path = largeWorkspacePath();
    for (auto _ : state) {
        auto ws = Workspace::open(path, {}, Actor::Cli, clock());
        if (!ws)
            state.SkipWithError("open failed");
        benchmark::DoNotOptimize(ws);
    }
    state.counters["projects"] = kProjects;
    state.counters["keys"] = kProjects * kKeysPerProject;
    state.counters["ledger"] = kLedgerRows;
}
BENCHMARK(OpenLargeWorkspace)->Unit(benchmark::kMillisecond)->UseRealTime();

struct MintFixture
{
    std::unique_ptr<Workspace> ws;
    Jwk key;
};

// A copy of the large workspace with one more project, "payments", signing with `alg`: minting
// and consuming are measured among 1,000 other projects and 100,000 ledger rows.
std::map<Algorithm, MintFixture>& mintFixtures()
{
    static std::map<Algorithm, MintFixture> fixtures;
    return fixtures;
}

MintFixture& mintFixture(Algorithm alg)
{
    auto& f = mintFixtures()[alg];
    if (f.ws)
        return f;
    const QString path = QDir::current().filePath(QStringLiteral("bench-mint-%1.signet").arg(algorithmQName(alg)));
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    if (!QFile::copy(largeWorkspacePath(), path))
        qFatal("bench: cannot copy the large workspace");
    auto opened = Workspace::open(path, {}, Actor::Cli, clock());
    if (!opened)
        qFatal("bench: %s", qPrintable(opened.error().message));
    f.ws = std::move(*opened);
    Project project;
    project.id = QStringLiteral("payments");
    f.ws->projects().create(project);
    f.ws->keys().generate(project.id, alg);
    f.key = *f.ws->keys().activeSigningKey(project.id);
    return f;
}

// Minting from a project, every token recorded: the ledger writer commits in groups, and the loop
// waits for it every 1,000 tokens so its work is inside the measurement.
void ProjectMint(benchmark::State& state, Algorithm alg)
{
    MintFixture& f = mintFixture(alg);
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.subject = QStringLiteral("user-1842");
    int sinceFlush = 0;
    for (auto _ : state) {
        auto minted = f.ws->tokens().mint(request);
        benchmark::DoNotOptimize(minted);
        if (!minted || (++sinceFlush == 10000 && !f.ws->tokens().flush()))
            state.SkipWithError("mint failed");
        sinceFlush %= 10000;
    }
    if (auto flushed = f.ws->tokens().flush(); !flushed)
        state.SkipWithError(qPrintable(flushed.error().message));
}

// One token at a time, waiting until it is committed (what the GUI and the CLI do before showing it).
void ProjectMintEachCommitted(benchmark::State& state, Algorithm alg)
{
    MintFixture& f = mintFixture(alg);
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.subject = QStringLiteral("user-1842");
    for (auto _ : state) {
        if (!f.ws->tokens().mintRecorded(request))
            state.SkipWithError("mint failed");
    }
}

// The same claims through the bare builder and key: what minting costs without the workspace.
void BareMint(benchmark::State& state, Algorithm alg)
{
    MintFixture& f = mintFixture(alg);
    TokenBuilder builder(clock());
    builder.setIssuer(QStringLiteral("https://signet.local/p/payments"))
        .setSubject(QStringLiteral("user-1842"))
        .setAudience({QStringLiteral("payments")})
        .setLifetime(900);
    for (auto _ : state) {
        auto token = builder.sign(f.key);
        benchmark::DoNotOptimize(token);
    }
}

BENCHMARK_CAPTURE(ProjectMint, ES256, Algorithm::ES256)->Name("ProjectMint/ES256")->UseRealTime();
BENCHMARK_CAPTURE(BareMint, ES256, Algorithm::ES256)->Name("BareMint/ES256")->UseRealTime();
BENCHMARK_CAPTURE(ProjectMint, RS256, Algorithm::RS256)->Name("ProjectMint/RS256")->UseRealTime();
BENCHMARK_CAPTURE(BareMint, RS256, Algorithm::RS256)->Name("BareMint/RS256")->UseRealTime();
BENCHMARK_CAPTURE(ProjectMint, EdDSA, Algorithm::EdDSA)->Name("ProjectMint/EdDSA")->UseRealTime();
BENCHMARK_CAPTURE(BareMint, EdDSA, Algorithm::EdDSA)->Name("BareMint/EdDSA")->UseRealTime();
BENCHMARK_CAPTURE(ProjectMintEachCommitted, ES256, Algorithm::ES256)
    ->Name("ProjectMintEachCommitted/ES256")
    ->UseRealTime();

void ConsumeOneTime(benchmark::State& state)
{
    MintFixture& f = mintFixture(Algorithm::ES256);
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.oneTime = true;
    std::vector<std::string> tokens;
    for (int i = 0; i < 3000; ++i)
        tokens.push_back(f.ws->tokens().mint(request)->token);
    std::vector<double> latencies;
    latencies.reserve(tokens.size());
    std::size_t next = 0;
    QElapsedTimer timer;
    for (auto _ : state) {
        if (next == tokens.size()) {
            state.PauseTiming();
            for (int i = 0; i < 1000; ++i)
                tokens.push_back(f.ws->tokens().mint(request)->token);
            state.ResumeTiming();
        }
        timer.start();
        auto outcome = f.ws->tokens().consume(request.projectId, tokens[next++]);
        latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!outcome || *outcome != ConsumeOutcome::Consumed)
            state.SkipWithError("consume failed");
    }
    std::sort(latencies.begin(), latencies.end());
    state.counters["p50_ms"] = latencies[latencies.size() / 2];
    state.counters["p99_ms"] = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
}
BENCHMARK(ConsumeOneTime)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    // Closed here, not among the statics: Qt SQL's own may be gone by then.
    mintFixtures().clear();
    benchmark::Shutdown();
    return 0;
}
