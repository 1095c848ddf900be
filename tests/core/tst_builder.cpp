// The token builder: registered claims from the setters, custom claims on top, the header, the clock.

#include "TokenForge.h"

#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"
#include "jose/Jws.h"
#include "jose/SortableJwtId.h"

#include <QSet>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

struct Decoded
{
    JsonValue header;
    JsonValue claims;
};

Decoded decode(const std::string& token)
{
    Jws::CompactParts parts;
    if (!Jws::split(token, parts))
        qFatal("not a compact JWS");
    std::string header, claims;
    Base64Url::decode(parts.header, header);
    Base64Url::decode(parts.payload, claims);
    return {*StrictJson::parseObject(header), *StrictJson::parseObject(claims)};
}

const ManualClock& testClock()
{
    static const ManualClock c(kNow);
    return c;
}

} // namespace

class BuilderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Project token ids are ULIDs: the time in the first ten characters (the ULID specification's own
    // example), 80 random bits after it, Crockford base32, sorting by time as text.
    void sortableJwtIds()
    {
        const std::string id = newSortableJwtId(1469918176385);
        QCOMPARE(id.size(), std::size_t(26));
        QCOMPARE(QByteArray::fromStdString(id.substr(0, 10)), QByteArray("01ARYZ6S41"));
        QCOMPARE(id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), std::string::npos);
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i)
            seen.insert(QByteArray::fromStdString(newSortableJwtId(1469918176385).substr(10)));
        QCOMPARE(seen.size(), 1000);
        QVERIFY(newSortableJwtId(1469918176385) < newSortableJwtId(1469918176386));
        QVERIFY(newSortableJwtId(0x7fffffffff) < newSortableJwtId(0x8000000000));
    }

    void registeredClaims()
    {
        TokenBuilder builder(testClock());
        builder.setIssuer(QStringLiteral("https://issuer.test"))
            .setSubject(QStringLiteral("user-1"))
            .setAudience({QStringLiteral("api")})
            .setLifetime(300)
            .setNotBeforeDelay(10);
        const auto token = builder.sign(ecKey());
        QVERIFY(token);
        const Decoded d = decode(*token);
        QCOMPARE(d.claims.find("iss")->asString(), std::string("https://issuer.test"));
        QCOMPARE(d.claims.find("sub")->asString(), std::string("user-1"));
        QCOMPARE(d.claims.find("aud")->asString(), std::string("api"));
        QCOMPARE(d.claims.find("iat")->asInteger(), kNow);
        QCOMPARE(d.claims.find("nbf")->asInteger(), kNow + 10);
        QCOMPARE(d.claims.find("exp")->asInteger(), kNow + 300);
        QCOMPARE(d.claims.find("jti")->asString().size(), std::size_t(22));
        QCOMPARE(d.header.find("alg")->asString(), std::string("ES256"));
        QCOMPARE(d.header.find("kid")->asString(), std::string("ec-1"));
        QCOMPARE(d.header.find("typ")->asString(), std::string("JWT"));
        QCOMPARE(d.claims.members().front().first, std::string("iss"));
    }

    void audienceListAndAbsoluteNotBefore()
    {
        TokenBuilder builder(testClock());
        builder.setAudience({QStringLiteral("a"), QStringLiteral("b")}).setNotBefore(kNow + 99);
        const Decoded d = decode(*builder.sign(ecKey()));
        QCOMPARE(d.claims.find("aud")->items().size(), std::size_t(2));
        QCOMPARE(d.claims.find("aud")->items()[1].asString(), std::string("b"));
        QCOMPARE(d.claims.find("nbf")->asInteger(), kNow + 99);
        QVERIFY(!d.claims.contains("iss"));
        QVERIFY(!d.claims.contains("sub"));
    }

    void jwtIdModes()
    {
        TokenBuilder builder(testClock());
        QSet<std::string> ids;
        for (int i = 0; i < 50; ++i)
            ids.insert(decode(*builder.sign(hmacKey())).claims.find("jti")->asString());
        QCOMPARE(ids.size(), 50);
        builder.setJwtId(QStringLiteral("fixed-1"));
        QCOMPARE(decode(*builder.sign(hmacKey())).claims.find("jti")->asString(), std::string("fixed-1"));
        builder.setJwtIdMode(TokenBuilder::JwtIdMode::None);
        QVERIFY(!decode(*builder.sign(hmacKey())).claims.contains("jti"));
    }

    void customClaimsAndOverrides()
    {
        TokenBuilder builder(testClock());
        builder.setSubject(QStringLiteral("user-1"))
            .setClaim(QStringLiteral("scope"), JsonValue::string("read write"))
            .setClaim(QStringLiteral("n"), JsonValue::integer(5))
            .setClaim(QStringLiteral("sub"), JsonValue::string("override"))
            .setClaim(QStringLiteral("quote\"d"), JsonValue::string("line\nbreak"));
        const auto token = builder.sign(hmacKey());
        const Decoded d = decode(*token);
        QCOMPARE(d.claims.find("sub")->asString(), std::string("override"));
        QCOMPARE(d.claims.find("n")->asInteger(), std::int64_t(5));
        QCOMPARE(d.claims.find("quote\"d")->asString(), std::string("line\nbreak"));
        int subjects = 0;
        for (const auto& member : d.claims.members())
            subjects += member.first == "sub";
        QCOMPARE(subjects, 1);
        // The preview shows the same claims without spending randomness.
        QCOMPARE(builder.claims().find("jti")->asString(), std::string("(random)"));
        QCOMPARE(builder.claims().find("sub")->asString(), std::string("override"));
    }

    void headerChoices()
    {
        TokenBuilder builder(testClock());
        builder.setKeyId(QStringLiteral("chosen")).setType(QString()).setAlgorithm(Algorithm::PS384);
        const Decoded d = decode(*builder.sign(rsaKey()));
        QCOMPARE(d.header.find("alg")->asString(), std::string("PS384"));
        QCOMPARE(d.header.find("kid")->asString(), std::string("chosen"));
        QVERIFY(!d.header.contains("typ"));
        QCOMPARE(builder.header(rsaKey())->find("kid")->asString(), std::string("chosen"));
    }

    void mintedTokensVerify()
    {
        for (const Jwk* key : {&rsaKey(), &ecKey(), &edKey(), &hmacKey()}) {
            TokenBuilder builder(testClock());
            builder.setIssuer(QStringLiteral("https://issuer.test")).setAudience({QStringLiteral("api")});
            const auto token = builder.sign(*key);
            QVERIFY(token);
            const auto report = verifyWith(*token, {key->isSymmetric() ? *key : key->publicJwk()}, standardOptions());
            QVERIFY2(report.isValid(), qPrintable(report.summary()));
        }
    }

    void refusals()
    {
        TokenBuilder builder(testClock());
        builder.setLifetime(0);
        QVERIFY(!builder.sign(ecKey()));
        builder.setLifetime(60);
        QVERIFY(!builder.sign(ecKey().publicJwk()));
        QVERIFY(builder.sign(ecKey().publicJwk()).error().message.contains(QStringLiteral("private key")));
        builder.setAlgorithm(Algorithm::HS256);
        QVERIFY(builder.sign(ecKey()).error().message.contains(QStringLiteral("cannot be used")));
        Jwk weak = Jwk::fromSecret(Crypto::SecureBytes(QByteArray(20, 'x')));
        QVERIFY(!TokenBuilder(testClock()).sign(weak));
    }

    void clockIsInjected()
    {
        ManualClock moving(1000);
        TokenBuilder builder(moving);
        QCOMPARE(decode(*builder.sign(hmacKey())).claims.find("iat")->asInteger(), std::int64_t(1000));
        moving.advance(500);
        QCOMPARE(decode(*builder.sign(hmacKey())).claims.find("exp")->asInteger(),
                 std::int64_t(1500 + TokenBuilder::kDefaultLifetime));
    }
};

QTEST_GUILESS_MAIN(BuilderTest)
#include "tst_builder.moc"
