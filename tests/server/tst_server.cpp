// The local server over real HTTP on loopback, in process: each endpoint's answers and refusals.

#include "HttpClient.h"
#include "WorkspaceFixture.h"

#include "foundation/StrictJson.h"
#include "profiles/ProfileCatalog.h"
#include "server/LocalServer.h"
#include "workspace/ProfiledProjects.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Signet;
using namespace Signet::Test;

namespace {

JsonValue json(const QByteArray& body)
{
    auto parsed = StrictJson::parse(std::string_view(body.constData(), body.size()));
    return parsed ? std::move(*parsed) : JsonValue();
}

QString text(const JsonValue& object, const char* name)
{
    const JsonValue* value = object.find(name);
    return value && value->isString() ? QString::fromStdString(value->asString()) : QString();
}

QByteArray form(std::initializer_list<std::pair<QString, QString>> fields)
{
    QUrlQuery query;
    for (const auto& [name, value] : fields)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return query.toString(QUrl::FullyEncoded).toLatin1();
}

const QByteArray kForm = "application/x-www-form-urlencoded";
const QByteArray kJson = "application/json";

} // namespace

class ServerTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<WorkspaceFixture> m_fixtureOwner;
    WorkspaceFixture* m_fixture = nullptr; // m_fixtureOwner's
    std::unique_ptr<LocalServer> m_server;
    HttpClient m_client;
    CreatedApiKey m_apiKey;

    Workspace& ws() { return m_fixture->ws(); }
    QString url(const QString& endpoint, const QString& project = QStringLiteral("payments")) const
    {
        return m_server->baseUrl() + QStringLiteral("/p/") + project + endpoint;
    }
    void startServer(ServerOptions options = {})
    {
        options.port = 0;
        m_server = std::make_unique<LocalServer>(ws(), options, m_fixture->clock);
        const Status started = m_server->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    }
    HttpAnswer token(const QString& scope = {}, const QByteArray& authorization = {})
    {
        QList<std::pair<QString, QString>> fields{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
        if (!scope.isEmpty())
            fields.append({QStringLiteral("scope"), scope});
        QUrlQuery query;
        for (const auto& [name, value] : fields)
            query.addQueryItem(name, value);
        return m_client.post(
            url(QStringLiteral("/oauth/token")), query.toString(QUrl::FullyEncoded).toLatin1(), kForm,
            {{"Authorization", authorization.isEmpty() ? basic(m_apiKey.record.id, m_apiKey.secret) : authorization}});
    }
    void profiledProject(const char* id, const char* profileName)
    {
        auto profile = ProfileCatalog::builtIn().find(QString::fromLatin1(profileName));
        QVERIFY(profile);
        Project draft;
        draft.id = QString::fromLatin1(id);
        auto shaped = Signet::profiledProject(**profile, draft);
        QVERIFY(shaped);
        auto created = createProfiledProject(ws(), **profile, *shaped);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    }
    HttpAnswer session()
    {
        return m_client.post(url(QStringLiteral("/auth/api-key")),
                             "{\"apiKey\":\"" + m_apiKey.secret.toLatin1() + "\"}", kJson);
    }
    HttpAnswer me(const QString& accessToken)
    {
        return m_client.get(url(QStringLiteral("/me")), {{"Authorization", "Bearer " + accessToken.toLatin1()}});
    }

private Q_SLOTS:
    void init()
    {
        m_fixtureOwner = std::make_unique<WorkspaceFixture>();
        m_fixture = m_fixtureOwner.get();
        m_fixture->create();
        Project project = *ws().projects().get(QStringLiteral("payments"));
        project.issuer = QStringLiteral("https://issuer.example");
        project.audience = QStringLiteral("payments-api");
        QVERIFY(ws().projects().update(project));
        QVERIFY(ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        auto apiKey = ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("ops"),
                                            {QStringLiteral("payments:read"), QStringLiteral("payments:write")});
        QVERIFY(apiKey);
        m_apiKey = *apiKey;
        startServer();
    }
    void cleanup()
    {
        m_server.reset();
        m_fixtureOwner.reset();
    }

    // The JWKS is jwks export's bytes, with the project's max-age, an ETag and 304 for a client that has it.
    void jwksIsTheExportWithCaching()
    {
        const HttpAnswer first = m_client.get(url(QStringLiteral("/.well-known/jwks.json")));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.body, *ws().keys().jwks(QStringLiteral("payments")));
        QCOMPARE(first.header("Cache-Control"), QByteArray("public, max-age=600"));
        QCOMPARE(first.header("Content-Type"), QByteArray("application/json"));
        const QByteArray etag = first.header("ETag");
        QVERIFY(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 20);

        const HttpAnswer again = m_client.get(url(QStringLiteral("/.well-known/jwks.json")), {{"If-None-Match", etag}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QCOMPARE(again.header("ETag"), etag);
        const HttpAnswer other =
            m_client.get(url(QStringLiteral("/.well-known/jwks.json")), {{"If-None-Match", "\"something-else\""}});
        QCOMPARE(other.status, 200);
    }

    // Keys added by another connection (the CLI, the GUI) are served at once; so is a retiring key's
    // departure at its time, with no write at all.
    void jwksFollowsChangesAndTime()
    {
        const QByteArray before = m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).body;
        {
            auto other = Workspace::open(m_fixture->location(), {}, Actor::Cli, m_fixture->clock);
            QVERIFY(other);
            QVERIFY((*other)->keys().generate(QStringLiteral("payments"), Algorithm::ES256, 0, KeyState::Next));
        }
        const HttpAnswer after = m_client.get(url(QStringLiteral("/.well-known/jwks.json")));
        QVERIFY(after.body != before);
        QCOMPARE(after.body, *ws().keys().jwks(QStringLiteral("payments")));
        QCOMPARE(json(after.body).find("keys")->items().size(), std::size_t(2));

        auto rotated = ws().keys().rotate(QStringLiteral("payments"));
        QVERIFY(rotated);
        const auto keysDuringOverlap = json(m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).body);
        QCOMPARE(keysDuringOverlap.find("keys")->items().size(), std::size_t(2)); // active + retiring
        m_fixture->clock.advance(3600 + 1);
        const auto keysAfter = json(m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).body);
        QCOMPARE(keysAfter.find("keys")->items().size(), std::size_t(1));
    }

    void discoveryNamesEveryEndpoint()
    {
        const HttpAnswer answer = m_client.get(url(QStringLiteral("/.well-known/openid-configuration")));
        QCOMPARE(answer.status, 200);
        const JsonValue document = json(answer.body);
        QCOMPARE(text(document, "issuer"), QStringLiteral("https://issuer.example"));
        QCOMPARE(text(document, "jwks_uri"), url(QStringLiteral("/.well-known/jwks.json")));
        QCOMPARE(text(document, "token_endpoint"), url(QStringLiteral("/oauth/token")));
        QCOMPARE(text(document, "introspection_endpoint"), url(QStringLiteral("/introspect")));
        QCOMPARE(document.find("id_token_signing_alg_values_supported")->items().front().asString(),
                 std::string("ES256"));
    }

    // A project without an issuer, or a server told to, uses the project's URL here: iss and the
    // discovery document agree, and the server's tokens verify against it.
    void issuerFromTheServerUrl()
    {
        m_server.reset();
        ServerOptions options;
        options.issuerFromUrl = true;
        startServer(options);
        const JsonValue document = json(m_client.get(url(QStringLiteral("/.well-known/openid-configuration"))).body);
        QCOMPARE(text(document, "issuer"), m_server->baseUrl() + QStringLiteral("/p/payments"));
        const HttpAnswer issued = token();
        QCOMPARE(issued.status, 200);
        const QString accessToken = text(json(issued.body), "access_token");
        QCOMPARE(text(json(me(accessToken).body), "iss"), m_server->baseUrl() + QStringLiteral("/p/payments"));
    }

    void clientCredentialsIssuesRecordedTokens()
    {
        const HttpAnswer answer = token(QStringLiteral("payments:read"));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("Cache-Control"), QByteArray("no-store"));
        const JsonValue body = json(answer.body);
        QCOMPARE(text(body, "token_type"), QStringLiteral("Bearer"));
        QCOMPARE(text(body, "scope"), QStringLiteral("payments:read"));
        QVERIFY(body.find("expires_in")->asInteger() > 0);
        const QString accessToken = text(body, "access_token");
        auto verified = ws().tokens().verify(QStringLiteral("payments"), accessToken.toStdString());
        QVERIFY(verified && verified->isAccepted());
        QCOMPARE(text(verified->report.claims(), "sub"), m_apiKey.record.id);
        QCOMPARE(text(verified->report.claims(), "client_id"), m_apiKey.record.id);
        // In the ledger (already when answered) and in the audit log, with the API key that asked.
        auto ledger = ws().tokens().list(QStringLiteral("payments"));
        QVERIFY(ledger && ledger->size() == 1);
        QCOMPARE(ledger->front().jti, text(verified->report.claims(), "jti"));
        auto events = ws().audit().list(QStringLiteral("payments"));
        QVERIFY(events && events->front().action == QStringLiteral("token.issue"));
        QVERIFY(events->front().details.contains(m_apiKey.record.id));
        // The server's event, also when the server runs in another actor's process (the console's).
        QCOMPARE(events->front().actor, QStringLiteral("server"));

        // No scope asked: all of the key's. Credentials in the body work too.
        const QByteArray posted = form({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                        {QStringLiteral("client_id"), m_apiKey.record.id},
                                        {QStringLiteral("client_secret"), m_apiKey.secret}});
        const HttpAnswer all = m_client.post(url(QStringLiteral("/oauth/token")), posted, kForm);
        QCOMPARE(all.status, 200);
        QCOMPARE(text(json(all.body), "scope"), QStringLiteral("payments:read payments:write"));
    }

    // Tokens are signed on worker threads: many clients at once each get their own token, signed
    // with iat = its ledger row's time and recorded before it is answered; pipelined requests on one
    // connection are answered in order.
    void concurrentTokenRequestsAreSignedAndRecorded()
    {
        const QByteArray body = "grant_type=client_credentials&scope=payments%3Aread";
        const QByteArray request = "POST /p/payments/oauth/token HTTP/1.1\r\nHost: localhost\r\nAuthorization: " +
                                   basic(m_apiKey.record.id, m_apiKey.secret) + "\r\nContent-Type: " + kForm +
                                   "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        const QByteArray keepAlive = request + "\r\n" + body;
        const QByteArray last = request + "Connection: close\r\n\r\n" + body;
        constexpr int kClients = 12;
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < kClients; ++i) {
            auto& socket = clients.emplace_back(std::make_unique<QTcpSocket>());
            socket->connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write(i == 0 ? keepAlive + last : last); // the first pipelines two requests
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(clients.begin(), clients.end(),
                        [](const auto& socket) { return socket->state() == QAbstractSocket::UnconnectedState; }),
            10000);

        QStringList jtis;
        QHash<QString, qint64> issuedAt; // by jti
        for (int i = 0; i < kClients; ++i) {
            const QByteArray answers = clients[i]->readAll();
            QCOMPARE(answers.count("HTTP/1.1 200 OK\r\n"), i == 0 ? 2 : 1);
            QStringList connectionJtis;
            for (qsizetype at = answers.indexOf("\r\n\r\n{"); at >= 0; at = answers.indexOf("\r\n\r\n{", at + 1)) {
                const qsizetype end = answers.indexOf('}', at);
                const JsonValue answer = json(answers.mid(at + 4, end - at - 3));
                auto verified =
                    ws().tokens().verify(QStringLiteral("payments"), text(answer, "access_token").toStdString());
                QVERIFY(verified && verified->isAccepted());
                const JsonValue& claims = verified->report.claims();
                connectionJtis.append(text(claims, "jti"));
                QVERIFY(claims.find("iat"));
                issuedAt.insert(connectionJtis.last(), claims.find("iat")->asInteger());
            }
            if (i == 0) {
                QCOMPARE(connectionJtis.size(), 2);
                QVERIFY2(connectionJtis[0] < connectionJtis[1], "pipelined answers out of order");
            }
            jtis += connectionJtis;
        }
        QCOMPARE(QSet<QString>(jtis.begin(), jtis.end()).size(), kClients + 1);
        // Every one answered was already in the ledger, with the token's own iat.
        auto ledger = ws().tokens().list(QStringLiteral("payments"));
        QVERIFY(ledger);
        QCOMPARE(ledger->size(), kClients + 1);
        for (const LedgerEntry& row : *ledger) {
            QVERIFY2(issuedAt.contains(row.jti), qPrintable(row.jti));
            QCOMPARE(issuedAt.value(row.jti), row.issuedAt);
        }
    }

    // The providers' own JWKS URLs, for projects that follow their profile: only the host changes in
    // the backend's jwksUri.
    void providerJwksUrls()
    {
        profiledProject("tc", "transcodes");
        profiledProject("sa", "stack-auth");
        const HttpAnswer standard = m_client.get(url(QStringLiteral("/.well-known/jwks.json"), QStringLiteral("tc")));
        QCOMPARE(standard.status, 200);
        const HttpAnswer transcodes = m_client.get(m_server->baseUrl() + QStringLiteral("/tc/jwks.json"));
        QCOMPARE(transcodes.status, 200);
        QCOMPARE(transcodes.body, standard.body);
        QVERIFY(text(json(transcodes.body).find("keys")->items().front(), "alg") == QStringLiteral("RS256"));
        const HttpAnswer stackAuth =
            m_client.get(m_server->baseUrl() + QStringLiteral("/api/v1/projects/sa/.well-known/jwks.json"));
        QCOMPARE(stackAuth.status, 200);
        QCOMPARE(text(json(stackAuth.body).find("keys")->items().front(), "alg"), QStringLiteral("ES256"));

        // Another profile's URL, or a project without a profile: 404 saying where its JWKS is.
        const HttpAnswer plain = m_client.get(m_server->baseUrl() + QStringLiteral("/payments/jwks.json"));
        QCOMPARE(plain.status, 404);
        QVERIFY(
            text(json(plain.body), "error_description").contains(QStringLiteral("/p/payments/.well-known/jwks.json")));
        QCOMPARE(m_client.get(m_server->baseUrl() + QStringLiteral("/api/v1/projects/tc/.well-known/jwks.json")).status,
                 404);
        QCOMPARE(m_client.get(m_server->baseUrl() + QStringLiteral("/nope/jwks.json")).status, 404);
        QCOMPARE(m_client.post(m_server->baseUrl() + QStringLiteral("/tc/jwks.json"), "{}", kJson).status, 405);
    }

    // Stack Auth's REST check: GET /api/v1/users/me with its four x-stack-* headers.
    // A token minted outside the server (the CLI, the console) for a project whose issuer comes from
    // {base} carries the running server's URL, not the default port, and passes the server's checks.
    void tokensMintedElsewhereCarryTheServersIssuer()
    {
        profiledProject("sa", "stack-auth");
        QVERIFY(!m_server->baseUrl().endsWith(QStringLiteral(":8707")));
        const QString served = m_server->baseUrl() + QStringLiteral("/api/v1/projects/sa");
        QCOMPARE(ws().projects().get(QStringLiteral("sa"))->issuer,
                 defaultServerBase() + QStringLiteral("/api/v1/projects/sa"));
        auto other = Workspace::open(m_fixture->location(), {}, Actor::Cli, m_fixture->clock);
        QVERIFY(other);
        QCOMPARE((*other)->projects().servedBase(), m_server->baseUrl());

        MintRequest mint;
        mint.projectId = QStringLiteral("sa");
        mint.subject = QStringLiteral("user-7");
        const Profile& stackAuth = **ProfileCatalog::builtIn().find(QStringLiteral("stack-auth"));
        QVERIFY(shapeMintRequest(**other, stackAuth, {}, false, mint));
        auto minted = (*other)->tokens().mintRecorded(mint);
        QVERIFY(minted);
        QCOMPARE(text(json(QByteArray::fromBase64(QByteArray::fromStdString(minted->token).split('.')[1],
                                                  QByteArray::Base64UrlEncoding)),
                      "iss"),
                 served);
        auto verified = (*other)->tokens().verify(QStringLiteral("sa"), minted->token);
        QVERIFY(verified && verified->isAccepted());

        auto serverKey = ws().apiKeys().create(QStringLiteral("sa"), QStringLiteral("server"), {});
        QVERIFY(serverKey);
        const HttpAnswer me = m_client.get(m_server->baseUrl() + QStringLiteral("/api/v1/users/me"),
                                           {{"x-stack-access-type", "server"},
                                            {"x-stack-project-id", "sa"},
                                            {"x-stack-secret-server-key", serverKey->secret.toLatin1()},
                                            {"x-stack-access-token", QByteArray::fromStdString(minted->token)}});
        QCOMPARE(me.status, 200);
    }

    void stackAuthUsersMe()
    {
        profiledProject("sa", "stack-auth");
        auto serverKey = ws().apiKeys().create(QStringLiteral("sa"), QStringLiteral("server"), {});
        QVERIFY(serverKey);
        MintRequest mint;
        mint.projectId = QStringLiteral("sa");
        mint.subject = QStringLiteral("user-1");
        mint.extraClaims.set("email", JsonValue::string("ada@example.com"));
        // The issuer follows the server's URL, as the profile's {base} says.
        mint.issuer = m_server->baseUrl() + QStringLiteral("/api/v1/projects/sa");
        auto minted = ws().tokens().mintRecorded(mint);
        QVERIFY(minted);
        const JsonValue index = json(m_client.get(m_server->baseUrl() + QStringLiteral("/")).body);
        const auto& listed = index.find("projects")->items();
        const auto sa = std::find_if(listed.begin(), listed.end(),
                                     [](const JsonValue& entry) { return text(entry, "id") == QStringLiteral("sa"); });
        QVERIFY(sa != listed.end());
        QCOMPARE(text(*sa, "profile"), QStringLiteral("stack-auth"));
        QCOMPARE(text(*sa, "issuer"), m_server->baseUrl() + QStringLiteral("/api/v1/projects/sa"));

        const QString usersMe = m_server->baseUrl() + QStringLiteral("/api/v1/users/me");
        HttpClient::Headers headers{{"x-stack-access-type", "server"},
                                    {"x-stack-project-id", "sa"},
                                    {"x-stack-secret-server-key", serverKey->secret.toLatin1()},
                                    {"x-stack-access-token", QByteArray::fromStdString(minted->token)}};
        const HttpAnswer ok = m_client.get(usersMe, headers);
        QCOMPARE(ok.status, 200);
        QCOMPARE(text(json(ok.body), "id"), QStringLiteral("user-1"));
        QCOMPARE(text(json(ok.body), "primary_email"), QStringLiteral("ada@example.com"));

        const auto without = [&](const QByteArray& header, const QByteArray& value = {}) {
            HttpClient::Headers changed;
            for (const auto& [name, old] : headers)
                changed.append({name, name == header ? value : old});
            return m_client.get(usersMe, changed);
        };
        const struct
        {
            QByteArray header, value;
            int status;
            const char* says;
        } refusals[] = {
            {"x-stack-access-type", "client", 401, "x-stack-access-type must be 'server'"},
            {"x-stack-project-id", "", 401, "x-stack-project-id is missing"},
            {"x-stack-project-id", "payments", 404, "does not follow the stack-auth profile"},
            {"x-stack-secret-server-key", "", 401, "x-stack-secret-server-key is missing"},
            {"x-stack-secret-server-key", "wrong", 401, "x-stack-secret-server-key: unknown API key"},
            {"x-stack-access-token", "", 401, "x-stack-access-token is missing"},
            {"x-stack-access-token", "not.a.token", 401, ""},
        };
        for (const auto& refusal : refusals) {
            const HttpAnswer answer = without(refusal.header, refusal.value);
            QCOMPARE(answer.status, refusal.status);
            QVERIFY2(text(json(answer.body), "error_description").contains(QString::fromUtf8(refusal.says)),
                     answer.body.constData());
        }
        // An expired access token is refused with the reason.
        m_fixture->clock.advance(3600);
        const HttpAnswer expired = m_client.get(usersMe, headers);
        QCOMPARE(expired.status, 401);
        QVERIFY2(text(json(expired.body), "error_description").contains(QStringLiteral("expired")),
                 expired.body.constData());
    }

    // VocalStack: the backend's generateToken, then the front end's request: good once, then used.
    void vocalStackClientTokens()
    {
        profiledProject("vs", "vocalstack");
        auto apiKey = ws().apiKeys().create(QStringLiteral("vs"), QStringLiteral("backend"), {});
        QVERIFY(apiKey);
        const QString tokenUrl = url(QStringLiteral("/vocalstack/token"), QStringLiteral("vs"));
        const QString checkUrl = url(QStringLiteral("/vocalstack/check"), QStringLiteral("vs"));
        const HttpClient::Headers backend{{"Authorization", "Bearer " + apiKey->secret.toLatin1()}};
        const HttpAnswer issued = m_client.post(tokenUrl, R"({"access":"readwrite","lifetime_s":60})", kJson, backend);
        QCOMPARE(issued.status, 200);
        const JsonValue body = json(issued.body);
        QCOMPARE(body.find("lifetime_s")->asInteger(), 60);
        QVERIFY(body.find("one_time")->asBool());
        QCOMPARE(text(body, "access"), QStringLiteral("readwrite"));
        const QByteArray bearer = "Bearer " + text(body, "token").toLatin1();
        const HttpAnswer first = m_client.get(checkUrl, {{"Authorization", bearer}});
        QCOMPARE(first.status, 200);
        QCOMPARE(text(json(first.body), "access"), QStringLiteral("readwrite"));
        const HttpAnswer second = m_client.get(checkUrl, {{"Authorization", bearer}});
        QCOMPARE(second.status, 401);
        QVERIFY(text(json(second.body), "error_description").startsWith(QStringLiteral("token already used")));

        // Defaults (readonly, 10 s), then expiry.
        const HttpAnswer defaults = m_client.post(tokenUrl, {}, {}, backend);
        QCOMPARE(defaults.status, 200);
        QCOMPARE(text(json(defaults.body), "access"), QStringLiteral("readonly"));
        QCOMPARE(json(defaults.body).find("lifetime_s")->asInteger(), 10);
        m_fixture->clock.advance(11);
        const HttpAnswer late =
            m_client.get(checkUrl, {{"Authorization", "Bearer " + text(json(defaults.body), "token").toLatin1()}});
        QCOMPARE(late.status, 401);
        QVERIFY(text(json(late.body), "error_description").startsWith(QStringLiteral("token expired")));

        // Broken rules and missing credentials are named; other projects have no such route.
        const HttpAnswer tooLong = m_client.post(tokenUrl, R"({"lifetime_s":121})", kJson, backend);
        QCOMPARE(tooLong.status, 400);
        QVERIFY(text(json(tooLong.body), "error_description").contains(QStringLiteral("lifetime_s is at most 120")));
        QCOMPARE(m_client.post(tokenUrl, R"({"access":"readonly,readwrite"})", kJson, backend).status, 400);
        QCOMPARE(m_client.post(tokenUrl, R"({"access":"readonly"})", kJson).status, 401);
        QCOMPARE(m_client.post(tokenUrl, R"({"access":"readonly"})", kJson, {{"Authorization", "Bearer nope"}}).status,
                 401);
        QCOMPARE(m_client.get(checkUrl).status, 401);
        QCOMPARE(m_client.post(url(QStringLiteral("/vocalstack/token")), "{}", kJson, backend).status, 404);
    }

    void clientCredentialsRefusals()
    {
        const HttpAnswer beyond = token(QStringLiteral("payments:admin"));
        QCOMPARE(beyond.status, 400);
        QCOMPARE(text(json(beyond.body), "error"), QStringLiteral("invalid_scope"));

        const HttpAnswer wrongSecret = token({}, basic(m_apiKey.record.id, QStringLiteral("nope")));
        QCOMPARE(wrongSecret.status, 401);
        QCOMPARE(text(json(wrongSecret.body), "error"), QStringLiteral("invalid_client"));
        QCOMPARE(wrongSecret.header("WWW-Authenticate"), QByteArray("Basic realm=\"signet\""));

        const HttpAnswer grant = m_client.post(url(QStringLiteral("/oauth/token")), "grant_type=password", kForm,
                                               {{"Authorization", basic(m_apiKey.record.id, m_apiKey.secret)}});
        QCOMPARE(grant.status, 400);
        QCOMPARE(text(json(grant.body), "error"), QStringLiteral("unsupported_grant_type"));

        // A key of another project is no client of this one.
        Project other;
        other.id = QStringLiteral("other");
        QVERIFY(ws().projects().create(other));
        QVERIFY(ws().keys().generate(QStringLiteral("other"), Algorithm::ES256));
        auto foreign = ws().apiKeys().create(QStringLiteral("other"), QStringLiteral("x"), {});
        QVERIFY(foreign);
        QCOMPARE(token({}, basic(foreign->record.id, foreign->secret)).status, 401);

        QVERIFY(ws().apiKeys().revoke(QStringLiteral("payments"), m_apiKey.record.id));
        const HttpAnswer revoked = token();
        QCOMPARE(revoked.status, 401);
        QVERIFY(text(json(revoked.body), "error_description").contains(QStringLiteral("revoked")));
        QVERIFY(ws().tokens().list(QStringLiteral("payments"))->isEmpty());
    }

    // api.video's session: access and refresh tokens; refresh rotates, reuse revokes the family.
    void sessionRefreshRotatesAndReuseRevokes()
    {
        const HttpAnswer started = session();
        QCOMPARE(started.status, 200);
        const JsonValue first = json(started.body);
        QCOMPARE(text(first, "token_type"), QStringLiteral("Bearer"));
        QCOMPARE(first.find("expires_in")->asInteger(), 15 * 60);
        QCOMPARE(me(text(first, "access_token")).status, 200);

        const QByteArray refreshBody = "{\"refreshToken\":\"" + text(first, "refresh_token").toLatin1() + "\"}";
        const HttpAnswer refreshed = m_client.post(url(QStringLiteral("/auth/refresh")), refreshBody, kJson);
        QCOMPARE(refreshed.status, 200);
        const JsonValue second = json(refreshed.body);
        QVERIFY(text(second, "refresh_token") != text(first, "refresh_token"));
        QCOMPARE(me(text(second, "access_token")).status, 200);

        const HttpAnswer reused = m_client.post(url(QStringLiteral("/auth/refresh")), refreshBody, kJson);
        QCOMPARE(reused.status, 400);
        QCOMPARE(text(json(reused.body), "error"), QStringLiteral("invalid_grant"));
        QVERIFY(text(json(reused.body), "error_description").contains(QStringLiteral("already used")));
        // The whole family: the newest pair too.
        const HttpAnswer revoked = me(text(second, "access_token"));
        QCOMPARE(revoked.status, 401);
        QVERIFY(revoked.header("WWW-Authenticate").contains("the session was revoked at"));
        const QByteArray newest = "{\"refreshToken\":\"" + text(second, "refresh_token").toLatin1() + "\"}";
        QCOMPARE(m_client.post(url(QStringLiteral("/auth/refresh")), newest, kJson).status, 400);
        auto events = ws().audit().list(QStringLiteral("payments"));
        QVERIFY(std::any_of(events->begin(), events->end(),
                            [](const AuditEvent& event) { return event.action == QStringLiteral("session.revoke"); }));

        const HttpAnswer unknown =
            m_client.post(url(QStringLiteral("/auth/refresh")), "{\"refreshToken\":\"rt_x\"}", kJson);
        QCOMPARE(unknown.status, 400);
        QCOMPARE(text(json(unknown.body), "error_description"), QStringLiteral("unknown refresh token"));
        const HttpAnswer wrongKey =
            m_client.post(url(QStringLiteral("/auth/api-key")), "{\"apiKey\":\"not-a-secret\"}", kJson);
        QCOMPARE(wrongKey.status, 401);
    }

    // /me says why a token is refused, in WWW-Authenticate too (a client's refresh-on-401 logic).
    void meExplainsRefusals()
    {
        const QString accessToken = text(json(session().body), "access_token");
        const HttpAnswer none = m_client.get(url(QStringLiteral("/me")));
        QCOMPARE(none.status, 401);
        QCOMPARE(none.header("WWW-Authenticate"), QByteArray("Bearer realm=\"signet\""));

        QString tampered = accessToken;
        tampered[tampered.size() - 5] =
            tampered[tampered.size() - 5] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        const HttpAnswer bad = me(tampered);
        QCOMPARE(bad.status, 401);
        QVERIFY2(bad.header("WWW-Authenticate").startsWith("Bearer realm=\"signet\", error=\"invalid_token\""),
                 bad.header("WWW-Authenticate").constData());
        QVERIFY(bad.header("WWW-Authenticate").contains("signature"));

        m_fixture->clock.advance(15 * 60 + 1);
        const HttpAnswer expired = me(accessToken);
        QCOMPARE(expired.status, 401);
        QVERIFY2(expired.header("WWW-Authenticate").contains("expired"),
                 expired.header("WWW-Authenticate").constData());
    }

    // RFC 7662, with an API key: a one-time token is active exactly once.
    void introspectionUsesUpOneTimeTokens()
    {
        MintRequest request;
        request.projectId = QStringLiteral("payments");
        request.subject = QStringLiteral("user-1");
        request.oneTime = true;
        auto minted = ws().tokens().mintRecorded(request);
        QVERIFY(minted);
        const QByteArray body = form({{QStringLiteral("token"), QString::fromStdString(minted->token)}});
        const HttpClient::Headers authorization{{"Authorization", basic(m_apiKey.record.id, m_apiKey.secret)}};
        const HttpAnswer first = m_client.post(url(QStringLiteral("/introspect")), body, kForm, authorization);
        QCOMPARE(first.status, 200);
        QCOMPARE(json(first.body).find("active")->asBool(), true);
        QCOMPARE(text(json(first.body), "sub"), QStringLiteral("user-1"));
        auto events = ws().audit().list(QStringLiteral("payments"));
        QVERIFY(events && events->front().action == QStringLiteral("token.consume"));
        QCOMPARE(events->front().details, QStringLiteral("introspected by API key ") + m_apiKey.record.id);
        const HttpAnswer second = m_client.post(url(QStringLiteral("/introspect")), body, kForm, authorization);
        QCOMPARE(second.body, QByteArray("{\"active\":false}"));

        const HttpAnswer anonymous = m_client.post(url(QStringLiteral("/introspect")), body, kForm);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.header("WWW-Authenticate"), QByteArray("Basic realm=\"signet\""));

        // A token that is not one-time stays active.
        const QString reusable = text(json(token().body), "access_token");
        const QByteArray reusableBody = form({{QStringLiteral("token"), reusable}});
        for (int i = 0; i < 2; ++i)
            QCOMPARE(json(m_client.post(url(QStringLiteral("/introspect")), reusableBody, kForm, authorization).body)
                         .find("active")
                         ->asBool(),
                     true);
    }

    void badRequestsAreJsonErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::newRow("malformed JSON") << QByteArray("POST") << QStringLiteral("/p/payments/auth/api-key")
                                        << QByteArray("{\"apiKey\":") << kJson << 400
                                        << QStringLiteral("invalid_request");
        QTest::newRow("JSON not an object") << QByteArray("POST") << QStringLiteral("/p/payments/auth/api-key")
                                            << QByteArray("[1]") << kJson << 400 << QStringLiteral("invalid_request");
        QTest::newRow("apiKey not a string")
            << QByteArray("POST") << QStringLiteral("/p/payments/auth/api-key") << QByteArray("{\"apiKey\":5}") << kJson
            << 400 << QStringLiteral("invalid_request");
        QTest::newRow("wrong content type")
            << QByteArray("POST") << QStringLiteral("/p/payments/auth/api-key") << QByteArray("{}")
            << QByteArray("text/plain") << 415 << QStringLiteral("invalid_request");
        QTest::newRow("form wanted") << QByteArray("POST") << QStringLiteral("/p/payments/oauth/token")
                                     << QByteArray("{}") << kJson << 415 << QStringLiteral("invalid_request");
        QTest::newRow("parameter twice") << QByteArray("POST") << QStringLiteral("/p/payments/oauth/token")
                                         << QByteArray("grant_type=client_credentials&grant_type=x") << kForm << 400
                                         << QStringLiteral("invalid_request");
        QTest::newRow("body over 64 KiB")
            << QByteArray("POST") << QStringLiteral("/p/payments/auth/api-key") << QByteArray(70000, 'x') << kJson
            << 413 << QStringLiteral("invalid_request");
        QTest::newRow("unknown project") << QByteArray("GET") << QStringLiteral("/p/nope/.well-known/jwks.json")
                                         << QByteArray() << QByteArray() << 404 << QStringLiteral("not_found");
        QTest::newRow("unknown project, token")
            << QByteArray("POST") << QStringLiteral("/p/nope/oauth/token")
            << QByteArray("grant_type=client_credentials") << kForm << 404 << QStringLiteral("not_found");
        QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/p/payments/admin") << QByteArray()
                                      << QByteArray() << 404 << QStringLiteral("not_found");
        QTest::newRow("wrong method") << QByteArray("DELETE") << QStringLiteral("/p/payments/.well-known/jwks.json")
                                      << QByteArray() << QByteArray() << 405 << QStringLiteral("invalid_request");
        QTest::newRow("GET on the token endpoint")
            << QByteArray("GET") << QStringLiteral("/p/payments/oauth/token") << QByteArray() << QByteArray() << 405
            << QStringLiteral("invalid_request");
    }
    void badRequestsAreJsonErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, endpoint);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, error);
        HttpClient::Headers headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        const HttpAnswer answer = m_client.send(method, m_server->baseUrl() + endpoint, body, headers);
        QCOMPARE(answer.status, status);
        QCOMPARE(text(json(answer.body), "error"), error);
        QVERIFY(!text(json(answer.body), "error_description").isEmpty());
        // The server keeps serving.
        QCOMPARE(m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).status, 200);
    }

    void faultSwitches()
    {
        ServerFaults faults;
        faults.jwksFails = true;
        m_server->setFaults(faults);
        QCOMPARE(m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).status, 500);

        // Stale: as before the last rotation, without the key it activated.
        QVERIFY(ws().keys().rotate(QStringLiteral("payments")));
        const QString active = ws().keys().activeSigningKey(QStringLiteral("payments"))->kid();
        faults.jwksFails = false;
        faults.staleJwks = true;
        m_server->setFaults(faults);
        const QByteArray stale = m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).body;
        QVERIFY(!stale.contains(active.toLatin1()));
        QCOMPARE(json(stale).find("keys")->items().size(), std::size_t(1));

        faults.staleJwks = false;
        faults.latency = std::chrono::milliseconds(150);
        m_server->setFaults(faults);
        QElapsedTimer timer;
        timer.start();
        const HttpAnswer slow = m_client.get(url(QStringLiteral("/.well-known/jwks.json")));
        QCOMPARE(slow.status, 200);
        QVERIFY(slow.body.contains(active.toLatin1()));
        QVERIFY(timer.elapsed() >= 150);
    }

    void listensOnLoopbackUnlessAllowed()
    {
        ServerOptions options;
        options.address = QHostAddress(QStringLiteral("0.0.0.0"));
        options.port = 0;
        LocalServer remote(ws(), options, m_fixture->clock);
        const Status refused = remote.start();
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("--allow-remote")));

        ServerOptions taken;
        taken.port = m_server->port();
        LocalServer second(ws(), taken, m_fixture->clock);
        const Status inUse = second.start();
        QVERIFY(!inUse);
        QVERIFY2(inUse.error().message.contains(QString::number(m_server->port())), qPrintable(inUse.error().message));
    }

    // A connection that never finishes its request, or stays idle after its answer, is closed after
    // the idle timeout; the server answers others meanwhile.
    void idleConnectionsAreClosed()
    {
        m_server.reset();
        ServerOptions options;
        options.idleTimeout = std::chrono::milliseconds(300);
        startServer(options);
        QTcpSocket halfSent;
        halfSent.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(halfSent.waitForConnected(3000));
        halfSent.write("GET /p/payments/.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n");
        QTcpSocket keptAlive;
        keptAlive.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(keptAlive.waitForConnected(3000));
        keptAlive.write("GET /p/payments/.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += keptAlive.readAll()).contains("\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK"), answer.left(200).constData());
        QCOMPARE(m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(halfSent.state(), QAbstractSocket::UnconnectedState, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(keptAlive.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(m_client.get(url(QStringLiteral("/.well-known/jwks.json"))).status, 200);
    }

    void servesHttpsWithTheGivenCertificate()
    {
        m_server.reset();
        ServerOptions options;
        options.tlsCertificate = QStringLiteral(SIGNET_TLS_TEST_DATA "/localhost.crt");
        options.tlsKey = QStringLiteral(SIGNET_TLS_TEST_DATA "/localhost.key");
        startServer(options);
        QVERIFY(m_server->baseUrl().startsWith(QStringLiteral("https://127.0.0.1:")));
        QFile certificate(options.tlsCertificate);
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        m_client.trust(QString::fromLatin1(certificate.readAll()));
        const HttpAnswer answer = m_client.get(url(QStringLiteral("/.well-known/jwks.json")));
        QVERIFY2(answer.status == 200, qPrintable(answer.error));
        QCOMPARE(answer.body, *ws().keys().jwks(QStringLiteral("payments")));

        ServerOptions broken;
        broken.port = 0;
        broken.tlsCertificate = options.tlsCertificate;
        broken.tlsKey = options.tlsCertificate; // no key in there
        LocalServer refused(ws(), broken, m_fixture->clock);
        const Status started = refused.start();
        QVERIFY(!started);
        QVERIFY(started.error().message.contains(QStringLiteral("private key")));
    }
};

QTEST_GUILESS_MAIN(ServerTest)
#include "tst_server.moc"
