// signet-cli token verify and token decode, run as a user runs them: every failure class with exit
// code 1 and the failed check named on stderr, --leeway and --at, the --json report, tokens from
// stdin and with Bearer / Authorization prefixes, and malformed tokens.

#include "CliRunner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

QString b64(const QByteArray& data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// "{iat+10}" -> iat + 10, "{now+7200}" -> the current time + 7200 (and "-" likewise).
QStringList substitute(QStringList args, qint64 iat)
{
    static const QRegularExpression placeholder(QStringLiteral("^\\{(iat|now)([+-]\\d+)\\}$"));
    for (QString& arg : args) {
        const QRegularExpressionMatch match = placeholder.match(arg);
        if (match.hasMatch()) {
            const qint64 base = match.captured(1) == QLatin1String("iat") ? iat : QDateTime::currentSecsSinceEpoch();
            arg = QString::number(base + match.captured(2).toLongLong());
        }
    }
    return args;
}

} // namespace

class TestCliTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void verifyOutcome_data();
    void verifyOutcome();
    void handcrafted_data();
    void handcrafted();
    void jsonReport_data();
    void jsonReport();
    void tokenInput_data();
    void tokenInput();
    void wrappedTokenIsRefused();
    void decodeValid();
    void decodeMalformed_data();
    void decodeMalformed();
    void decodeJwe();
    void longLifetimeWarning();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QString mint(const QString& key, const QStringList& extra);

    QTemporaryDir m_dir;
    QString m_token; // ES256, iss "https://issuer.example", aud "api"
};

QString TestCliTokens::mint(const QString& key, const QStringList& extra)
{
    const RunResult minted = runCli(
        QStringList{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), file(key)} + extra);
    if (minted.exitCode != 0 || !minted.err.isEmpty())
        qWarning("%s", qPrintable(minted.describe()));
    return minted.exitCode == 0 ? minted.firstLine() : QString();
}

void TestCliTokens::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    const QList<QPair<QString, QString>> keys = {{QStringLiteral("es"), QStringLiteral("ES256")},
                                                 {QStringLiteral("other"), QStringLiteral("ES256")},
                                                 {QStringLiteral("hs"), QStringLiteral("HS256")},
                                                 {QStringLiteral("hs-other"), QStringLiteral("HS256")}};
    for (const auto& [name, alg] : keys) {
        const QString path = file(name + QStringLiteral(".jwk"));
        SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), alg,
                                      QStringLiteral("-o"), path}));
        if (alg.startsWith(QLatin1String("HS")))
            continue;
        for (const QString& format : {QStringLiteral("jwk"), QStringLiteral("pem")}) {
            const RunResult pub =
                runCli({QStringLiteral("key"), QStringLiteral("public"), path, QStringLiteral("--format"), format});
            SIGNET_EXPECT_SUCCESS(pub);
            QVERIFY(writeFile(file(name + QStringLiteral(".pub.") + format), pub.out));
        }
    }
    // Another HMAC secret under the same kid: only the signature can tell them apart.
    QJsonObject sameKid = QJsonDocument::fromJson(readFile(file(QStringLiteral("hs-other.jwk")))).object();
    sameKid.insert(
        QStringLiteral("kid"),
        QJsonDocument::fromJson(readFile(file(QStringLiteral("hs.jwk")))).object().value(QStringLiteral("kid")));
    QVERIFY(writeFile(file(QStringLiteral("hs-same-kid.jwk")), QJsonDocument(sameKid).toJson()));

    m_token = mint(QStringLiteral("es.jwk"), {QStringLiteral("--iss"), QStringLiteral("https://issuer.example"),
                                              QStringLiteral("--aud"), QStringLiteral("api")});
    QVERIFY(!m_token.isEmpty());
}

void TestCliTokens::verifyOutcome_data()
{
    QTest::addColumn<QString>("key");         // minting key
    QTest::addColumn<QStringList>("minting"); // token mint options
    QTest::addColumn<QString>("tamper");      // "", "payload", "signature"
    QTest::addColumn<QString>("verifyKey");
    QTest::addColumn<QStringList>("verifying"); // token verify options; {iat+N} is resolved after minting
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("check"); // the failed check's message starts with this

    const QString es = QStringLiteral("es.jwk"), esPub = QStringLiteral("es.pub.jwk"), none;
    auto row = [&](const char* tag, const QStringList& minting, const QStringList& verifying, int exitCode,
                   const QString& check, const QString& tamper = {}, const QString& verifyKey = {},
                   const QString& key = {}) {
        QTest::newRow(tag) << (key.isEmpty() ? es : key) << minting << tamper
                           << (verifyKey.isEmpty() ? esPub : verifyKey) << verifying << exitCode << check;
    };
    const QString iss = QStringLiteral("--iss"), aud = QStringLiteral("--aud"), at = QStringLiteral("--at"),
                  leeway = QStringLiteral("--leeway"), ttl = QStringLiteral("--ttl"), nbf = QStringLiteral("--nbf"),
                  alg = QStringLiteral("--alg"), require = QStringLiteral("--require");
    const QString issuer = QStringLiteral("https://issuer.example");

    row("valid ES256", {iss, issuer, aud, QStringLiteral("api")}, {iss, issuer, aud, QStringLiteral("api")}, 0, none);
    row("valid HS256", {}, {}, 0, none, none, QStringLiteral("hs.jwk"), QStringLiteral("hs.jwk"));
    row("valid with the private key", {}, {}, 0, none, none, es);
    row("valid with a PEM public key", {}, {}, 0, none, none, QStringLiteral("es.pub.pem"));

    // Time: exp is required and "on or after exp" is expired (RFC 7519 4.1.4).
    row("expired (--ttl 1s, --at iat+10)", {ttl, QStringLiteral("1s")}, {at, QStringLiteral("{iat+10}")}, 1,
        QStringLiteral("exp: expired"));
    row("expired at exactly exp", {ttl, QStringLiteral("1m")}, {at, QStringLiteral("{iat+60}")}, 1,
        QStringLiteral("exp: expired"));
    row("one second before exp", {ttl, QStringLiteral("1m")}, {at, QStringLiteral("{iat+59}")}, 0, none);
    row("expired, within --leeway", {ttl, QStringLiteral("1s")},
        {at, QStringLiteral("{iat+30}"), leeway, QStringLiteral("60")}, 0, none);
    row("expired, beyond --leeway", {ttl, QStringLiteral("1s")},
        {at, QStringLiteral("{iat+120}"), leeway, QStringLiteral("60")}, 1, QStringLiteral("exp: expired"));
    row("exp not a number", {QStringLiteral("--claim"), QStringLiteral("exp=soon")}, {}, 1,
        QStringLiteral("exp: not a NumericDate"));
    row("not yet valid (--nbf 1h)", {nbf, QStringLiteral("1h")}, {}, 1, QStringLiteral("nbf: not valid yet"));
    row("not yet valid (absolute --nbf)", {nbf, QStringLiteral("{now+7200}"), ttl, QStringLiteral("3h")}, {}, 1,
        QStringLiteral("nbf: not valid yet"));
    row("not yet valid, within --leeway", {nbf, QStringLiteral("30s")}, {leeway, QStringLiteral("60")}, 0, none);
    row("nbf reached (--at)", {nbf, QStringLiteral("10m")}, {at, QStringLiteral("{iat+600}")}, 0, none);
    row("issued in the future (--at iat-1h)", {}, {at, QStringLiteral("{iat-3600}")}, 1,
        QStringLiteral("iat: issued in the future"));

    // Audience (RFC 7519 4.1.3) and issuer.
    row("wrong aud", {aud, QStringLiteral("api")}, {aud, QStringLiteral("other")}, 1, QStringLiteral("aud: \"api\""));
    row("aud in token, none expected", {aud, QStringLiteral("api")}, {}, 1,
        QStringLiteral("aud: the token is for a specific audience"));
    row("aud expected, token has none", {}, {aud, QStringLiteral("api")}, 1,
        QStringLiteral("aud: the token has no aud"));
    row("one of several token audiences", {aud, QStringLiteral("a"), aud, QStringLiteral("b")},
        {aud, QStringLiteral("b")}, 0, none);
    row("one of several expected audiences", {aud, QStringLiteral("b")},
        {aud, QStringLiteral("a"), aud, QStringLiteral("b")}, 0, none);
    row("wrong iss", {iss, QStringLiteral("https://a.example")}, {iss, QStringLiteral("https://b.example")}, 1,
        QStringLiteral("iss: \"https://a.example\" is not the expected"));
    row("iss expected, token has none", {}, {iss, issuer}, 1, QStringLiteral("iss: the token has no iss"));
    row("iss present, none expected", {iss, issuer}, {}, 0, none);

    // Integrity and keys.
    row("tampered payload", {}, {}, 1, QStringLiteral("signature: does not match"), QStringLiteral("payload"));
    row("tampered signature", {}, {}, 1, QStringLiteral("signature: does not match"), QStringLiteral("signature"));
    row("wrong key (JWK with another kid)", {}, {}, 1, QStringLiteral("key: kid"), none,
        QStringLiteral("other.pub.jwk"));
    row("wrong key (PEM, no kid)", {}, {}, 1, QStringLiteral("signature: does not match"), none,
        QStringLiteral("other.pub.pem"));
    row("wrong HMAC secret", {}, {}, 1, QStringLiteral("key: kid"), none, QStringLiteral("hs-other.jwk"),
        QStringLiteral("hs.jwk"));
    row("wrong HMAC secret, same kid", {}, {}, 1, QStringLiteral("signature: does not match"), none,
        QStringLiteral("hs-same-kid.jwk"), QStringLiteral("hs.jwk"));
    row("HS256 token against an EC key (alg confusion)", {}, {}, 1, QStringLiteral("algorithm: HS256 is not allowed"),
        none, esPub, QStringLiteral("hs.jwk"));

    // Algorithms and required claims.
    row("alg not in --alg list", {}, {alg, QStringLiteral("RS256,ES384")}, 1,
        QStringLiteral("algorithm: ES256 is not allowed"));
    row("alg in --alg list", {}, {alg, QStringLiteral("RS256,ES256")}, 0, none);
    row("--alg repeated", {}, {alg, QStringLiteral("RS256"), alg, QStringLiteral("ES256")}, 0, none);
    row("required claim missing", {}, {require, QStringLiteral("scope")}, 1,
        QStringLiteral("required claims: missing: scope"));
    row("required claims present",
        {QStringLiteral("--claim"), QStringLiteral("scope=read"), QStringLiteral("--sub"), QStringLiteral("alice")},
        {require, QStringLiteral("scope"), require, QStringLiteral("sub")}, 0, none);
    row("--jti none, jti required", {QStringLiteral("--jti"), QStringLiteral("none")}, {require, QStringLiteral("jti")},
        1, QStringLiteral("required claims: missing: jti"));
}

void TestCliTokens::verifyOutcome()
{
    QFETCH(QString, key);
    QFETCH(QStringList, minting);
    QFETCH(QString, tamper);
    QFETCH(QString, verifyKey);
    QFETCH(QStringList, verifying);
    QFETCH(int, exitCode);
    QFETCH(QString, check);

    QString token = mint(key, substitute(minting, 0));
    QVERIFY(!token.isEmpty());
    if (tamper == QLatin1String("payload"))
        token = tamperPayload(token);
    else if (tamper == QLatin1String("signature"))
        token = tamperSignature(token);
    const qint64 iat = tokenPart(token, 1).value(QStringLiteral("iat")).toInteger();
    QVERIFY(iat > 0);

    const RunResult result = runCli(QStringList{QStringLiteral("token"), QStringLiteral("verify"), token,
                                                QStringLiteral("--key"), file(verifyKey)} +
                                    substitute(verifying, iat));
    if (exitCode == 0) {
        SIGNET_EXPECT_SUCCESS(result);
        QVERIFY2(result.out.startsWith("VALID\n"), qPrintable(result.describe()));
        return;
    }
    SIGNET_EXPECT_ERROR(result, exitCode, QStringLiteral("signet-cli: token invalid: ") + check);
    QVERIFY2(result.out.startsWith("INVALID\n"), qPrintable(result.describe()));
    // The report lists the failure first, marked.
    QVERIFY2(result.stdoutText().section(QLatin1Char('\n'), 1, 1).startsWith(QStringLiteral("  ✗ ") + check),
             qPrintable(result.describe()));
}

// Tokens signet-cli would never mint, signed here with the HS256 secret: the verifier's other checks.
void TestCliTokens::handcrafted_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("payload"); // {exp} is an hour from now
    QTest::addColumn<QStringList>("verifying");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("check");
    const QByteArray hs = R"({"alg":"HS256","typ":"JWT"})";
    const QByteArray valid = R"({"sub":"x","exp":{exp}})";
    QTest::newRow("baseline") << hs << valid << QStringList() << 0 << QString();
    QTest::newRow("fractional exp") << hs << QByteArray(R"({"exp":{exp}.5})") << QStringList() << 0 << QString();
    QTest::newRow("no exp") << hs << QByteArray(R"({"sub":"x"})") << QStringList() << 1
                            << QStringLiteral("exp: the token has no exp");
    QTest::newRow("exp as a string") << hs << QByteArray(R"({"exp":"{exp}"})") << QStringList() << 1
                                     << QStringLiteral("exp: not a NumericDate");
    QTest::newRow("alg none") << QByteArray(R"({"alg":"none"})") << valid << QStringList() << 1
                              << QStringLiteral("algorithm: \"none\"");
    QTest::newRow("alg nOnE") << QByteArray(R"({"alg":"nOnE"})") << valid << QStringList() << 1
                              << QStringLiteral("algorithm: \"nOnE\"");
    QTest::newRow("alg unknown") << QByteArray(R"({"alg":"HS257"})") << valid << QStringList() << 1
                                 << QStringLiteral("algorithm: \"HS257\" is not a supported");
    QTest::newRow("header without alg") << QByteArray(R"({"typ":"JWT"})") << valid << QStringList() << 1
                                        << QStringLiteral("header: the header has no \"alg\"");
    QTest::newRow("crit with an unknown extension") << QByteArray(R"({"alg":"HS256","crit":["ext"],"ext":1})") << valid
                                                    << QStringList() << 1 << QStringLiteral("crit: ");
    QTest::newRow("b64 false") << QByteArray(R"({"alg":"HS256","b64":false,"crit":["b64"]})") << valid << QStringList()
                               << 1 << QStringLiteral("crit: ");
    QTest::newRow("kid not a string") << QByteArray(R"({"alg":"HS256","kid":5})") << valid << QStringList() << 1
                                      << QStringLiteral("key: the header \"kid\" is not a string");
    QTest::newRow("payload is an array") << hs << QByteArray("[1,2]") << QStringList() << 1
                                         << QStringLiteral("claims: the payload is not a JSON object");
    QTest::newRow("duplicate exp") << hs << QByteArray(R"({"exp":{exp},"exp":1})") << QStringList() << 1
                                   << QStringLiteral("claims: ");
    QTest::newRow("aud entry not a string") << hs << QByteArray(R"({"aud":["api",5],"exp":{exp}})")
                                            << QStringList{QStringLiteral("--aud"), QStringLiteral("api")} << 1
                                            << QStringLiteral("aud: aud has an entry that is not a string");
    QTest::newRow("empty aud array") << hs << QByteArray(R"({"aud":[],"exp":{exp}})")
                                     << QStringList{QStringLiteral("--aud"), QStringLiteral("api")} << 1
                                     << QStringLiteral("aud: ");
    QTest::newRow("iss not a string") << hs << QByteArray(R"({"iss":1,"exp":{exp}})")
                                      << QStringList{QStringLiteral("--iss"), QStringLiteral("1")} << 1
                                      << QStringLiteral("iss: iss is not a string");
    // An embedded key is never trusted: the token still verifies against --key only, with a warning.
    QTest::newRow("embedded jwk header") << QByteArray(R"({"alg":"HS256","jwk":{"kty":"oct","k":"AAAA"}})") << valid
                                         << QStringList() << 0 << QString();
}

void TestCliTokens::handcrafted()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, payload);
    QFETCH(QStringList, verifying);
    QFETCH(int, exitCode);
    QFETCH(QString, check);
    payload.replace("{exp}", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600));
    const QByteArray secret = QByteArray::fromBase64(QJsonDocument::fromJson(readFile(file(QStringLiteral("hs.jwk"))))
                                                         .object()
                                                         .value(QStringLiteral("k"))
                                                         .toString()
                                                         .toLatin1(),
                                                     QByteArray::Base64UrlEncoding);
    QCOMPARE(secret.size(), 32);
    const QString input = b64(header) + QLatin1Char('.') + b64(payload);
    const QString token = input + QLatin1Char('.') +
                          b64(QMessageAuthenticationCode::hash(input.toLatin1(), secret, QCryptographicHash::Sha256));
    const RunResult result = runCli(QStringList{QStringLiteral("token"), QStringLiteral("verify"), token,
                                                QStringLiteral("--key"), file(QStringLiteral("hs.jwk"))} +
                                    verifying);
    if (exitCode == 0) {
        SIGNET_EXPECT_SUCCESS(result);
        if (header.contains("jwk"))
            QVERIFY2(result.stdoutText().contains(QStringLiteral("never trusted")), qPrintable(result.describe()));
        return;
    }
    SIGNET_EXPECT_ERROR(result, exitCode, QStringLiteral("signet-cli: token invalid: ") + check);
}

void TestCliTokens::jsonReport_data()
{
    QTest::addColumn<QStringList>("verifying");
    QTest::addColumn<bool>("tampered");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("failedCheck");
    const QStringList expected = {QStringLiteral("--iss"), QStringLiteral("https://issuer.example"),
                                  QStringLiteral("--aud"), QStringLiteral("api")};
    QTest::newRow("valid") << expected << false << true << QString();
    QTest::newRow("wrong aud") << QStringList{QStringLiteral("--aud"), QStringLiteral("web")} << false << false
                               << QStringLiteral("aud");
    QTest::newRow("expired") << QStringList{expected +
                                            QStringList{QStringLiteral("--at"), QStringLiteral("4102444800")}}
                             << false << false << QStringLiteral("exp");
    QTest::newRow("tampered") << expected << true << false << QStringLiteral("signature");
}

void TestCliTokens::jsonReport()
{
    QFETCH(QStringList, verifying);
    QFETCH(bool, tampered);
    QFETCH(bool, valid);
    QFETCH(QString, failedCheck);
    const QString token = tampered ? tamperPayload(m_token) : m_token;
    const RunResult result =
        runCli(QStringList{QStringLiteral("token"), QStringLiteral("verify"), token, QStringLiteral("--key"),
                           file(QStringLiteral("es.pub.jwk")), QStringLiteral("--json")} +
               verifying);
    if (valid)
        SIGNET_EXPECT_SUCCESS(result);
    else
        SIGNET_EXPECT_ERROR(result, 1, QStringLiteral("token invalid: ") + failedCheck);

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), qPrintable(result.describe()));
    const QJsonObject report = document.object();
    QVERIFY(report.value(QStringLiteral("valid")).isBool());
    QCOMPARE(report.value(QStringLiteral("valid")).toBool(), valid);
    QCOMPARE(report.value(QStringLiteral("algorithm")).toString(), QStringLiteral("ES256"));
    QVERIFY(report.value(QStringLiteral("claims")).isObject());
    const QJsonArray checks = report.value(QStringLiteral("checks")).toArray();
    QVERIFY(checks.size() >= 10);
    QStringList failed;
    for (const QJsonValue& value : checks) {
        const QJsonObject check = value.toObject();
        QVERIFY(check.value(QStringLiteral("check")).isString());
        QVERIFY(check.value(QStringLiteral("message")).isString());
        const QString status = check.value(QStringLiteral("status")).toString();
        QVERIFY2(status == QLatin1String("passed") || status == QLatin1String("failed") ||
                     status == QLatin1String("skipped"),
                 qPrintable(status));
        if (status == QLatin1String("failed"))
            failed.append(check.value(QStringLiteral("check")).toString());
    }
    QCOMPARE(failed, valid ? QStringList() : QStringList{failedCheck});
}

void TestCliTokens::tokenInput_data()
{
    QTest::addColumn<QString>("argument"); // {token} is replaced; empty: no argument
    QTest::addColumn<QByteArray>("input"); // stdin; {token} is replaced
    QTest::newRow("argument") << QStringLiteral("{token}") << QByteArray();
    QTest::newRow("argument: Bearer") << QStringLiteral("Bearer {token}") << QByteArray();
    QTest::newRow("argument: bearer, lower case") << QStringLiteral("bearer  {token}") << QByteArray();
    QTest::newRow("argument: Authorization header") << QStringLiteral("Authorization: Bearer {token}") << QByteArray();
    QTest::newRow("argument: surrounding spaces") << QStringLiteral("  {token}  ") << QByteArray();
    QTest::newRow("stdin via -") << QStringLiteral("-") << QByteArray("{token}\n");
    QTest::newRow("stdin, no argument") << QString() << QByteArray("{token}\n");
    QTest::newRow("stdin, no newline") << QString() << QByteArray("{token}");
    QTest::newRow("stdin: Bearer") << QStringLiteral("-") << QByteArray("Bearer {token}\n");
    QTest::newRow("stdin: Authorization header, CRLF") << QString() << QByteArray("Authorization: Bearer {token}\r\n");
}

void TestCliTokens::tokenInput()
{
    QFETCH(QString, argument);
    QFETCH(QByteArray, input);
    const QByteArray token = m_token.toLatin1();
    input.replace("{token}", token);
    argument.replace(QStringLiteral("{token}"), m_token);
    const QStringList positional = argument.isEmpty() ? QStringList() : QStringList{argument};

    const RunResult verified = runCli(QStringList{QStringLiteral("token"), QStringLiteral("verify")} + positional +
                                          QStringList{QStringLiteral("--key"), file(QStringLiteral("es.pub.jwk")),
                                                      QStringLiteral("--aud"), QStringLiteral("api")},
                                      input);
    SIGNET_EXPECT_SUCCESS(verified);
    QVERIFY2(verified.out.startsWith("VALID\n"), qPrintable(verified.describe()));

    const RunResult decoded = runCli(QStringList{QStringLiteral("token"), QStringLiteral("decode")} + positional +
                                         QStringList{QStringLiteral("--json")},
                                     input);
    SIGNET_EXPECT_SUCCESS(decoded);
    QCOMPARE(stdoutJson(decoded).value(QStringLiteral("claims")).toObject().value(QStringLiteral("aud")).toString(),
             QStringLiteral("api"));
}

void TestCliTokens::decodeValid()
{
    // Decoding needs no key and does not judge time: an expired token decodes fine.
    const QString token = mint(QStringLiteral("es.jwk"), {QStringLiteral("--ttl"), QStringLiteral("1s"),
                                                          QStringLiteral("--sub"), QStringLiteral("alice")});
    const RunResult text = runCli({QStringLiteral("token"), QStringLiteral("decode"), token});
    SIGNET_EXPECT_SUCCESS(text);
    for (const char* expected : {"Header", "Claims", "\"ES256\"", "\"alice\"", "Signature: 64 bytes"})
        QVERIFY2(text.out.contains(expected), qPrintable(QString::fromLatin1(expected) + text.describe()));

    const RunResult json = runCli({QStringLiteral("token"), QStringLiteral("decode"), token, QStringLiteral("--json")});
    SIGNET_EXPECT_SUCCESS(json);
    const QJsonObject decoded = stdoutJson(json);
    QCOMPARE(decoded.value(QStringLiteral("wellFormed")).toBool(), true);
    QCOMPARE(decoded.value(QStringLiteral("header")).toObject(), tokenPart(token, 0));
    QCOMPARE(decoded.value(QStringLiteral("claims")).toObject(), tokenPart(token, 1));
    QCOMPARE(decoded.value(QStringLiteral("problems")).toArray().size(), 0);
}

void TestCliTokens::decodeMalformed_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("part");
    const QString header = b64(R"({"alg":"HS256","typ":"JWT"})");
    const QString payload = b64(R"({"sub":"alice"})");
    const QString signature = b64("signature bytes");
    QTest::newRow("one segment") << QStringLiteral("abcdef") << QStringLiteral("payload");
    // header.payload: it is the signature that is missing.
    QTest::newRow("two segments (no signature)") << header + QLatin1Char('.') + payload << QStringLiteral("signature");
    QTest::newRow("header not base64url")
        << QStringLiteral("!!!.") + payload + QLatin1Char('.') + signature << QStringLiteral("header");
    QTest::newRow("header not JSON") << b64("not json") + QLatin1Char('.') + payload + QLatin1Char('.') + signature
                                     << QStringLiteral("header");
    QTest::newRow("header without alg") << b64("{}") + QLatin1Char('.') + payload + QLatin1Char('.') + signature
                                        << QStringLiteral("header");
    QTest::newRow("payload not base64url")
        << header + QStringLiteral(".pay*load.") + signature << QStringLiteral("payload");
    QTest::newRow("payload broken JSON") << header + QLatin1Char('.') + b64(R"({"sub":)") + QLatin1Char('.') + signature
                                         << QStringLiteral("payload");
    QTest::newRow("signature not base64url")
        << header + QLatin1Char('.') + payload + QStringLiteral(".sig=nature") << QStringLiteral("signature");
}

void TestCliTokens::decodeMalformed()
{
    QFETCH(QString, token);
    QFETCH(QString, part);
    const RunResult text = runCli({QStringLiteral("token"), QStringLiteral("decode"), token});
    SIGNET_EXPECT_ERROR(text, 1,
                        QStringLiteral("signet-cli: token decode: malformed token: ") + part + QLatin1Char(':'));

    const RunResult json = runCli({QStringLiteral("token"), QStringLiteral("decode"), token, QStringLiteral("--json")});
    SIGNET_EXPECT_ERROR(json, 1, QStringLiteral("malformed token: ") + part);
    const QJsonObject decoded = stdoutJson(json);
    QCOMPARE(decoded.value(QStringLiteral("wellFormed")).toBool(true), false);
    QVERIFY(!decoded.value(QStringLiteral("problems")).toArray().isEmpty());

    // Verification refuses it too, at the format or header stage.
    const RunResult verified = runCli({QStringLiteral("token"), QStringLiteral("verify"), token,
                                       QStringLiteral("--key"), file(QStringLiteral("hs.jwk"))});
    SIGNET_EXPECT_EXIT(verified, 1);
    QVERIFY2(verified.hasSingleErrorLine(), qPrintable(verified.describe()));
}

void TestCliTokens::decodeJwe()
{
    const RunResult result =
        runCli({QStringLiteral("token"), QStringLiteral("decode"), QStringLiteral("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")});
    SIGNET_EXPECT_ERROR(result, 1, QStringLiteral("JWE"));
}

void TestCliTokens::longLifetimeWarning()
{
    const QString token = mint(QStringLiteral("es.jwk"), {QStringLiteral("--ttl"), QStringLiteral("7d")});
    const RunResult result = runCli({QStringLiteral("token"), QStringLiteral("verify"), token, QStringLiteral("--key"),
                                     file(QStringLiteral("es.pub.jwk"))});
    SIGNET_EXPECT_SUCCESS(result);
    QVERIFY2(result.stdoutText().contains(QStringLiteral("⚠ lifetime of 7 d is long")), qPrintable(result.describe()));
}

// A token wrapped over lines (a terminal, an e-mail) is not mended behind the user's back: it is
// invalid, and the reason says where the whitespace is and why it is likely there.
void TestCliTokens::wrappedTokenIsRefused()
{
    const QByteArray token = m_token.toLatin1();
    const QByteArray wrapped = token.left(30) + "\n" + token.mid(30, 40) + "\n  " + token.mid(70) + "\n";
    const QString reason =
        QStringLiteral("the token contains whitespace at offset 30 — it may have been wrapped when copied");
    const RunResult decoded = runCli({QStringLiteral("token"), QStringLiteral("decode"), QStringLiteral("-")}, wrapped);
    SIGNET_EXPECT_ERROR(decoded, 1, QStringLiteral("malformed token: header: ") + reason);
    const RunResult verified =
        runCli({QStringLiteral("token"), QStringLiteral("verify"), QStringLiteral("-"), QStringLiteral("--key"),
                file(QStringLiteral("es.pub.jwk")), QStringLiteral("--aud"), QStringLiteral("api")},
               wrapped);
    SIGNET_EXPECT_EXIT(verified, 1);
    QVERIFY2(verified.out.startsWith("INVALID\n"), qPrintable(verified.describe()));
    QVERIFY2(verified.out.contains(reason.toUtf8()), qPrintable(verified.describe()));
    // Leading and trailing whitespace, and a Bearer prefix, are still fine (tokenInput).
}

QTEST_GUILESS_MAIN(TestCliTokens)
#include "tst_cli_tokens.moc"
