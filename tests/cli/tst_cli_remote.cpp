// token verify --jwks-url URL and --discover against real HTTP servers on loopback: the same verdict
// as with --jwks FILE, a line naming the URLs used, and an error naming each failure.

#include "CannedHttpServer.h"
#include "CliRunner.h"
#include "RawHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

class TestCliRemote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jwksUrlValid();
    void jwksUrlJson();
    void jwksUrlUnknownKid();
    void discoverFromTokenIssuer();
    void discoverFromGivenIssuer();
    void discoverIssuerMismatch();
    void discoverWithoutIssuer();
    void fetchFailures_data();
    void fetchFailures();
    void timeoutOption();
    void conflictingKeySources_data();
    void conflictingKeySources();

private:
    QStringList verify(const QString& token, const QStringList& more) const;
    QString mint(const QString& issuer) const;

    QTemporaryDir m_dir;
    QString m_key;
    QString m_kid;
    QByteArray m_jwks;
    QByteArray m_privateJwks;
};

QStringList TestCliRemote::verify(const QString& token, const QStringList& more) const
{
    return QStringList{QStringLiteral("token"), QStringLiteral("verify"), token} + more;
}

QString TestCliRemote::mint(const QString& issuer) const
{
    QStringList arguments{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), m_key};
    if (!issuer.isEmpty())
        arguments << QStringLiteral("--iss") << issuer;
    const RunResult minted = runCli(arguments);
    return minted.exitCode == 0 ? minted.firstLine() : QString();
}

void TestCliRemote::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = m_dir.filePath(QStringLiteral("signing.jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("ES256"), QStringLiteral("-o"), m_key}));
    const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), m_key});
    SIGNET_EXPECT_SUCCESS(pub);
    m_kid = stdoutJson(pub).value(QStringLiteral("kid")).toString();
    QVERIFY(!m_kid.isEmpty());
    m_jwks = QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{stdoutJson(pub)}}}).toJson();
    const QJsonObject privateKey = QJsonDocument::fromJson(readFile(m_key)).object();
    m_privateJwks = QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{privateKey}}}).toJson();
}

void TestCliRemote::jwksUrlValid()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/jwks.json"), m_jwks);
    const QString url = server.url(QStringLiteral("/jwks.json")).toString();
    const RunResult result = runCli(verify(mint({}), {QStringLiteral("--jwks-url"), url}));
    SIGNET_EXPECT_SUCCESS(result);
    QVERIFY2(result.stdoutText().startsWith(QStringLiteral("VALID\n")), qPrintable(result.describe()));
    QVERIFY2(result.stdoutText().contains(QStringLiteral("kid \"%1\"").arg(m_kid)), qPrintable(result.describe()));
    QVERIFY2(result.stdoutText().endsWith(QStringLiteral("  keys: the JWKS at %1\n").arg(url)),
             qPrintable(result.describe()));
    QCOMPARE(server.requests(QStringLiteral("/jwks.json")), 1);
}

// The same report as --jwks FILE, with where the keys came from.
void TestCliRemote::jwksUrlJson()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/jwks.json"), m_jwks);
    const QString url = server.url(QStringLiteral("/jwks.json")).toString();
    const QString token = mint({});
    const QString file = m_dir.filePath(QStringLiteral("jwks.json"));
    QVERIFY(writeFile(file, m_jwks));
    const RunResult remote = runCli(verify(token, {QStringLiteral("--jwks-url"), url, QStringLiteral("--at"),
                                                   QStringLiteral("1900000000"), QStringLiteral("--json")}));
    const RunResult local = runCli(verify(token, {QStringLiteral("--jwks"), file, QStringLiteral("--at"),
                                                  QStringLiteral("1900000000"), QStringLiteral("--json")}));
    SIGNET_EXPECT_EXIT(remote, 1);
    SIGNET_EXPECT_EXIT(local, 1);
    QJsonObject remoteJson = stdoutJson(remote);
    const QJsonObject source = remoteJson.take(QStringLiteral("keySource")).toObject();
    QCOMPARE(remoteJson, stdoutJson(local));
    QCOMPARE(remote.stderrText(), local.stderrText());
    QCOMPARE(source.value(QStringLiteral("type")).toString(), QStringLiteral("jwks-url"));
    QCOMPARE(source.value(QStringLiteral("url")).toString(), url);
}

void TestCliRemote::jwksUrlUnknownKid()
{
    CannedHttpServer server;
    const QString other = m_dir.filePath(QStringLiteral("other.jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("ES256"), QStringLiteral("-o"), other}));
    const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), other});
    server.setJson(QStringLiteral("/jwks"),
                   QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{stdoutJson(pub)}}}).toJson());
    const QString url = server.url(QStringLiteral("/jwks")).toString();
    const RunResult result = runCli(verify(mint({}), {QStringLiteral("--jwks-url"), url}));
    SIGNET_EXPECT_ERROR(
        result, 1,
        QStringLiteral("token invalid: key: no key with kid \"%1\" in the JWKS at %2 (fetched just now)")
            .arg(m_kid, url));
    QVERIFY2(result.stdoutText().startsWith(QStringLiteral("INVALID\n")), qPrintable(result.describe()));
}

void TestCliRemote::discoverFromTokenIssuer()
{
    CannedHttpServer server;
    const QString issuer = server.base();
    server.setJson(QStringLiteral("/.well-known/openid-configuration"),
                   QStringLiteral("{\"issuer\":\"%1\",\"jwks_uri\":\"%1/keys\"}").arg(issuer).toUtf8());
    server.setJson(QStringLiteral("/keys"), m_jwks);
    const RunResult result = runCli(verify(mint(issuer), {QStringLiteral("--discover")}));
    SIGNET_EXPECT_SUCCESS(result);
    QVERIFY2(result.stdoutText().contains(
                 QStringLiteral("  keys: the JWKS at %1/keys, named by %1/.well-known/openid-configuration "
                                "(discovered from the token's own iss")
                     .arg(issuer)),
             qPrintable(result.describe()));
    // The issuer is checked as the discovered one.
    QVERIFY2(result.stdoutText().contains(QStringLiteral("iss")), qPrintable(result.describe()));

    const RunResult json = runCli(verify(mint(issuer), {QStringLiteral("--discover"), QStringLiteral("--json")}));
    SIGNET_EXPECT_SUCCESS(json);
    const QJsonObject source = stdoutJson(json).value(QStringLiteral("keySource")).toObject();
    QCOMPARE(source.value(QStringLiteral("type")).toString(), QStringLiteral("discovery"));
    QCOMPARE(source.value(QStringLiteral("issuer")).toString(), issuer);
    QCOMPARE(source.value(QStringLiteral("issuerFromToken")).toBool(), true);
    QCOMPARE(source.value(QStringLiteral("discoveredFrom")).toString(),
             issuer + QStringLiteral("/.well-known/openid-configuration"));
}

// --iss pins the issuer discovery starts from: a token claiming another iss is refused by the issuer
// check, with keys from the pinned issuer.
void TestCliRemote::discoverFromGivenIssuer()
{
    CannedHttpServer server;
    const QString issuer = server.base() + QStringLiteral("/realm");
    server.setJson(QStringLiteral("/realm/.well-known/openid-configuration"),
                   QStringLiteral("{\"issuer\":\"%1\",\"jwks_uri\":\"%2/keys\"}").arg(issuer, server.base()).toUtf8());
    server.setJson(QStringLiteral("/keys"), m_jwks);
    const RunResult pinned =
        runCli(verify(mint(issuer), {QStringLiteral("--discover"), QStringLiteral("--iss"), issuer}));
    SIGNET_EXPECT_SUCCESS(pinned);
    QVERIFY2(!pinned.stdoutText().contains(QStringLiteral("token's own iss")), qPrintable(pinned.describe()));

    const RunResult other = runCli(verify(mint(QStringLiteral("https://evil.example")),
                                          {QStringLiteral("--discover"), QStringLiteral("--iss"), issuer}));
    SIGNET_EXPECT_ERROR(other, 1, QStringLiteral("token invalid: iss"));
    QCOMPARE(server.requests(QStringLiteral("/keys")), 2);
}

void TestCliRemote::discoverIssuerMismatch()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/.well-known/openid-configuration"),
                   QStringLiteral("{\"issuer\":\"https://login.example.com\",\"jwks_uri\":\"%1/keys\"}")
                       .arg(server.base())
                       .toUtf8());
    server.setJson(QStringLiteral("/keys"), m_jwks);
    const RunResult result = runCli(verify(mint(server.base()), {QStringLiteral("--discover")}));
    SIGNET_EXPECT_ERROR(result, 2,
                        QStringLiteral("the OpenID configuration is for issuer \"https://login.example.com\", not "
                                       "\"%1\"")
                            .arg(server.base()));
    QCOMPARE(server.requests(QStringLiteral("/keys")), 0);
}

void TestCliRemote::discoverWithoutIssuer()
{
    const RunResult result = runCli(verify(mint({}), {QStringLiteral("--discover")}));
    SIGNET_EXPECT_ERROR(result, 2, QStringLiteral("--discover needs an issuer: the token has no iss claim"));
}

void TestCliRemote::fetchFailures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("404") << QStringLiteral("/missing") << QStringList() << QStringLiteral("answered 404 Not Found");
    QTest::newRow("not JSON") << QStringLiteral("/html") << QStringList() << QStringLiteral(": not JSON: ");
    QTest::newRow("not a JWKS") << QStringLiteral("/config") << QStringList() << QStringLiteral("not a JWKS");
    QTest::newRow("private key") << QStringLiteral("/private") << QStringList()
                                 << QStringLiteral("contains private key material");
    QTest::newRow("http to another host")
        << QString() << QStringList{QStringLiteral("--jwks-url"), QStringLiteral("http://keys.example.com/jwks")}
        << QStringLiteral("http://keys.example.com/jwks: plain http is refused");
    QTest::newRow("not a URL") << QString() << QStringList{QStringLiteral("--jwks-url"), QStringLiteral("jwks.json")}
                               << QStringLiteral("\"jwks.json\" is not an absolute URL");
}

void TestCliRemote::fetchFailures()
{
    QFETCH(QString, path);
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    CannedHttpServer server;
    server.setJson(QStringLiteral("/html"), "<html>login</html>");
    server.setJson(QStringLiteral("/config"), "{\"issuer\":\"x\"}");
    server.setJson(QStringLiteral("/private"), m_privateJwks);
    if (!path.isEmpty())
        extra = QStringList{QStringLiteral("--jwks-url"), server.url(path).toString()};
    const RunResult result = runCli(verify(mint({}), extra));
    SIGNET_EXPECT_ERROR(result, 2, message);
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
}

void TestCliRemote::timeoutOption()
{
    RawHttpServer server(RawHttpServer::neverAnswer());
    const RunResult result =
        runCli(verify(mint({}), {QStringLiteral("--jwks-url"), server.url(QStringLiteral("/jwks")).toString(),
                                 QStringLiteral("--fetch-timeout"), QStringLiteral("200")}));
    SIGNET_EXPECT_ERROR(result, 2, QStringLiteral("within 200 ms (timed out)"));
}

void TestCliRemote::conflictingKeySources_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString url = QStringLiteral("https://keys.example.com/jwks");
    QTest::newRow("--jwks and --jwks-url")
        << QStringList{QStringLiteral("--jwks"), QStringLiteral("set.json"), QStringLiteral("--jwks-url"), url}
        << QStringLiteral("--jwks and --jwks-url are both key sources, not both");
    QTest::newRow("-p and --jwks-url") << QStringList{QStringLiteral("-p"), QStringLiteral("demo"),
                                                      QStringLiteral("--jwks-url"), url}
                                       << QStringLiteral("-p and --jwks-url are both key sources");
    QTest::newRow("--key and --discover")
        << QStringList{QStringLiteral("--key"), QStringLiteral("k.jwk"), QStringLiteral("--discover")}
        << QStringLiteral("--key and --discover are both key sources");
    QTest::newRow("--jwks-url and --discover")
        << QStringList{QStringLiteral("--jwks-url"), url, QStringLiteral("--discover")}
        << QStringLiteral("--jwks-url and --discover are both key sources");
    QTest::newRow("--allow-http without a URL")
        << QStringList{QStringLiteral("--key"), QStringLiteral("k.jwk"), QStringLiteral("--allow-http")}
        << QStringLiteral("--allow-http applies to --jwks-url URL and --discover");
    QTest::newRow("--fetch-timeout without a URL")
        << QStringList{QStringLiteral("--key"), QStringLiteral("k.jwk"), QStringLiteral("--fetch-timeout"),
                       QStringLiteral("100")}
        << QStringLiteral("--fetch-timeout applies to --jwks-url URL and --discover");
    QTest::newRow("--fetch-timeout 0") << QStringList{QStringLiteral("--jwks-url"), url,
                                                      QStringLiteral("--fetch-timeout"), QStringLiteral("0")}
                                       << QStringLiteral("--fetch-timeout must be");
    QTest::newRow("--consume with --jwks-url")
        << QStringList{QStringLiteral("--jwks-url"), url, QStringLiteral("--consume")} << QStringLiteral("--consume");
}

// Refused before anything is fetched or read.
void TestCliRemote::conflictingKeySources()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    SIGNET_EXPECT_ERROR(runCli(verify(QStringLiteral("x.y.z"), arguments)), 2, message);
}

QTEST_MAIN(TestCliRemote)
#include "tst_cli_remote.moc"
