// Keys: generation, JWK and PEM round trips, thumbprints, and the validation that refuses keys JOSE
// must not use.

#include "crypto/KeyImport.h"
#include "crypto/Random.h"
#include "foundation/JsonWriter.h"
#include "jose/Base64Url.h"
#include "jose/JwkSet.h"
#include "jose/Jws.h"

#include <QTest>

#include <openssl/evp.h>

using namespace Signet;
using Crypto::Curve;
using Crypto::KeyFamily;
using Crypto::KeyPair;

namespace {

Jwk generated(Algorithm alg)
{
    switch (algorithmFamily(alg)) {
    case AlgorithmFamily::Hmac:
        return Jwk::fromSecret(Crypto::SecureBytes(Crypto::Random::bytes(64)));
    case AlgorithmFamily::RsaPkcs1:
    case AlgorithmFamily::RsaPss: {
        static const KeyPair rsa = *KeyPair::generateRsa(2048);
        return Jwk::fromKeyPair(rsa);
    }
    case AlgorithmFamily::Ecdsa:
        return Jwk::fromKeyPair(*KeyPair::generateEc(alg == Algorithm::ES256   ? Curve::P256
                                                     : alg == Algorithm::ES384 ? Curve::P384
                                                                               : Curve::P521));
    case AlgorithmFamily::EdDsa:
        return Jwk::fromKeyPair(*KeyPair::generateEdDsa());
    }
    return {};
}

QByteArray text(const JsonValue& value)
{
    return QByteArray::fromStdString(JsonWriter::write(value));
}

// A JWK's JSON with one member replaced (or removed when value is null).
QByteArray withMember(const Jwk& jwk, Jwk::Members members, const char* name, const JsonValue* value)
{
    JsonValue json = jwk.toJson(members);
    if (value)
        json.set(name, *value);
    else
        json.remove(name);
    return text(json);
}

std::string b64(const QByteArray& bytes)
{
    return Base64Url::encode(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

} // namespace

class KeysTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jwkRoundTripSignsAndVerifies_data()
    {
        QTest::addColumn<int>("alg");
        for (Algorithm alg : allAlgorithms())
            QTest::newRow(algorithmName(alg).data()) << int(alg);
    }
    void jwkRoundTripSignsAndVerifies()
    {
        QFETCH(int, alg);
        const auto algorithm = Algorithm(alg);
        const Jwk key = generated(algorithm);
        const auto reparsed = Jwk::parse(text(key.toJson(Jwk::Members::Private)));
        QVERIFY2(reparsed, reparsed ? "" : qPrintable(reparsed.error().message));
        QCOMPARE(reparsed->thumbprint(), key.thumbprint());
        const auto signature = Jws::signBytes(*reparsed, algorithm, "payload");
        QVERIFY(signature);
        const Jwk verifyKey = key.isSymmetric() ? key : *Jwk::parse(text(key.publicJwk().toJson()));
        QVERIFY(!verifyKey.isSymmetric() ? !verifyKey.hasPrivate() : true);
        QVERIFY(Jws::verifyBytes(verifyKey, algorithm, "payload", signature->toStdString()));
        QVERIFY(!Jws::verifyBytes(verifyKey, algorithm, "payloaD", signature->toStdString()));
    }

    void publicJwkHasNoPrivateMembers()
    {
        for (Algorithm alg : {Algorithm::RS256, Algorithm::ES384, Algorithm::EdDSA}) {
            const JsonValue json = generated(alg).publicJwk().toJson(Jwk::Members::Private);
            for (const char* member : {"d", "p", "q", "dp", "dq", "qi", "k"})
                QVERIFY2(!json.contains(member), member);
        }
        // A JWK set never publishes an HMAC key.
        const JwkSet set({generated(Algorithm::HS256), generated(Algorithm::ES256)});
        QCOMPARE(set.toPublicJson().find("keys")->items().size(), std::size_t(1));
    }

    void pemRoundTrips()
    {
        for (Algorithm alg : {Algorithm::RS256, Algorithm::ES256, Algorithm::ES512, Algorithm::EdDSA}) {
            const KeyPair key = generated(alg).keyPair();
            const auto privatePem = key.toPem(Crypto::PemKind::PrivatePkcs8);
            QVERIFY(privatePem && privatePem->startsWith("-----BEGIN PRIVATE KEY-----"));
            const auto imported = Crypto::importPem(*privatePem);
            QVERIFY(imported);
            QCOMPARE(imported->source, Crypto::PemSource::PrivateKey);
            QVERIFY(imported->key.hasPrivate() && imported->key.samePublicKey(key));

            const auto publicPem = key.toPem(Crypto::PemKind::PublicSpki);
            QVERIFY(publicPem && publicPem->startsWith("-----BEGIN PUBLIC KEY-----"));
            const auto importedPublic = Crypto::importPem(*publicPem);
            QVERIFY(importedPublic && !importedPublic->key.hasPrivate());
            QCOMPARE(importedPublic->source, Crypto::PemSource::PublicKey);
        }
    }

    void encryptedPem()
    {
        const KeyPair key = generated(Algorithm::ES256).keyPair();
        const auto pem = key.toPem(Crypto::PemKind::PrivatePkcs8, "correct horse");
        QVERIFY(pem && pem->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QVERIFY(Crypto::importPem(*pem, "correct horse"));
        const auto noPassphrase = Crypto::importPem(*pem);
        QVERIFY(!noPassphrase);
        QVERIFY(noPassphrase.error().message.contains(QStringLiteral("passphrase is needed")));
        const auto wrong = Crypto::importPem(*pem, "battery staple");
        QVERIFY(!wrong);
        QVERIFY(wrong.error().message.contains(QStringLiteral("wrong passphrase")));
    }

    void badPemIsAClearError()
    {
        QVERIFY(Crypto::importPem("not a key").error().message.contains(QStringLiteral("no -----BEGIN")));
        const auto garbage = Crypto::importPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        QVERIFY(!garbage);
        QVERIFY(garbage.error().message.contains(QStringLiteral("PRIVATE KEY")));
    }

    void rsaWithoutCrtMembers()
    {
        const Jwk key = generated(Algorithm::RS256);
        JsonValue json = key.toJson(Jwk::Members::Private);
        for (const char* member : {"p", "q", "dp", "dq", "qi"})
            json.remove(member);
        const auto reduced = Jwk::parse(text(json));
        QVERIFY2(reduced, reduced ? "" : qPrintable(reduced.error().message));
        QVERIFY(reduced->hasPrivate());
        const auto signature = Jws::signBytes(*reduced, Algorithm::RS256, "data");
        QVERIFY(signature);
        QVERIFY(Jws::verifyBytes(key.publicJwk(), Algorithm::RS256, "data", signature->toStdString()));
        // Some but not all CRT members is malformed.
        JsonValue partial = key.toJson(Jwk::Members::Private);
        partial.remove("qi");
        QVERIFY(!Jwk::parse(text(partial)));
    }

    void invalidJwks_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        const Jwk ec = generated(Algorithm::ES256);
        const Jwk rsa = generated(Algorithm::RS256);
        const Jwk ed = generated(Algorithm::EdDSA);
        const JsonValue p384 = JsonValue::string("P-384");
        QTest::newRow("curve/coordinate mismatch")
            << withMember(ec.publicJwk(), Jwk::Members::Public, "crv", &p384) << QStringLiteral("must be 48 bytes");
        const JsonValue es384 = JsonValue::string("ES384");
        QTest::newRow("alg disagrees with curve")
            << withMember(ec.publicJwk(), Jwk::Members::Public, "alg", &es384) << QStringLiteral("does not fit");
        const JsonValue hs256 = JsonValue::string("HS256");
        QTest::newRow("HMAC alg on RSA key")
            << withMember(rsa.publicJwk(), Jwk::Members::Public, "alg", &hs256) << QStringLiteral("does not fit");
        const JsonValue none = JsonValue::string("none");
        QTest::newRow("alg none") << withMember(rsa.publicJwk(), Jwk::Members::Public, "alg", &none)
                                  << QStringLiteral("not a signature algorithm");
        QByteArray y = Crypto::KeyPair(ec.keyPair()).ecComponents().y;
        y[y.size() - 1] = char(y[y.size() - 1] ^ 1);
        const JsonValue offCurveY = JsonValue::string(b64(y));
        QTest::newRow("point off the curve") << withMember(ec.publicJwk(), Jwk::Members::Public, "y", &offCurveY)
                                             << QStringLiteral("not on the P-256 curve");
        const JsonValue shortX = JsonValue::string(b64(QByteArray(31, 'x')));
        QTest::newRow("short coordinate")
            << withMember(ec.publicJwk(), Jwk::Members::Public, "x", &shortX) << QStringLiteral("32 bytes");
        const JsonValue e1 = JsonValue::string("AQ");
        QTest::newRow("exponent 1") << withMember(rsa.publicJwk(), Jwk::Members::Public, "e", &e1)
                                    << QStringLiteral("exponent");
        const JsonValue eEven = JsonValue::string("AQAA");
        QTest::newRow("even exponent") << withMember(rsa.publicJwk(), Jwk::Members::Public, "e", &eEven)
                                       << QStringLiteral("exponent");
        QTest::newRow("missing n") << withMember(rsa.publicJwk(), Jwk::Members::Public, "n", nullptr)
                                   << QStringLiteral("no \"n\"");
        const JsonValue padded = JsonValue::string("AQAB==");
        QTest::newRow("padded base64") << withMember(rsa.publicJwk(), Jwk::Members::Public, "e", &padded)
                                       << QStringLiteral("base64url");
        const JsonValue secp256k1 = JsonValue::string("secp256k1");
        QTest::newRow("unsupported curve") << withMember(ec.publicJwk(), Jwk::Members::Public, "crv", &secp256k1)
                                           << QStringLiteral("unsupported EC curve");
        const JsonValue x25519 = JsonValue::string("X25519");
        QTest::newRow("X25519 is not for signing")
            << withMember(ed.publicJwk(), Jwk::Members::Public, "crv", &x25519) << QStringLiteral("Ed25519 or Ed448");
        const Jwk other = generated(Algorithm::EdDSA);
        const JsonValue otherX = other.toJson().find("x") ? *other.toJson().find("x") : JsonValue();
        QTest::newRow("Ed25519 x not from d")
            << withMember(ed, Jwk::Members::Private, "x", &otherX) << QStringLiteral("does not belong");
        const JsonValue dsa = JsonValue::string("DSA");
        QTest::newRow("unknown kty") << withMember(rsa.publicJwk(), Jwk::Members::Public, "kty", &dsa)
                                     << QStringLiteral("unsupported key type");
        QTest::newRow("no kty") << withMember(rsa.publicJwk(), Jwk::Members::Public, "kty", nullptr)
                                << QStringLiteral("no \"kty\"");
        const JsonValue numberKid = JsonValue::integer(5);
        QTest::newRow("kid not a string") << withMember(rsa.publicJwk(), Jwk::Members::Public, "kid", &numberKid)
                                          << QStringLiteral("\"kid\" is not a string");
        const JsonValue ops = JsonValue::array({JsonValue::string("verify"), JsonValue::string("verify")});
        QTest::newRow("key_ops repeated")
            << withMember(rsa.publicJwk(), Jwk::Members::Public, "key_ops", &ops) << QStringLiteral("twice");
        QTest::newRow("empty oct") << QByteArray("{\"kty\":\"oct\",\"k\":\"\"}") << QStringLiteral("empty");
        QTest::newRow("duplicate member")
            << QByteArray("{\"kty\":\"oct\",\"k\":\"AAAA\",\"k\":\"BBBB\"}") << QStringLiteral("duplicate");
        QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("not an object");
    }
    void invalidJwks()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const auto jwk = Jwk::parse(json);
        QVERIFY2(!jwk, json.constData());
        QVERIFY2(jwk.error().message.contains(reason), qPrintable(jwk.error().message));
    }

    void weakRsaIsRefused()
    {
        const KeyPair weak = KeyPair::adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t(1024)));
        QCOMPARE(weak.bits(), 1024);
        const auto valid = weak.validate();
        QVERIFY(!valid);
        QCOMPARE(valid.error().code, ErrorCode::WeakKey);
        QVERIFY(valid.error().message.contains(QStringLiteral("2048")));
        QVERIFY(!Jwk::parse(text(Jwk::fromKeyPair(weak).toJson())));
        QVERIFY(!Crypto::importPem(*weak.toPem(Crypto::PemKind::PublicSpki)));
        QVERIFY(!KeyPair::generateRsa(1024));
        QVERIFY(!KeyPair::generateRsa(2047));
    }

    void rfc7638Thumbprint()
    {
        // RFC 7638 3.1
        const QByteArray json =
            "{\"kty\":\"RSA\",\"n\":"
            "\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPe"
            "bWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
            "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0z"
            "gdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-"
            "csFCur-kEgU8awap"
            "JzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
        const auto jwk = Jwk::parse(json);
        QVERIFY(jwk);
        QCOMPARE(jwk->thumbprint(), QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
        // The thumbprint ignores kid, alg, use and private members.
        const Jwk key = generated(Algorithm::ES256);
        Jwk renamed = key.publicJwk();
        renamed.setKid(QStringLiteral("other"));
        QCOMPARE(renamed.thumbprint(), key.thumbprint());
    }

    void keySetSkipsUnknownTypesButNotBrokenKeys()
    {
        const QByteArray ec = text(generated(Algorithm::ES256).publicJwk().toJson());
        const auto set = JwkSet::parse(QByteArray("{\"keys\":[" + ec +
                                                  ",{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"},"
                                                  "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AA\"}]}"));
        QVERIFY(set);
        QCOMPARE(set->size(), std::size_t(1));
        QCOMPARE(set->skipped().size(), 2);
        const auto broken = JwkSet::parse(
            QByteArray("{\"keys\":[" + ec + ",{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}"));
        QVERIFY(!broken);
        QVERIFY(broken.error().message.contains(QStringLiteral("key 1")));
        QVERIFY(!JwkSet::parse("{\"keys\":{}}"));
        QVERIFY(!JwkSet::parse("{}"));
    }

    void defaultAlgorithms()
    {
        QCOMPARE(*generated(Algorithm::ES384).defaultAlgorithm(), Algorithm::ES384);
        QCOMPARE(*generated(Algorithm::EdDSA).defaultAlgorithm(), Algorithm::EdDSA);
        QCOMPARE(*generated(Algorithm::RS256).defaultAlgorithm(), Algorithm::RS256);
        QCOMPARE(*Jwk::fromSecret(Crypto::SecureBytes(QByteArray(48, 'k'))).defaultAlgorithm(), Algorithm::HS384);
        QCOMPARE(generated(Algorithm::RS256).compatibleAlgorithms().size(), 6);
        Jwk pinned = generated(Algorithm::RS256);
        pinned.setAlgorithm(Algorithm::PS512);
        QCOMPARE(pinned.compatibleAlgorithms(), QList<Algorithm>{Algorithm::PS512});
    }

    void secureBytes()
    {
        Crypto::SecureBytes a(QByteArrayView("secret"));
        Crypto::SecureBytes b = a;
        QVERIFY(b.equals("secret"));
        QVERIFY(!b.equals("secreT"));
        QVERIFY(!b.equals("secret2"));
        a.clear();
        QVERIFY(a.isEmpty());
        QVERIFY(b.equals("secret"));
        QVERIFY(Crypto::constantTimeEquals("abc", "abc"));
        QVERIFY(!Crypto::constantTimeEquals("abc", "abd"));
    }
};

QTEST_GUILESS_MAIN(KeysTest)
#include "tst_keys.moc"
