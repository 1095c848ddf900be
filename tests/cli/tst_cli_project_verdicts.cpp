// What a project's verdict holds against someone who has an API key's secret, or a token that is not
// the one minted: a token signed with an API key's secret must name that key, the key must be
// usable, the token's scopes within the key's and its lifetime within the project's maximum (each its
// own line in the verdict); consuming a one-time token needs the very token the ledger recorded; a
// token from another workspace consumes nothing; and a used one-time token says so when checked.

#include "CliRunner.h"
#include "jose/Base64Url.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

class TestCliProjectVerdicts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void genuineApiKeyTokenIsValid();
    void forgedTokensAreRefusedForTheRightReason_data();
    void forgedTokensAreRefusedForTheRightReason();
    void revokedApiKeyIsNamed();
    void onlyTheMintedTokenIsConsumed();
    void foreignTokenConsumesNothing();
    void usedOneTimeTokenSaysSo();
    void revokedSigningKeyIsNamed();

private:
    RunResult ws(const char* command, const QStringList& extra = {}) const
    {
        return runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + words(command) + extra);
    }
    // A token signed with the API key's secret as the holder of that secret could sign it.
    QString forge(const QStringList& extra) const
    {
        const RunResult forged =
            runCli(QStringList{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), m_secretFile,
                               QStringLiteral("--alg"), QStringLiteral("HS256"), QStringLiteral("--iss"),
                               QStringLiteral("https://signet.local/p/shop"), QStringLiteral("--aud"),
                               QStringLiteral("shop")} +
                   extra);
        return forged.exitCode == 0 ? forged.firstLine() : QString();
    }
    QStringList namingTheKey() const
    {
        return {QStringLiteral("--claim"), QStringLiteral("apikey=") + m_keyId, QStringLiteral("--kid"), m_keyId};
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_keyId;
    QString m_secretFile;
};

void TestCliProjectVerdicts::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qunsetenv("SIGNET_PASSPHRASE");
    m_workspace = m_dir.filePath(QStringLiteral("ws.signet"));
    SIGNET_EXPECT_SUCCESS(ws("init --no-passphrase"));
    SIGNET_EXPECT_SUCCESS(ws("project create shop --scopes orders:read,orders:write --max-ttl 1h"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p shop --alg ES256"));
    const RunResult created = ws("apikey create -p shop --name backend --scope orders:read --json");
    SIGNET_EXPECT_SUCCESS(created);
    const QJsonObject key = stdoutJson(created);
    m_keyId = key.value(QStringLiteral("id")).toString();
    const QByteArray secret = key.value(QStringLiteral("secret")).toString().toUtf8();
    QJsonObject jwk{{QStringLiteral("kty"), QStringLiteral("oct")},
                    {QStringLiteral("k"), QString::fromLatin1(Signet::Base64Url::encode(secret))}};
    m_secretFile = m_dir.filePath(QStringLiteral("secret.jwk"));
    QVERIFY(writeFile(m_secretFile, QJsonDocument(jwk).toJson()));
}

void TestCliProjectVerdicts::genuineApiKeyTokenIsValid()
{
    const RunResult minted = ws("token mint -p shop --scope orders:read --api-key", {m_keyId});
    SIGNET_EXPECT_SUCCESS(minted);
    const RunResult verified = ws("token verify -p shop", {minted.firstLine()});
    SIGNET_EXPECT_SUCCESS(verified);
    for (const QString& line : {QStringLiteral("✓ api key: signed by API key %1 ('backend'), named by the apikey "
                                               "claim and the kid header")
                                    .arg(m_keyId),
                                QStringLiteral("✓ scope: orders:read, within what API key %1 grants").arg(m_keyId),
                                QStringLiteral("✓ lifetime: 15 min, within the project's maximum of 1 h")})
        QVERIFY2(verified.stdoutText().contains(line), qPrintable(line + QLatin1Char('\n') + verified.describe()));
    // The same, forged by the secret's holder within the key's powers: valid, but in no ledger.
    const QString forged = forge(namingTheKey() << QStringLiteral("--claim") << QStringLiteral("scope=orders:read"));
    QVERIFY(!forged.isEmpty());
    const RunResult checked = ws("token verify -p shop", {forged});
    SIGNET_EXPECT_SUCCESS(checked);
    QVERIFY2(checked.stdoutText().contains(QStringLiteral("- one-time: not minted in this workspace")),
             qPrintable(checked.describe()));
}

void TestCliProjectVerdicts::forgedTokensAreRefusedForTheRightReason_data()
{
    QTest::addColumn<QStringList>("claims");
    QTest::addColumn<bool>("named");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a scope the key does not grant")
        << words("--claim scope=orders:write") << true
        << QStringLiteral("scope: API key '%1' does not grant the scope 'orders:write'");
    QTest::newRow("a permission the key does not grant")
        << QStringList{QStringLiteral("--claim"), QStringLiteral("permissions=[\"allow_mod\"]")} << true
        << QStringLiteral("scope: API key '%1' does not grant the scope 'allow_mod'");
    QTest::newRow("a lifetime beyond the project's maximum")
        << words("--ttl 30d") << true << QStringLiteral("lifetime: 30 d from iat to exp exceeds the maximum");
    QTest::newRow("no API key named") << QStringList() << false
                                      << QStringLiteral("algorithm: HS256 tokens of project 'shop' are signed with "
                                                        "an API key's secret and name it");
}

void TestCliProjectVerdicts::forgedTokensAreRefusedForTheRightReason()
{
    QFETCH(QStringList, claims);
    QFETCH(bool, named);
    QFETCH(QString, reason);
    const QString forged = forge((named ? namingTheKey() : QStringList()) + claims);
    QVERIFY(!forged.isEmpty());
    for (const char* mode : {"token verify -p shop", "token verify -p shop --consume"}) {
        const RunResult verified = ws(mode, {forged});
        SIGNET_EXPECT_ERROR(verified, 1, QStringLiteral("token invalid: ") + reason.arg(m_keyId));
        QVERIFY2(verified.stdoutText().startsWith(QStringLiteral("INVALID\n")), qPrintable(verified.describe()));
    }
}

void TestCliProjectVerdicts::revokedApiKeyIsNamed()
{
    const RunResult created = ws("apikey create -p shop --name laptop --scope orders:read --json");
    const QString id = stdoutJson(created).value(QStringLiteral("id")).toString();
    const RunResult minted = ws("token mint -p shop --api-key", {id});
    SIGNET_EXPECT_SUCCESS(minted);
    SIGNET_EXPECT_SUCCESS(ws("apikey revoke -p shop", {id}));
    const RunResult verified = ws("token verify -p shop", {minted.firstLine()});
    SIGNET_EXPECT_ERROR(verified, 1,
                        QStringLiteral("token invalid: api key: signed by API key %1 ('laptop'), named by the apikey "
                                       "claim and the kid header, which is revoked since")
                            .arg(id));
    QVERIFY(!verified.stderrText().contains(QStringLiteral("is not allowed")));
}

// A holder of an API key's secret signs a token with another token's jti: it consumes nothing, and
// the real token is still consumed once.
void TestCliProjectVerdicts::onlyTheMintedTokenIsConsumed()
{
    const RunResult genuine = ws("token mint -p shop --one-time --scope orders:read --api-key", {m_keyId});
    SIGNET_EXPECT_SUCCESS(genuine);
    const QString jti = tokenPart(genuine.firstLine(), 1).value(QStringLiteral("jti")).toString();
    const QString forged = forge(namingTheKey() << QStringLiteral("--jti") << jti << QStringLiteral("--claim")
                                                << QStringLiteral("scope=orders:read"));
    QVERIFY(!forged.isEmpty() && forged != genuine.firstLine());
    const RunResult stolen = ws("token verify -p shop --consume", {forged});
    SIGNET_EXPECT_ERROR(stolen, 1, QStringLiteral("not the token minted with this jti"));
    const RunResult checked = ws("token verify -p shop", {forged});
    SIGNET_EXPECT_ERROR(checked, 1, QStringLiteral("token rejected: not the token minted with jti %1").arg(jti));
    const RunResult ledger = ws("token list -p shop --json");
    for (const QJsonValue& entry : QJsonDocument::fromJson(ledger.out).array()) {
        if (entry.toObject().value(QStringLiteral("jti")).toString() == jti)
            QCOMPARE(entry.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("unused"));
    }
    const RunResult consumed = ws("token verify -p shop --consume", {genuine.firstLine()});
    SIGNET_EXPECT_SUCCESS(consumed);
    QVERIFY(consumed.stdoutText().contains(QStringLiteral("✓ one-time: consumed now")));
}

void TestCliProjectVerdicts::foreignTokenConsumesNothing()
{
    const QString forged = forge(namingTheKey() << QStringLiteral("--claim") << QStringLiteral("scope=orders:read"));
    const qsizetype before = QJsonDocument::fromJson(ws("token list -p shop --json").out).array().size();
    const RunResult consumed = ws("token verify -p shop --consume --json", {forged});
    SIGNET_EXPECT_EXIT(consumed, 1);
    const QJsonObject report = stdoutJson(consumed);
    QVERIFY(!report.value(QStringLiteral("accepted")).toBool());
    QCOMPARE(report.value(QStringLiteral("consumption")).toObject().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("not-in-ledger"));
    QCOMPARE(report.value(QStringLiteral("consumption")).toObject().value(QStringLiteral("message")).toString(),
             QStringLiteral("not minted in this workspace: nothing to consume"));
    QCOMPARE(QJsonDocument::fromJson(ws("token list -p shop --json").out).array().size(), before);
}

void TestCliProjectVerdicts::usedOneTimeTokenSaysSo()
{
    const RunResult minted = ws("token mint -p shop --one-time");
    SIGNET_EXPECT_SUCCESS(ws("token verify -p shop --consume", {minted.firstLine()}));
    const RunResult checked = ws("token verify -p shop", {minted.firstLine()});
    SIGNET_EXPECT_SUCCESS(checked);
    QVERIFY2(checked.stdoutText().contains(QStringLiteral("- one-time: one-time token, used at ")),
             qPrintable(checked.describe()));
    const RunResult json = ws("token verify -p shop --json", {minted.firstLine()});
    QVERIFY(stdoutJson(json)
                .value(QStringLiteral("oneTime"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .startsWith(QStringLiteral("one-time token, used at ")));
}

void TestCliProjectVerdicts::revokedSigningKeyIsNamed()
{
    SIGNET_EXPECT_SUCCESS(ws("project create revoked-key"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p revoked-key --alg ES256 --state next"));
    const QString kid = QJsonDocument::fromJson(ws("key list -p revoked-key --json").out)
                            .array()
                            .first()
                            .toObject()
                            .value(QStringLiteral("kid"))
                            .toString();
    SIGNET_EXPECT_SUCCESS(ws("key rotate -p revoked-key"));
    const RunResult minted = ws("token mint -p revoked-key");
    SIGNET_EXPECT_SUCCESS(ws("key rotate -p revoked-key --revoke-old"));
    SIGNET_EXPECT_ERROR(
        ws("token verify -p revoked-key", {minted.firstLine()}), 1,
        QStringLiteral("key: kid \"%1\" is a key of project 'revoked-key' that was revoked at").arg(kid));
}

QTEST_GUILESS_MAIN(TestCliProjectVerdicts)
#include "tst_cli_project_verdicts.moc"
