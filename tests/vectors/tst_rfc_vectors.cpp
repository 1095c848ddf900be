// Examples from the JOSE RFCs (tests/data/vectors/rfc_vectors.json): RFC 7515 A.1-A.5 and App. E,
// RFC 7517 A.1, RFC 7638 3.1, RFC 8037 A.1-A.5 and RFC 7797 4.1-4.2. Entries are
// {name, alg, jwk, token, expect, note, ...}; see tests/data/vectors/README.md.

#include "VectorSupport.h"

#include "jose/Base64Url.h"
#include "jose/Jws.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTest>

using namespace Signet;
using namespace Signet::Test::Vectors;

namespace {

// RFC 7515 A.1-A.3 carry exp = 1300819380 (2011-03-22T18:43:00Z): verify an hour before that.
constexpr qint64 kExampleExpiry = 1300819380;
constexpr qint64 kBeforeExpiry = kExampleExpiry - 3600;

QJsonObject entry(const QString& name)
{
    const QJsonArray entries = readArray(QStringLiteral("rfc_vectors.json"));
    for (const QJsonValue& value : entries) {
        if (value.toObject().value(QLatin1String("name")).toString() == name)
            return value.toObject();
    }
    qFatal("rfc_vectors.json has no entry %s", qPrintable(name));
}

QByteArray tokenOf(const QJsonObject& vector)
{
    return vector.value(QLatin1String("token")).toString().toUtf8();
}

Result<Jwk> keyOf(const QJsonObject& vector, const char* member = "jwk")
{
    return Jwk::parse(compactJson(vector.value(QLatin1String(member)).toObject()));
}

// The verification key: "public_jwk" when the entry has one, else "jwk" (an HMAC secret).
Result<Jwk> publicKeyOf(const QJsonObject& vector)
{
    return keyOf(vector, vector.contains(QLatin1String("public_jwk")) ? "public_jwk" : "jwk");
}

struct Decoded
{
    QByteArray header, payload, signature;
    std::string_view signingInput;
};

// Splits and strictly decodes a compact JWS; nullopt when it is not one.
std::optional<Decoded> decode(const QByteArray& token)
{
    Jws::CompactParts parts;
    if (!Jws::split(sv(token), parts))
        return std::nullopt;
    auto segment = [](std::string_view text) {
        return Base64Url::decode(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())));
    };
    auto header = segment(parts.header), payload = segment(parts.payload), signature = segment(parts.signature);
    if (!header || !payload || !signature)
        return std::nullopt;
    return Decoded{*header, *payload, *signature, parts.signingInput};
}

QByteArray encode(const QByteArray& bytes)
{
    return Base64Url::encode(bytes);
}

} // namespace

class RfcVectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signedExamples_data();
    void signedExamples();
    void deterministicSignatures_data();
    void deterministicSignatures();
    void unsecuredJwsIsRejected();
    void unknownCriticalHeaderIsRejected();
    void unencodedPayloadIsRejected();
    void thumbprints_data();
    void thumbprints();
    void ed25519KeyPair();
    void cleanupTestCase() { m_counter.report(); }

private:
    CaseCounter m_counter;
};

// Every RFC example with a valid signature verifies with its public key, both at the JWS level and
// through TokenVerifier; a changed signature byte makes it fail.
void RfcVectors::signedExamples_data()
{
    QTest::addColumn<QJsonObject>("vector");
    int rows = 0;
    for (const QJsonValue& value : readArray(QStringLiteral("rfc_vectors.json"))) {
        const QJsonObject vector = value.toObject();
        if (vector.value(QLatin1String("token")).isString() &&
            vector.value(QLatin1String("expect")).toString() == QLatin1String("valid")) {
            QTest::newRow(qPrintable(vector.value(QLatin1String("name")).toString())) << vector;
            ++rows;
        }
    }
    QVERIFY(rows >= 6); // RFC 7515 A.1-A.4, RFC 8037 A.4, RFC 7797 4.1
}

void RfcVectors::signedExamples()
{
    QFETCH(QJsonObject, vector);
    const QByteArray token = tokenOf(vector);
    const auto alg = algorithmFromName(vector.value(QLatin1String("alg")).toString());
    QVERIFY(alg);
    auto key = publicKeyOf(vector);
    QVERIFY2(key, errorOf(key).constData());

    auto decoded = decode(token);
    QVERIFY(decoded);
    // The signature covers the received text, CRLFs and all, never a re-serialisation of the JSON.
    if (vector.contains(QLatin1String("header_json"))) {
        QCOMPARE(decoded->header, vector.value(QLatin1String("header_json")).toString().toUtf8());
        QCOMPARE(decoded->payload, vector.value(QLatin1String("payload_json")).toString().toUtf8());
    }
    if (vector.contains(QLatin1String("sig_hex")))
        QCOMPARE(decoded->signature, hex(vector.value(QLatin1String("sig_hex"))));
    QVERIFY(verifyCompactSignature(*key, *alg, sv(token)));

    const bool isJwt = QJsonDocument::fromJson(decoded->payload).isObject();
    const bool timeDependent = vector.value(QLatin1String("time_dependent")).toBool();
    VerifyOptions options;
    options.at = kBeforeExpiry;
    options.requireExpiry = timeDependent;
    auto report = verifyWith(JwkSet({*key}), sv(token), options);
    QVERIFY(report);
    QVERIFY2(jwsAccepted(*report), qPrintable(describeReport(*report)));
    QCOMPARE(report->algorithm(), alg);
    if (isJwt) {
        QVERIFY2(report->isValid(), qPrintable(describeReport(*report)));
    } else {
        // RFC 7515 A.4, RFC 8037 A.4, RFC 7797 4.1: a valid JWS whose payload is not a JWT claims set.
        QCOMPARE(outcomeOf(*report, CheckId::Claims), Outcome::Failed);
        QVERIFY(!report->isValid());
    }
    if (timeDependent) {
        // At the real time the 2011 token has expired; its signature is still good.
        auto now = verifyWith(JwkSet({*key}), sv(token), VerifyOptions());
        QVERIFY(now);
        QCOMPARE(outcomeOf(*now, CheckId::Signature), Outcome::Passed);
        QCOMPARE(outcomeOf(*now, CheckId::Expiry), Outcome::Failed);
        QVERIFY(!now->isValid());
    }

    // One flipped bit in the signature: still well-formed, no longer valid.
    QByteArray signature = decoded->signature;
    signature[0] = static_cast<char>(signature[0] ^ 0x01);
    const QByteArray tampered =
        QByteArray(decoded->signingInput.data(), static_cast<qsizetype>(decoded->signingInput.size())) + '.' +
        encode(signature);
    QVERIFY(!verifyCompactSignature(*key, *alg, sv(tampered)));
    auto rejected = verifyWith(JwkSet({*key}), sv(tampered), options);
    QVERIFY(rejected);
    QCOMPARE(outcomeOf(*rejected, CheckId::Format), Outcome::Passed);
    QCOMPARE(outcomeOf(*rejected, CheckId::Signature), Outcome::Failed);
    m_counter.passed(QTest::currentTestFunction());
}

// Deterministic algorithms (HMAC, RSASSA-PKCS1-v1_5, Ed25519) must reproduce the published signature
// and, from the published header and payload bytes, the whole token.
void RfcVectors::deterministicSignatures_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const char* name : {"RFC7515-A.1-HS256", "RFC7515-A.2-RS256", "RFC8037-A.4-A.5-Ed25519-sign-verify",
                             "RFC7797-4.1-b64true-control"})
        QTest::newRow(name) << entry(QString::fromLatin1(name));
}

void RfcVectors::deterministicSignatures()
{
    QFETCH(QJsonObject, vector);
    const QByteArray token = tokenOf(vector);
    const auto alg = algorithmFromName(vector.value(QLatin1String("alg")).toString());
    QVERIFY(alg);
    auto key = keyOf(vector);
    QVERIFY2(key, errorOf(key).constData());
    QVERIFY(key->hasPrivate());
    auto decoded = decode(token);
    QVERIFY(decoded);

    auto signature = Jws::signBytes(*key, *alg, decoded->signingInput);
    QVERIFY2(signature, errorOf(signature).constData());
    QCOMPARE(signature->toHex(), decoded->signature.toHex());

    auto compact = Jws::signCompact(*key, *alg, sv(decoded->header), sv(decoded->payload));
    QVERIFY2(compact, errorOf(compact).constData());
    QCOMPARE(QByteArray::fromStdString(*compact), token);
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 7515 A.5 (RFC 7518 3.6): "alg": "none" with an empty signature is refused whatever the key or
// allow-list, even one that lists every algorithm Signet knows.
void RfcVectors::unsecuredJwsIsRejected()
{
    const QJsonObject vector = entry(QStringLiteral("RFC7515-A.5-unsecured"));
    QCOMPARE(vector.value(QLatin1String("expect")).toString(), QStringLiteral("invalid"));
    const QByteArray token = tokenOf(vector);
    QVERIFY(token.endsWith('.'));
    auto key = keyOf(entry(QStringLiteral("RFC7515-A.1-HS256")));
    QVERIFY2(key, errorOf(key).constData());

    VerifyOptions everything = jwsOptions();
    everything.algorithms = allAlgorithms();
    everything.at = kBeforeExpiry;
    for (const VerifyOptions& options : {jwsOptions(), everything}) {
        auto report = verifyWith(JwkSet({*key}), sv(token), options);
        QVERIFY(report);
        QVERIFY(!report->isValid());
        QCOMPARE(outcomeOf(*report, CheckId::Algorithm), Outcome::Failed);
        QCOMPARE(outcomeOf(*report, CheckId::Signature), Outcome::Skipped);
    }
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 7515 Appendix E / 4.1.11: "crit" naming an extension the recipient does not understand must be
// rejected. The published example also uses "alg": "none" (refused first), so the same header is
// also re-signed with HS256: then it is "crit" that refuses it. Without "crit" the unknown member is
// merely ignored and the re-signed token verifies.
void RfcVectors::unknownCriticalHeaderIsRejected()
{
    const QJsonObject vector = entry(QStringLiteral("RFC7515-AppE-crit-negative"));
    const QByteArray token = tokenOf(vector);
    auto key = keyOf(entry(QStringLiteral("RFC7515-A.1-HS256")));
    QVERIFY2(key, errorOf(key).constData());

    auto published = verifyWith(JwkSet({*key}), sv(token));
    QVERIFY(published);
    QVERIFY(!jwsAccepted(*published));
    QCOMPARE(outcomeOf(*published, CheckId::Algorithm), Outcome::Failed);

    auto decoded = decode(token);
    QVERIFY(decoded);
    QVERIFY(decoded->header.contains("\"crit\":[\"http://example.com/UNDEFINED\"]"));
    QByteArray header = decoded->header;
    header.replace("\"alg\":\"none\"", "\"alg\":\"HS256\"");
    QVERIFY(header.contains("HS256"));
    auto critical = Jws::signCompact(*key, Algorithm::HS256, sv(header), sv(decoded->payload));
    QVERIFY2(critical, errorOf(critical).constData());
    auto report = verifyWith(JwkSet({*key}), *critical);
    QVERIFY(report);
    QCOMPARE(outcomeOf(*report, CheckId::Algorithm), Outcome::Passed);
    QCOMPARE(outcomeOf(*report, CheckId::Critical), Outcome::Failed);
    QVERIFY(!jwsAccepted(*report));

    QByteArray noCrit = header;
    noCrit.replace("\"crit\":[\"http://example.com/UNDEFINED\"],", "");
    QVERIFY(!noCrit.contains("crit"));
    auto ignored = Jws::signCompact(*key, Algorithm::HS256, sv(noCrit), sv(decoded->payload));
    QVERIFY2(ignored, errorOf(ignored).constData());
    auto accepted = verifyWith(JwkSet({*key}), *ignored);
    QVERIFY(accepted);
    QVERIFY2(jwsAccepted(*accepted), qPrintable(describeReport(*accepted)));
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 7797: Signet does not implement unencoded payloads, so "b64": false with "crit": ["b64"] must be
// refused (4.2, detached payload), also when the detached payload is put back into the token. The
// control (4.1, the same payload base64url-encoded) is checked by signedExamples.
void RfcVectors::unencodedPayloadIsRejected()
{
    const QJsonObject vector = entry(QStringLiteral("RFC7797-4.2-b64false-detached"));
    QCOMPARE(vector.value(QLatin1String("expect")).toString(), QStringLiteral("invalid"));
    auto key = keyOf(vector);
    QVERIFY2(key, errorOf(key).constData());
    const QByteArray token = tokenOf(vector);
    QVERIFY(token.contains(".."));

    QByteArray attached = token;
    attached.replace(
        "..", QByteArray('.' + encode(vector.value(QLatin1String("detached_payload")).toString().toUtf8()) + '.'));
    for (const QByteArray& candidate : {token, attached}) {
        auto report = verifyWith(JwkSet({*key}), sv(candidate));
        QVERIFY(report);
        QCOMPARE(outcomeOf(*report, CheckId::Format), Outcome::Passed);
        QCOMPARE(outcomeOf(*report, CheckId::Algorithm), Outcome::Passed);
        QCOMPARE(outcomeOf(*report, CheckId::Critical), Outcome::Failed);
        QVERIFY(!jwsAccepted(*report));
    }
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 7638 thumbprints: SHA-256 over the required members only, in order, without whitespace; optional
// members (kid, alg, use) do not change them.
void RfcVectors::thumbprints_data()
{
    QTest::addColumn<QJsonObject>("vector");
    int rows = 0;
    for (const QJsonValue& value : readArray(QStringLiteral("rfc_vectors.json"))) {
        const QJsonObject vector = value.toObject();
        if (vector.contains(QLatin1String("expected_thumbprint"))) {
            QTest::newRow(qPrintable(vector.value(QLatin1String("name")).toString())) << vector;
            ++rows;
        }
    }
    QVERIFY(rows >= 3); // RFC 7638 3.1, RFC 7517 A.1, RFC 8037 A.3
}

void RfcVectors::thumbprints()
{
    QFETCH(QJsonObject, vector);
    const QString expected = vector.value(QLatin1String("expected_thumbprint")).toString();
    // The data checks itself: the thumbprint is the hash of the canonical JSON it lists.
    const QByteArray canonical = vector.value(QLatin1String("canonical_json")).toString().toUtf8();
    QCOMPARE(QString::fromLatin1(encode(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256))), expected);

    auto key = keyOf(vector);
    QVERIFY2(key, errorOf(key).constData());
    QCOMPARE(key->thumbprint(), expected);

    QJsonObject bare = vector.value(QLatin1String("jwk")).toObject();
    for (const char* optional : {"kid", "alg", "use", "key_ops"})
        bare.remove(QLatin1String(optional));
    auto stripped = Jwk::parse(compactJson(bare));
    QVERIFY2(stripped, errorOf(stripped).constData());
    QCOMPARE(stripped->thumbprint(), expected);
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 8037 A.1-A.3: the Ed25519 private key (d = the RFC 8032 test 1 seed) loads, its public half is
// the published A.2 key with the A.3 thumbprint, and an "x" that does not belong to "d" is refused.
void RfcVectors::ed25519KeyPair()
{
    const QJsonObject vector = entry(QStringLiteral("RFC8037-A.1-A.2-Ed25519-keys"));
    auto key = keyOf(vector);
    QVERIFY2(key, errorOf(key).constData());
    QVERIFY(key->hasPrivate());
    QCOMPARE(key->keyType(), QStringLiteral("OKP"));
    auto published = keyOf(vector, "public_jwk");
    QVERIFY2(published, errorOf(published).constData());
    QVERIFY(key->publicJwk().keyPair().samePublicKey(published->keyPair()));
    QCOMPARE(key->publicJwk().toJson().toQt().toObject(), vector.value(QLatin1String("public_jwk")).toObject());
    QCOMPARE(key->thumbprint(),
             entry(QStringLiteral("RFC8037-A.3-thumbprint")).value(QLatin1String("expected_thumbprint")).toString());

    // RFC 8032 test 2's public key with test 1's seed: not a key pair.
    const QByteArray otherX =
        encode(QByteArray::fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    auto mismatched = Jwk::parse(
        withMember(vector.value(QLatin1String("jwk")).toObject(), QStringLiteral("x"), QString::fromLatin1(otherX)));
    QVERIFY(!mismatched);
    QCOMPARE(mismatched.error().code, ErrorCode::KeyMismatch);
    m_counter.passed(QTest::currentTestFunction());
}

QTEST_GUILESS_MAIN(RfcVectors)
#include "tst_rfc_vectors.moc"
