// signet-cli token mint, run as a user runs it: what lands in the claims for --claim (JSON or
// string), --claims-file (file or stdin), --jti, --ttl, --nbf, --aud, --sub and --kid.

#include "CliRunner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

class TestCliMint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void claimTyping_data();
    void claimTyping();
    void claimsFile_data();
    void claimsFile();
    void jwtId_data();
    void jwtId();
    void lifetime_data();
    void lifetime();
    void notBefore_data();
    void notBefore();
    void registeredClaims_data();
    void registeredClaims();
    void headerKid();

private:
    RunResult mint(const QStringList& extra, const QByteArray& input = {}) const;

    QTemporaryDir m_dir;
    QString m_key;
};

RunResult TestCliMint::mint(const QStringList& extra, const QByteArray& input) const
{
    return runCli(QStringList{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), m_key} + extra,
                  input);
}

void TestCliMint::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    m_key = m_dir.filePath(QStringLiteral("ed.jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("EdDSA"), QStringLiteral("-o"), m_key}));
}

void TestCliMint::claimTyping_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("number") << QStringLiteral("n=5") << QStringLiteral("n") << QJsonValue(5);
    QTest::newRow("negative decimal") << QStringLiteral("f=-1.5") << QStringLiteral("f") << QJsonValue(-1.5);
    QTest::newRow("string") << QStringLiteral("s=abc") << QStringLiteral("s") << QJsonValue(QStringLiteral("abc"));
    QTest::newRow("array") << QStringLiteral("a=[1,2]") << QStringLiteral("a") << QJsonValue(QJsonArray{1, 2});
    QTest::newRow("object") << QStringLiteral(R"(o={"k":"v","n":[true]})") << QStringLiteral("o")
                            << QJsonValue(QJsonObject{{QStringLiteral("k"), QStringLiteral("v")},
                                                      {QStringLiteral("n"), QJsonArray{true}}});
    QTest::newRow("true") << QStringLiteral("b=true") << QStringLiteral("b") << QJsonValue(true);
    QTest::newRow("false") << QStringLiteral("b=false") << QStringLiteral("b") << QJsonValue(false);
    QTest::newRow("null") << QStringLiteral("z=null") << QStringLiteral("z") << QJsonValue(QJsonValue::Null);
    QTest::newRow("quoted number is a string")
        << QStringLiteral(R"(q="5")") << QStringLiteral("q") << QJsonValue(QStringLiteral("5"));
    QTest::newRow("text with spaces") << QStringLiteral("t=hello world") << QStringLiteral("t")
                                      << QJsonValue(QStringLiteral("hello world"));
    QTest::newRow("value with '='") << QStringLiteral("e=a=b") << QStringLiteral("e")
                                    << QJsonValue(QStringLiteral("a=b"));
    QTest::newRow("empty value") << QStringLiteral("v=") << QStringLiteral("v") << QJsonValue(QString());
    QTest::newRow("broken JSON is text") << QStringLiteral("j={not json") << QStringLiteral("j")
                                         << QJsonValue(QStringLiteral("{not json"));
    QTest::newRow("TRUE is text") << QStringLiteral("u=TRUE") << QStringLiteral("u")
                                  << QJsonValue(QStringLiteral("TRUE"));
    QTest::newRow("non-ASCII") << QStringLiteral("name=Zoë Ångström") << QStringLiteral("name")
                               << QJsonValue(QStringLiteral("Zoë Ångström"));
    QTest::newRow("space-separated scopes")
        << QStringLiteral("scope=read write") << QStringLiteral("scope") << QJsonValue(QStringLiteral("read write"));
}

void TestCliMint::claimTyping()
{
    QFETCH(QString, claim);
    QFETCH(QString, name);
    QFETCH(QJsonValue, expected);
    const RunResult minted = mint({QStringLiteral("--claim"), claim});
    SIGNET_EXPECT_SUCCESS(minted);
    const QJsonObject claims = tokenPart(minted.firstLine(), 1);
    QVERIFY2(claims.contains(name), qPrintable(minted.describe()));
    QCOMPARE(claims.value(name), expected);
    // What decode reports is what the token carries.
    const RunResult decoded =
        runCli({QStringLiteral("token"), QStringLiteral("decode"), minted.firstLine(), QStringLiteral("--json")});
    SIGNET_EXPECT_SUCCESS(decoded);
    QCOMPARE(stdoutJson(decoded).value(QStringLiteral("claims")).toObject().value(name), expected);
}

void TestCliMint::claimsFile_data()
{
    QTest::addColumn<bool>("fromStdin");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QJsonObject>("expected"); // claims that must be present with these values
    QTest::addColumn<QString>("error");        // non-empty: exit 2 with this on stderr
    const QByteArray claims = R"({"role":"admin","n":3,"tags":["a","b"],"nested":{"x":null}})";
    const QJsonObject parsed = QJsonDocument::fromJson(claims).object();
    QTest::newRow("file") << false << claims << QStringList() << parsed << QString();
    QTest::newRow("stdin") << true << claims << QStringList() << parsed << QString();
    QTest::newRow("stdin, pretty-printed")
        << true << QJsonDocument(parsed).toJson(QJsonDocument::Indented) << QStringList() << parsed << QString();
    QTest::newRow("--claim overrides the file")
        << false << claims << QStringList{QStringLiteral("--claim"), QStringLiteral("role=user")}
        << QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("n"), 3}} << QString();
    QTest::newRow("file with --iss and --aud")
        << false << QByteArray(R"({"x":1})")
        << QStringList{QStringLiteral("--iss"), QStringLiteral("me"), QStringLiteral("--aud"), QStringLiteral("you")}
        << QJsonObject{{QStringLiteral("x"), 1},
                       {QStringLiteral("iss"), QStringLiteral("me")},
                       {QStringLiteral("aud"), QStringLiteral("you")}}
        << QString();
    QTest::newRow("empty object") << false << QByteArray("{}") << QStringList() << QJsonObject() << QString();
    QTest::newRow("not JSON") << false << QByteArray("{role: admin}") << QStringList() << QJsonObject()
                              << QStringLiteral("--claims-file");
    QTest::newRow("not JSON, stdin") << true << QByteArray("role=admin") << QStringList() << QJsonObject()
                                     << QStringLiteral("--claims-file -");
    QTest::newRow("an array") << false << QByteArray("[1,2]") << QStringList() << QJsonObject()
                              << QStringLiteral("--claims-file");
    QTest::newRow("duplicate names") << false << QByteArray(R"({"a":1,"a":2})") << QStringList() << QJsonObject()
                                     << QStringLiteral("--claims-file");
    QTest::newRow("empty stdin") << true << QByteArray() << QStringList() << QJsonObject()
                                 << QStringLiteral("--claims-file -");
}

void TestCliMint::claimsFile()
{
    QFETCH(bool, fromStdin);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(QJsonObject, expected);
    QFETCH(QString, error);
    QString source = QStringLiteral("-");
    if (!fromStdin) {
        static int count = 0;
        source = m_dir.filePath(QStringLiteral("claims-%1.json").arg(++count));
        QVERIFY(writeFile(source, content));
    }
    const RunResult minted =
        mint(QStringList{QStringLiteral("--claims-file"), source} + extra, fromStdin ? content : QByteArray());
    if (!error.isEmpty()) {
        SIGNET_EXPECT_ERROR(minted, 2, error);
        QVERIFY(minted.out.isEmpty());
        return;
    }
    SIGNET_EXPECT_SUCCESS(minted);
    const QJsonObject claims = tokenPart(minted.firstLine(), 1);
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QCOMPARE(claims.value(it.key()), it.value());
    // The registered claims are still there.
    QVERIFY(claims.value(QStringLiteral("exp")).isDouble());
    QVERIFY(claims.value(QStringLiteral("iat")).isDouble());
}

void TestCliMint::jwtId_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expected"); // "random", "absent" or the value
    QTest::newRow("default: random") << QStringList() << QStringLiteral("random");
    QTest::newRow("--jti none") << QStringList{QStringLiteral("--jti"), QStringLiteral("none")}
                                << QStringLiteral("absent");
    QTest::newRow("--jti fixed") << QStringList{QStringLiteral("--jti"), QStringLiteral("req-42")}
                                 << QStringLiteral("req-42");
}

void TestCliMint::jwtId()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, expected);
    const RunResult first = mint(extra);
    const RunResult second = mint(extra);
    SIGNET_EXPECT_SUCCESS(first);
    SIGNET_EXPECT_SUCCESS(second);
    const QJsonObject a = tokenPart(first.firstLine(), 1), b = tokenPart(second.firstLine(), 1);
    if (expected == QLatin1String("absent")) {
        QVERIFY2(!a.contains(QStringLiteral("jti")), qPrintable(first.describe()));
    } else if (expected == QLatin1String("random")) {
        const QString jti = a.value(QStringLiteral("jti")).toString();
        QVERIFY2(jti.size() >= 16, qPrintable(jti));
        QVERIFY(jti != b.value(QStringLiteral("jti")).toString());
    } else {
        QCOMPARE(a.value(QStringLiteral("jti")).toString(), expected);
    }
}

void TestCliMint::lifetime_data()
{
    QTest::addColumn<QString>("ttl");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("default") << QString() << qint64(900);
    QTest::newRow("90") << QStringLiteral("90") << qint64(90);
    QTest::newRow("90s") << QStringLiteral("90s") << qint64(90);
    QTest::newRow("15m") << QStringLiteral("15m") << qint64(900);
    QTest::newRow("1h") << QStringLiteral("1h") << qint64(3600);
    QTest::newRow("7d") << QStringLiteral("7d") << qint64(7 * 86400);
}

void TestCliMint::lifetime()
{
    QFETCH(QString, ttl);
    QFETCH(qint64, seconds);
    const RunResult minted = mint(ttl.isEmpty() ? QStringList() : QStringList{QStringLiteral("--ttl"), ttl});
    SIGNET_EXPECT_SUCCESS(minted);
    const QJsonObject claims = tokenPart(minted.firstLine(), 1);
    const qint64 iat = claims.value(QStringLiteral("iat")).toInteger();
    QVERIFY(qAbs(iat - QDateTime::currentSecsSinceEpoch()) < 60);
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - iat, seconds);
}

void TestCliMint::notBefore_data()
{
    QTest::addColumn<QString>("nbf");
    QTest::addColumn<bool>("relative");
    QTest::addColumn<qint64>("expected"); // seconds after iat, or an absolute time
    QTest::newRow("delay 15m") << QStringLiteral("15m") << true << qint64(900);
    QTest::newRow("delay 90") << QStringLiteral("90") << true << qint64(90);
    QTest::newRow("now") << QStringLiteral("now") << true << qint64(0);
    QTest::newRow("Unix seconds") << QStringLiteral("1893456000") << false << qint64(1893456000);
    QTest::newRow("ISO 8601 UTC") << QStringLiteral("2030-01-01T00:00:00Z") << false << qint64(1893456000);
}

void TestCliMint::notBefore()
{
    QFETCH(QString, nbf);
    QFETCH(bool, relative);
    QFETCH(qint64, expected);
    const RunResult minted = mint({QStringLiteral("--nbf"), nbf});
    SIGNET_EXPECT_SUCCESS(minted);
    const QJsonObject claims = tokenPart(minted.firstLine(), 1);
    const qint64 iat = claims.value(QStringLiteral("iat")).toInteger();
    QCOMPARE(claims.value(QStringLiteral("nbf")).toInteger(), relative ? iat + expected : expected);
}

void TestCliMint::registeredClaims_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QJsonObject>("expected");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("nothing given") << QStringList() << QJsonObject()
                                   << QStringList{QStringLiteral("iss"), QStringLiteral("sub"), QStringLiteral("aud"),
                                                  QStringLiteral("nbf")};
    QTest::newRow("iss and sub") << QStringList{QStringLiteral("--iss"), QStringLiteral("https://issuer.example"),
                                                QStringLiteral("--sub"), QStringLiteral("user-1")}
                                 << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://issuer.example")},
                                                {QStringLiteral("sub"), QStringLiteral("user-1")}}
                                 << QStringList{QStringLiteral("aud")};
    QTest::newRow("one aud is a string") << QStringList{QStringLiteral("--aud"), QStringLiteral("api")}
                                         << QJsonObject{{QStringLiteral("aud"), QStringLiteral("api")}}
                                         << QStringList();
    QTest::newRow("two aud are an array")
        << QStringList{QStringLiteral("--aud"), QStringLiteral("api"), QStringLiteral("--aud"), QStringLiteral("web")}
        << QJsonObject{{QStringLiteral("aud"), QJsonArray{QStringLiteral("api"), QStringLiteral("web")}}}
        << QStringList();
}

void TestCliMint::registeredClaims()
{
    QFETCH(QStringList, extra);
    QFETCH(QJsonObject, expected);
    QFETCH(QStringList, absent);
    const RunResult minted = mint(extra);
    SIGNET_EXPECT_SUCCESS(minted);
    const QJsonObject claims = tokenPart(minted.firstLine(), 1);
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QCOMPARE(claims.value(it.key()), it.value());
    for (const QString& name : absent)
        QVERIFY2(!claims.contains(name), qPrintable(name));
    // Minting prints the token and nothing else.
    QCOMPARE(minted.out.count('\n'), 1);
    QCOMPARE(minted.firstLine().count(QLatin1Char('.')), 2);
}

void TestCliMint::headerKid()
{
    const RunResult minted = mint({QStringLiteral("--kid"), QStringLiteral("rotated-2")});
    SIGNET_EXPECT_SUCCESS(minted);
    const QJsonObject header = tokenPart(minted.firstLine(), 0);
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), QStringLiteral("rotated-2"));
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("EdDSA"));
    QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
}

QTEST_GUILESS_MAIN(TestCliMint)
#include "tst_cli_mint.moc"
