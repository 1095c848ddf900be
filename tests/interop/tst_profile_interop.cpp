// Each provider profile end to end: a project created from the profile with signet-cli, tokens minted
// from it or issued by `signet-cli serve`, and the verification code that provider documents run
// unchanged against the server (only the host of the URL changes).

#include "HttpProbe.h"
#include "ServeProcess.h"
#include "ServerFixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Signet::Test;

namespace {

const QByteArray kVideoSdkSecret = "b7f3c0e2a91d4f5e8c6a2b1d0e9f8a7b6c5d4e3f2a1b0c9d";

QStringList args(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* word : list)
        result.append(QString::fromUtf8(word));
    return result;
}

QString describe(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class TestProfileInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString missing = ServerFixture::missingTools(); !missing.isEmpty())
            QFAIL(qPrintable(missing));
        QVERIFY2(m_fixture.isValid(), qPrintable(m_fixture.error()));
        for (const auto& [project, profile] :
             {std::pair{"tc", "transcodes"}, std::pair{"sa", "stack-auth"}, std::pair{"meet", "videosdk"},
              std::pair{"talk", "vocalstack"}, std::pair{"av", "api-video"}, std::pair{"oidc", "generic-oidc"}}) {
            const RunResult created = m_fixture.cli(args({"project", "create", project, "--profile", profile}));
            SIGNET_EXPECT_SUCCESS(created);
        }
        m_secretFile = m_fixture.path(QStringLiteral("videosdk.secret"));
        QVERIFY(writeFile(m_secretFile, kVideoSdkSecret + "\n"));
        SIGNET_EXPECT_SUCCESS(m_fixture.cli(QStringList{QStringLiteral("apikey"), QStringLiteral("import"),
                                                        QStringLiteral("-p"), QStringLiteral("meet"),
                                                        QStringLiteral("--id"), QStringLiteral("vsdk-dashboard-key"),
                                                        QStringLiteral("--secret-file"), m_secretFile}));
        QVERIFY2(m_serve.start(m_fixture.workspace()), qPrintable(m_serve.error()));
    }

    void cleanupTestCase()
    {
        if (m_serve.port() != 0)
            QVERIFY2(m_serve.stop(), qPrintable(m_serve.transcript()));
    }

    // Transcodes: jsonwebtoken + jwks-rsa on the provider's URL shape, issuer https://api.transcodes.io.
    void transcodes()
    {
        const QString token = m_fixture.mint(QStringLiteral("tc"), args({"--sub", "alice", "--field", "email=a@x.io"}));
        QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
        const Verdicts verdicts =
            ServerFixture::verify(ServerFixture::node(),
                                  {ServerFixture::nodeScript(QStringLiteral("transcodes.cjs")),
                                   QStringLiteral("--jwks-uri"), m_serve.baseUrl() + QStringLiteral("/tc/jwks.json"),
                                   QStringLiteral("--issuer"), QStringLiteral("https://api.transcodes.io")},
                                  {token, m_fixture.mint(QStringLiteral("sa"))});
        SIGNET_EXPECT_SUCCESS(verdicts.run);
        QCOMPARE(verdicts.lines.size(), 2);
        const QJsonObject& verdict = verdicts.lines.first();
        QVERIFY2(verdict.value(QStringLiteral("valid")).toBool(), qPrintable(describe(verdict)));
        const QJsonObject payload = verdict.value(QStringLiteral("payload")).toObject();
        QCOMPARE(payload.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(payload.value(QStringLiteral("email")).toString(), QStringLiteral("a@x.io"));
        QCOMPARE(payload.value(QStringLiteral("iss")).toString(), QStringLiteral("https://api.transcodes.io"));
        // Another project's token (Stack Auth's, ES256) is refused.
        QVERIFY(!verdicts.lines.last().value(QStringLiteral("valid")).toBool());
    }

    // Stack Auth: jose createRemoteJWKSet and PyJWT PyJWKClient on /api/v1/projects/<id>/.well-known/jwks.json,
    // audience = the project id, ES256.
    void stackAuth()
    {
        const QString token = m_fixture.mint(QStringLiteral("sa"), args({"--sub", "user-7"}));
        QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
        const QString jwksUrl = m_serve.baseUrl() + QStringLiteral("/api/v1/projects/sa/.well-known/jwks.json");
        const QList<QStringList> verifiers = {
            {ServerFixture::node(), ServerFixture::nodeScript(QStringLiteral("stack-auth.mjs"))},
            {ServerFixture::python(), ServerFixture::pythonScript(QStringLiteral("stack_auth.py"))}};
        for (const QStringList& verifier : verifiers) {
            const Verdicts verdicts = ServerFixture::verify(
                verifier.first(),
                verifier.mid(1) + QStringList{QStringLiteral("--jwks-url"), jwksUrl, QStringLiteral("--audience"),
                                              QStringLiteral("sa"), QStringLiteral("--alg"), QStringLiteral("ES256")},
                {token, m_fixture.mint(QStringLiteral("oidc"))});
            SIGNET_EXPECT_SUCCESS(verdicts.run);
            QCOMPARE(verdicts.lines.size(), 2);
            QVERIFY2(verdicts.lines.first().value(QStringLiteral("valid")).toBool(),
                     qPrintable(describe(verdicts.lines.first())));
            QCOMPARE(verdicts.lines.first().value(QStringLiteral("payload")).toObject().value(QStringLiteral("aud")),
                     QJsonValue(QStringLiteral("sa")));
            QVERIFY(!verdicts.lines.last().value(QStringLiteral("valid")).toBool());
        }
    }

    // VideoSDK: a dashboard key imported as is; the token verifies with jwt.verify(token, SECRET) and
    // carries apikey, permissions, version and roomId, and no iss or aud.
    void videoSdk()
    {
        const QString& secretFile = m_secretFile;
        const QString token =
            m_fixture.mint(QStringLiteral("meet"),
                           args({"--api-key", "vsdk-dashboard-key", "--field", "permissions=allow_join,allow_mod",
                                 "--field", "version=2", "--field", "roomId=1234"}));
        QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
        const RunResult verified = runProgram(
            ServerFixture::node(), {ServerFixture::nodeScript(QStringLiteral("videosdk.cjs")), QStringLiteral("verify"),
                                    QStringLiteral("--token"), token, QStringLiteral("--secret-file"), secretFile});
        SIGNET_EXPECT_EXIT(verified, 0);
        const QJsonObject payload =
            QJsonDocument::fromJson(verified.out).object().value(QStringLiteral("payload")).toObject();
        QCOMPARE(payload.value(QStringLiteral("apikey")).toString(), QStringLiteral("vsdk-dashboard-key"));
        QCOMPARE(payload.value(QStringLiteral("permissions")).toArray(),
                 QJsonArray({QStringLiteral("allow_join"), QStringLiteral("allow_mod")}));
        QCOMPARE(payload.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(payload.value(QStringLiteral("roomId")), QJsonValue(QStringLiteral("1234")));
        QVERIFY(!payload.contains(QStringLiteral("iss")) && !payload.contains(QStringLiteral("aud")));
        QCOMPARE(payload.value(QStringLiteral("exp")).toInteger() - payload.value(QStringLiteral("iat")).toInteger(),
                 7200);
    }

    // VocalStack: the backend asks serve for a client token, the front end's request passes once.
    void vocalStack()
    {
        const ApiKey key = m_fixture.createApiKey(QStringLiteral("talk"), QStringLiteral("backend"));
        QVERIFY2(!key.secret.isEmpty(), qPrintable(m_fixture.error()));
        const HttpAnswer issued = httpExchange(
            m_serve.port(),
            httpRequest("POST", "/p/talk/vocalstack/token",
                        {{"Authorization", "Bearer " + key.secret.toUtf8()}, {"Content-Type", "application/json"}},
                        R"({"access":"readwrite","lifetime_s":30})"));
        QCOMPARE(issued.status, 200);
        const QString token = issued.json().value(QStringLiteral("token")).toString();
        QVERIFY(!token.isEmpty());
        const auto check = [&] {
            return httpExchange(m_serve.port(), httpRequest("GET", "/p/talk/vocalstack/check",
                                                            {{"Authorization", "Bearer " + token.toUtf8()}}));
        };
        QCOMPARE(check().status, 200);
        const HttpAnswer again = check();
        QCOMPARE(again.status, 401);
        QVERIFY2(again.json()
                     .value(QStringLiteral("error_description"))
                     .toString()
                     .startsWith(QStringLiteral("token already used")),
                 qPrintable(again.describe()));
    }

    // api.video: the API key exchanged for a 3600 s access token and a refresh token.
    void apiVideo()
    {
        const ApiKey key = m_fixture.createApiKey(QStringLiteral("av"), QStringLiteral("backend"));
        const HttpAnswer session = httpExchange(
            m_serve.port(), httpRequest("POST", "/p/av/auth/api-key", {{"Content-Type", "application/json"}},
                                        QJsonDocument(QJsonObject{{QStringLiteral("apiKey"), key.secret}}).toJson()));
        QCOMPARE(session.status, 200);
        QCOMPARE(session.json().value(QStringLiteral("expires_in")).toInt(), 3600);
        const QString access = session.json().value(QStringLiteral("access_token")).toString();
        const HttpAnswer me = httpExchange(
            m_serve.port(), httpRequest("GET", "/p/av/me", {{"Authorization", "Bearer " + access.toUtf8()}}));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("iss")).toString(), m_serve.baseUrl() + QStringLiteral("/p/av"));
    }

    // The sixth profile, added as data only: a generic OIDC issuer found through discovery.
    void genericOidc()
    {
        const HttpAnswer discovery =
            httpExchange(m_serve.port(), httpRequest("GET", "/p/oidc/.well-known/openid-configuration"));
        QCOMPARE(discovery.status, 200);
        const QString jwksUri = discovery.json().value(QStringLiteral("jwks_uri")).toString();
        const QString token = m_fixture.mint(QStringLiteral("oidc"), args({"--sub", "svc", "--field", "azp=cli"}));
        QVERIFY2(!token.isEmpty(), qPrintable(m_fixture.error()));
        const Verdicts verdicts = ServerFixture::verify(
            ServerFixture::python(),
            {ServerFixture::pythonScript(QStringLiteral("stack_auth.py")), QStringLiteral("--jwks-url"), jwksUri,
             QStringLiteral("--audience"), QStringLiteral("oidc"), QStringLiteral("--alg"), QStringLiteral("RS256")},
            {token});
        SIGNET_EXPECT_SUCCESS(verdicts.run);
        QVERIFY2(verdicts.lines.value(0).value(QStringLiteral("valid")).toBool(),
                 qPrintable(describe(verdicts.lines.value(0))));
        QCOMPARE(verdicts.lines.first().value(QStringLiteral("payload")).toObject().value(QStringLiteral("azp")),
                 QJsonValue(QStringLiteral("cli")));
    }

    // The backend test kit against the generated snippets: for every profile and every language, the
    // snippet accepts exactly the kit's first token and rejects each of the others.
    void snippetsAcceptExactlyTheGoodTokenOfTheKit_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("language");
        for (const char* project : {"tc", "sa", "meet", "talk", "av", "oidc"}) {
            for (const char* language : {"node-jsonwebtoken", "node-jose", "python-pyjwt"})
                QTest::addRow("%s %s", project, language)
                    << QString::fromLatin1(project) << QString::fromLatin1(language);
        }
    }

    void snippetsAcceptExactlyTheGoodTokenOfTheKit()
    {
        QFETCH(QString, project);
        QFETCH(QString, language);
        const RunResult kitRun =
            m_fixture.cli(QStringList{QStringLiteral("token"), QStringLiteral("kit"), QStringLiteral("-p"), project,
                                      QStringLiteral("--server"), m_serve.baseUrl()});
        SIGNET_EXPECT_SUCCESS(kitRun);
        const QJsonArray kit = QJsonDocument::fromJson(kitRun.out).object().value(QStringLiteral("tokens")).toArray();
        QVERIFY(kit.size() >= 5);
        QStringList tokens;
        for (const QJsonValue& entry : kit)
            tokens.append(entry.toObject().value(QStringLiteral("token")).toString());

        const RunResult snippet = m_fixture.cli(QStringList{QStringLiteral("project"), QStringLiteral("snippet"),
                                                            project, QStringLiteral("--lang"), language,
                                                            QStringLiteral("--server"), m_serve.baseUrl()});
        SIGNET_EXPECT_SUCCESS(snippet);
        const bool python = language.startsWith(QLatin1String("python"));
        const QString extension = python                                   ? QStringLiteral(".py")
                                  : language == QLatin1String("node-jose") ? QStringLiteral(".mjs")
                                                                           : QStringLiteral(".cjs");
        // Beside a node_modules that is the interop tests' own, as in the backend's project folder.
        const QString folder = m_fixture.path(QStringLiteral("backend-") + project + QLatin1Char('-') + language);
        QVERIFY(QDir().mkpath(folder));
        QFile::link(QDir(ServerFixture::nodeScript(QString())).filePath(QStringLiteral("node_modules")),
                    QDir(folder).filePath(QStringLiteral("node_modules")));
        const QString file = QDir(folder).filePath(QStringLiteral("verify") + extension);
        QVERIFY(writeFile(file, snippet.out));
        qputenv("VIDEOSDK_SECRET", kVideoSdkSecret);

        const Verdicts verdicts =
            python
                ? ServerFixture::verify(ServerFixture::python(),
                                        {ServerFixture::pythonScript(QStringLiteral("run_snippet.py")), file}, tokens)
                : ServerFixture::verify(ServerFixture::node(),
                                        {ServerFixture::nodeScript(QStringLiteral("run-snippet.mjs")), file}, tokens);
        SIGNET_EXPECT_SUCCESS(verdicts.run);
        QCOMPARE(verdicts.lines.size(), tokens.size());
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const QJsonObject entry = kit[i].toObject();
            const bool accepted = verdicts.lines[i].value(QStringLiteral("valid")).toBool();
            QVERIFY2(accepted == (i == 0),
                     qPrintable(QStringLiteral("%1: %2 (%3)\n%4")
                                    .arg(entry.value(QStringLiteral("label")).toString(),
                                         accepted ? QStringLiteral("accepted") : QStringLiteral("refused"),
                                         describe(verdicts.lines[i]), snippet.stdoutText())));
        }
    }

private:
    QString m_secretFile;
    ServerFixture m_fixture;
    ServeProcess m_serve;
};

QTEST_GUILESS_MAIN(TestProfileInterop)
#include "tst_profile_interop.moc"
