// signet-bench: what Signet adds on top of OpenSSL. Mint/ALG and Verify/ALG are the whole jobs, Verify
// with the full report (GUI, CLI) and Check with the verdict a server uses (one verdict reused per
// thread); RawSign/ALG and RawVerify/ALG are bare EVP calls on the same signing input with a fresh
// context each (the baselines), RawVerifyPrepared/ALG with contexts prepared once (the ceiling; see
// RawOpenSsl.h). Threads/... run verification from one and two threads sharing one verifier.
//
// For instruction counts, `signet-bench --profile Verify/HS256 [iterations]` runs one case's body in
// profiledLoop() and nothing else worth counting:
//   valgrind --tool=callgrind --toggle-collect=profiledLoop signet-bench --profile Verify/HS256 2000

#include "RawOpenSsl.h"
#include "crypto/KeyPair.h"
#include "crypto/Random.h"
#include "jose/Jws.h"
#include "jose/TokenBuilder.h"
#include "jose/TokenInspection.h"
#include "jose/TokenVerifier.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

using namespace Signet;

namespace {

struct Fixture
{
    Algorithm alg;
    RawOpenSsl::Kind rawKind;
    Jwk signingKey;
    std::unique_ptr<TokenVerifier> verifier;
    std::unique_ptr<RawOpenSsl::Key> raw;
    TokenBuilder builder;
    std::string token;
    std::string signingInput;
    std::string rawSignature;
};

const ManualClock& benchClock()
{
    static const ManualClock clock(1'800'000'000);
    return clock;
}

Jwk makeKey(Algorithm alg)
{
    switch (alg) {
    case Algorithm::HS256:
        return Jwk::fromSecret(Crypto::SecureBytes(Crypto::Random::bytes(32)));
    case Algorithm::RS256:
    case Algorithm::PS256:
        return Jwk::fromKeyPair(*Crypto::KeyPair::generateRsa(2048));
    case Algorithm::ES256:
        return Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256));
    default:
        return Jwk::fromKeyPair(*Crypto::KeyPair::generateEdDsa());
    }
}

RawOpenSsl::Kind rawKind(Algorithm alg)
{
    switch (alg) {
    case Algorithm::HS256:
        return RawOpenSsl::Kind::Hs256;
    case Algorithm::RS256:
        return RawOpenSsl::Kind::Rs256;
    case Algorithm::PS256:
        return RawOpenSsl::Kind::Ps256;
    case Algorithm::ES256:
        return RawOpenSsl::Kind::Es256;
    default:
        return RawOpenSsl::Kind::EdDsa;
    }
}

void prepareRaw(Fixture& f)
{
    Jws::CompactParts parts;
    Jws::split(f.token, parts);
    f.signingInput = std::string(parts.signingInput);
    const std::string secretOrPem = f.signingKey.isSymmetric()
                                        ? f.signingKey.secret().toByteArray().toStdString()
                                        : f.signingKey.keyPair().toPem(Crypto::PemKind::PrivatePkcs8)->toStdString();
    f.raw = std::make_unique<RawOpenSsl::Key>(f.rawKind, secretOrPem);
    f.rawSignature = f.raw->sign(f.signingInput);
    if (!f.raw->verify(f.signingInput, f.rawSignature))
        std::abort();
}

// A small key set like a real JWKS: the signing key between two others of the same type. Made once
// per algorithm, before any benchmark thread starts (see main()).
Fixture& fixture(Algorithm alg)
{
    static std::map<Algorithm, std::unique_ptr<Fixture>> fixtures;
    auto& slot = fixtures[alg];
    if (slot)
        return *slot;
    slot = std::make_unique<Fixture>(
        Fixture{alg, rawKind(alg), makeKey(alg), nullptr, nullptr, TokenBuilder(benchClock()), {}, {}, {}});
    Fixture& f = *slot;
    f.signingKey.setKid(QStringLiteral("key-2025-11"));
    f.signingKey.setAlgorithm(alg);
    Jwk older = makeKey(alg), newer = makeKey(alg);
    older.setKid(QStringLiteral("key-2025-10"));
    newer.setKid(QStringLiteral("key-2025-12"));
    JwkSet keys({older.publicJwk(), f.signingKey.publicJwk(), newer.publicJwk()});

    f.builder.setIssuer(QStringLiteral("https://auth.example.com/p/payments"))
        .setSubject(QStringLiteral("user-1842"))
        .setAudience({QStringLiteral("payments-api")})
        .setLifetime(900)
        .setClaim(QStringLiteral("scope"), JsonValue::string("payments:read payments:write"));
    f.token = *f.builder.sign(f.signingKey);

    VerifyOptions options;
    options.algorithms = {alg};
    options.issuer = QStringLiteral("https://auth.example.com/p/payments");
    options.audiences = {QStringLiteral("payments-api")};
    options.leeway = 30;
    f.verifier = std::make_unique<TokenVerifier>(*TokenVerifier::create(keys, options, benchClock()));
    if (!f.verifier->verify(f.token).isValid())
        std::abort();
    prepareRaw(f);
    return f;
}

// What one iteration of each case does; the benchmarks and the profile mode share these bodies.
enum class Job
{
    Mint,
    RawSign,
    Verify,
    Check,
    RawVerify,
    RawVerifyPrepared,
};

constexpr std::pair<Job, const char*> kJobs[] = {
    {Job::Mint, "Mint"},   {Job::RawSign, "RawSign"},     {Job::Verify, "Verify"},
    {Job::Check, "Check"}, {Job::RawVerify, "RawVerify"}, {Job::RawVerifyPrepared, "RawVerifyPrepared"},
};

constexpr std::pair<Algorithm, const char*> kAlgorithms[] = {
    {Algorithm::HS256, "HS256"}, {Algorithm::RS256, "RS256"}, {Algorithm::PS256, "PS256"},
    {Algorithm::ES256, "ES256"}, {Algorithm::EdDSA, "EdDSA"},
};

inline void runOnce(Job job, const Fixture& f)
{
    switch (job) {
    case Job::Mint: {
        auto token = f.builder.sign(f.signingKey);
        benchmark::DoNotOptimize(token);
        break;
    }
    case Job::RawSign: {
        auto signature = f.raw->sign(f.signingInput);
        benchmark::DoNotOptimize(signature);
        break;
    }
    case Job::Verify: {
        const VerificationReport report = f.verifier->verify(std::string_view(f.token));
        benchmark::DoNotOptimize(report.isValid());
        break;
    }
    case Job::Check: {
        thread_local TokenVerdict verdict;
        benchmark::DoNotOptimize(f.verifier->check(f.token, verdict));
        break;
    }
    case Job::RawVerify:
        benchmark::DoNotOptimize(f.raw->verify(f.signingInput, f.rawSignature));
        break;
    case Job::RawVerifyPrepared:
        benchmark::DoNotOptimize(f.raw->verifyPrepared(f.signingInput, f.rawSignature));
        break;
    }
}

void runJob(benchmark::State& state, Job job, Algorithm alg)
{
    const Fixture& f = fixture(alg);
    for (auto _ : state)
        runOnce(job, f);
    state.SetItemsProcessed(state.iterations());
}

// The inspector decodes as the user types: an 8 KB token, from pasted text to notes and warnings.
void InspectDecode8KB(benchmark::State& state)
{
    Fixture& f = fixture(Algorithm::ES256);
    TokenBuilder builder(benchClock());
    builder.setClaim(QStringLiteral("permissions"), JsonValue::string(std::string(6000, 'p')));
    const QString token = QStringLiteral("Bearer ") + QString::fromStdString(*builder.sign(f.signingKey));
    for (auto _ : state) {
        const TokenInspection inspection = TokenInspection::inspect(token, benchClock().now());
        benchmark::DoNotOptimize(inspection.claimNotes());
        benchmark::DoNotOptimize(inspection.prettyClaims());
    }
    state.counters["token_bytes"] = double(token.size());
}

// Verification from one and from two threads of one process, on one shared verifier (and key):
// Threads/JOB/ALG/real_time/threads:N. Throughput is items_per_second, summed over the threads.
void registerThreadScaling()
{
    for (Algorithm alg : {Algorithm::HS256, Algorithm::RS256, Algorithm::ES256}) {
        for (Job job : {Job::Check, Job::Verify, Job::RawVerify}) {
            const auto jobName =
                std::find_if(std::begin(kJobs), std::end(kJobs), [job](auto j) { return j.first == job; });
            const auto algName =
                std::find_if(std::begin(kAlgorithms), std::end(kAlgorithms), [alg](auto a) { return a.first == alg; });
            const std::string name = std::string("Threads/") + jobName->second + "/" + algName->second;
            benchmark::RegisterBenchmark(name.c_str(), runJob, job, alg)->UseRealTime()->Threads(1)->Threads(2);
        }
    }
}

void registerBenchmarks()
{
    benchmark::RegisterBenchmark("InspectDecode8KB", InspectDecode8KB)->Unit(benchmark::kMicrosecond);
    for (const auto& [alg, algName] : kAlgorithms) {
        for (const auto& [job, jobName] : kJobs) {
            const std::string name = std::string(jobName) + "/" + algName;
            benchmark::RegisterBenchmark(name.c_str(), runJob, job, alg);
        }
    }
    registerThreadScaling();
}

[[gnu::noinline]] void profiledLoop(Job job, const Fixture& f, long iterations)
{
    for (long i = 0; i < iterations; ++i)
        runOnce(job, f);
}

// --profile CASE [ITERATIONS]: one case, outside Google Benchmark, for callgrind.
int profile(const char* caseName, long iterations)
{
    for (const auto& [job, jobName] : kJobs) {
        for (const auto& [alg, algName] : kAlgorithms) {
            if (std::string(jobName) + "/" + algName != caseName)
                continue;
            const Fixture& f = fixture(alg);
            runOnce(job, f); // first-use work (lazy preparation) is not what a steady state pays
            profiledLoop(job, f, iterations);
            std::printf("%s: %ld iterations\n", caseName, iterations);
            return 0;
        }
    }
    std::fprintf(stderr, "no case %s\n", caseName);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 3 && std::strcmp(argv[1], "--profile") == 0)
        return profile(argv[2], argc >= 4 ? std::atol(argv[3]) : 1000);
    for (const auto& [alg, algName] : kAlgorithms)
        fixture(alg); // before any benchmark thread runs: fixture() is not thread-safe
    registerBenchmarks();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
