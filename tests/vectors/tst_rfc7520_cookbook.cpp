// RFC 7520 ("Examples of Protecting Content Using JOSE"), from the machine-readable JOSE cookbook
// (ietf-jose/cookbook): JWS 4.1 RS256, 4.2 PS384, 4.3 ES512, 4.4 HS256, the Ed25519 example
// (curve25519/jws.json, RFC 8037 A.4) and the JWK examples 3.1-3.6.
//
// The payload is prose, not a JWT claims set: the signature is checked with Jws::split, strict
// base64url and Jws::verifyBytes, and TokenVerifier is used for what applies to any JWS (algorithm,
// kid lookup, key pinning, signature), its "claims" check failing as it must.

#include "VectorSupport.h"

#include "jose/Base64Url.h"
#include "jose/Jws.h"

#include <QJsonDocument>
#include <QTest>

using namespace Signet;
using namespace Signet::Test::Vectors;

namespace {

QJsonObject member(const QJsonObject& object, const char* name)
{
    return object.value(QLatin1String(name)).toObject();
}

QByteArray text(const QJsonObject& object, const char* name)
{
    return object.value(QLatin1String(name)).toString().toUtf8();
}

// Another algorithm of the same key type, to check that an allow-list without the token's algorithm
// refuses it.
Algorithm otherAlgorithm(Algorithm alg)
{
    switch (algorithmFamily(alg)) {
    case AlgorithmFamily::Hmac:
        return alg == Algorithm::HS256 ? Algorithm::HS512 : Algorithm::HS256;
    case AlgorithmFamily::RsaPkcs1:
        return Algorithm::PS256;
    case AlgorithmFamily::RsaPss:
        return Algorithm::RS256;
    case AlgorithmFamily::Ecdsa:
        return alg == Algorithm::ES256 ? Algorithm::ES512 : Algorithm::ES256;
    case AlgorithmFamily::EdDsa:
        return Algorithm::ES256;
    }
    return Algorithm::HS256;
}

} // namespace

class Rfc7520Cookbook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jws_data();
    void jws();
    void jwk_data();
    void jwk();
    void encryptionKeyIsRefused();
    void cleanupTestCase() { m_counter.report(); }

private:
    CaseCounter m_counter;
};

void Rfc7520Cookbook::jws_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("rfc7520-4.1-RS256") << QStringLiteral("rfc7520_cookbook/jws/4_1.rsa_v15_signature.json");
    QTest::newRow("rfc7520-4.2-PS384") << QStringLiteral("rfc7520_cookbook/jws/4_2.rsa-pss_signature.json");
    QTest::newRow("rfc7520-4.3-ES512") << QStringLiteral("rfc7520_cookbook/jws/4_3.ecdsa_signature.json");
    QTest::newRow("rfc7520-4.4-HS256") << QStringLiteral(
        "rfc7520_cookbook/jws/4_4.hmac-sha2_integrity_protection.json");
    QTest::newRow("rfc8037-A.4-EdDSA") << QStringLiteral("rfc7520_cookbook/curve25519/jws.json");
}

void Rfc7520Cookbook::jws()
{
    QFETCH(QString, file);
    const QJsonObject root = readObject(file);
    const QJsonObject input = member(root, "input");
    const QJsonObject signing = member(root, "signing");
    const QByteArray compact = text(member(root, "output"), "compact");
    const bool reproducible = root.value(QLatin1String("reproducible")).toBool();
    const auto alg = algorithmFromName(input.value(QLatin1String("alg")).toString());
    QVERIFY(alg);
    auto key = Jwk::parse(compactJson(member(input, "key")));
    QVERIFY2(key, errorOf(key).constData());
    const Jwk verifyKey = key->publicJwk();

    // The published token is exactly protected header . payload . signature, all base64url.
    const QByteArray payload = text(input, "payload");
    const QByteArray signingInput = text(signing, "protected_b64u") + '.' + Base64Url::encode(payload);
    QCOMPARE(text(signing, "sig-input"), signingInput);
    QCOMPARE(compact, QByteArray(signingInput + '.' + text(signing, "sig")));
    auto header = Base64Url::decode(text(signing, "protected_b64u"));
    QVERIFY(header);
    QCOMPARE(QJsonDocument::fromJson(*header).object(), member(signing, "protected"));

    // JWS level.
    QVERIFY(verifyCompactSignature(verifyKey, *alg, sv(compact)));
    QVERIFY(!verifyCompactSignature(verifyKey, otherAlgorithm(*alg), sv(compact)));

    // Through the verifier: the key is found by kid (when the header has one), the algorithm is allowed
    // and the signature passes; the prose payload is not a claims set.
    auto report = verifyWith(JwkSet({verifyKey}), sv(compact));
    QVERIFY(report);
    QVERIFY2(jwsAccepted(*report), qPrintable(describeReport(*report)));
    QCOMPARE(report->algorithm(), alg);
    QCOMPARE(report->keyId(), member(signing, "protected").value(QLatin1String("kid")).toString());
    QCOMPARE(outcomeOf(*report, CheckId::Claims), Outcome::Failed);
    QVERIFY(!report->isValid());

    VerifyOptions allowOnly = jwsOptions();
    allowOnly.algorithms = {*alg};
    auto allowed = verifyWith(JwkSet({verifyKey}), sv(compact), allowOnly);
    QVERIFY(allowed && jwsAccepted(*allowed));
    allowOnly.algorithms = {otherAlgorithm(*alg)};
    auto refused = verifyWith(JwkSet({verifyKey}), sv(compact), allowOnly);
    QVERIFY(refused);
    QCOMPARE(outcomeOf(*refused, CheckId::Algorithm), Outcome::Failed);

    // A changed payload no longer verifies.
    const QByteArray altered = payload + '!';
    const QByteArray forged =
        text(signing, "protected_b64u") + '.' + Base64Url::encode(altered) + '.' + text(signing, "sig");
    auto tampered = verifyWith(JwkSet({verifyKey}), sv(forged));
    QVERIFY(tampered);
    QCOMPARE(outcomeOf(*tampered, CheckId::Signature), Outcome::Failed);

    // Signing: deterministic algorithms reproduce the published token byte for byte; randomized ones
    // (PSS, ECDSA) give a different signature of the same size that verifies.
    auto signedToken = Jws::signCompact(*key, *alg, sv(*header), sv(payload));
    QVERIFY2(signedToken, errorOf(signedToken).constData());
    const QByteArray ours = QByteArray::fromStdString(*signedToken);
    if (reproducible) {
        QCOMPARE(ours, compact);
    } else {
        QVERIFY(ours != compact);
        QCOMPARE(ours.size(), compact.size());
        QVERIFY(verifyCompactSignature(verifyKey, *alg, sv(ours)));
    }
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 7520 3.1-3.5: the keys load with their metadata, private keys carry their public halves, and
// Signet writes every one back exactly as published (Base64urlUInt without leading zeros for RSA,
// full-size EC coordinates and "d").
void Rfc7520Cookbook::jwk_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("publicFile"); // for private keys: the published public half
    QTest::addColumn<QString>("description");
    QTest::newRow("rfc7520-3.1-ec-public")
        << QStringLiteral("3_1.ec_public_key.json") << QString() << QStringLiteral("EC P-521");
    QTest::newRow("rfc7520-3.2-ec-private") << QStringLiteral("3_2.ec_private_key.json")
                                            << QStringLiteral("3_1.ec_public_key.json") << QStringLiteral("EC P-521");
    QTest::newRow("rfc7520-3.3-rsa-public")
        << QStringLiteral("3_3.rsa_public_key.json") << QString() << QStringLiteral("RSA 2048");
    QTest::newRow("rfc7520-3.4-rsa-private") << QStringLiteral("3_4.rsa_private_key.json")
                                             << QStringLiteral("3_3.rsa_public_key.json") << QStringLiteral("RSA 2048");
    QTest::newRow("rfc7520-3.5-hmac") << QStringLiteral("3_5.symmetric_key_mac_computation.json") << QString()
                                      << QStringLiteral("HMAC secret (32 bytes)");
}

void Rfc7520Cookbook::jwk()
{
    QFETCH(QString, file);
    QFETCH(QString, publicFile);
    QFETCH(QString, description);
    const QJsonObject published = readObject(QStringLiteral("rfc7520_cookbook/jwk/") + file);
    auto key = Jwk::parse(compactJson(published));
    QVERIFY2(key, errorOf(key).constData());
    QCOMPARE(key->description(), description);
    QCOMPARE(key->keyType(), published.value(QLatin1String("kty")).toString());
    QCOMPARE(key->kid(), published.value(QLatin1String("kid")).toString());
    QCOMPARE(key->use(), QStringLiteral("sig"));
    QCOMPARE(key->hasPrivate(), published.contains(QLatin1String("d")) || published.contains(QLatin1String("k")));
    QCOMPARE(key->toJson(Jwk::Members::Private).toQt().toObject(), published);

    const auto natural = key->defaultAlgorithm();
    QVERIFY(natural);
    QVERIFY(key->permits(*natural, KeyOperation::Verify));
    if (key->isSymmetric()) {
        // 3.5 is pinned to HS256 by its "alg".
        QCOMPARE(key->algorithm(), std::optional<Algorithm>(Algorithm::HS256));
        QVERIFY(!key->permits(Algorithm::HS512, KeyOperation::Verify));
    }

    if (!publicFile.isEmpty()) {
        const QJsonObject publicHalf = readObject(QStringLiteral("rfc7520_cookbook/jwk/") + publicFile);
        auto pub = Jwk::parse(compactJson(publicHalf));
        QVERIFY2(pub, errorOf(pub).constData());
        QVERIFY(!pub->hasPrivate());
        QVERIFY(key->publicJwk().keyPair().samePublicKey(pub->keyPair()));
        QCOMPARE(key->publicJwk().toJson(Jwk::Members::Private).toQt().toObject(), publicHalf);
        QCOMPARE(key->thumbprint(), pub->thumbprint());
        QVERIFY(!pub->permits(*natural, KeyOperation::Sign)); // signing needs the private key
        QVERIFY(key->permits(*natural, KeyOperation::Sign));
    }
    m_counter.passed(QTest::currentTestFunction());
}

// RFC 7520 3.6 is an AES key for content encryption ("alg": "A256GCM", "use": "enc"): not a JWS key.
void Rfc7520Cookbook::encryptionKeyIsRefused()
{
    const QJsonObject published = readObject(QStringLiteral("rfc7520_cookbook/jwk/3_6.symmetric_key_encryption.json"));
    auto key = Jwk::parse(compactJson(published));
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::Unsupported);

    // Without the alg it loads as a secret, but "use": "enc" still keeps it from verifying signatures.
    QJsonObject withoutAlg = published;
    withoutAlg.remove(QLatin1String("alg"));
    auto secret = Jwk::parse(compactJson(withoutAlg));
    QVERIFY2(secret, errorOf(secret).constData());
    QVERIFY(!secret->permits(Algorithm::HS256, KeyOperation::Verify));
    m_counter.passed(QTest::currentTestFunction());
}

QTEST_GUILESS_MAIN(Rfc7520Cookbook)
#include "tst_rfc7520_cookbook.moc"
