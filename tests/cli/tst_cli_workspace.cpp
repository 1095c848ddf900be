// signet-cli workspace commands, run as a user runs them: init, projects, project keys, the JWKS,
// API keys, project tokens and the audit log; every refused key transition with exit code 2 and one
// clear line; help and usage errors of the new commands; where the workspace file is found.

#include "CliRunner.h"
#include "workspace/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

// "key list -p demo" -> {"key", "list", "-p", "demo"}: test commands without spaces in arguments.
QStringList cmd(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QJsonArray stdoutArray(const RunResult& result)
{
    return QJsonDocument::fromJson(result.out).array();
}

bool isJson(const RunResult& result)
{
    QJsonParseError error;
    QJsonDocument::fromJson(result.out, &error);
    return error.error == QJsonParseError::NoError;
}

int countState(const QJsonArray& keys, const QString& state)
{
    int count = 0;
    for (const QJsonValue& key : keys)
        count += key.toObject().value(QStringLiteral("state")).toString() == state ? 1 : 0;
    return count;
}

QJsonObject findKey(const QJsonArray& keys, const QString& kid)
{
    for (const QJsonValue& key : keys) {
        if (key.toObject().value(QStringLiteral("kid")).toString() == kid)
            return key.toObject();
    }
    return {};
}

} // namespace

class TestCliWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initCommand();
    void workspaceLocation();
    void projects();
    void projectKeys();
    void jwksExport();
    void apiKeys();
    void projectTokens();
    void audit();
    void refusedTransitions();
    void usageErrors_data();
    void usageErrors();
    void help_data();
    void help();

private:
    RunResult ws(const char* command, const QStringList& extra = {}, const QByteArray& input = {}) const
    {
        return runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + cmd(command) + extra, input);
    }
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QJsonArray keyList(const char* project) const
    {
        return stdoutArray(ws("key list --json -p", {QString::fromUtf8(project)}));
    }

    QTemporaryDir m_dir;
    QString m_workspace;
};

void TestCliWorkspace::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    // Never the user's workspace or passphrase: the default location is inside the temporary folder.
    qputenv("XDG_DATA_HOME", QFile::encodeName(file(QStringLiteral("xdg"))));
    qunsetenv("SIGNET_WORKSPACE");
    qunsetenv("SIGNET_PASSPHRASE");
    m_workspace = file(QStringLiteral("ws.signet"));
    SIGNET_EXPECT_SUCCESS(ws("init --no-passphrase"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("ES384"), QStringLiteral("--kid"), QStringLiteral("imported-jwk"),
                                  QStringLiteral("-o"), file(QStringLiteral("es384.jwk"))}));
}

void TestCliWorkspace::initCommand()
{
    const QString path = file(QStringLiteral("init.signet"));
    const RunResult created =
        runCli({QStringLiteral("init"), QStringLiteral("--no-passphrase"), QStringLiteral("--workspace"), path});
    SIGNET_EXPECT_SUCCESS(created);
    QVERIFY2(created.stdoutText().contains(
                 QStringLiteral("created unprotected workspace %1: anyone who can read the file can read its secrets")
                     .arg(path)),
             qPrintable(created.describe()));
    QCOMPARE(fileMode(path), 0600);
    const QByteArray before = readFile(path);
    SIGNET_EXPECT_ERROR(
        runCli({QStringLiteral("--workspace"), path, QStringLiteral("init"), QStringLiteral("--no-passphrase")}), 2,
        QStringLiteral("already exists"));
    QCOMPARE(readFile(path), before);
    // Without --no-passphrase and with no way to ask (stdin is not a terminal): refused, nothing created.
    const QString protectedPath = file(QStringLiteral("needs-passphrase.signet"));
    SIGNET_EXPECT_ERROR(runCli({QStringLiteral("--workspace"), protectedPath, QStringLiteral("init")}), 2,
                        QStringLiteral("a passphrase is needed"));
    QVERIFY(!QFile::exists(protectedPath));
}

// --workspace before or after the command, SIGNET_WORKSPACE, else the GUI's app data folder.
void TestCliWorkspace::workspaceLocation()
{
    const RunResult after = runCli(cmd("project list --json") << QStringLiteral("--workspace") << m_workspace);
    SIGNET_EXPECT_SUCCESS(after);
    QVERIFY(isJson(after));
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("--workspace=") + m_workspace, QStringLiteral("project"), QStringLiteral("list")}));

    qputenv("SIGNET_WORKSPACE", QFile::encodeName(m_workspace));
    const RunResult fromEnvironment = runCli(cmd("project create env-project"));
    qunsetenv("SIGNET_WORKSPACE");
    SIGNET_EXPECT_SUCCESS(fromEnvironment);
    QVERIFY(ws("project show env-project").stdoutText().contains(QStringLiteral("env-project")));

    const QString defaultFile = file(QStringLiteral("xdg/Signet/Signet/workspace.signet"));
    const RunResult missing = runCli(cmd("project list"));
    SIGNET_EXPECT_ERROR(missing, 2, QStringLiteral("no workspace at %1").arg(defaultFile));
    QVERIFY(missing.stderrText().contains(QStringLiteral("signet-cli init")));
    SIGNET_EXPECT_SUCCESS(runCli(cmd("init --no-passphrase")));
    QVERIFY(QFile::exists(defaultFile));
    QCOMPARE(fileMode(defaultFile), 0600);
    SIGNET_EXPECT_SUCCESS(runCli(cmd("project list")));
    QVERIFY(runCli(cmd("--help")).stdoutText().contains(defaultFile));
}

void TestCliWorkspace::projects()
{
    const RunResult created = ws("project create shop --name Shop --issuer https://auth.shop.example --audience "
                                 "shop-api --ttl 5m --max-ttl 2h --scopes read,write");
    SIGNET_EXPECT_SUCCESS(created);
    QVERIFY2(created.stdoutText().contains(QStringLiteral("created project 'shop'")), qPrintable(created.describe()));
    SIGNET_EXPECT_SUCCESS(ws("project create other"));

    const RunResult list = ws("project list");
    SIGNET_EXPECT_SUCCESS(list);
    QVERIFY(list.stdoutText().startsWith(QStringLiteral("ID ")));
    QVERIFY(list.stdoutText().contains(QStringLiteral("https://auth.shop.example")));
    const QJsonArray projects = stdoutArray(ws("project list --json"));
    QStringList ids;
    for (const QJsonValue& project : projects)
        ids.append(project.toObject().value(QStringLiteral("id")).toString());
    QVERIFY2(ids.contains(QStringLiteral("shop")) && ids.contains(QStringLiteral("other")),
             qPrintable(ids.join(QLatin1Char(','))));

    const RunResult show = ws("project show shop");
    SIGNET_EXPECT_SUCCESS(show);
    for (const char* text : {"project shop", "Shop", "https://auth.shop.example", "shop-api", "5 min", "2 h",
                             "read, write", "none: tokens cannot be minted"})
        QVERIFY2(show.stdoutText().contains(QString::fromUtf8(text)), qPrintable(show.describe()));
    const QJsonObject json = stdoutJson(ws("project show shop --json"));
    QCOMPARE(json.value(QStringLiteral("issuer")).toString(), QStringLiteral("https://auth.shop.example"));
    QCOMPARE(json.value(QStringLiteral("audience")).toString(), QStringLiteral("shop-api"));
    QCOMPARE(json.value(QStringLiteral("defaultTtl")).toInteger(), 300);
    QCOMPARE(json.value(QStringLiteral("maxTtl")).toInteger(), 7200);
    QCOMPARE(json.value(QStringLiteral("scopes")).toArray().size(), 2);
    QVERIFY(json.value(QStringLiteral("activeKid")).isNull());

    SIGNET_EXPECT_SUCCESS(ws("key generate -p other --alg ES256"));
    const RunResult deleted = ws("project delete other --json");
    SIGNET_EXPECT_SUCCESS(deleted);
    QCOMPARE(stdoutJson(deleted).value(QStringLiteral("deleted")).toString(), QStringLiteral("other"));
    SIGNET_EXPECT_ERROR(ws("project show other"), 2, QStringLiteral("no project 'other'"));
    SIGNET_EXPECT_ERROR(ws("key list -p other"), 2, QStringLiteral("no project 'other'"));
    SIGNET_EXPECT_ERROR(ws("project delete other"), 2, QStringLiteral("no project 'other'"));
    SIGNET_EXPECT_SUCCESS(ws("project create other"));
    SIGNET_EXPECT_SUCCESS(ws("project delete other"));
}

void TestCliWorkspace::projectKeys()
{
    SIGNET_EXPECT_SUCCESS(ws("project create keys"));
    const RunResult first = ws("key generate -p keys --alg ES256");
    SIGNET_EXPECT_SUCCESS(first);
    QVERIFY2(first.stdoutText().contains(QStringLiteral("ES256")) &&
                 first.stdoutText().contains(QStringLiteral(", active")),
             qPrintable(first.describe()));
    const RunResult second = ws("key generate -p keys --alg RS256 --bits 2048");
    SIGNET_EXPECT_SUCCESS(second);
    QVERIFY2(second.stdoutText().contains(QStringLiteral("RSA 2048")) &&
                 second.stdoutText().contains(QStringLiteral(", next")),
             qPrintable(second.describe()));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p keys --alg EdDSA --state next"));

    // Import: a JWK from the stateless generator, a JWK set of one private key, and PEM.
    const RunResult imported = ws("key import -p keys", {file(QStringLiteral("es384.jwk"))});
    SIGNET_EXPECT_SUCCESS(imported);
    QVERIFY2(imported.stdoutText().contains(QStringLiteral("kid imported-jwk, next")), qPrintable(imported.describe()));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("PS256"), QStringLiteral("--kid"), QStringLiteral("in-a-set"),
                                  QStringLiteral("-o"), file(QStringLiteral("ps.jwk"))}));
    QVERIFY(
        writeFile(file(QStringLiteral("set.json")), "{\"keys\": [" + readFile(file(QStringLiteral("ps.jwk"))) + "]}"));
    SIGNET_EXPECT_SUCCESS(ws("key import -p keys", {file(QStringLiteral("set.json"))}));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("ES256"), QStringLiteral("--format"), QStringLiteral("pem"),
                                  QStringLiteral("-o"), file(QStringLiteral("es.pem"))}));
    const RunResult pem = ws("key import -p keys --state next", {file(QStringLiteral("es.pem"))});
    SIGNET_EXPECT_SUCCESS(pem);
    SIGNET_EXPECT_ERROR(ws("key import -p keys", {file(QStringLiteral("none.jwk"))}), 2, QStringLiteral("cannot read"));
    const RunResult publicOnly =
        runCli({QStringLiteral("key"), QStringLiteral("public"), file(QStringLiteral("es.pem"))});
    QVERIFY(writeFile(file(QStringLiteral("public.jwk")), publicOnly.out));
    SIGNET_EXPECT_ERROR(ws("key import -p keys", {file(QStringLiteral("public.jwk"))}), 2,
                        QStringLiteral("no private key"));

    const RunResult table = ws("key list -p keys");
    SIGNET_EXPECT_SUCCESS(table);
    for (const char* text : {"KID", "ALG", "STATE", "CREATED (UTC)", "ACTIVATED (UTC)", "RETIRE AT (UTC)",
                             "FINGERPRINT", "imported-jwk", "SHA256:"})
        QVERIFY2(table.stdoutText().contains(QString::fromUtf8(text)), qPrintable(table.describe()));
    QJsonArray keys = keyList("keys");
    QCOMPARE(keys.size(), 6);
    QCOMPARE(countState(keys, QStringLiteral("active")), 1);
    QCOMPARE(countState(keys, QStringLiteral("next")), 5);
    const QJsonObject active = keys.first().toObject();
    QCOMPARE(active.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QCOMPARE(active.value(QStringLiteral("alg")).toString(), QStringLiteral("ES256"));
    QVERIFY(active.value(QStringLiteral("fingerprint")).toString().startsWith(QStringLiteral("SHA256:")));
    QVERIFY(!active.value(QStringLiteral("publicJwk")).toObject().contains(QStringLiteral("d")));
    QCOMPARE(findKey(keys, QStringLiteral("in-a-set")).value(QStringLiteral("alg")).toString(),
             QStringLiteral("PS256"));
    const QString oldKid = active.value(QStringLiteral("kid")).toString();
    QStringList nextKids;
    for (const QJsonValue& key : keys) {
        if (key.toObject().value(QStringLiteral("state")).toString() == QLatin1String("next"))
            nextKids.append(key.toObject().value(QStringLiteral("kid")).toString());
    }

    // Rotation promotes a next key (the JWKS already published it) and says what happened.
    const RunResult rotated = ws("key rotate -p keys --prepare-next");
    SIGNET_EXPECT_SUCCESS(rotated);
    for (const QString& text :
         {QStringLiteral("active:"), QString(QStringLiteral("retiring: ") + oldKid), QStringLiteral(" UTC (in 1 d)"),
          QStringLiteral("next:"), QStringLiteral("the JWKS now holds:")})
        QVERIFY2(rotated.stdoutText().contains(text), qPrintable(text + QLatin1Char('\n') + rotated.describe()));
    keys = keyList("keys");
    QCOMPARE(keys.size(), 7);
    QCOMPARE(countState(keys, QStringLiteral("active")), 1);
    QCOMPARE(countState(keys, QStringLiteral("retiring")), 1);
    const QString promoted = keys.first().toObject().value(QStringLiteral("kid")).toString();
    QVERIFY2(nextKids.contains(promoted), qPrintable(promoted));
    QVERIFY(rotated.stdoutText().contains(QStringLiteral("active:   ") + promoted));
    const QJsonObject retiring = findKey(keys, oldKid);
    QCOMPARE(retiring.value(QStringLiteral("state")).toString(), QStringLiteral("retiring"));
    const qint64 retireIn = retiring.value(QStringLiteral("retireAt")).toInteger() - QDateTime::currentSecsSinceEpoch();
    QVERIFY2(retireIn > 86400 - 60 && retireIn <= 86400, qPrintable(QString::number(retireIn)));

    const RunResult revoked = ws("key revoke -p keys --", {oldKid});
    SIGNET_EXPECT_SUCCESS(revoked);
    QVERIFY2(revoked.stdoutText().contains(QStringLiteral("(was retiring)")), qPrintable(revoked.describe()));
    QCOMPARE(findKey(keyList("keys"), oldKid).value(QStringLiteral("state")).toString(), QStringLiteral("revoked"));

    const RunResult revokeOld = ws("key rotate -p keys --revoke-old");
    SIGNET_EXPECT_SUCCESS(revokeOld);
    QVERIFY2(revokeOld.stdoutText().contains(QStringLiteral("revoked: ")), qPrintable(revokeOld.describe()));
    keys = keyList("keys");
    QCOMPARE(countState(keys, QStringLiteral("active")), 1);
    QCOMPARE(countState(keys, QStringLiteral("revoked")), 2);

    // A KID that cannot be mistaken for an option needs no '--'.
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("ES256"), QStringLiteral("--kid"), QStringLiteral("plain-kid"),
                                  QStringLiteral("-o"), file(QStringLiteral("plain.jwk"))}));
    SIGNET_EXPECT_SUCCESS(ws("key import -p keys", {file(QStringLiteral("plain.jwk"))}));
    const RunResult plain = ws("key revoke -p keys plain-kid");
    SIGNET_EXPECT_SUCCESS(plain);
    QVERIFY2(plain.stdoutText().contains(QStringLiteral("revoked key plain-kid of project 'keys' (was next)")),
             qPrintable(plain.describe()));
}

// jwks export: stdout and -o FILE carry exactly KeyService::jwks(), public members only.
void TestCliWorkspace::jwksExport()
{
    SIGNET_EXPECT_SUCCESS(ws("project create jwks"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p jwks --alg ES256"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p jwks --alg EdDSA"));
    const RunResult printed = ws("jwks export -p jwks");
    SIGNET_EXPECT_SUCCESS(printed);
    const QString out = file(QStringLiteral("jwks.json"));
    const RunResult written = ws("jwks export -p jwks -o", {out});
    SIGNET_EXPECT_SUCCESS(written);
    QVERIFY2(written.stdoutText().contains(out), qPrintable(written.describe()));
    SIGNET_EXPECT_SUCCESS(ws("jwks export -p jwks -o", {out})); // a published artefact: replaced
    QCOMPARE(readFile(out), printed.out);

    auto workspace = Signet::Workspace::open(m_workspace, {}, Signet::Actor::Cli);
    QVERIFY2(workspace.has_value(), qPrintable(workspace ? QString() : workspace.error().message));
    auto expected = (*workspace)->keys().jwks(QStringLiteral("jwks"));
    QVERIFY(expected.has_value());
    QCOMPARE(printed.out, *expected);
    workspace->reset();

    const QJsonArray keys = QJsonDocument::fromJson(printed.out).object().value(QStringLiteral("keys")).toArray();
    QCOMPARE(keys.size(), 2);
    for (const QJsonValue& key : keys)
        QVERIFY(!key.toObject().contains(QStringLiteral("d")));
    SIGNET_EXPECT_ERROR(ws("jwks export -p missing"), 2, QStringLiteral("no project 'missing'"));
}

void TestCliWorkspace::apiKeys()
{
    SIGNET_EXPECT_SUCCESS(ws("project create api --scopes read,write,admin"));
    const RunResult text = ws("apikey create -p api --name ci --scope read --scope write --expires 1h");
    SIGNET_EXPECT_SUCCESS(text);
    QVERIFY2(text.stdoutText().contains(QStringLiteral("will not be shown again")), qPrintable(text.describe()));
    QVERIFY(text.stdoutText().contains(QStringLiteral("secret: ")));
    const RunResult created = ws("apikey create -p api --name deploy --scope read --json");
    SIGNET_EXPECT_SUCCESS(created);
    const QJsonObject key = stdoutJson(created);
    const QString id = key.value(QStringLiteral("id")).toString();
    const QString secret = key.value(QStringLiteral("secret")).toString();
    QVERIFY2(id.startsWith(QStringLiteral("ak_")) && secret.size() >= 40, qPrintable(created.describe()));

    const RunResult list = ws("apikey list -p api");
    SIGNET_EXPECT_SUCCESS(list);
    QVERIFY(list.stdoutText().contains(id) && list.stdoutText().contains(QStringLiteral("usable")));
    const RunResult listJson = ws("apikey list -p api --json");
    QCOMPARE(stdoutArray(listJson).size(), 2);
    QVERIFY(!listJson.stdoutText().contains(secret) && !list.stdoutText().contains(secret));
    for (const QJsonValue& listed : stdoutArray(listJson)) {
        const QJsonObject object = listed.toObject();
        const bool expires = object.value(QStringLiteral("name")).toString() == QLatin1String("ci");
        QCOMPARE(object.value(QStringLiteral("expiresAt")).isNull(), !expires);
        QCOMPARE(object.value(QStringLiteral("status")).toString(), QStringLiteral("usable"));
    }

    // An HS256 token keyed with the API key's secret: its kid is the API key id, and it verifies.
    const RunResult minted = ws("token mint -p api --scope read --api-key", {id});
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    QCOMPARE(tokenPart(token, 0).value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(tokenPart(token, 0).value(QStringLiteral("kid")).toString(), id);
    QCOMPARE(tokenPart(token, 1).value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
    SIGNET_EXPECT_SUCCESS(ws("token verify -p api", {token}));
    SIGNET_EXPECT_ERROR(ws("token mint -p api --scope admin --api-key", {id}), 2, QStringLiteral("does not grant"));
    SIGNET_EXPECT_ERROR(ws("apikey create -p api --name x --scope delete"), 2, QStringLiteral("'delete' is not in"));
    SIGNET_EXPECT_ERROR(ws("apikey create -p api"), 2, QStringLiteral("--name is required"));

    const RunResult revoked = ws("apikey revoke -p api", {id});
    SIGNET_EXPECT_SUCCESS(revoked);
    QVERIFY(revoked.stdoutText().contains(id));
    SIGNET_EXPECT_ERROR(ws("apikey revoke -p api", {id}), 2, QStringLiteral("already revoked"));
    SIGNET_EXPECT_EXIT(ws("token verify -p api", {token}), 1);
    SIGNET_EXPECT_ERROR(ws("token mint -p api --api-key", {id}), 2, QStringLiteral("revoked"));
    QVERIFY(ws("apikey list -p api").stdoutText().contains(QStringLiteral("revoked")));
}

void TestCliWorkspace::projectTokens()
{
    SIGNET_EXPECT_SUCCESS(ws("project create tok --scopes read,write --max-ttl 1h"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p tok --alg ES256"));
    QVERIFY(writeFile(file(QStringLiteral("claims.json")), "{\"tenant\": \"t-1\", \"roles\": [\"a\"]}"));
    const RunResult minted = ws("token mint -p tok --sub alice --aud web --aud mobile --ttl 10m --scope read --scope "
                                "write --jti fixed-id --claim level=3 --claims-file",
                                {file(QStringLiteral("claims.json"))});
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    const QJsonObject claims = tokenPart(token, 1);
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("https://signet.local/p/tok"));
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(claims.value(QStringLiteral("aud")).toArray().size(), 2);
    QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("read write"));
    QCOMPARE(claims.value(QStringLiteral("jti")).toString(), QStringLiteral("fixed-id"));
    QCOMPARE(claims.value(QStringLiteral("level")).toInt(), 3);
    QCOMPARE(claims.value(QStringLiteral("tenant")).toString(), QStringLiteral("t-1"));
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 600);

    const RunResult verified = ws("token verify -p tok --aud web", {token});
    SIGNET_EXPECT_SUCCESS(verified);
    QVERIFY(verified.stdoutText().startsWith(QStringLiteral("VALID\n")));
    SIGNET_EXPECT_SUCCESS(ws("token verify - -p tok --aud mobile --require tenant", {}, token.toUtf8() + '\n'));
    const RunResult json = ws("token verify -p tok --json --aud web", {token});
    SIGNET_EXPECT_SUCCESS(json);
    QVERIFY(stdoutJson(json).value(QStringLiteral("accepted")).toBool());
    QVERIFY(stdoutJson(json).value(QStringLiteral("valid")).toBool());
    const RunResult wrongAudience = ws("token verify -p tok", {token}); // default audience: "tok"
    SIGNET_EXPECT_ERROR(wrongAudience, 1, QStringLiteral("aud"));
    QVERIFY(wrongAudience.stdoutText().startsWith(QStringLiteral("INVALID\n  ✗ aud")));
    SIGNET_EXPECT_ERROR(ws("token verify -p tok --aud web", {tamperPayload(token)}), 1, QStringLiteral("signature"));
    SIGNET_EXPECT_ERROR(ws("token verify -p tok --aud web --consume", {token}), 1,
                        QStringLiteral("not a one-time token"));
    SIGNET_EXPECT_ERROR(ws("token mint -p tok --jti fixed-id"), 2, QStringLiteral("already minted"));

    const RunResult oneTime = ws("token mint -p tok --one-time --sub bob");
    SIGNET_EXPECT_SUCCESS(oneTime);
    const RunResult list = ws("token list -p tok");
    SIGNET_EXPECT_SUCCESS(list);
    for (const char* text : {"JTI", "SUBJECT", "SCOPES", "ISSUED (UTC)", "EXPIRES (UTC)", "ONE-TIME", "fixed-id",
                             "alice", "read write", "unused"})
        QVERIFY2(list.stdoutText().contains(QString::fromUtf8(text)), qPrintable(list.describe()));
    QVERIFY(!list.stdoutText().contains(token));
    const RunResult consumed = ws("token verify -p tok --consume", {oneTime.firstLine()});
    SIGNET_EXPECT_SUCCESS(consumed);
    QVERIFY(consumed.stdoutText().contains(QStringLiteral("✓ one-time: consumed now")));
    const QJsonArray ledger = stdoutArray(ws("token list -p tok --json"));
    QCOMPARE(ledger.size(), 2);
    for (const QJsonValue& value : ledger) {
        const QJsonObject entry = value.toObject();
        const bool isBob = entry.value(QStringLiteral("subject")).toString() == QLatin1String("bob");
        QCOMPARE(entry.value(QStringLiteral("oneTime")).toBool(), isBob);
        QCOMPARE(entry.value(QStringLiteral("status")).toString(),
                 isBob ? QStringLiteral("used") : QStringLiteral("no"));
        QCOMPARE(entry.value(QStringLiteral("consumedAt")).isNull(), !isBob);
        QCOMPARE(entry.value(QStringLiteral("jti")).toString() == QLatin1String("fixed-id"), !isBob);
        QCOMPARE(entry.value(QStringLiteral("scopes")).toArray().size(), isBob ? 0 : 2);
    }
}

void TestCliWorkspace::audit()
{
    SIGNET_EXPECT_SUCCESS(ws("project create audited"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p audited --alg ES256"));
    SIGNET_EXPECT_SUCCESS(ws("key rotate -p audited"));
    const RunResult text = ws("audit -p audited");
    SIGNET_EXPECT_SUCCESS(text);
    for (const char* column : {"TIME (UTC)", "ACTOR", "ACTION", "PROJECT", "OBJECT", "DETAILS", "key.rotate", "cli"})
        QVERIFY2(text.stdoutText().contains(QString::fromUtf8(column)), qPrintable(text.describe()));
    const QJsonArray events = stdoutArray(ws("audit -p audited --json"));
    QStringList actions;
    for (const QJsonValue& event : events) {
        const QJsonObject object = event.toObject();
        QCOMPARE(object.value(QStringLiteral("project")).toString(), QStringLiteral("audited"));
        QCOMPARE(object.value(QStringLiteral("actor")).toString(), QStringLiteral("cli"));
        QVERIFY(object.value(QStringLiteral("time")).toString().endsWith(QStringLiteral(" UTC")));
        actions.append(object.value(QStringLiteral("action")).toString());
    }
    // Newest first.
    QCOMPARE(actions.first(), QStringLiteral("key.rotate"));
    QVERIFY2(actions.contains(QStringLiteral("project.create")) && actions.contains(QStringLiteral("key.generate")),
             qPrintable(actions.join(QLatin1Char(','))));
    const RunResult all = ws("audit --json");
    SIGNET_EXPECT_SUCCESS(all);
    QVERIFY(stdoutArray(all).size() > events.size());
    QVERIFY(all.stdoutText().contains(QStringLiteral("workspace.create")));
    SIGNET_EXPECT_ERROR(ws("audit -p nowhere"), 2, QStringLiteral("no project 'nowhere'"));
}

// Every transition the lifecycle refuses: exit 2, one line naming the key and why, nothing changed.
void TestCliWorkspace::refusedTransitions()
{
    SIGNET_EXPECT_SUCCESS(ws("project create states"));
    SIGNET_EXPECT_ERROR(ws("key rotate -p states"), 2, QStringLiteral("no active or next key to rotate to"));
    SIGNET_EXPECT_ERROR(ws("key revoke -p states nothing"), 2, QStringLiteral("has no key 'nothing'"));
    SIGNET_EXPECT_ERROR(ws("token mint -p states"), 2, QStringLiteral("no active signing key"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p states --alg ES256"));
    SIGNET_EXPECT_ERROR(ws("key generate -p states --alg ES256 --state active"), 2,
                        QStringLiteral("already has an active key"));
    SIGNET_EXPECT_ERROR(ws("key import -p states --state active", {file(QStringLiteral("es384.jwk"))}), 2,
                        QStringLiteral("already has an active key"));
    SIGNET_EXPECT_ERROR(ws("key generate -p states --alg HS256"), 2, QStringLiteral("API key"));
    SIGNET_EXPECT_ERROR(ws("key generate -p states --alg ES256 --state retiring"), 2,
                        QStringLiteral("--state is next or active"));
    QJsonArray keys = keyList("states");
    QCOMPARE(keys.size(), 1);
    const QString first = keys.first().toObject().value(QStringLiteral("kid")).toString();

    SIGNET_EXPECT_SUCCESS(ws("key revoke -p states --", {first}));
    SIGNET_EXPECT_ERROR(ws("key revoke -p states --", {first}), 2,
                        QStringLiteral("key %1 is revoked: it cannot become revoked").arg(first));
    SIGNET_EXPECT_ERROR(ws("key rotate -p states"), 2, QStringLiteral("no active or next key"));

    // A retired key: rotated out with no overlap.
    SIGNET_EXPECT_SUCCESS(ws("key generate -p states --alg ES256"));
    keys = keyList("states");
    const QString second = keys.first().toObject().value(QStringLiteral("kid")).toString();
    const RunResult rotated = ws("key rotate -p states --retire-after 0");
    SIGNET_EXPECT_SUCCESS(rotated);
    QVERIFY2(rotated.stdoutText().contains(QStringLiteral("retired:  ") + second), qPrintable(rotated.describe()));
    QCOMPARE(findKey(keyList("states"), second).value(QStringLiteral("state")).toString(), QStringLiteral("retired"));
    SIGNET_EXPECT_ERROR(ws("key revoke -p states --", {second}), 2,
                        QStringLiteral("key %1 is retired: it cannot become revoked").arg(second));
    keys = keyList("states");
    QCOMPARE(keys.size(), 3);
    QCOMPARE(countState(keys, QStringLiteral("active")), 1);
    QCOMPARE(countState(keys, QStringLiteral("revoked")), 1);
    QCOMPARE(countState(keys, QStringLiteral("retired")), 1);
    SIGNET_EXPECT_ERROR(ws("key rotate -p states --revoke-old --retire-after 1h"), 2,
                        QStringLiteral("exclude each other"));
    SIGNET_EXPECT_ERROR(ws("project create states"), 2, QStringLiteral("already exists"));
    SIGNET_EXPECT_ERROR(ws("project create Not_A_Slug"), 2, QStringLiteral("is not a project id"));
    SIGNET_EXPECT_ERROR(ws("project create slow --ttl 2d"), 2, QStringLiteral("exceeds the maximum"));
    SIGNET_EXPECT_ERROR(ws("token mint -p states --ttl 2d"), 2, QStringLiteral("exceeds the maximum"));
}

void TestCliWorkspace::usageErrors_data()
{
    QTest::addColumn<QStringList>("args"); // {ws} is the workspace
    QTest::addColumn<QString>("expected");
    auto row = [](const char* tag, const char* args, const char* expected) {
        QTest::newRow(tag) << (QStringList{QStringLiteral("--workspace"), QStringLiteral("{ws}")} + cmd(args))
                           << QString::fromUtf8(expected);
    };
    row("key list without -p", "key list", "key list: -p PROJECT is required");
    row("key rotate without -p", "key rotate", "-p PROJECT is required");
    row("apikey create without -p", "apikey create --name x", "-p PROJECT is required");
    row("token list without -p", "token list", "-p PROJECT is required");
    row("key import without a file", "key import -p demo", "give exactly one key file");
    row("key revoke without a kid", "key revoke -p demo", "give exactly one KID");
    row("project create without an id", "project create", "give exactly one project ID");
    row("--key and -p: mint", "token mint -p demo --key k.jwk", "not both");
    row("--key and -p: verify", "token verify x.y.z -p demo --key k.jwk", "not both");
    row("--iss with -p", "token mint -p demo --iss https://evil.example", "the issuer is the project's");
    row("--claim iss with -p", "token mint -p demo --claim iss=x", "the issuer is the project's");
    row("--claim exp with -p", "token mint -p demo --claim exp=1", "use --ttl");
    row("--jti none with -p", "token mint -p demo --jti none", "needs a jti");
    row("-o with -p", "key generate -p demo --alg ES256 -o x.jwk", "--output applies to key files");
    row("--kid with -p", "key generate -p demo --alg ES256 --kid k", "--kid applies to key files");
    row("--state without -p", "key generate --alg ES256 -o x.jwk --state next", "--state applies to project keys");
    row("--consume without -p", "token verify x.y.z --key k.jwk --consume", "--consume needs -p");
    row("--scope without -p", "token mint --key k.jwk --scope a", "--scope applies to project tokens");
    row("--one-time without -p", "token mint --key k.jwk --one-time", "--one-time applies to project tokens");
    row("bad --retire-after", "key rotate -p demo --retire-after soon", "is not a duration");
    row("bad --expires", "apikey create -p demo --name x --expires 0", "greater than zero");
    row("bad --limit", "audit --limit none", "--limit must be");
    row("unknown verb", "project frobnicate", "unknown command 'frobnicate'");
    row("group without a verb", "apikey", "which command");
    row("init with an argument", "init extra", "unexpected argument 'extra'");
    QTest::newRow("--workspace without a FILE")
        << QStringList{QStringLiteral("--workspace")} << QStringLiteral("--workspace needs a FILE");
    QTest::newRow("missing workspace")
        << (QStringList{QStringLiteral("--workspace"), QStringLiteral("{dir}/none.signet")} + cmd("project list"))
        << QStringLiteral("no workspace at {dir}/none.signet");
}

void TestCliWorkspace::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    for (QString& arg : args) {
        arg.replace(QStringLiteral("{ws}"), m_workspace);
        arg.replace(QStringLiteral("{dir}"), m_dir.path());
    }
    expected.replace(QStringLiteral("{dir}"), m_dir.path());
    const RunResult result = runCli(args);
    SIGNET_EXPECT_ERROR(result, 2, expected);
    QVERIFY2(result.out.isEmpty(), qPrintable(QStringLiteral("stdout should be empty\n") + result.describe()));
}

void TestCliWorkspace::help_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("mentions");
    auto row = [](const char* name, const char* mentions) {
        QTest::newRow(name) << QString::fromUtf8(name) << cmd(mentions) + QStringList{QStringLiteral("--workspace")};
    };
    row("init", "--no-passphrase --passphrase-file");
    row("project create", "--name --issuer --audience --ttl --max-ttl --scopes");
    row("project list", "--json");
    row("project show", "--json");
    row("project delete", "--json");
    row("key generate", "-p --state --alg --bits -o --kid");
    row("key import", "-p --state --pem-passphrase-file");
    row("key list", "-p --json");
    row("key rotate", "--revoke-old --retire-after --prepare-next");
    row("key revoke", "-p KID");
    row("jwks export", "-p --output");
    row("apikey create", "--name --scope --expires --json");
    row("apikey list", "-p --json");
    row("apikey revoke", "KEY_ID");
    row("token mint", "--key -p --api-key --scope --one-time --sub --aud --ttl --nbf --jti --claim --claims-file");
    row("token verify", "--key -p --consume --alg --iss --aud --leeway --at --require --json");
    row("token list", "-p --json");
    row("audit", "-p --json");
}

void TestCliWorkspace::help()
{
    QFETCH(QString, command);
    QFETCH(QStringList, mentions);
    const RunResult result = runCli(command.split(QLatin1Char(' ')) << QStringLiteral("--help"));
    SIGNET_EXPECT_SUCCESS(result);
    QVERIFY2(result.stdoutText().startsWith(QStringLiteral("usage: signet-cli ") + command),
             qPrintable(result.describe()));
    for (const QString& mention : mentions)
        QVERIFY2(result.stdoutText().contains(mention), qPrintable(mention + QLatin1Char('\n') + result.describe()));
    QVERIFY2(runCli({QStringLiteral("--help")}).stdoutText().contains(command), qPrintable(command));
}

QTEST_GUILESS_MAIN(TestCliWorkspace)
#include "tst_cli_workspace.moc"
