// One test per attack class a JWT verifier must withstand. Each forged token must fail, and fail at
// the check that names the attack, so the inspector can tell the user why.

#include "TokenForge.h"

#include "crypto/Signature.h"
#include "foundation/JsonWriter.h"
#include "jose/Base64Url.h"
#include "jose/Jws.h"

#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace Signet;
using namespace Signet::Test;

namespace {

std::string sig(const QByteArray& bytes)
{
    return bytes.toStdString();
}

// PS256 with a chosen salt length: only OpenSSL can make the wrong ones.
QByteArray pssSignature(const Jwk& key, const std::string& input, int saltLength)
{
    const QByteArray pem = *key.keyPair().toPem(Crypto::PemKind::PrivatePkcs8);
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, pkey);
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltLength);
    unsigned char out[512];
    std::size_t length = sizeof out;
    EVP_DigestSign(ctx, out, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(length));
}

} // namespace

class AttackTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void algNoneEveryCasing_data()
    {
        QTest::addColumn<QByteArray>("alg");
        for (const char* alg : {"none", "None", "NONE", "nOnE", "noNe"})
            QTest::newRow(alg) << QByteArray(alg);
    }
    void algNoneEveryCasing()
    {
        QFETCH(QByteArray, alg);
        const std::string header = "{\"alg\":\"" + alg.toStdString() + "\",\"typ\":\"JWT\"}";
        for (const std::string& token :
             {forgeRaw(header, standardClaims(), ""), forgeRaw(header, standardClaims(), "x")}) {
            const auto report = verifyWith(token, {rsaKey().publicJwk(), hmacKey()}, standardOptions());
            QVERIFY(!report.isValid());
            QCOMPARE(outcomeOf(report, CheckId::Algorithm), Outcome::Failed);
            QVERIFY2(reasonOf(report, CheckId::Algorithm).contains(QStringLiteral("never accepted")),
                     qPrintable(reasonOf(report, CheckId::Algorithm)));
            QCOMPARE(outcomeOf(report, CheckId::Signature), Outcome::Skipped);
        }
    }

    // The classic confusion: an attacker HMAC-signs with the server's public key as the secret.
    void hmacKeyedWithPublicKey_data()
    {
        QTest::addColumn<QByteArray>("secret");
        const Jwk& rsa = rsaKey();
        QTest::newRow("spki-pem") << *rsa.keyPair().toPem(Crypto::PemKind::PublicSpki);
        QTest::newRow("jwk-json") << QByteArray::fromStdString(JsonWriter::write(rsa.publicJwk().toJson()));
        QTest::newRow("modulus") << rsa.keyPair().rsaComponents().n;
        QTest::newRow("ec-spki-pem") << *ecKey().keyPair().toPem(Crypto::PemKind::PublicSpki);
    }
    void hmacKeyedWithPublicKey()
    {
        QFETCH(QByteArray, secret);
        for (const char* alg : {"HS256", "HS384", "HS512"}) {
            const Algorithm algorithm = *algorithmFromName(std::string_view(alg));
            const Jwk attackerKey = Jwk::fromSecret(Crypto::SecureBytes(secret));
            for (const char* kid : std::initializer_list<const char*>{"rsa-1", "ec-1", nullptr}) {
                const std::string header = kid ? "{\"alg\":\"" + std::string(alg) + "\",\"kid\":\"" + kid + "\"}"
                                               : "{\"alg\":\"" + std::string(alg) + "\"}";
                const std::string token = forge(header, standardClaims(), attackerKey, algorithm);
                // With no allow-list, and with one that wrongly lists the HMAC algorithm.
                VerifyOptions lenient = standardOptions();
                lenient.algorithms = {algorithm, Algorithm::RS256, Algorithm::ES256};
                for (const VerifyOptions& options : {standardOptions(), lenient}) {
                    const auto report = verifyWith(token, {rsaKey().publicJwk(), ecKey().publicJwk()}, options);
                    QVERIFY(!report.isValid());
                    QCOMPARE(outcomeOf(report, CheckId::Signature), Outcome::Skipped);
                    QVERIFY(outcomeOf(report, CheckId::Algorithm) == Outcome::Failed ||
                            outcomeOf(report, CheckId::Key) == Outcome::Failed);
                }
            }
        }
    }

    void unknownKidFails()
    {
        for (const char* kid : {"../../etc/passwd", "' OR 1=1 --", "RSA-1", "rsa-1 ", "", "rsa-2"}) {
            const std::string header = "{\"alg\":\"RS256\",\"kid\":\"" + std::string(kid) + "\"}";
            const auto report = verifyWith(forge(header, standardClaims(), rsaKey(), Algorithm::RS256),
                                           {rsaKey().publicJwk(), ecKey().publicJwk()}, standardOptions());
            QVERIFY2(!report.isValid(), kid);
            QCOMPARE(outcomeOf(report, CheckId::Key), Outcome::Failed);
            QVERIFY(reasonOf(report, CheckId::Key).contains(QStringLiteral("is not among")));
        }
    }

    void nonStringKidFails()
    {
        const auto report =
            verifyWith(forge("{\"alg\":\"RS256\",\"kid\":1}", standardClaims(), rsaKey(), Algorithm::RS256),
                       {rsaKey().publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(report, CheckId::Key), Outcome::Failed);
    }

    void missingKidWithTwoCandidatesIsAmbiguous()
    {
        Jwk second = Jwk::fromKeyPair(*Crypto::KeyPair::generateRsa(2048), QStringLiteral("rsa-2"));
        const std::string token = forge("{\"alg\":\"RS256\"}", standardClaims(), rsaKey(), Algorithm::RS256);
        const auto ambiguous = verifyWith(token, {rsaKey().publicJwk(), second.publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(ambiguous, CheckId::Key), Outcome::Failed);
        QVERIFY(reasonOf(ambiguous, CheckId::Key).contains(QStringLiteral("ambiguous")));
        // One compatible key among keys of other types: that key is used.
        const auto single =
            verifyWith(token, {rsaKey().publicJwk(), ecKey().publicJwk(), edKey().publicJwk()}, standardOptions());
        QVERIFY2(single.isValid(), qPrintable(single.summary()));
    }

    void duplicateKidsRejectTheSet()
    {
        Jwk other = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), QStringLiteral("rsa-1"));
        const auto verifier = TokenVerifier::create(JwkSet({rsaKey().publicJwk(), other.publicJwk()}));
        QVERIFY(!verifier);
        QVERIFY(verifier.error().message.contains(QStringLiteral("rsa-1")));
        const auto parsed = JwkSet::parse(QByteArray::fromStdString(
            JsonWriter::write(JwkSet({rsaKey().publicJwk(), other.publicJwk()}).toPublicJson())));
        QVERIFY(!parsed);
    }

    // The token brings its own key (jwk), or a place to fetch one (jku, x5u), or a chain (x5c).
    void embeddedKeysAreNeverTrusted_data()
    {
        QTest::addColumn<QByteArray>("member");
        for (const char* member : {"jwk", "jku", "x5u", "x5c"})
            QTest::newRow(member) << QByteArray(member);
    }
    void embeddedKeysAreNeverTrusted()
    {
        QFETCH(QByteArray, member);
        const Jwk attacker = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256));
        const std::string attackerJwk = JsonWriter::write(attacker.publicJwk().toJson());
        std::string value = member == "jwk"   ? attackerJwk
                            : member == "x5c" ? std::string("[\"MIIBszCCAVmgAwIBAgIUBogus\"]")
                                              : std::string("\"https://attacker.test/keys.json\"");
        const std::string header =
            "{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"" + member.toStdString() + "\":" + value + "}";
        const auto report = verifyWith(forge(header, standardClaims(), attacker, Algorithm::ES256),
                                       {ecKey().publicJwk()}, standardOptions());
        QVERIFY(!report.isValid());
        QCOMPARE(outcomeOf(report, CheckId::Signature), Outcome::Failed);
        bool warned = false;
        for (const TokenWarning& warning : report.warnings())
            warned =
                warned || (warning.kind == WarningKind::EmbeddedKeyHeader && warning.member == member.toStdString());
        QVERIFY(warned);
    }

    void psychicAndMalformedEcdsaSignatures_data()
    {
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("r=s=0") << QByteArray(64, '\0');
        QByteArray order = QByteArray::fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        QTest::newRow("r=s=n") << order + order;
        QTest::newRow("r=0,s=1") << QByteArray(32, '\0') + QByteArray(31, '\0') + '\x01';
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("63 bytes") << QByteArray(63, '\x11');
        QTest::newRow("65 bytes") << QByteArray(65, '\x11');
    }
    void psychicAndMalformedEcdsaSignatures()
    {
        QFETCH(QByteArray, signature);
        const std::string token = forgeRaw("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", standardClaims(), sig(signature));
        const auto report = verifyWith(token, {ecKey().publicJwk()}, standardOptions());
        QVERIFY(!report.isValid());
        QCOMPARE(outcomeOf(report, CheckId::Signature), Outcome::Failed);
    }

    void derEncodedEcdsaIsRefused()
    {
        const std::string header = "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}";
        const std::string valid = forge(header, standardClaims(), ecKey(), Algorithm::ES256);
        QVERIFY(verifyWith(valid, {ecKey().publicJwk()}, standardOptions()).isValid());
        const QByteArray raw = *Base64Url::decode(QByteArrayView(valid).sliced(valid.rfind('.') + 1));
        const QByteArray der = Crypto::ecdsaRawToDer(raw);
        const auto report =
            verifyWith(forgeRaw(header, standardClaims(), sig(der)), {ecKey().publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(report, CheckId::Signature), Outcome::Failed);
    }

    void pssSaltMustBeTheHashLength_data()
    {
        QTest::addColumn<int>("salt");
        QTest::addColumn<bool>("valid");
        QTest::newRow("salt 32 (hash length)") << 32 << true;
        QTest::newRow("salt 0") << 0 << false;
        QTest::newRow("salt 20") << 20 << false;
        QTest::newRow("salt 64") << 64 << false;
    }
    void pssSaltMustBeTheHashLength()
    {
        QFETCH(int, salt);
        QFETCH(bool, valid);
        const std::string header = "{\"alg\":\"PS256\",\"kid\":\"rsa-1\"}";
        const std::string input = signingInput(header, standardClaims());
        const std::string token = input + "." + b64(sig(pssSignature(rsaKey(), input, salt)));
        const auto report = verifyWith(token, {rsaKey().publicJwk()}, standardOptions());
        QCOMPARE(report.isValid(), valid);
    }

    void critHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("valid");
        QTest::newRow("unknown extension")
            << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"exp\"],\"exp\":1}") << false;
        QTest::newRow("not an array") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":\"exp\",\"exp\":1}")
                                      << false;
        QTest::newRow("empty array") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[]}") << false;
        QTest::newRow("non-string entry") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[1]}") << false;
        QTest::newRow("listed twice")
            << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"b64\",\"b64\"],\"b64\":true}") << false;
        QTest::newRow("registered name") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"kid\"]}")
                                         << false;
        QTest::newRow("absent from header")
            << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"zip2\"]}") << false;
        QTest::newRow("b64 false") << QByteArray(
                                          "{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"b64\"],\"b64\":false}")
                                   << false;
        QTest::newRow("b64 false without crit")
            << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"b64\":false}") << false;
        QTest::newRow("b64 true, understood")
            << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"crit\":[\"b64\"],\"b64\":true}") << true;
        QTest::newRow("no crit") << QByteArray("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") << true;
    }
    void critHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, valid);
        const auto report = verifyWith(forge(header.toStdString(), standardClaims(), ecKey(), Algorithm::ES256),
                                       {ecKey().publicJwk()}, standardOptions());
        QCOMPARE(report.isValid(), valid);
        if (!valid)
            QCOMPARE(outcomeOf(report, CheckId::Critical), Outcome::Failed);
    }

    void duplicateMembers()
    {
        const std::string claims = standardClaims();
        const std::string dupClaims = claims.substr(0, claims.size() - 1) + ",\"sub\":\"admin\"}";
        const auto inClaims =
            verifyWith(forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", dupClaims, ecKey(), Algorithm::ES256),
                       {ecKey().publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(inClaims, CheckId::Claims), Outcome::Failed);
        QVERIFY(reasonOf(inClaims, CheckId::Claims).contains(QStringLiteral("duplicate member name \"sub\"")));
        const auto inHeader = verifyWith(
            forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"alg\":\"none\"}", claims, ecKey(), Algorithm::ES256),
            {ecKey().publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(inHeader, CheckId::Header), Outcome::Failed);
        QVERIFY(!inHeader.isValid());
    }

    void nonCanonicalBase64url_data()
    {
        QTest::addColumn<QByteArray>("mutation");
        QTest::newRow("padding") << QByteArray("=");
        QTest::newRow("plus") << QByteArray("+");
        QTest::newRow("slash") << QByteArray("/");
        QTest::newRow("space") << QByteArray(" ");
        QTest::newRow("trailing bits") << QByteArray("trailing");
    }
    void nonCanonicalBase64url()
    {
        QFETCH(QByteArray, mutation);
        std::string token = forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", standardClaims(), ecKey(), Algorithm::ES256);
        if (mutation == "trailing") {
            // 64 signature bytes encode to 86 characters with 2 unused bits: set one.
            char& last = token.back();
            const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            last = alphabet[alphabet.find(last) | 1];
        } else {
            token.insert(token.size() - 4, mutation.toStdString());
        }
        const auto report = verifyWith(token, {ecKey().publicJwk()}, standardOptions());
        QVERIFY(!report.isValid());
        QCOMPARE(outcomeOf(report, CheckId::Format), Outcome::Failed);
    }

    void oversizedTokenIsRefusedBeforeDecoding()
    {
        const std::string big =
            "{\"iss\":\"https://issuer.test\",\"aud\":\"api\",\"exp\":" + std::to_string(kNow + 60) + ",\"pad\":\"" +
            std::string(70 * 1024, 'a') + "\"}";
        const std::string token = forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", big, ecKey(), Algorithm::ES256);
        const auto report = verifyWith(token, {ecKey().publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(report, CheckId::Format), Outcome::Failed);
        QVERIFY(reasonOf(report, CheckId::Format).contains(QStringLiteral("limit")));
        QCOMPARE(report.checks().size(), std::size_t(1));
        VerifyOptions larger = standardOptions();
        larger.maxTokenSize = 256 * 1024;
        QVERIFY(verifyWith(token, {ecKey().publicJwk()}, larger).isValid());
    }

    void deeplyNestedClaimsAreRefused()
    {
        const std::string nested = std::string(5000, '[') + std::string(5000, ']');
        const std::string claims =
            "{\"aud\":\"api\",\"iss\":\"https://issuer.test\",\"exp\":" + std::to_string(kNow + 60) +
            ",\"deep\":" + nested + "}";
        const auto report = verifyWith(forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claims, ecKey(), Algorithm::ES256),
                                       {ecKey().publicJwk()}, standardOptions());
        QCOMPARE(outcomeOf(report, CheckId::Claims), Outcome::Failed);
        QVERIFY(reasonOf(report, CheckId::Claims).contains(QStringLiteral("nested deeper")));
    }

    void jwkUsagePinning_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QByteArray>("tokenAlg");
        QTest::addColumn<bool>("valid");
        QTest::newRow("use sig") << QByteArray("\"use\":\"sig\"") << QByteArray("RS256") << true;
        QTest::newRow("use enc") << QByteArray("\"use\":\"enc\"") << QByteArray("RS256") << false;
        QTest::newRow("key_ops verify") << QByteArray("\"key_ops\":[\"verify\"]") << QByteArray("RS256") << true;
        QTest::newRow("key_ops sign only") << QByteArray("\"key_ops\":[\"sign\"]") << QByteArray("RS256") << false;
        QTest::newRow("key_ops encrypt") << QByteArray("\"key_ops\":[\"encrypt\"]") << QByteArray("RS256") << false;
        QTest::newRow("alg RS256, token RS256") << QByteArray("\"alg\":\"RS256\"") << QByteArray("RS256") << true;
        QTest::newRow("alg RS256, token PS256") << QByteArray("\"alg\":\"RS256\"") << QByteArray("PS256") << false;
        QTest::newRow("alg PS256, token RS256") << QByteArray("\"alg\":\"PS256\"") << QByteArray("RS256") << false;
    }
    void jwkUsagePinning()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QByteArray, tokenAlg);
        QFETCH(bool, valid);
        std::string json = JsonWriter::write(rsaKey().publicJwk().toJson());
        json = json.substr(0, json.size() - 1) + "," + extra.toStdString() + "}";
        const auto jwk = Jwk::parse(QByteArray::fromStdString(json));
        QVERIFY2(jwk, jwk ? "" : qPrintable(jwk.error().message));
        const Algorithm alg = *algorithmFromName(std::string_view(tokenAlg.toStdString()));
        const std::string token =
            forge("{\"alg\":\"" + tokenAlg.toStdString() + "\",\"kid\":\"rsa-1\"}", standardClaims(), rsaKey(), alg);
        const auto report = verifyWith(token, {*jwk}, standardOptions());
        QCOMPARE(report.isValid(), valid);
        if (!valid)
            QVERIFY(outcomeOf(report, CheckId::Key) == Outcome::Failed ||
                    outcomeOf(report, CheckId::Algorithm) == Outcome::Failed);
    }

    void shortHmacSecretsAreRefused()
    {
        const Jwk weak = Jwk::fromSecret(Crypto::SecureBytes(QByteArray(16, 'k')), QStringLiteral("weak"));
        QVERIFY(!Jws::signBytes(weak, Algorithm::HS256, "x"));
        const Jwk k48 = Jwk::fromSecret(Crypto::SecureBytes(QByteArray(32, 'k')), QStringLiteral("weak"));
        QVERIFY(Jws::signBytes(k48, Algorithm::HS256, "x"));
        QVERIFY(!Jws::signBytes(k48, Algorithm::HS384, "x"));
        // A token forged with the raw MAC still fails at the key check.
        const auto tag =
            Crypto::MacKey(Crypto::SecureBytes(QByteArray(16, 'k')))
                .mac(Crypto::MacScheme::HmacSha256,
                     QByteArray::fromStdString(signingInput("{\"alg\":\"HS256\",\"kid\":\"weak\"}", standardClaims())));
        const auto report = verifyWith(forgeRaw("{\"alg\":\"HS256\",\"kid\":\"weak\"}", standardClaims(), sig(*tag)),
                                       {weak}, standardOptions());
        QCOMPARE(outcomeOf(report, CheckId::Key), Outcome::Failed);
        QVERIFY(reasonOf(report, CheckId::Key).contains(QStringLiteral("RFC 7518")));
    }

    void tamperedPayloadFailsTheSignature()
    {
        for (const Jwk* key : {&rsaKey(), &ecKey(), &edKey(), &hmacKey()}) {
            const Algorithm alg = *key->defaultAlgorithm();
            const std::string header =
                "{\"alg\":\"" + std::string(algorithmName(alg)) + "\",\"kid\":\"" + key->kid().toStdString() + "\"}";
            const std::string good = forge(header, standardClaims(), *key, alg);
            QVERIFY(verifyWith(good, {key->isSymmetric() ? *key : key->publicJwk()}, standardOptions()).isValid());
            std::string claims = standardClaims();
            claims.replace(claims.find("user-1"), 6, "admin1");
            const std::string tampered = signingInput(header, claims) + good.substr(good.rfind('.'));
            const auto report = verifyWith(tampered, {key->isSymmetric() ? *key : key->publicJwk()}, standardOptions());
            QCOMPARE(outcomeOf(report, CheckId::Signature), Outcome::Failed);
        }
    }
};

QTEST_GUILESS_MAIN(AttackTest)
#include "tst_attacks.moc"
