// Inspection for display: decodes what it can, never trusts, and says where a token breaks.

#include "TokenForge.h"

#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {
QString q(const std::string& s)
{
    return QString::fromStdString(s);
}
bool hasWarning(const TokenInspection& inspection, WarningKind kind)
{
    for (const TokenWarning& warning : inspection.warnings()) {
        if (warning.kind == kind)
            return true;
    }
    return false;
}
} // namespace

class InspectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizesPastedInput_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("bare") << QStringLiteral("a.b.c");
        QTest::newRow("bearer") << QStringLiteral("Bearer a.b.c");
        QTest::newRow("lower-case bearer") << QStringLiteral("bearer   a.b.c");
        QTest::newRow("header line") << QStringLiteral("Authorization: Bearer a.b.c");
        QTest::newRow("header line, no space") << QStringLiteral("authorization:Bearer a.b.c");
        QTest::newRow("header line, space before the colon") << QStringLiteral("AUTHORIZATION : bearer\ta.b.c");
        QTest::newRow("surrounded by line breaks") << QStringLiteral("  \r\na.b.c \n");
    }
    void normalizesPastedInput()
    {
        QFETCH(QString, input);
        QCOMPARE(TokenInspection::normalize(input), QStringLiteral("a.b.c"));
    }

    // Only a whole "Bearer" word and an "Authorization:" header name are taken off.
    void keepsWhatOnlyLooksLikeAPrefix()
    {
        QCOMPARE(TokenInspection::normalize(QStringLiteral("bearera.b.c")), QStringLiteral("bearera.b.c"));
        QCOMPARE(TokenInspection::normalize(QStringLiteral("Authorization a.b.c")),
                 QStringLiteral("Authorization a.b.c"));
        QCOMPARE(TokenInspection::normalize(QStringLiteral("Bearer")), QString());
        QCOMPARE(TokenInspection::normalize(QStringLiteral("Authorization:")), QString());
        QCOMPARE(TokenInspection::normalize(QStringLiteral("Basic a.b.c")), QStringLiteral("Basic a.b.c"));
    }

    // Whitespace inside a token is reported where it sits, never silently removed; removing it is a
    // separate, visible step.
    void wrappedTokenIsReportedNotMended()
    {
        const QString wrapped = QStringLiteral("  eyJhbGciOiJFUzI1NiJ9.\neyJleHAiOjF9.\r\n c2ln \n");
        QCOMPARE(TokenInspection::normalize(wrapped), QStringLiteral("eyJhbGciOiJFUzI1NiJ9.\neyJleHAiOjF9.\r\n c2ln"));
        const auto inspection = TokenInspection::inspect(wrapped, kNow);
        QVERIFY(!inspection.isWellFormed());
        QCOMPARE(inspection.problems().size(), 1);
        QCOMPARE(inspection.problems().front().part, TokenPart::Payload);
        QCOMPARE(inspection.problems().front().position, 21);
        QCOMPARE(inspection.problems().front().reason,
                 QStringLiteral("the token contains whitespace at offset 21 — it may have been wrapped when copied"));
        QCOMPARE(TokenInspection::whitespaceAt(QStringLiteral("a.b c")), qsizetype(3));
        QVERIFY(!TokenInspection::whitespaceAt(QStringLiteral("a.b.c")));
        QCOMPARE(TokenInspection::whitespaceAt(QStringLiteral("a.b\tc")), qsizetype(3));
        QCOMPARE(TokenInspection::whitespaceAt(QStringLiteral("a.b.c\u00a0")), qsizetype(5)); // no-break space
        QCOMPARE(TokenInspection::whitespaceAt(QStringLiteral("a\u2028b")), qsizetype(1));    // line separator
        QCOMPARE(TokenInspection::whitespaceAt(QStringLiteral("ab\u3000")), qsizetype(2));    // ideographic space
        QVERIFY(!TokenInspection::whitespaceAt(QStringLiteral("é.~.\u007f")));
        QCOMPARE(TokenInspection::withoutWhitespace(TokenInspection::normalize(wrapped)),
                 QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjF9.c2ln"));
    }

    // exp, nbf and iat beyond any time Signet represents are problems naming the claim, however they
    // are written (huge, exponent notation, a fraction that rounds past the year 9999, negative).
    void unrepresentableDatesAreProblems_data()
    {
        QTest::addColumn<QByteArray>("claims");
        QTest::addColumn<QString>("claim");
        QTest::newRow("huge exp") << QByteArray(R"({"exp":1e300})") << QStringLiteral("exp");
        QTest::newRow("beyond int64") << QByteArray(R"({"exp":9300000000000000000})") << QStringLiteral("exp");
        QTest::newRow("exponent notation nbf")
            << QByteArray(R"({"exp":2000000000,"nbf":1E19})") << QStringLiteral("nbf");
        QTest::newRow("year 10000") << QByteArray(R"({"exp":253402300800})") << QStringLiteral("exp");
        QTest::newRow("fraction rounding past 9999")
            << QByteArray(R"({"exp":253402300799.99999999})") << QStringLiteral("exp");
        QTest::newRow("before year 1") << QByteArray(R"({"exp":2000000000,"iat":-1e15})") << QStringLiteral("iat");
    }
    void unrepresentableDatesAreProblems()
    {
        QFETCH(QByteArray, claims);
        QFETCH(QString, claim);
        const auto inspection = TokenInspection::inspect(
            q(forge("{\"alg\":\"HS256\"}", claims.toStdString(), hmacKey(), Algorithm::HS256)), kNow);
        QVERIFY(!inspection.isWellFormed());
        QVERIFY2(inspection.problems().front().reason.startsWith(claim + QStringLiteral(": ")) &&
                     inspection.problems().front().reason.contains(QStringLiteral("not a time Signet can represent")),
                 qPrintable(inspection.problems().front().reason));
    }
    void lastRepresentableSecondIsFine()
    {
        const auto inspection = TokenInspection::inspect(
            q(forge("{\"alg\":\"HS256\"}", R"({"exp":253402300799,"iat":0})", hmacKey(), Algorithm::HS256)), kNow);
        QVERIFY(inspection.isWellFormed());
    }

    void decodesEvenWithABadSignature()
    {
        std::string token = forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", standardClaims(), ecKey(), Algorithm::ES256);
        token.back() = token.back() == 'A' ? 'Q' : 'A';
        const auto inspection = TokenInspection::inspect(q(token), kNow);
        QVERIFY(inspection.hasHeader() && inspection.hasClaims());
        QCOMPARE(inspection.algorithm(), QStringLiteral("ES256"));
        QCOMPARE(inspection.keyId(), QStringLiteral("ec-1"));
        QVERIFY(inspection.prettyClaims().contains(QStringLiteral("\"sub\": \"user-1\"")));
        QCOMPARE(inspection.segmentStart(TokenPart::Payload), inspection.segment(TokenPart::Header).size() + 1);
    }

    void claimNotes()
    {
        const std::string claims = "{\"iss\":\"i\",\"exp\":" + std::to_string(kNow + 14 * 60) +
                                   ",\"iat\":" + std::to_string(kNow - 3 * 3600) +
                                   ",\"scope\":\"read write\",\"custom\":1}";
        const auto inspection =
            TokenInspection::inspect(q(forge("{\"alg\":\"HS256\"}", claims, hmacKey(), Algorithm::HS256)), kNow);
        const QList<ClaimNote> notes = inspection.claimNotes();
        QCOMPARE(notes.size(), 5);
        QCOMPARE(notes[0].meaning, QStringLiteral("issuer"));
        QCOMPARE(notes[1].note, QStringLiteral("2027-01-15 08:14:00 UTC · in 14 min"));
        QCOMPARE(notes[2].note, QStringLiteral("2027-01-15 05:00:00 UTC · 3 h ago"));
        QCOMPARE(notes[3].note, QStringLiteral("2 scope(s): read, write"));
        QVERIFY(notes[4].meaning.isEmpty());
        QCOMPARE(notes[4].value, QStringLiteral("1"));
    }

    void expiredNote()
    {
        const std::string claims = "{\"exp\":" + std::to_string(kNow - 7200) + "}";
        const auto inspection =
            TokenInspection::inspect(q(forge("{\"alg\":\"HS256\"}", claims, hmacKey(), Algorithm::HS256)), kNow);
        QVERIFY(inspection.claimNotes().front().note.endsWith(QStringLiteral("expired 2 h ago")));
    }

    void warnings()
    {
        const std::string longLived =
            "{\"iat\":" + std::to_string(kNow) + ",\"exp\":" + std::to_string(kNow + 7 * 86400) + "}";
        const auto a = TokenInspection::inspect(
            q(forge("{\"alg\":\"HS256\",\"jku\":\"https://x\"}", longLived, hmacKey(), Algorithm::HS256)), kNow);
        QVERIFY(hasWarning(a, WarningKind::LongLifetime));
        QVERIFY(hasWarning(a, WarningKind::EmbeddedKeyHeader));
        QVERIFY(!hasWarning(a, WarningKind::NoExpiry));
        const auto b = TokenInspection::inspect(q(forgeRaw("{\"alg\":\"none\"}", "{\"sub\":\"x\"}", "")), kNow);
        QVERIFY(hasWarning(b, WarningKind::UnsecuredAlgorithm));
        QVERIFY(hasWarning(b, WarningKind::NoExpiry));
        QVERIFY(b.isWellFormed());
    }

    void showsWhereATokenBreaks_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("part");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("reason");
        const QString header = q(b64("{\"alg\":\"HS256\"}"));
        QTest::newRow("bad character in payload") << header + QStringLiteral(".eyJ+.sig") << int(TokenPart::Payload)
                                                  << int(header.size() + 4) << QStringLiteral("standard base64");
        QTest::newRow("header not JSON") << q(b64("alg")) + QStringLiteral(".e30.") << int(TokenPart::Header) << 0
                                         << QStringLiteral("not valid JSON");
        QTest::newRow("two segments") << header + QStringLiteral(".e30") << int(TokenPart::Signature)
                                      << int(header.size() + 4) << QStringLiteral("3 separated");
        QTest::newRow("JWE") << QStringLiteral("a.b.c.d.e") << int(TokenPart::Signature) << 5 << QStringLiteral("JWE");
        QTest::newRow("payload JSON broken")
            << header + QLatin1Char('.') + q(b64("{\"a\":")) + QStringLiteral(".") << int(TokenPart::Payload)
            << int(header.size() + 1) << QStringLiteral("looks like JSON");
        QTest::newRow("empty") << QString() << int(TokenPart::Header) << 0 << QStringLiteral("empty");
    }
    void showsWhereATokenBreaks()
    {
        QFETCH(QString, token);
        QFETCH(int, part);
        QFETCH(int, position);
        QFETCH(QString, reason);
        const auto inspection = TokenInspection::inspect(token, kNow);
        QVERIFY(!inspection.isWellFormed());
        const TokenProblem& problem = inspection.problems().front();
        QCOMPARE(int(problem.part), part);
        QCOMPARE(problem.position, qsizetype(position));
        QVERIFY2(problem.reason.contains(reason), qPrintable(problem.reason));
    }

    void plainJwsPayload()
    {
        const auto inspection =
            TokenInspection::inspect(q(forge("{\"alg\":\"HS256\"}", "hello", hmacKey(), Algorithm::HS256)), kNow);
        QVERIFY(inspection.isWellFormed());
        QVERIFY(!inspection.hasClaims());
        QCOMPARE(inspection.rawPayload(), QByteArray("hello"));
        QCOMPARE(inspection.signatureSize(), qsizetype(32));
    }

    void jsonForTheCli()
    {
        const auto inspection = TokenInspection::inspect(
            q(forge("{\"alg\":\"HS256\"}", standardClaims(), hmacKey(), Algorithm::HS256)), kNow);
        const JsonValue json = inspection.toJson();
        QVERIFY(json.find("wellFormed")->asBool());
        QCOMPARE(json.find("header")->find("alg")->asString(), std::string("HS256"));
        QCOMPARE(json.find("claims")->find("sub")->asString(), std::string("user-1"));
        QVERIFY(json.find("problems")->items().empty());
    }

    void oversizedInputIsNotDecoded()
    {
        const QString huge = QString(70 * 1024, QLatin1Char('a')) + QStringLiteral(".b.c");
        const auto inspection = TokenInspection::inspect(huge, kNow);
        QVERIFY(!inspection.isWellFormed());
        QVERIFY(inspection.problems().front().reason.contains(QStringLiteral("limit")));
        QVERIFY(!inspection.hasHeader());
    }
};

QTEST_GUILESS_MAIN(InspectionTest)
#include "tst_inspection.moc"
