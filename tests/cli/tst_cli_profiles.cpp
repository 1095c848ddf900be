// signet-cli profile list / show and token mint --profile --field: each provider's token shape
// from the command line, every rule violation a clear error, and the tokens verifiable the way the
// provider's own code verifies them.

#include "CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

QStringList args(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* word : list)
        result.append(QString::fromUtf8(word));
    return result;
}

} // namespace

class TestCliProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("w.signet"));
        SIGNET_EXPECT_SUCCESS(ws(args({"init", "--no-passphrase"})));
        for (const auto& [project, alg] : {std::pair{"talk", "ES256"}, std::pair{"meet", "ES256"}}) {
            SIGNET_EXPECT_SUCCESS(ws(args({"project", "create", project})));
            SIGNET_EXPECT_SUCCESS(ws(args({"key", "generate", "-p", project, "--alg", alg})));
        }
        const RunResult apiKey = ws(args({"apikey", "create", "-p", "meet", "--name", "dashboard", "--json"}));
        SIGNET_EXPECT_SUCCESS(apiKey);
        m_apiKeyId = stdoutJson(apiKey).value(QStringLiteral("id")).toString();
        m_apiSecret = stdoutJson(apiKey).value(QStringLiteral("secret")).toString();
        QVERIFY(!m_apiKeyId.isEmpty() && !m_apiSecret.isEmpty());
    }

    void listAndShow()
    {
        const RunResult list = runCli(args({"profile", "list"}));
        SIGNET_EXPECT_SUCCESS(list);
        for (const char* name : {"transcodes", "stack-auth", "videosdk", "vocalstack", "api-video", "generic-oidc"})
            QVERIFY2(list.stdoutText().contains(QString::fromLatin1(name)), qPrintable(list.describe()));
        const RunResult json = runCli(args({"profile", "list", "--json"}));
        SIGNET_EXPECT_SUCCESS(json);
        QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 6);

        const RunResult show = runCli(args({"profile", "show", "vocalstack"}));
        SIGNET_EXPECT_SUCCESS(show);
        QVERIFY2(show.stdoutText().contains(QStringLiteral("lifetime_s -> the lifetime (exp - iat); integer, 1 to 120, "
                                                           "default 10")),
                 qPrintable(show.describe()));
        // The provider's own words beside Signet's.
        QVERIFY(show.stdoutText().contains(QStringLiteral("A number between 1 and 120")));
        const RunResult shown = runCli(args({"profile", "show", "videosdk", "--json"}));
        SIGNET_EXPECT_SUCCESS(shown);
        const QJsonObject videoSdk = stdoutJson(shown);
        QCOMPARE(videoSdk.value(QStringLiteral("algorithm")).toString(), QStringLiteral("HS256"));
        QCOMPARE(videoSdk.value(QStringLiteral("signer")).toString(), QStringLiteral("api-key-secret"));
        QVERIFY(videoSdk.value(QStringLiteral("issuer")).isNull());

        SIGNET_EXPECT_ERROR(runCli(args({"profile", "show", "auth0"})), 2,
                            QStringLiteral("no profile 'auth0'; there are: api-video"));
    }

    // VocalStack: readonly, 10 s and one-time unless told otherwise.
    void vocalStackTokens()
    {
        const RunResult minted = ws(args({"token", "mint", "-p", "talk", "--profile", "vocalstack"}));
        SIGNET_EXPECT_SUCCESS(minted);
        const QJsonObject claims = tokenPart(minted.firstLine(), 1);
        QCOMPARE(claims.value(QStringLiteral("access")).toString(), QStringLiteral("readonly"));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 10);
        QVERIFY(!claims.contains(QStringLiteral("sub")) && !claims.contains(QStringLiteral("lifetime_s")));
        const QStringList consume = args({"token", "verify", "-p", "talk", "--consume", "--json"});
        SIGNET_EXPECT_SUCCESS(ws(consume + QStringList{minted.firstLine()}));
        SIGNET_EXPECT_EXIT(ws(consume + QStringList{minted.firstLine()}), 1); // one-time by default

        const RunResult readWrite =
            ws(args({"token", "mint", "-p", "talk", "--profile", "vocalstack", "--field", "access=readwrite", "--field",
                     "lifetime_s=120", "--field", "one_time=false"}));
        SIGNET_EXPECT_SUCCESS(readWrite);
        const QJsonObject rw = tokenPart(readWrite.firstLine(), 1);
        QCOMPARE(rw.value(QStringLiteral("access")).toString(), QStringLiteral("readwrite"));
        QCOMPARE(rw.value(QStringLiteral("exp")).toInteger() - rw.value(QStringLiteral("iat")).toInteger(), 120);
        // Not one-time: the ledger says so when asked to consume it.
        const RunResult notOneTime = ws(consume + QStringList{readWrite.firstLine()});
        QVERIFY2(notOneTime.stdoutText().contains(QStringLiteral("not_one_time")) ||
                     notOneTime.stdoutText().contains(QStringLiteral("not a one-time token")),
                 qPrintable(notOneTime.describe()));
    }

    void ruleViolations_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        const QStringList talk = args({"token", "mint", "-p", "talk", "--profile", "vocalstack"});
        const QStringList meet = args({"token", "mint", "-p", "meet", "--profile", "videosdk", "--api-key"});
        QTest::newRow("lifetime 121") << talk + args({"--field", "lifetime_s=121"})
                                      << QStringLiteral("vocalstack: lifetime_s is at most 120; 121 is above it");
        QTest::newRow("both access levels") << talk + args({"--field", "access=readonly,readwrite"})
                                            << QStringLiteral("access takes one value (readonly, readwrite)");
        QTest::newRow("ttl beside lifetime_s")
            << talk + args({"--field", "lifetime_s=5", "--ttl", "5"}) << QStringLiteral("give it or --ttl, not both");
        QTest::newRow("unknown field") << talk + args({"--field", "scope=x"})
                                       << QStringLiteral("vocalstack has no field 'scope'");
        QTest::newRow("no equals") << talk + args({"--field", "access"}) << QStringLiteral("--field takes NAME=VALUE");
        QTest::newRow("roles without version 2") << meet + QStringList{m_apiKeyId} + args({"--field", "roles=rtc"})
                                                 << QStringLiteral("videosdk: roles needs version 2");
        QTest::newRow("unknown permission")
            << meet + QStringList{m_apiKeyId} + args({"--field", "permissions=allow_join,allow_all"})
            << QStringLiteral("'allow_all' is not one of them");
        QTest::newRow("apikey by hand") << meet + QStringList{m_apiKeyId} + args({"--field", "apikey=x"})
                                        << QStringLiteral("choose the key (--api-key)");
        QTest::newRow("field by --claim too")
            << meet + QStringList{m_apiKeyId} + args({"--claim", "permissions=[\"ask_join\"]"})
            << QStringLiteral("set it as a field (--field), not as an extra claim");
        QTest::newRow("videosdk without an API key") << args({"token", "mint", "-p", "meet", "--profile", "videosdk"})
                                                     << QStringLiteral("choose the API key (--api-key KEY_ID)");
        QTest::newRow("transcodes on an ES256 project")
            << args({"token", "mint", "-p", "talk", "--profile", "transcodes"})
            << QStringLiteral("Transcodes tokens are RS256, and project talk's active key signs ES256");
        QTest::newRow("field without profile")
            << args({"token", "mint", "-p", "talk", "--field", "access=readonly"})
            << QStringLiteral("project talk follows no profile: give --profile NAME");
        QTest::newRow("unknown profile") << args({"token", "mint", "-p", "talk", "--profile", "zoom"})
                                         << QStringLiteral("no profile 'zoom'");
    }

    void ruleViolations()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        SIGNET_EXPECT_ERROR(ws(arguments), 2, error);
    }

    // VideoSDK: HS256 with the API key's secret as is, the claims its docs list and no iss or aud.
    void videoSdkTokens()
    {
        const RunResult minted = ws(QStringList{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("-p"),
                                                QStringLiteral("meet"), QStringLiteral("--profile"),
                                                QStringLiteral("videosdk"), QStringLiteral("--api-key"), m_apiKeyId} +
                                    args({"--field", "permissions=allow_join,allow_mod", "--field", "version=2",
                                          "--field", "roomId=1234", "--field", "roles=rtc"}));
        SIGNET_EXPECT_SUCCESS(minted);
        const QString token = minted.firstLine();
        QCOMPARE(tokenPart(token, 0).value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
        const QJsonObject claims = tokenPart(token, 1);
        QCOMPARE(claims.value(QStringLiteral("apikey")).toString(), m_apiKeyId);
        QCOMPARE(claims.value(QStringLiteral("permissions")).toArray(),
                 QJsonArray({QStringLiteral("allow_join"), QStringLiteral("allow_mod")}));
        QCOMPARE(claims.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(claims.value(QStringLiteral("roomId")), QJsonValue(QStringLiteral("1234"))); // stays a string
        QVERIFY(!claims.contains(QStringLiteral("iss")) && !claims.contains(QStringLiteral("aud")) &&
                !claims.contains(QStringLiteral("sub")));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(),
                 7200);

        // Signed with the secret string itself, as VideoSDK's jwt.sign(payload, SECRET) does.
        const QString secretJwk = m_dir.filePath(QStringLiteral("secret.jwk"));
        const QJsonObject jwk{
            {QStringLiteral("kty"), QStringLiteral("oct")},
            {QStringLiteral("k"), QString::fromLatin1(m_apiSecret.toUtf8().toBase64(QByteArray::Base64UrlEncoding |
                                                                                    QByteArray::OmitTrailingEquals))}};
        QVERIFY(writeFile(secretJwk, QJsonDocument(jwk).toJson()));
        SIGNET_EXPECT_SUCCESS(
            runCli(args({"token", "verify", "--alg", "HS256", "--key"}) + QStringList{secretJwk, token}));
    }

    // A project created from a profile takes its issuer, audience, lifetimes and key, and its tokens
    // follow the profile without --profile.
    void projectsFollowTheirProfile()
    {
        const RunResult created = ws(args({"project", "create", "cast", "--profile", "vocalstack", "--json"}));
        SIGNET_EXPECT_SUCCESS(created);
        const QJsonObject project = stdoutJson(created);
        QCOMPARE(project.value(QStringLiteral("profile")).toString(), QStringLiteral("vocalstack"));
        QCOMPARE(project.value(QStringLiteral("issuer")).toString(), QStringLiteral("http://127.0.0.1:8707/p/cast"));
        QCOMPARE(project.value(QStringLiteral("audience")).toString(), QStringLiteral("cast"));
        QCOMPARE(project.value(QStringLiteral("maxTtl")).toInt(), 120);
        const RunResult keys = ws(args({"key", "list", "-p", "cast"}));
        SIGNET_EXPECT_SUCCESS(keys);
        QVERIFY2(keys.stdoutText().contains(QStringLiteral("ES256")) &&
                     keys.stdoutText().contains(QStringLiteral("active")),
                 qPrintable(keys.describe()));
        const RunResult shown = ws(args({"project", "show", "cast"}));
        QVERIFY2(shown.stdoutText().contains(QStringLiteral("vocalstack (see 'profile show vocalstack')")),
                 qPrintable(shown.describe()));

        const RunResult minted = ws(args({"token", "mint", "-p", "cast", "--field", "access=readwrite"}));
        SIGNET_EXPECT_SUCCESS(minted);
        const QJsonObject claims = tokenPart(minted.firstLine(), 1);
        QCOMPARE(claims.value(QStringLiteral("access")).toString(), QStringLiteral("readwrite"));
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("http://127.0.0.1:8707/p/cast"));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 10);
        SIGNET_EXPECT_ERROR(ws(args({"token", "mint", "-p", "cast", "--field", "lifetime_s=121"})), 2,
                            QStringLiteral("lifetime_s is at most 120"));

        // VideoSDK signs with API key secrets: no project key is made.
        SIGNET_EXPECT_SUCCESS(ws(args({"project", "create", "room", "--profile", "videosdk"})));
        const RunResult noKeys = ws(args({"key", "list", "-p", "room", "--json"}));
        SIGNET_EXPECT_SUCCESS(noKeys);
        QCOMPARE(QJsonDocument::fromJson(noKeys.out).array().size(), 0);
        // Its tokens carry no iss or aud, and verify against the project all the same; its
        // permissions are the profile's field, not scopes the API key must grant.
        const RunResult roomKey = ws(args({"apikey", "create", "-p", "room", "--name", "meetings", "--json"}));
        SIGNET_EXPECT_SUCCESS(roomKey);
        const RunResult meeting = ws(QStringList{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("-p"),
                                                 QStringLiteral("room"), QStringLiteral("--api-key"),
                                                 stdoutJson(roomKey).value(QStringLiteral("id")).toString(),
                                                 QStringLiteral("--field"), QStringLiteral("permissions=allow_mod")});
        SIGNET_EXPECT_SUCCESS(meeting);
        SIGNET_EXPECT_SUCCESS(ws(args({"token", "verify", "-p", "room"}) + QStringList{meeting.firstLine()}));

        SIGNET_EXPECT_ERROR(ws(args({"project", "create", "long", "--profile", "vocalstack", "--ttl", "5m"})), 2,
                            QStringLiteral("VocalStack tokens live 1 to 120 seconds; 300 is outside"));
        SIGNET_EXPECT_ERROR(ws(args({"project", "create", "zoom", "--profile", "zoom"})), 2,
                            QStringLiteral("no profile 'zoom'"));
        const RunResult list = ws(args({"project", "list", "--json"}));
        QVERIFY(!list.stdoutText().contains(QStringLiteral("\"long\"")) &&
                !list.stdoutText().contains(QStringLiteral("\"zoom\"")));
    }

    // The kit's labels and expectations, and its refusals; the snippet command's refusals. (Running
    // the snippets against the kit is tst_profile_interop's.)
    // A plain project's token leaves the audience out only when asked.
    void noAudience()
    {
        const RunResult minted = ws(args({"token", "mint", "-p", "talk", "--no-aud"}));
        SIGNET_EXPECT_SUCCESS(minted);
        QVERIFY(!tokenPart(minted.firstLine(), 1).contains(QStringLiteral("aud")));
        QVERIFY(tokenPart(ws(args({"token", "mint", "-p", "talk"})).firstLine(), 1).contains(QStringLiteral("aud")));
        SIGNET_EXPECT_ERROR(ws(args({"token", "mint", "-p", "talk", "--no-aud", "--aud", "x"})), 2,
                            QStringLiteral("give --aud or --no-aud, not both"));
    }

    void kitAndSnippetCommands()
    {
        const RunResult kit = ws(args({"token", "kit", "-p", "cast"}));
        SIGNET_EXPECT_SUCCESS(kit);
        const QJsonArray tokens = stdoutJson(kit).value(QStringLiteral("tokens")).toArray();
        QStringList labels;
        for (const QJsonValue& token : tokens)
            labels.append(token.toObject().value(QStringLiteral("label")).toString());
        QCOMPARE(tokens.first().toObject().value(QStringLiteral("expect")).toString(), QStringLiteral("accept"));
        for (const char* label : {"expired", "not yet valid", "wrong audience", "wrong issuer", "no exp", "unknown kid",
                                  "broken signature", "alg none", "HMAC with the public key"})
            QVERIFY2(labels.contains(QString::fromLatin1(label)), qPrintable(labels.join(QLatin1Char('|'))));
        for (qsizetype i = 1; i < tokens.size(); ++i)
            QCOMPARE(tokens[i].toObject().value(QStringLiteral("expect")).toString(), QStringLiteral("reject"));
        // Plain projects have no profile rules; VideoSDK projects need an API key to sign with.
        SIGNET_EXPECT_SUCCESS(ws(args({"project", "create", "bare"})));
        SIGNET_EXPECT_SUCCESS(ws(args({"key", "generate", "-p", "bare", "--alg", "EdDSA"})));
        const RunResult bare = ws(args({"token", "kit", "-p", "bare", "-o", "-"}));
        SIGNET_EXPECT_SUCCESS(bare);
        QCOMPARE(stdoutJson(bare).value(QStringLiteral("tokens")).toArray().size(), 10);
        SIGNET_EXPECT_SUCCESS(ws(args({"project", "create", "nokey", "--profile", "videosdk"})));
        SIGNET_EXPECT_ERROR(ws(args({"token", "kit", "-p", "nokey"})), 2, QStringLiteral("create or import one first"));

        const RunResult snippet = ws(args({"project", "snippet", "cast", "--lang", "node-jose"}));
        SIGNET_EXPECT_SUCCESS(snippet);
        QVERIFY(snippet.stdoutText().contains(QStringLiteral("requiredClaims: ['exp']")));
        QVERIFY(snippet.stdoutText().contains(QStringLiteral("lifetime_s is at most 120 seconds")));
        SIGNET_EXPECT_ERROR(ws(args({"project", "snippet", "talk", "--lang", "ruby"})), 2,
                            QStringLiteral("--lang 'ruby' is not one of node-jsonwebtoken, node-jose, python-pyjwt"));
        SIGNET_EXPECT_SUCCESS(ws(args({"project", "create", "empty"})));
        SIGNET_EXPECT_ERROR(ws(args({"project", "snippet", "empty"})), 2, QStringLiteral("no active key yet"));
    }

    // Profiles of the user's own live in the workspace: imported, listed, followed by every command
    // (and process) without --profiles, and removable once no project follows them.
    void ownProfilesLiveInTheWorkspace()
    {
        const QString own = m_dir.filePath(QStringLiteral("own.signet"));
        const auto in = [&own](const QStringList& arguments) {
            return runCli(QStringList{QStringLiteral("--workspace"), own} + arguments);
        };
        SIGNET_EXPECT_SUCCESS(in(args({"init", "--no-passphrase"})));
        const RunResult exported = in(args({"profile", "export", "transcodes"}));
        SIGNET_EXPECT_SUCCESS(exported);
        QCOMPARE(QJsonDocument::fromJson(exported.out).object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("transcodes"));

        QFile source(QStringLiteral(SIGNET_TEST_DATA "/profiles/acme.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray acme = source.readAll();
        const QString file = m_dir.filePath(QStringLiteral("acme.json"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly) && out.write(acme) == acme.size());
        }
        SIGNET_EXPECT_SUCCESS(in(QStringList{QStringLiteral("profile"), QStringLiteral("import"), file}));
        SIGNET_EXPECT_ERROR(in(QStringList{QStringLiteral("profile"), QStringLiteral("import"), file}), 2,
                            QStringLiteral("already has a profile 'acme': replace it with --replace"));
        SIGNET_EXPECT_SUCCESS(
            in(QStringList{QStringLiteral("profile"), QStringLiteral("import"), file, QStringLiteral("--replace")}));
        const QString shadow = m_dir.filePath(QStringLiteral("shadow.json"));
        {
            QFile out(shadow);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray(acme).replace("\"acme\"", "\"stack-auth\""));
        }
        SIGNET_EXPECT_ERROR(in(QStringList{QStringLiteral("profile"), QStringLiteral("import"), shadow}), 2,
                            QStringLiteral("'stack-auth' is a built-in profile; give yours another name"));
        const RunResult listed = in(args({"profile", "list", "--json"}));
        SIGNET_EXPECT_SUCCESS(listed);
        const QJsonArray profiles = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(profiles.size(), 7);
        QCOMPARE(profiles.last().toObject().value(QStringLiteral("source")).toString(), QStringLiteral("workspace"));

        SIGNET_EXPECT_SUCCESS(in(args({"project", "create", "shop", "--profile", "acme"})));
        SIGNET_EXPECT_ERROR(in(args({"token", "mint", "-p", "shop", "--field", "tier=gold"})), 2,
                            QStringLiteral("acme: tier takes free, pro; 'gold' is not one of them"));
        const RunResult minted = in(args({"token", "mint", "-p", "shop", "--field", "tier=pro"}));
        SIGNET_EXPECT_SUCCESS(minted);
        QCOMPARE(tokenPart(minted.firstLine(), 1).value(QStringLiteral("tier")).toString(), QStringLiteral("pro"));
        SIGNET_EXPECT_SUCCESS(in(args({"token", "verify", "-p", "shop"}) + QStringList{minted.firstLine()}));
        SIGNET_EXPECT_ERROR(in(args({"profile", "remove", "acme"})), 2,
                            QStringLiteral("the profile 'acme' is followed by project shop: delete it first"));

        // A profile from --profiles DIR is stored with the project made from it.
        QTemporaryDir folder;
        {
            QFile out(folder.filePath(QStringLiteral("beta.json")));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray(acme).replace("\"acme\"", "\"beta\""));
        }
        SIGNET_EXPECT_SUCCESS(in(QStringList{QStringLiteral("project"), QStringLiteral("create"), QStringLiteral("b"),
                                             QStringLiteral("--profile"), QStringLiteral("beta"),
                                             QStringLiteral("--profiles"), folder.path()}));
        SIGNET_EXPECT_ERROR(in(args({"token", "mint", "-p", "b", "--field", "tier=gold"})), 2,
                            QStringLiteral("beta: tier takes free, pro"));
        SIGNET_EXPECT_SUCCESS(in(args({"token", "mint", "-p", "b"})));
        SIGNET_EXPECT_SUCCESS(in(QStringList{QStringLiteral("profile"), QStringLiteral("list"),
                                             QStringLiteral("--profiles"), folder.path()}));

        SIGNET_EXPECT_SUCCESS(in(args({"project", "delete", "shop"})));
        SIGNET_EXPECT_SUCCESS(in(args({"profile", "remove", "acme"})));
        SIGNET_EXPECT_ERROR(in(args({"profile", "show", "acme"})), 2, QStringLiteral("no profile 'acme'"));
        SIGNET_EXPECT_ERROR(in(args({"profile", "remove", "videosdk"})), 2,
                            QStringLiteral("'videosdk' is a built-in profile: it cannot be removed"));
    }

private:
    RunResult ws(const QStringList& arguments)
    {
        return runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + arguments);
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_apiKeyId;
    QString m_apiSecret;
};

QTEST_GUILESS_MAIN(TestCliProfiles)
#include "tst_cli_profiles.moc"
