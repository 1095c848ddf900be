// The local server's protocol over real HTTP on loopback, against a running `signet-cli serve`:
// one-time tokens introspected by 50 connections at once (one server, and two servers on one
// workspace) are active exactly once; api.video's session flow end to end (API key, /me, expiry
// with WWW-Authenticate, refresh, refresh-token reuse revoking the family); every bad request
// gets its 4xx JSON error, and broken connections (garbage, cut bodies, a half-sent request left
// open) leave the server answering its JWKS.

#include "HttpProbe.h"
#include "ServeProcess.h"
#include "ServerFixture.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>

#include <memory>
#include <vector>

using namespace Signet::Test;

namespace {

const HttpHeaders kJson = {{"Content-Type", "application/json"}};
const HttpHeaders kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};

QByteArray apiKeyBody(const QString& secret)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("apiKey"), secret}}).toJson(QJsonDocument::Compact);
}

QByteArray refreshBody(const QString& refreshToken)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("refreshToken"), refreshToken}}).toJson(QJsonDocument::Compact);
}

HttpHeaders bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toUtf8()}};
}

} // namespace

class TestServerProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void introspectionDoesNotUseUpOrdinaryTokens();
    void oneTimeTokenIsActiveOnce();
    void oneTimeTokenIsActiveOnceAcrossTwoServers();

    void apiVideoSessionFlow();
    void concurrentRefreshWinsOnce();

    void badRequests_data();
    void badRequests();
    void brokenConnectionsLeaveTheServerServing();

private:
    HttpAnswer exchange(QByteArrayView method, const QString& path, const HttpHeaders& headers = {},
                        const QByteArray& body = {});
    QByteArray introspection(const QString& token) const;
    // Introspects the token once on each connection, all requests written before any answer is
    // read, and returns the answers.
    static QList<HttpAnswer> introspectAtOnce(const QList<quint16>& ports, int connections, const QByteArray& request);
    // The JWKS still served, byte for byte what jwks export writes.
    void verifyStillServing(quint16 port);

    ServerFixture m_fixture;
    ServeProcess m_serve;
    ApiKey m_key;      // project "api", scopes read and write
    ApiKey m_videoKey; // project "video", 3 s tokens
    ApiKey m_otherKey; // project "other"
    QByteArray m_jwks;
};

void TestServerProtocol::initTestCase()
{
    if (const QString missing = ServerFixture::missingTools(); !missing.isEmpty())
        QFAIL(qPrintable(missing));
    QVERIFY2(m_fixture.isValid(), qPrintable(m_fixture.error()));
    QVERIFY(m_fixture.createProject(QStringLiteral("api"), QStringLiteral("ES256"),
                                    {QStringLiteral("--scopes"), QStringLiteral("read,write,admin")}));
    // api.video's lifetime is 3600 s; 3 s here, so expiry is seen within the test.
    QVERIFY(m_fixture.createProject(QStringLiteral("video"), QStringLiteral("RS256"),
                                    {QStringLiteral("--ttl"), QStringLiteral("3s")}));
    QVERIFY(m_fixture.createProject(QStringLiteral("other"), QStringLiteral("ES256")));
    m_key = m_fixture.createApiKey(QStringLiteral("api"), QStringLiteral("backend"), QStringLiteral("read,write"));
    m_videoKey = m_fixture.createApiKey(QStringLiteral("video"), QStringLiteral("uploader"));
    m_otherKey = m_fixture.createApiKey(QStringLiteral("other"), QStringLiteral("elsewhere"));
    QVERIFY2(!m_key.secret.isEmpty() && !m_videoKey.secret.isEmpty() && !m_otherKey.secret.isEmpty(),
             qPrintable(m_fixture.error()));
    m_jwks = m_fixture.jwksExport(QStringLiteral("api"));
    QVERIFY(m_jwks.contains("\"keys\""));
    QVERIFY2(m_serve.start(m_fixture.workspace()), qPrintable(m_serve.error()));
}

void TestServerProtocol::cleanupTestCase()
{
    if (m_serve.port() == 0)
        return; // never started: initTestCase has said why
    QVERIFY2(m_serve.stop(), qPrintable(m_serve.transcript()));
    QVERIFY(m_serve.lines().contains(QStringLiteral("stopped")));
}

HttpAnswer TestServerProtocol::exchange(QByteArrayView method, const QString& path, const HttpHeaders& headers,
                                        const QByteArray& body)
{
    return httpExchange(m_serve.port(), httpRequest(method, path.toUtf8(), headers, body));
}

QByteArray TestServerProtocol::introspection(const QString& token) const
{
    return httpRequest("POST", "/p/api/introspect",
                       kForm + HttpHeaders{{"Authorization", basicAuthorization(m_key.id, m_key.secret)}},
                       formEncode({{QStringLiteral("token"), token}}));
}

QList<HttpAnswer> TestServerProtocol::introspectAtOnce(const QList<quint16>& ports, int connections,
                                                       const QByteArray& request)
{
    std::vector<std::unique_ptr<HttpConnection>> open;
    for (int i = 0; i < connections; ++i) {
        open.push_back(std::make_unique<HttpConnection>(ports.at(i % ports.size())));
        if (!open.back()->connect())
            return {};
    }
    for (const auto& connection : open) {
        if (!connection->send(request))
            return {};
    }
    QList<HttpAnswer> answers;
    for (const auto& connection : open)
        answers.append(connection->receive(30000));
    return answers;
}

void TestServerProtocol::verifyStillServing(quint16 port)
{
    const HttpAnswer jwks = httpExchange(port, httpRequest("GET", "/p/api/.well-known/jwks.json"));
    QVERIFY2(jwks.status == 200, qPrintable(jwks.describe()));
    QCOMPARE(jwks.body, m_jwks);
}

void TestServerProtocol::introspectionDoesNotUseUpOrdinaryTokens()
{
    const QString token = m_fixture.mint(QStringLiteral("api"), {QStringLiteral("--scope"), QStringLiteral("read")});
    QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
    for (int i = 0; i < 3; ++i) {
        const HttpAnswer answer = httpExchange(m_serve.port(), introspection(token));
        QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
        QCOMPARE(answer.json().value(QStringLiteral("active")).toBool(), true);
        QCOMPARE(answer.json().value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
        QCOMPARE(answer.json().value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    }
    // Another project's API key may not introspect this project's tokens.
    const HttpAnswer foreign =
        exchange("POST", QStringLiteral("/p/api/introspect"),
                 kForm + HttpHeaders{{"Authorization", basicAuthorization(m_otherKey.id, m_otherKey.secret)}},
                 formEncode({{QStringLiteral("token"), token}}));
    QCOMPARE(foreign.status, 401);
    QCOMPARE(foreign.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));
}

void TestServerProtocol::oneTimeTokenIsActiveOnce()
{
    const QString token = m_fixture.mint(QStringLiteral("api"), {QStringLiteral("--one-time")});
    QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
    const QString jti = tokenPart(token, 1).value(QStringLiteral("jti")).toString();

    const QList<HttpAnswer> answers = introspectAtOnce({m_serve.port()}, 50, introspection(token));
    QCOMPARE(answers.size(), 50);
    int active = 0;
    for (const HttpAnswer& answer : answers) {
        QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
        if (answer.json().value(QStringLiteral("active")).toBool()) {
            ++active;
            QCOMPARE(answer.json().value(QStringLiteral("jti")).toString(), jti);
        } else {
            // RFC 7662 2.2: an inactive token says nothing else.
            QCOMPARE(answer.json(), QJsonObject({{QStringLiteral("active"), false}}));
        }
    }
    QCOMPARE(active, 1);
    QCOMPARE(httpExchange(m_serve.port(), introspection(token)).json().value(QStringLiteral("active")).toBool(true),
             false);
    // The ledger agrees, and the consumption is in the audit log.
    bool consumed = false;
    for (const QJsonValue& event : m_fixture.audit(QStringLiteral("api")))
        consumed |= event[QStringLiteral("action")].toString() == QStringLiteral("token.consume") &&
                    event[QStringLiteral("object")].toString() == jti;
    QVERIFY2(consumed, qPrintable(m_fixture.error()));
}

void TestServerProtocol::oneTimeTokenIsActiveOnceAcrossTwoServers()
{
    ServeProcess second;
    QVERIFY2(second.start(m_fixture.workspace()), qPrintable(second.error()));
    for (int round = 0; round < 3; ++round) {
        const QString token = m_fixture.mint(QStringLiteral("api"), {QStringLiteral("--one-time")});
        QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
        const QList<HttpAnswer> answers = introspectAtOnce({m_serve.port(), second.port()}, 50, introspection(token));
        QCOMPARE(answers.size(), 50);
        int active = 0;
        for (const HttpAnswer& answer : answers) {
            QVERIFY2(answer.status == 200, qPrintable(answer.describe()));
            active += answer.json().value(QStringLiteral("active")).toBool() ? 1 : 0;
        }
        QVERIFY2(active == 1, qPrintable(QStringLiteral("round %1: %2 active").arg(round).arg(active)));
    }
    QVERIFY2(second.stop(), qPrintable(second.transcript()));
}

void TestServerProtocol::apiVideoSessionFlow()
{
    // Obtain the bearer token with the API key.
    const HttpAnswer started =
        exchange("POST", QStringLiteral("/p/video/auth/api-key"), kJson + HttpHeaders{{"Accept", "application/json"}},
                 apiKeyBody(m_videoKey.secret));
    QVERIFY2(started.status == 200, qPrintable(started.describe()));
    const QJsonObject first = started.json();
    QCOMPARE(first.keys(), (QStringList{QStringLiteral("access_token"), QStringLiteral("expires_in"),
                                        QStringLiteral("refresh_token"), QStringLiteral("token_type")}));
    QCOMPARE(first.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(first.value(QStringLiteral("expires_in")).toInt(), 3);
    QCOMPARE(started.header("Cache-Control"), QByteArray("no-store"));
    const QString access = first.value(QStringLiteral("access_token")).toString();
    const QString refresh = first.value(QStringLiteral("refresh_token")).toString();

    const HttpAnswer me = exchange("GET", QStringLiteral("/p/video/me"), bearer(access));
    QVERIFY2(me.status == 200, qPrintable(me.describe()));
    QCOMPARE(me.json().value(QStringLiteral("sub")).toString(), m_videoKey.id);
    const QString sid = me.json().value(QStringLiteral("sid")).toString();
    QVERIFY(!sid.isEmpty());
    const qint64 exp = me.json().value(QStringLiteral("exp")).toInteger();

    // Past its lifetime the access token gets 401 with a challenge saying why (polled, not slept).
    HttpAnswer expired;
    QDeadlineTimer deadline(15000);
    do {
        QTest::qWait(100);
        expired = exchange("GET", QStringLiteral("/p/video/me"), bearer(access));
    } while (expired.status == 200 && !deadline.hasExpired());
    QVERIFY2(expired.status == 401, qPrintable(expired.describe()));
    QVERIFY(QDateTime::currentSecsSinceEpoch() >= exp);
    QCOMPARE(expired.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_token"));
    const QByteArray challenge = expired.header("WWW-Authenticate");
    QVERIFY2(challenge.startsWith("Bearer ") && challenge.contains("error=\"invalid_token\"") &&
                 challenge.contains("expired"),
             challenge.constData());

    // The 401 is the client's cue to refresh: a new pair, the refresh token rotated.
    const HttpAnswer refreshed = exchange("POST", QStringLiteral("/p/video/auth/refresh"), kJson, refreshBody(refresh));
    QVERIFY2(refreshed.status == 200, qPrintable(refreshed.describe()));
    const QString access2 = refreshed.json().value(QStringLiteral("access_token")).toString();
    const QString refresh2 = refreshed.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(access2 != access && refresh2 != refresh && !refresh2.isEmpty());
    const HttpAnswer me2 = exchange("GET", QStringLiteral("/p/video/me"), bearer(access2));
    QVERIFY2(me2.status == 200, qPrintable(me2.describe()));
    QCOMPARE(me2.json().value(QStringLiteral("sid")).toString(), sid);

    // The old refresh token again: refused, and the whole family with it.
    const HttpAnswer reused = exchange("POST", QStringLiteral("/p/video/auth/refresh"), kJson, refreshBody(refresh));
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    const HttpAnswer revoked = exchange("GET", QStringLiteral("/p/video/me"), bearer(access2));
    QVERIFY2(revoked.status == 401, qPrintable(revoked.describe()));
    QVERIFY2(revoked.header("WWW-Authenticate").contains("revoked"), qPrintable(revoked.describe()));
    const HttpAnswer newest = exchange("POST", QStringLiteral("/p/video/auth/refresh"), kJson, refreshBody(refresh2));
    QCOMPARE(newest.status, 400);
    QCOMPARE(newest.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));

    // Only that family: the API key starts a new session.
    const HttpAnswer again =
        exchange("POST", QStringLiteral("/p/video/auth/api-key"), kJson, apiKeyBody(m_videoKey.secret));
    QVERIFY2(again.status == 200, qPrintable(again.describe()));
    QCOMPARE(exchange("GET", QStringLiteral("/p/video/me"),
                      bearer(again.json().value(QStringLiteral("access_token")).toString()))
                 .status,
             200);

    QStringList actions;
    for (const QJsonValue& event : m_fixture.audit(QStringLiteral("video")))
        actions.prepend(event[QStringLiteral("action")].toString());
    QVERIFY2(actions.join(QLatin1Char(' '))
                 .contains(QStringLiteral("session.start session.refresh session.revoke session.start")),
             qPrintable(actions.join(QLatin1Char(' '))));
}

void TestServerProtocol::concurrentRefreshWinsOnce()
{
    const HttpAnswer started =
        exchange("POST", QStringLiteral("/p/video/auth/api-key"), kJson, apiKeyBody(m_videoKey.secret));
    QVERIFY2(started.status == 200, qPrintable(started.describe()));
    const QString refresh = started.json().value(QStringLiteral("refresh_token")).toString();
    const QList<HttpAnswer> answers = introspectAtOnce(
        {m_serve.port()}, 10, httpRequest("POST", "/p/video/auth/refresh", kJson, refreshBody(refresh)));
    QCOMPARE(answers.size(), 10);
    int granted = 0;
    for (const HttpAnswer& answer : answers) {
        if (answer.status == 200) {
            ++granted;
        } else {
            QVERIFY2(answer.status == 400, qPrintable(answer.describe()));
            QCOMPARE(answer.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        }
    }
    QCOMPARE(granted, 1);
}

void TestServerProtocol::badRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("extraHeader"); // "Name: value" the answer must carry, if any

    const QByteArray basic = basicAuthorization(m_key.id, m_key.secret);
    const QByteArray wrongSecret = basicAuthorization(m_key.id, QStringLiteral("not-the-secret"));
    const QByteArray clientCredentials = "grant_type=client_credentials";
    const QString token = QStringLiteral("/p/api/oauth/token");
    const QString apiKey = QStringLiteral("/p/api/auth/api-key");

    QTest::newRow("malformed JSON") << QByteArray("POST") << apiKey << kJson << QByteArray("{\"apiKey\": ") << 400
                                    << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("JSON not an object") << QByteArray("POST") << apiKey << kJson << QByteArray("[\"x\"]") << 400
                                        << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("apiKey not a string") << QByteArray("POST") << apiKey << kJson << QByteArray("{\"apiKey\":5}") << 400
                                         << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("JSON with a duplicate member")
        << QByteArray("POST") << apiKey << kJson << QByteArray("{\"apiKey\":\"a\",\"apiKey\":\"b\"}") << 400
        << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("form sent to a JSON endpoint") << QByteArray("POST") << apiKey << kForm << QByteArray("apiKey=x")
                                                  << 415 << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("no content type") << QByteArray("POST") << apiKey << HttpHeaders{} << apiKeyBody(m_key.secret) << 415
                                     << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("JSON sent to the token endpoint")
        << QByteArray("POST") << token << kJson + HttpHeaders{{"Authorization", basic}}
        << QByteArray("{\"grant_type\":\"client_credentials\"}") << 415 << QStringLiteral("invalid_request")
        << QByteArray();
    QTest::newRow("body over 64 KiB") << QByteArray("POST") << apiKey << kJson
                                      << QByteArray("{\"apiKey\":\"" + QByteArray(65536, 'a') + "\"}") << 413
                                      << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("form body over 64 KiB")
        << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", basic}}
        << QByteArray(clientCredentials + "&pad=" + QByteArray(70000, 'p')) << 413 << QStringLiteral("invalid_request")
        << QByteArray();
    QTest::newRow("wrong secret, Basic") << QByteArray("POST") << token
                                         << kForm + HttpHeaders{{"Authorization", wrongSecret}} << clientCredentials
                                         << 401 << QStringLiteral("invalid_client")
                                         << QByteArray("WWW-Authenticate: Basic realm=\"signet\"");
    QTest::newRow("wrong secret, form") << QByteArray("POST") << token << kForm
                                        << QByteArray(clientCredentials + "&client_id=" + m_key.id.toUtf8() +
                                                      "&client_secret=nope")
                                        << 401 << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("unknown API key id")
        << QByteArray("POST") << token
        << kForm + HttpHeaders{{"Authorization", basicAuthorization(QStringLiteral("ak_nobody"), m_key.secret)}}
        << clientCredentials << 401 << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("another project's API key")
        << QByteArray("POST") << token
        << kForm + HttpHeaders{{"Authorization", basicAuthorization(m_otherKey.id, m_otherKey.secret)}}
        << clientCredentials << 401 << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("no client authentication") << QByteArray("POST") << token << kForm << clientCredentials << 401
                                              << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("Basic that is not base64 of id:secret")
        << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", "Basic !!!not-base64"}}
        << clientCredentials << 400 << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("Basic and client_secret both")
        << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", basic}}
        << QByteArray(clientCredentials + "&client_id=" + m_key.id.toUtf8() +
                      "&client_secret=" + QUrl::toPercentEncoding(m_key.secret))
        << 400 << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("wrong API key secret for a session")
        << QByteArray("POST") << apiKey << kJson << apiKeyBody(QStringLiteral("not-a-secret")) << 401
        << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("another project's API key for a session")
        << QByteArray("POST") << apiKey << kJson << apiKeyBody(m_otherKey.secret) << 401
        << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("unknown refresh token")
        << QByteArray("POST") << QStringLiteral("/p/api/auth/refresh") << kJson
        << refreshBody(QStringLiteral("rt_unknown")) << 400 << QStringLiteral("invalid_grant") << QByteArray();
    QTest::newRow("introspection without credentials")
        << QByteArray("POST") << QStringLiteral("/p/api/introspect") << kForm << QByteArray("token=abc") << 401
        << QStringLiteral("invalid_client") << QByteArray("WWW-Authenticate: Basic realm=\"signet\"");
    QTest::newRow("introspection with a wrong secret")
        << QByteArray("POST") << QStringLiteral("/p/api/introspect")
        << kForm + HttpHeaders{{"Authorization", wrongSecret}} << QByteArray("token=abc") << 401
        << QStringLiteral("invalid_client") << QByteArray();
    QTest::newRow("introspection without a token")
        << QByteArray("POST") << QStringLiteral("/p/api/introspect") << kForm + HttpHeaders{{"Authorization", basic}}
        << QByteArray("nothing=here") << 400 << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("unsupported grant type")
        << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", basic}}
        << QByteArray("grant_type=password&username=a&password=b") << 400 << QStringLiteral("unsupported_grant_type")
        << QByteArray();
    QTest::newRow("no grant type") << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", basic}}
                                   << QByteArray("scope=read") << 400 << QStringLiteral("invalid_request")
                                   << QByteArray();
    QTest::newRow("scope beyond the API key's")
        << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", basic}}
        << QByteArray(clientCredentials + "&scope=read%20admin") << 400 << QStringLiteral("invalid_scope")
        << QByteArray();
    QTest::newRow("a parameter twice") << QByteArray("POST") << token << kForm + HttpHeaders{{"Authorization", basic}}
                                       << QByteArray(clientCredentials + "&scope=read&scope=write") << 400
                                       << QStringLiteral("invalid_request") << QByteArray();
    QTest::newRow("me without a token") << QByteArray("GET") << QStringLiteral("/p/api/me") << HttpHeaders{}
                                        << QByteArray() << 401 << QStringLiteral("invalid_request")
                                        << QByteArray("WWW-Authenticate: Bearer realm=\"signet\"");
    QTest::newRow("me with a token that is no JWT")
        << QByteArray("GET") << QStringLiteral("/p/api/me") << bearer(QStringLiteral("not.a.jwt")) << QByteArray()
        << 401 << QStringLiteral("invalid_token") << QByteArray();
    QTest::newRow("unknown project, JWKS")
        << QByteArray("GET") << QStringLiteral("/p/nobody/.well-known/jwks.json") << HttpHeaders{} << QByteArray()
        << 404 << QStringLiteral("not_found") << QByteArray();
    QTest::newRow("unknown project, token") << QByteArray("POST") << QStringLiteral("/p/nobody/oauth/token")
                                            << kForm + HttpHeaders{{"Authorization", basic}} << clientCredentials << 404
                                            << QStringLiteral("not_found") << QByteArray();
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/p/api/admin") << HttpHeaders{}
                                  << QByteArray() << 404 << QStringLiteral("not_found") << QByteArray();
    QTest::newRow("GET on the token endpoint") << QByteArray("GET") << token << HttpHeaders{} << QByteArray() << 405
                                               << QStringLiteral("invalid_request") << QByteArray("Allow: POST");
    QTest::newRow("POST on the JWKS") << QByteArray("POST") << QStringLiteral("/p/api/.well-known/jwks.json") << kJson
                                      << QByteArray("{}") << 405 << QStringLiteral("invalid_request")
                                      << QByteArray("Allow: GET");
    QTest::newRow("DELETE on me") << QByteArray("DELETE") << QStringLiteral("/p/api/me") << HttpHeaders{}
                                  << QByteArray() << 405 << QStringLiteral("invalid_request")
                                  << QByteArray("Allow: GET");
    QTest::newRow("PUT on introspect") << QByteArray("PUT") << QStringLiteral("/p/api/introspect") << kForm
                                       << QByteArray("token=abc") << 405 << QStringLiteral("invalid_request")
                                       << QByteArray("Allow: POST");
}

void TestServerProtocol::badRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QByteArray, extraHeader);

    HttpConnection connection(m_serve.port());
    QVERIFY(connection.connect());
    const HttpAnswer answer = connection.exchange(httpRequest(method, path.toUtf8(), headers, body));
    QVERIFY2(answer.status == status, qPrintable(answer.describe()));
    QCOMPARE(answer.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject json = answer.json();
    QVERIFY2(json.value(QStringLiteral("error")).toString() == error, qPrintable(answer.describe()));
    QVERIFY2(!json.value(QStringLiteral("error_description")).toString().isEmpty(), qPrintable(answer.describe()));
    if (!extraHeader.isEmpty()) {
        const qsizetype colon = extraHeader.indexOf(':');
        QCOMPARE(answer.header(extraHeader.left(colon)), extraHeader.mid(colon + 1).trimmed());
    }
    // The server keeps serving: on this connection when it stayed open, and on a new one.
    if (connection.isOpen()) {
        const HttpAnswer jwks = connection.exchange(httpRequest("GET", "/p/api/.well-known/jwks.json"));
        QVERIFY2(jwks.status == 200, qPrintable(jwks.describe()));
        QCOMPARE(jwks.body, m_jwks);
    }
    verifyStillServing(m_serve.port());
    // One log line per request, with its status.
    const QString logged = QStringLiteral(" %1 %2 %3 ").arg(QString::fromLatin1(method), path).arg(status);
    QVERIFY2(m_serve.waitForLine([&logged](const QString& line) { return line.contains(logged); }), qPrintable(logged));
}

void TestServerProtocol::brokenConnectionsLeaveTheServerServing()
{
    const quint16 port = m_serve.port();
    // A request sent half-way and left open does not hold up anyone else.
    HttpConnection halfSent(port);
    QVERIFY(halfSent.connect());
    QVERIFY(halfSent.send("GET /p/api/.well-known/jwks.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    HttpConnection halfBody(port);
    QVERIFY(halfBody.connect());
    QVERIFY(halfBody.send(httpRequest("POST", "/p/api/auth/api-key", kJson + HttpHeaders{{"Content-Length", "1000"}})
                              .replace("Content-Length: 0\r\n", "") +
                          "{\"apiKey\""));
    verifyStillServing(port);

    // Garbage instead of a request: answered (Qt takes "HTTP/9.9" as HTTP/1.1) or closed, never a crash.
    for (const QByteArray& garbage :
         {QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), QByteArray("HELLO\r\n\r\n"),
          QByteArray("GET / HTTP/9.9\r\n\r\n"), QByteArray("GET /p/api/me HTTP/1.1\r\nAuthorization\r\n\r\n"),
          QByteArray("POST /p/api/auth/api-key HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
          QByteArray("POST /p/api/auth/api-key HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: "
                     "application/json\r\n\r\nzz\r\n")}) {
        HttpConnection connection(port);
        QVERIFY(connection.connect());
        QVERIFY(connection.send(garbage));
        const HttpAnswer answer = connection.receive(2000);
        if (answer.status != 0)
            QVERIFY2(answer.status < 500, qPrintable(answer.describe()));
        verifyStillServing(port);
    }

    // Connections cut in the middle of a body or a header.
    for (const QByteArray& cut : {QByteArray("POST /p/api/oauth/token HTTP/1.1\r\nContent-Length: 500\r\n\r\ngrant"),
                                  QByteArray("GET /p/api/.well-known/jw")}) {
        auto connection = std::make_unique<HttpConnection>(port);
        QVERIFY(connection->connect());
        QVERIFY(connection->send(cut));
        connection.reset();
        verifyStillServing(port);
    }
    // 200 connections opened and dropped without a byte.
    for (int i = 0; i < 200; ++i) {
        HttpConnection connection(port);
        QVERIFY(connection.connect());
    }
    verifyStillServing(port);
}

QTEST_GUILESS_MAIN(TestServerProtocol)
#include "tst_server_protocol.moc"
