// The verification code the providers document, run unchanged in spirit against a running
// `signet-cli serve` over loopback: Transcodes' jsonwebtoken + jwks-rsa (RS256 with the issuer),
// Stack Auth's jose createRemoteJWKSet and PyJWT PyJWKClient (ES256 with the project id as audience),
// for tokens minted by `token mint -p` and issued by the server's own endpoints. Also: a key rotation
// while serving, seen by a long-running verifier with a cached JWKS (counted in serve's request log),
// and the --fail-jwks and --stale-jwks faults as a verifier meets them.
// Node, tests/interop/node's packages and PyJWT come from ./dev deps: without them the test fails.

#include "HttpProbe.h"
#include "ServeProcess.h"
#include "ServerFixture.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>

using namespace Signet::Test;

namespace {

enum class Verifier
{
    Transcodes,
    StackAuthJose,
    StackAuthPyJwt
};
enum class Source
{
    Mint,
    ClientCredentialsBasic,
    ClientCredentialsForm,
    ApiKeySession
};

struct ProjectSetup
{
    QString issuer;
    QString audience;
    QString alg;
    ApiKey apiKey;
};

const QString kTranscodesIssuer = QStringLiteral("https://api.transcodes.example");

// One long-running verifier: a token written as a line, its verdict read back as a line. Killed on
// destruction, so a failing test leaves no node behind.
class VerifierProcess
{
public:
    ~VerifierProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool start(const QString& program, const QStringList& arguments)
    {
        m_process.setWorkingDirectory(QStringLiteral(SIGNET_NODE_DIR));
        m_process.start(program, arguments);
        return m_process.waitForStarted(10000);
    }
    QJsonObject verify(const QString& token, int timeoutMs = 20000)
    {
        m_process.write(token.toUtf8() + '\n');
        QDeadlineTimer deadline(timeoutMs);
        while (!m_process.canReadLine() && !deadline.hasExpired() && m_process.state() == QProcess::Running)
            m_process.waitForReadyRead(100);
        if (!m_process.canReadLine())
            return {{QStringLiteral("valid"), false},
                    {QStringLiteral("code"), QStringLiteral("no verdict")},
                    {QStringLiteral("error"), QString::fromUtf8(m_process.readAllStandardError())}};
        return QJsonDocument::fromJson(m_process.readLine()).object();
    }

private:
    QProcess m_process;
};

QString describe(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class TestServerInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void providersVerifyServedTokens_data();
    void providersVerifyServedTokens();
    void providersRefuseBadTokens_data();
    void providersRefuseBadTokens();
    void transcodesChecksTheIssuer();

    void rotationWhileServing();
    void failingJwksRefusesEveryToken();

private:
    // The program and arguments that run this verifier against a project's served JWKS.
    QStringList verifierCommand(Verifier verifier, const QString& project, const QString& jwksUrl) const;
    Verdicts runVerifier(Verifier verifier, const QString& project, const QStringList& tokens);
    // A token from the source, and the subject it must carry.
    std::pair<QString, QString> issue(Source source, const QString& project);
    HttpAnswer post(const QString& path, const HttpHeaders& headers, const QByteArray& body);
    // Waits until serve has logged every request made before this call (a 404 probe with a unique path).
    bool syncLog(const QString& project);

    ServerFixture m_fixture;
    ServeProcess m_serve;
    QMap<QString, ProjectSetup> m_projects;
    int m_probes = 0;
};

void TestServerInterop::initTestCase()
{
    if (const QString missing = ServerFixture::missingTools(); !missing.isEmpty())
        QFAIL(qPrintable(missing));
    QVERIFY2(m_fixture.isValid(), qPrintable(m_fixture.error()));

    QVERIFY(m_fixture.createProject(QStringLiteral("transcodes"), QStringLiteral("RS256"),
                                    {QStringLiteral("--issuer"), kTranscodesIssuer}));
    QVERIFY(m_fixture.createProject(QStringLiteral("stack"), QStringLiteral("ES256")));
    QVERIFY(m_fixture.createProject(QStringLiteral("rotating"), QStringLiteral("RS256")));
    // Tokens signed by keys of the same algorithm that the verified project does not publish.
    QVERIFY(m_fixture.createProject(QStringLiteral("other-rs256"), QStringLiteral("RS256")));
    QVERIFY(m_fixture.createProject(QStringLiteral("other-es256"), QStringLiteral("ES256")));
    m_projects[QStringLiteral("transcodes")] = {
        kTranscodesIssuer, QStringLiteral("transcodes"), QStringLiteral("RS256"), {}};
    m_projects[QStringLiteral("stack")] = {
        QStringLiteral("https://signet.local/p/stack"), QStringLiteral("stack"), QStringLiteral("ES256"), {}};
    for (auto it = m_projects.begin(); it != m_projects.end(); ++it) {
        it->apiKey = m_fixture.createApiKey(it.key(), QStringLiteral("backend"), QStringLiteral("read,write"));
        QVERIFY2(!it->apiKey.secret.isEmpty(), qPrintable(m_fixture.error()));
    }
    QVERIFY2(m_serve.start(m_fixture.workspace()), qPrintable(m_serve.error()));
    qInfo("serving at %s", qPrintable(m_serve.baseUrl()));
}

void TestServerInterop::cleanupTestCase()
{
    if (m_serve.port() == 0)
        return; // never started: initTestCase has said why
    QVERIFY2(m_serve.stop(), qPrintable(m_serve.transcript()));
    QVERIFY(m_serve.lines().contains(QStringLiteral("stopped")));
}

QStringList TestServerInterop::verifierCommand(Verifier verifier, const QString& project, const QString& jwksUrl) const
{
    const ProjectSetup& setup = m_projects[project];
    switch (verifier) {
    case Verifier::Transcodes:
        return {ServerFixture::node(),        ServerFixture::nodeScript(QStringLiteral("transcodes.cjs")),
                QStringLiteral("--jwks-uri"), jwksUrl,
                QStringLiteral("--issuer"),   setup.issuer};
    case Verifier::StackAuthJose:
        return {ServerFixture::node(),        ServerFixture::nodeScript(QStringLiteral("stack-auth.mjs")),
                QStringLiteral("--jwks-url"), jwksUrl,
                QStringLiteral("--audience"), setup.audience,
                QStringLiteral("--alg"),      setup.alg};
    case Verifier::StackAuthPyJwt:
        return {ServerFixture::python(),      ServerFixture::pythonScript(QStringLiteral("stack_auth.py")),
                QStringLiteral("--jwks-url"), jwksUrl,
                QStringLiteral("--audience"), setup.audience,
                QStringLiteral("--alg"),      setup.alg};
    }
    return {};
}

Verdicts TestServerInterop::runVerifier(Verifier verifier, const QString& project, const QStringList& tokens)
{
    const QStringList command = verifierCommand(verifier, project, m_serve.jwksUrl(project));
    return ServerFixture::verify(command.first(), command.mid(1), tokens);
}

HttpAnswer TestServerInterop::post(const QString& path, const HttpHeaders& headers, const QByteArray& body)
{
    return httpExchange(m_serve.port(), httpRequest("POST", path.toUtf8(), headers, body));
}

std::pair<QString, QString> TestServerInterop::issue(Source source, const QString& project)
{
    const ApiKey& key = m_projects[project].apiKey;
    const QString base = QStringLiteral("/p/") + project;
    const HttpHeaders form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    HttpAnswer answer;
    switch (source) {
    case Source::Mint:
        return {m_fixture.mint(project, {QStringLiteral("--sub"), QStringLiteral("alice")}), QStringLiteral("alice")};
    case Source::ClientCredentialsBasic:
        answer = post(base + QStringLiteral("/oauth/token"),
                      form + HttpHeaders{{"Authorization", basicAuthorization(key.id, key.secret)}},
                      formEncode({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                  {QStringLiteral("scope"), QStringLiteral("read")}}));
        break;
    case Source::ClientCredentialsForm:
        answer = post(base + QStringLiteral("/oauth/token"), form,
                      formEncode({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                  {QStringLiteral("client_id"), key.id},
                                  {QStringLiteral("client_secret"), key.secret},
                                  {QStringLiteral("scope"), QStringLiteral("read")}}));
        break;
    case Source::ApiKeySession:
        answer = post(base + QStringLiteral("/auth/api-key"), {{"Content-Type", "application/json"}},
                      QJsonDocument(QJsonObject{{QStringLiteral("apiKey"), key.secret}}).toJson());
        break;
    }
    if (answer.status != 200)
        qWarning("%s", qPrintable(answer.describe()));
    return {answer.json().value(QStringLiteral("access_token")).toString(), key.id};
}

bool TestServerInterop::syncLog(const QString& project)
{
    const QString path = QStringLiteral("/p/%1/log-probe-%2").arg(project).arg(++m_probes);
    const HttpAnswer probe = httpExchange(m_serve.port(), httpRequest("GET", path.toUtf8()));
    if (probe.status != 404)
        return false;
    const QString logged = QStringLiteral(" GET ") + path + QStringLiteral(" 404 ");
    return m_serve.waitForLine([&logged](const QString& line) { return line.contains(logged); });
}

void TestServerInterop::providersVerifyServedTokens_data()
{
    QTest::addColumn<Verifier>("verifier");
    QTest::addColumn<QString>("project");
    QTest::addColumn<Source>("source");
    const struct
    {
        const char* name;
        Verifier verifier;
        const char* project;
    } verifiers[] = {
        {"Transcodes jsonwebtoken+jwks-rsa RS256", Verifier::Transcodes, "transcodes"},
        {"Stack Auth jose ES256", Verifier::StackAuthJose, "stack"},
        {"Stack Auth PyJWT ES256", Verifier::StackAuthPyJwt, "stack"},
        {"jose createRemoteJWKSet RS256", Verifier::StackAuthJose, "transcodes"},
        {"PyJWT PyJWKClient RS256", Verifier::StackAuthPyJwt, "transcodes"},
    };
    const struct
    {
        const char* name;
        Source source;
    } sources[] = {{"token mint -p", Source::Mint},
                   {"oauth/token Basic", Source::ClientCredentialsBasic},
                   {"oauth/token form", Source::ClientCredentialsForm},
                   {"auth/api-key", Source::ApiKeySession}};
    for (const auto& verifier : verifiers) {
        for (const auto& source : sources)
            QTest::addRow("%s, %s", verifier.name, source.name)
                << verifier.verifier << QString::fromLatin1(verifier.project) << source.source;
    }
}

void TestServerInterop::providersVerifyServedTokens()
{
    QFETCH(Verifier, verifier);
    QFETCH(QString, project);
    QFETCH(Source, source);
    const ProjectSetup& setup = m_projects[project];
    const auto [token, subject] = issue(source, project);
    QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error() + m_serve.transcript()));
    const int fetchesBefore =
        m_serve.countRequests(QStringLiteral("GET"), QStringLiteral("/p/%1/.well-known/jwks.json").arg(project));

    const Verdicts verdicts = runVerifier(verifier, project, {token});
    SIGNET_EXPECT_SUCCESS(verdicts.run);
    QCOMPARE(verdicts.lines.size(), 1);
    const QJsonObject& verdict = verdicts.lines.first();
    QVERIFY2(verdict.value(QStringLiteral("valid")).toBool(), qPrintable(describe(verdict)));
    const QJsonObject header = verdict.value(QStringLiteral("header")).toObject();
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), setup.alg);
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), m_fixture.activeKid(project));
    const QJsonObject payload = verdict.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("iss")).toString(), setup.issuer);
    QCOMPARE(payload.value(QStringLiteral("aud")).toString(), setup.audience);
    QCOMPARE(payload.value(QStringLiteral("sub")).toString(), subject);
    if (source == Source::ClientCredentialsBasic || source == Source::ClientCredentialsForm) {
        QCOMPARE(payload.value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
        QCOMPARE(payload.value(QStringLiteral("client_id")).toString(), setup.apiKey.id);
    }
    if (source == Source::ApiKeySession)
        QVERIFY(payload.value(QStringLiteral("sid")).toString().startsWith(QStringLiteral("sf_")));

    // The key came from the served URL: serve logged the verifier's GET.
    QVERIFY(syncLog(project));
    QVERIFY(m_serve.countRequests(QStringLiteral("GET"), QStringLiteral("/p/%1/.well-known/jwks.json").arg(project)) >
            fetchesBefore);
}

void TestServerInterop::providersRefuseBadTokens_data()
{
    QTest::addColumn<Verifier>("verifier");
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("otherProject");
    // The verdict's code for: a tampered payload, a token of another project (its kid unknown here),
    // an HS256 token signed with the project's API key secret, a token for another audience.
    QTest::addColumn<QStringList>("codes");
    QTest::newRow("Transcodes jsonwebtoken+jwks-rsa RS256")
        << Verifier::Transcodes << QStringLiteral("transcodes") << QStringLiteral("other-rs256")
        << QStringList{QStringLiteral("JsonWebTokenError: invalid signature"),
                       QStringLiteral("JsonWebTokenError: error in secret or public key callback: Unable to find a "
                                      "signing key"),
                       QStringLiteral("JsonWebTokenError: error in secret or public key callback: Unable to find a "
                                      "signing key"),
                       QString()}; // the documented snippet checks no audience: see transcodesChecksTheIssuer
    QTest::newRow("Stack Auth jose ES256")
        << Verifier::StackAuthJose << QStringLiteral("stack") << QStringLiteral("other-es256")
        << QStringList{QStringLiteral("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"),
                       QStringLiteral("ERR_JWKS_NO_MATCHING_KEY"), QStringLiteral("ERR_JOSE_ALG_NOT_ALLOWED"),
                       QStringLiteral("ERR_JWT_CLAIM_VALIDATION_FAILED: unexpected \"aud\" claim value")};
    QTest::newRow("Stack Auth PyJWT ES256")
        << Verifier::StackAuthPyJwt << QStringLiteral("stack") << QStringLiteral("other-es256")
        << QStringList{QStringLiteral("InvalidSignatureError"),
                       QStringLiteral("PyJWKClientError: Unable to find a signing key"),
                       QStringLiteral("PyJWKClientError: Unable to find a signing key"),
                       QStringLiteral("InvalidAudienceError")};
}

void TestServerInterop::providersRefuseBadTokens()
{
    QFETCH(Verifier, verifier);
    QFETCH(QString, project);
    QFETCH(QString, otherProject);
    QFETCH(QStringList, codes);
    const QString good = m_fixture.mint(project, {QStringLiteral("--sub"), QStringLiteral("alice")});
    const QStringList bad = {
        tamperPayload(good),
        m_fixture.mint(otherProject),
        m_fixture.mint(project, {QStringLiteral("--api-key"), m_projects[project].apiKey.id}),
        m_fixture.mint(project, {QStringLiteral("--aud"), QStringLiteral("someone-else")}),
    };
    for (const QString& token : bad)
        QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));

    // The good token last: a verifier that refused four tokens still accepts the next good one.
    const Verdicts verdicts = runVerifier(verifier, project, bad + QStringList{good});
    SIGNET_EXPECT_SUCCESS(verdicts.run);
    QCOMPARE(verdicts.lines.size(), bad.size() + 1);
    for (qsizetype i = 0; i < bad.size(); ++i) {
        const QJsonObject& verdict = verdicts.lines.at(i);
        if (codes.at(i).isEmpty())
            continue;
        QVERIFY2(!verdict.value(QStringLiteral("valid")).toBool(true),
                 qPrintable(QStringLiteral("token %1 was accepted: %2").arg(i).arg(describe(verdict))));
        const QString said = verdict.value(QStringLiteral("code")).toString() + QStringLiteral(": ") +
                             verdict.value(QStringLiteral("error")).toString();
        QVERIFY2(said.startsWith(codes.at(i)), qPrintable(QStringLiteral("token %1: %2").arg(i).arg(said)));
    }
    QVERIFY2(verdicts.lines.last().value(QStringLiteral("valid")).toBool(),
             qPrintable(describe(verdicts.lines.last())));
}

void TestServerInterop::transcodesChecksTheIssuer()
{
    const QString token = m_fixture.mint(QStringLiteral("transcodes"));
    QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
    QStringList command = verifierCommand(Verifier::Transcodes, QStringLiteral("transcodes"),
                                          m_serve.jwksUrl(QStringLiteral("transcodes")));
    command.last() = QStringLiteral("https://api.transcodes.io");
    const Verdicts verdicts = ServerFixture::verify(command.first(), command.mid(1), {token});
    SIGNET_EXPECT_SUCCESS(verdicts.run);
    QCOMPARE(verdicts.lines.size(), 1);
    QCOMPARE(verdicts.lines.first().value(QStringLiteral("valid")).toBool(true), false);
    QVERIFY2(verdicts.lines.first()
                 .value(QStringLiteral("error"))
                 .toString()
                 .startsWith(QStringLiteral("jwt issuer invalid")),
             qPrintable(describe(verdicts.lines.first())));
}

void TestServerInterop::rotationWhileServing()
{
    const QString project = QStringLiteral("rotating");
    m_projects[project] = {QStringLiteral("https://signet.local/p/rotating"), project, QStringLiteral("RS256"), {}};
    const QString jwksPath = QStringLiteral("/p/rotating/.well-known/jwks.json");
    int ownFetches = 0; // the test's own JWKS GETs, told apart from the verifier's
    auto verifierFetches = [&] { return m_serve.countRequests(QStringLiteral("GET"), jwksPath) - ownFetches; };

    const QString oldKid = m_fixture.activeKid(project);
    const QStringList oldTokens = {m_fixture.mint(project, {QStringLiteral("--sub"), QStringLiteral("before-1")}),
                                   m_fixture.mint(project, {QStringLiteral("--sub"), QStringLiteral("before-2")})};
    QVERIFY2(!oldKid.isEmpty() && !oldTokens.contains(QString()), qPrintable(m_fixture.error()));

    VerifierProcess backend;
    const QStringList command = verifierCommand(Verifier::Transcodes, project, m_serve.jwksUrl(project));
    QVERIFY(backend.start(command.first(), command.mid(1)));
    QJsonObject verdict = backend.verify(oldTokens.at(0));
    QVERIFY2(verdict.value(QStringLiteral("valid")).toBool(), qPrintable(describe(verdict)));
    QVERIFY(syncLog(project));
    QCOMPARE(verifierFetches(), 1);

    // Rotate in another process while serving; wait (polling) until the server serves the new key.
    SIGNET_EXPECT_SUCCESS(
        m_fixture.cli({QStringLiteral("key"), QStringLiteral("rotate"), QStringLiteral("-p"), project}));
    const QString newKid = m_fixture.activeKid(project);
    QVERIFY(!newKid.isEmpty() && newKid != oldKid);
    QByteArray served;
    QDeadlineTimer deadline(10000);
    while (!served.contains(newKid.toUtf8()) && !deadline.hasExpired()) {
        if (ownFetches > 0)
            QTest::qWait(50);
        served = httpExchange(m_serve.port(), httpRequest("GET", jwksPath.toUtf8())).body;
        ++ownFetches;
    }
    QVERIFY2(served.contains(newKid.toUtf8()), served.constData());
    QVERIFY2(served.contains(oldKid.toUtf8()), "the retiring key stays published through the overlap");
    QCOMPARE(served, m_fixture.jwksExport(project));

    // The cached JWKS keeps verifying old tokens: no refetch.
    for (const QString& token : oldTokens) {
        verdict = backend.verify(token);
        QVERIFY2(verdict.value(QStringLiteral("valid")).toBool(), qPrintable(describe(verdict)));
        QCOMPARE(verdict[QStringLiteral("header")][QStringLiteral("kid")].toString(), oldKid);
    }
    QVERIFY(syncLog(project));
    QCOMPARE(verifierFetches(), 1);

    // A token from the new key: one refetch, then it passes; after that, both keys without fetching.
    const QString newToken = m_fixture.mint(project, {QStringLiteral("--sub"), QStringLiteral("after")});
    QVERIFY2(!newToken.isEmpty(), qPrintable(m_fixture.error()));
    verdict = backend.verify(newToken);
    QVERIFY2(verdict.value(QStringLiteral("valid")).toBool(), qPrintable(describe(verdict)));
    QCOMPARE(verdict[QStringLiteral("header")][QStringLiteral("kid")].toString(), newKid);
    QVERIFY(syncLog(project));
    QCOMPARE(verifierFetches(), 2);
    for (const QString& token : oldTokens + QStringList{newToken, newToken}) {
        verdict = backend.verify(token);
        QVERIFY2(verdict.value(QStringLiteral("valid")).toBool(), qPrintable(describe(verdict)));
    }
    QVERIFY(syncLog(project));
    QCOMPARE(verifierFetches(), 2);

    // --stale-jwks serves the set from before the rotation: a fresh verifier there refuses the new
    // key's token and still accepts the old ones.
    ServeProcess stale;
    QVERIFY2(stale.start(m_fixture.workspace(), {QStringLiteral("--stale-jwks")}), qPrintable(stale.error()));
    const QStringList staleCommand = verifierCommand(Verifier::Transcodes, project, stale.jwksUrl(project));
    const Verdicts staleVerdicts =
        ServerFixture::verify(staleCommand.first(), staleCommand.mid(1), {newToken, oldTokens.at(0)});
    SIGNET_EXPECT_SUCCESS(staleVerdicts.run);
    QCOMPARE(staleVerdicts.lines.size(), 2);
    QVERIFY2(!staleVerdicts.lines.at(0).value(QStringLiteral("valid")).toBool(true),
             qPrintable(describe(staleVerdicts.lines.at(0))));
    QVERIFY(staleVerdicts.lines.at(0)
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("Unable to find a signing key")));
    QVERIFY2(staleVerdicts.lines.at(1).value(QStringLiteral("valid")).toBool(),
             qPrintable(describe(staleVerdicts.lines.at(1))));
    QVERIFY(stale.stop());
}

void TestServerInterop::failingJwksRefusesEveryToken()
{
    ServeProcess failing;
    QVERIFY2(failing.start(m_fixture.workspace(), {QStringLiteral("--fail-jwks")}), qPrintable(failing.error()));
    const HttpAnswer answer = httpExchange(failing.port(), httpRequest("GET", "/p/stack/.well-known/jwks.json"));
    QCOMPARE(answer.status, 500);
    QCOMPARE(answer.json().value(QStringLiteral("error")).toString(), QStringLiteral("server_error"));
    // Everything else is still served.
    QCOMPARE(httpExchange(failing.port(), httpRequest("GET", "/p/stack/.well-known/openid-configuration")).status, 200);

    const struct
    {
        Verifier verifier;
        const char* project;
        const char* error;
    } cases[] = {
        {Verifier::Transcodes, "transcodes", "Internal Server Error"},
        {Verifier::StackAuthJose, "stack", "Expected 200 OK"},
        {Verifier::StackAuthPyJwt, "stack", "Fail to fetch data from the url"},
    };
    for (const auto& test : cases) {
        const QString project = QString::fromLatin1(test.project);
        const QString token = m_fixture.mint(project);
        const QStringList command = verifierCommand(test.verifier, project, failing.jwksUrl(project));
        const Verdicts verdicts = ServerFixture::verify(command.first(), command.mid(1), {token});
        SIGNET_EXPECT_SUCCESS(verdicts.run);
        QCOMPARE(verdicts.lines.size(), 1);
        const QJsonObject& verdict = verdicts.lines.first();
        QVERIFY2(!verdict.value(QStringLiteral("valid")).toBool(true), qPrintable(describe(verdict)));
        QVERIFY2(verdict.value(QStringLiteral("error")).toString().contains(QLatin1String(test.error)),
                 qPrintable(describe(verdict)));
    }
    QVERIFY(failing.waitForLine([](const QString& line) {
        return line.contains(QStringLiteral(" GET /p/transcodes/.well-known/jwks.json 500 "));
    }));
    QVERIFY(failing.stop());
}

QTEST_GUILESS_MAIN(TestServerInterop)
#include "tst_server_interop.moc"
