// Mutation fuzzing of every decode path that sees untrusted input. Deterministic (fixed seed) so a
// failure reproduces; the properties: nothing crashes, and no altered token ever verifies.

#include "TokenForge.h"

#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"
#include "jose/KeyFile.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

const ManualClock& fuzzClock()
{
    static const ManualClock clock(kNow);
    return clock;
}

std::string mutate(std::string input, QRandomGenerator& random)
{
    static const char kInteresting[] = "{}[]\":,.-_=+/\\\0\xff\xc3\xa9 0123456789eE";
    const int edits = 1 + int(random.bounded(4));
    for (int i = 0; i < edits; ++i) {
        const auto pos = input.empty() ? 0 : std::size_t(random.bounded(quint32(input.size())));
        const char c = random.bounded(2) ? kInteresting[random.bounded(quint32(sizeof kInteresting - 1))]
                                         : char(random.bounded(256));
        switch (random.bounded(4)) {
        case 0:
            if (!input.empty())
                input[pos] = c;
            break;
        case 1:
            input.insert(pos, 1, c);
            break;
        case 2:
            if (!input.empty())
                input.erase(pos, 1 + random.bounded(3));
            break;
        default: // duplicate a slice: repeated members, doubled segments
            if (!input.empty())
                input.insert(pos, input.substr(pos, 1 + random.bounded(16)));
        }
    }
    return input;
}

} // namespace

class FuzzTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alteredTokensNeverVerify()
    {
        QRandomGenerator random(20261123);
        int decodedHeaders = 0;
        for (const Jwk* key : {&rsaKey(), &ecKey(), &edKey(), &hmacKey()}) {
            const Algorithm alg = *key->defaultAlgorithm();
            const std::string header =
                "{\"alg\":\"" + std::string(algorithmName(alg)) + "\",\"kid\":\"" + key->kid().toStdString() + "\"}";
            const std::string token = forge(header, standardClaims(), *key, alg);
            const Jwk verifyKey = key->isSymmetric() ? *key : key->publicJwk();
            auto verifier = *TokenVerifier::create(JwkSet({verifyKey}), standardOptions(), fuzzClock());
            QVERIFY(verifier.verify(std::string_view(token)).isValid());
            for (int i = 0; i < 1500; ++i) {
                const std::string altered = mutate(token, random);
                if (altered == token)
                    continue;
                const VerificationReport report = verifier.verify(std::string_view(altered));
                QVERIFY2(!report.isValid(), altered.c_str());
                QVERIFY(!report.summary().isEmpty());
                (void)report.toJson();
                decodedHeaders += report.header().isObject();
                const auto inspection = TokenInspection::inspect(QString::fromStdString(altered), kNow);
                (void)inspection.toJson();
            }
        }
        // Some mutations must reach past the base64 layer, or the test proves little.
        QVERIFY2(decodedHeaders > 400, qPrintable(QString::number(decodedHeaders)));
    }

    // Mutated JSON, properly signed: the claim and header checks see every oddity with a good signature.
    void signedOdditiesNeverCrash()
    {
        QRandomGenerator random(42);
        auto verifier = *TokenVerifier::create(JwkSet({hmacKey()}), standardOptions(), fuzzClock());
        const std::string header = "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"crit\":[\"b64\"],\"b64\":true}";
        int signatureChecked = 0;
        for (int i = 0; i < 4000; ++i) {
            const bool mutateHeader = i % 4 == 0;
            const std::string h = mutateHeader ? mutate(header, random) : header;
            const std::string c = mutateHeader ? standardClaims() : mutate(standardClaims(), random);
            const VerificationReport report =
                verifier.verify(std::string_view(forge(h, c, hmacKey(), Algorithm::HS256)));
            signatureChecked +=
                report.find(CheckId::Signature) && report.find(CheckId::Signature)->outcome == Outcome::Passed;
            for (const Check& check : report.checks())
                QVERIFY(!report.message(check).isEmpty());
        }
        QVERIFY(signatureChecked > 2000);
    }

    // check() is what a server runs, verify() what a person reads: on every altered token they agree
    // (validity, first failure, algorithm, key, claims), with one verdict reused for all of them.
    void checkAgreesWithVerifyOnAlteredTokens()
    {
        QRandomGenerator random(20261123);
        TokenVerdict verdict;
        for (const Jwk* key : {&rsaKey(), &ecKey(), &edKey(), &hmacKey()}) {
            const Algorithm alg = *key->defaultAlgorithm();
            const std::string header =
                "{\"alg\":\"" + std::string(algorithmName(alg)) + "\",\"kid\":\"" + key->kid().toStdString() + "\"}";
            const std::string token = forge(header, standardClaims(), *key, alg);
            const Jwk verifyKey = key->isSymmetric() ? *key : key->publicJwk();
            auto verifier = *TokenVerifier::create(JwkSet({verifyKey}), standardOptions(), fuzzClock());
            QVERIFY(verifier.check(token, verdict));
            for (int i = 0; i < 1500; ++i) {
                const std::string altered = mutate(token, random);
                const VerificationReport report = verifier.verify(std::string_view(altered));
                const QString why = disagreement(verifier, altered, report, verdict);
                QVERIFY2(why.isEmpty(), qPrintable(QString::fromStdString(altered) + QStringLiteral(": ") + why));
            }
        }
    }

    // Properly signed oddities reach the claim checks, where the two paths must still agree.
    void checkAgreesWithVerifyOnSignedOddities()
    {
        QRandomGenerator random(42);
        VerifyOptions options = standardOptions();
        options.requiredClaims = {QStringLiteral("sub")};
        auto verifier = *TokenVerifier::create(JwkSet({hmacKey()}), options, fuzzClock());
        const std::string header = "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"crit\":[\"b64\"],\"b64\":true}";
        TokenVerdict verdict;
        int valid = 0;
        for (int i = 0; i < 4000; ++i) {
            const bool mutateHeader = i % 4 == 0;
            const std::string h = mutateHeader ? mutate(header, random) : header;
            const std::string c = mutateHeader ? standardClaims() : mutate(standardClaims(), random);
            const std::string token = forge(h, c, hmacKey(), Algorithm::HS256);
            const VerificationReport report = verifier.verify(std::string_view(token));
            const QString why = disagreement(verifier, token, report, verdict);
            QVERIFY2(why.isEmpty(), qPrintable(QString::fromStdString(h + " " + c) + QStringLiteral(": ") + why));
            valid += report.isValid();
        }
        QVERIFY(valid > 100);
    }

    void jsonNeverCrashes()
    {
        QRandomGenerator random(7);
        const std::string seeds[] = {standardClaims(), "{\"a\":[1,2,{\"b\":\"\\u00e9\\ud83d\\ude00\"}],\"c\":-1.5e10}",
                                     "[[[[]]]]"};
        int accepted = 0;
        for (const std::string& seed : seeds) {
            for (int i = 0; i < 5000; ++i) {
                const auto parsed = StrictJson::parse(mutate(seed, random));
                accepted += parsed.has_value();
                if (!parsed)
                    QVERIFY(!parsed.error().reason.isEmpty());
            }
        }
        QVERIFY(accepted > 0);
    }

    void base64AndKeysNeverCrash()
    {
        QRandomGenerator random(11);
        const std::string jwk = JsonWriter::write(ecKey().toJson(Jwk::Members::Private));
        const std::string pem = ecKey().keyPair().toPem(Crypto::PemKind::PrivatePkcs8)->toStdString();
        for (int i = 0; i < 1500; ++i) {
            std::string out;
            Base64Url::DecodeError error;
            const std::string text = mutate("eyJhbGciOiJFUzI1NiJ9", random);
            if (!Base64Url::decode(text, out, &error))
                QVERIFY(error.offset >= 0 && std::size_t(error.offset) <= text.size());
            const auto fromJwk = KeyFile::load(QByteArray::fromStdString(mutate(jwk, random)));
            if (!fromJwk)
                QVERIFY(!fromJwk.error().message.isEmpty());
            const auto fromPem = KeyFile::load(QByteArray::fromStdString(mutate(pem, random)));
            if (!fromPem)
                QVERIFY(!fromPem.error().message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(FuzzTest)
#include "tst_fuzz.moc"
