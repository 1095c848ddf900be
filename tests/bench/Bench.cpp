// signet-bench: what Signet adds on top of OpenSSL. Mint/ALG and Verify/ALG are the whole jobs;
// RawSign/ALG and RawVerify/ALG are bare EVP calls on the same signing input.

#include "RawOpenSsl.h"
#include "crypto/KeyPair.h"
#include "crypto/Random.h"
#include "jose/Jws.h"
#include "jose/TokenBuilder.h"
#include "jose/TokenInspection.h"
#include "jose/TokenVerifier.h"

#include <benchmark/benchmark.h>

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

// A small key set like a real JWKS: the signing key between two others of the same type.
Fixture& fixture(Algorithm alg, RawOpenSsl::Kind kind)
{
    static std::map<Algorithm, std::unique_ptr<Fixture>> fixtures;
    auto& slot = fixtures[alg];
    if (slot)
        return *slot;
    slot = std::make_unique<Fixture>(
        Fixture{alg, kind, makeKey(alg), nullptr, nullptr, TokenBuilder(benchClock()), {}, {}, {}});
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

    Jws::CompactParts parts;
    Jws::split(f.token, parts);
    f.signingInput = std::string(parts.signingInput);
    const std::string secretOrPem = f.signingKey.isSymmetric()
                                        ? f.signingKey.secret().toByteArray().toStdString()
                                        : f.signingKey.keyPair().toPem(Crypto::PemKind::PrivatePkcs8)->toStdString();
    f.raw = std::make_unique<RawOpenSsl::Key>(kind, secretOrPem);
    f.rawSignature = f.raw->sign(f.signingInput);
    if (!f.raw->verify(f.signingInput, f.rawSignature))
        std::abort();
    return f;
}

void Mint(benchmark::State& state, Algorithm alg, RawOpenSsl::Kind kind)
{
    Fixture& f = fixture(alg, kind);
    for (auto _ : state) {
        auto token = f.builder.sign(f.signingKey);
        benchmark::DoNotOptimize(token);
    }
}

void Verify(benchmark::State& state, Algorithm alg, RawOpenSsl::Kind kind)
{
    Fixture& f = fixture(alg, kind);
    for (auto _ : state) {
        const VerificationReport report = f.verifier->verify(std::string_view(f.token));
        benchmark::DoNotOptimize(report.isValid());
    }
}

void RawSign(benchmark::State& state, Algorithm alg, RawOpenSsl::Kind kind)
{
    Fixture& f = fixture(alg, kind);
    for (auto _ : state) {
        auto signature = f.raw->sign(f.signingInput);
        benchmark::DoNotOptimize(signature);
    }
}

void RawVerify(benchmark::State& state, Algorithm alg, RawOpenSsl::Kind kind)
{
    Fixture& f = fixture(alg, kind);
    for (auto _ : state)
        benchmark::DoNotOptimize(f.raw->verify(f.signingInput, f.rawSignature));
}

#define SIGNET_BENCH_ALG(NAME, KIND)                                                                                   \
    BENCHMARK_CAPTURE(Mint, NAME, Algorithm::NAME, RawOpenSsl::Kind::KIND)->Name("Mint/" #NAME);                       \
    BENCHMARK_CAPTURE(RawSign, NAME, Algorithm::NAME, RawOpenSsl::Kind::KIND)->Name("RawSign/" #NAME);                 \
    BENCHMARK_CAPTURE(Verify, NAME, Algorithm::NAME, RawOpenSsl::Kind::KIND)->Name("Verify/" #NAME);                   \
    BENCHMARK_CAPTURE(RawVerify, NAME, Algorithm::NAME, RawOpenSsl::Kind::KIND)->Name("RawVerify/" #NAME)

// The inspector decodes as the user types: an 8 KB token, from pasted text to notes and warnings.
void InspectDecode8KB(benchmark::State& state)
{
    Fixture& f = fixture(Algorithm::ES256, RawOpenSsl::Kind::Es256);
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
BENCHMARK(InspectDecode8KB)->Unit(benchmark::kMicrosecond);

SIGNET_BENCH_ALG(HS256, Hs256);
SIGNET_BENCH_ALG(RS256, Rs256);
SIGNET_BENCH_ALG(PS256, Ps256);
SIGNET_BENCH_ALG(ES256, Es256);
SIGNET_BENCH_ALG(EdDSA, EdDsa);

} // namespace

BENCHMARK_MAIN();
