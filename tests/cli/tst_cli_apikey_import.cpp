// signet-cli apikey import and token verify --secret-file/--secret-env (issue 14): a provider's key id
// and secret kept in the workspace, tokens minted with it signed HS256 with exactly the secret's UTF-8
// bytes, the secret read from a file, the environment or nowhere else, and every refusal naming its
// reason with nothing stored.

#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

// A VideoSDK-like pair: a UUID key id and a 64-character hex secret.
const QString kKeyId = QStringLiteral("8f1c2b3a-4d5e-4f60-9a7b-1c2d3e4f5a6b");
const QByteArray kSecret = "3c9e0f1a2b4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071";

QStringList cmd(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonArray stdoutArray(const RunResult& result)
{
    return QJsonDocument::fromJson(result.out).array();
}

class ScopedEnvironment
{
public:
    ScopedEnvironment(const char* name, const QByteArray& value)
        : m_name(name)
    {
        qputenv(name, value);
    }
    ~ScopedEnvironment() { qunsetenv(m_name); }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    const char* m_name;
};

} // namespace

class TestCliApiKeyImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importThenMint();
    void secretFromEnvironmentAndStdin();
    void refusals_data();
    void refusals();
    void noSecretOption();
    void verifyWithSecret();
    void verifyRefusals_data();
    void verifyRefusals();
    void createSaysTheSecretsForm();

private:
    RunResult ws(const char* command, const QStringList& extra = {}, const QByteArray& input = {}) const
    {
        return runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + cmd(command) + extra, input);
    }
    QString file(const QString& name) const { return m_dir.filePath(name); }
    QString secretFile(const QString& name, const QByteArray& content) const
    {
        const QString path = file(name);
        return writeFile(path, content) ? path : QString();
    }
    int keyCount(const char* project) const
    {
        return int(stdoutArray(ws("apikey list --json -p", {QString::fromUtf8(project)})).size());
    }
    int importEvents() const
    {
        int count = 0;
        for (const QJsonValue& event : stdoutArray(ws("audit --json")))
            count += event.toObject().value(QStringLiteral("action")).toString() == QLatin1String("apikey.import");
        return count;
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_secretFile;
};

void TestCliApiKeyImport::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(file(QStringLiteral("xdg"))));
    qunsetenv("SIGNET_WORKSPACE");
    qunsetenv("SIGNET_PASSPHRASE");
    m_workspace = file(QStringLiteral("ws.signet"));
    SIGNET_EXPECT_SUCCESS(ws("init --no-passphrase"));
    SIGNET_EXPECT_SUCCESS(ws("project create vsdk --scopes allow_join,allow_mod"));
    SIGNET_EXPECT_SUCCESS(ws("project create other"));
    // As a dashboard's copy button and `echo ... >` leave it: one trailing newline.
    m_secretFile = secretFile(QStringLiteral("secret.txt"), kSecret + '\n');
    QVERIFY(!m_secretFile.isEmpty());
}

void TestCliApiKeyImport::importThenMint()
{
    const RunResult imported = ws("apikey import -p vsdk --name dashboard --scope allow_join --id",
                                  {kKeyId, QStringLiteral("--secret-file"), m_secretFile});
    SIGNET_EXPECT_SUCCESS(imported);
    QVERIFY2(imported.stdoutText().contains(QStringLiteral("imported API key ") + kKeyId),
             qPrintable(imported.describe()));
    QVERIFY(imported.stdoutText().contains(QStringLiteral("VideoSDK-style code passes this string as is")));
    QVERIFY(!imported.out.contains(kSecret));
    const QJsonArray keys = stdoutArray(ws("apikey list --json -p vsdk"));
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().toObject().value(QStringLiteral("id")).toString(), kKeyId);
    QCOMPARE(keys.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("dashboard"));
    QCOMPARE(importEvents(), 1);

    const RunResult minted = ws("token mint -p vsdk --scope allow_join --api-key", {kKeyId});
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    const QJsonObject header = tokenPart(token, 0);
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), kKeyId);

    // HS256 over the signing input keyed with the secret's own bytes (the newline not among them): what
    // VideoSDK's jwt.sign(payload, SECRET) computes.
    const QByteArray signingInput = token.section(QLatin1Char('.'), 0, 1).toLatin1();
    QCOMPARE(token.section(QLatin1Char('.'), 2).toLatin1(),
             base64Url(QMessageAuthenticationCode::hash(signingInput, kSecret, QCryptographicHash::Sha256)));

    // A JWK holds the same key as base64url of those bytes.
    const QString jwk = file(QStringLiteral("secret.jwk"));
    QVERIFY(writeFile(jwk, QJsonDocument(QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")},
                                                     {QStringLiteral("k"), QString::fromLatin1(base64Url(kSecret))}})
                               .toJson(QJsonDocument::Compact)));
    const QString audience = tokenPart(token, 1).value(QStringLiteral("aud")).toString();
    SIGNET_EXPECT_EXIT(runCli({QStringLiteral("token"), QStringLiteral("verify"), token, QStringLiteral("--key"), jwk,
                               QStringLiteral("--aud"), audience}),
                       0);
    SIGNET_EXPECT_EXIT(runCli({QStringLiteral("token"), QStringLiteral("verify"), token,
                               QStringLiteral("--secret-file"), m_secretFile, QStringLiteral("--aud"), audience}),
                       0);
    SIGNET_EXPECT_EXIT(ws("token verify -p vsdk", {token}), 0);
}

void TestCliApiKeyImport::secretFromEnvironmentAndStdin()
{
    const QByteArray secret = "env-" + kSecret;
    {
        const ScopedEnvironment environment("SIGNET_TEST_PROVIDER_SECRET", secret);
        SIGNET_EXPECT_SUCCESS(ws("apikey import -p other --secret-env SIGNET_TEST_PROVIDER_SECRET --id from-env"));
    }
    // Standard input: piped from a password manager.
    SIGNET_EXPECT_SUCCESS(ws("apikey import -p other --secret-file - --id from-stdin", {}, "stdin-" + kSecret + '\n'));
    const RunResult list = ws("apikey list --json -p other");
    QCOMPARE(stdoutArray(list).size(), 2);
    QCOMPARE(stdoutArray(list).first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("imported"));

    const QList<std::pair<QString, QByteArray>> imported{{QStringLiteral("from-env"), secret},
                                                         {QStringLiteral("from-stdin"), "stdin-" + kSecret}};
    for (const auto& [id, bytes] : imported) {
        const QString token = ws("token mint -p other --api-key", {id}).firstLine();
        const QByteArray signingInput = token.section(QLatin1Char('.'), 0, 1).toLatin1();
        QCOMPARE(token.section(QLatin1Char('.'), 2).toLatin1(),
                 base64Url(QMessageAuthenticationCode::hash(signingInput, bytes, QCryptographicHash::Sha256)));
    }
}

void TestCliApiKeyImport::refusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("secret"); // written to the file --secret-file names
    QTest::addColumn<QString>("error");

    const QStringList withFile{QStringLiteral("--secret-file"), file(QStringLiteral("refused.txt"))};
    const auto row = [&](const char* tag, const QStringList& arguments, const QByteArray& secret, const char* error) {
        QTest::newRow(tag) << arguments << secret << QString::fromUtf8(error);
    };
    const QStringList fresh = cmd("-p vsdk --id fresh-id") + withFile;
    row("empty file", fresh, "", "the secret is empty");
    row("only a newline", fresh, "\n", "the secret is empty");
    row("two newlines", fresh, kSecret + "\n\n", "control character or a line break (U+000a at character 65)");
    row("a tab inside", fresh, "abc\t" + kSecret, "control character or a line break (U+0009 at character 4)");
    row("a carriage return", fresh, kSecret + "\r", "control character");
    row("not UTF-8", fresh, kSecret + "\xff", "not UTF-8 text");
    row("too short", fresh, "0123456789abcdef", "the secret is 16 bytes; HS256 tokens need a secret of at least 32");
    row("duplicate id",
        QStringList{QStringLiteral("-p"), QStringLiteral("other"), QStringLiteral("--id"), kKeyId} + withFile,
        "x" + kSecret, "already exists (project 'vsdk')");
    row("duplicate secret", cmd("-p vsdk --id another-id") + withFile, kSecret, "already has this secret");
    row("id with a space",
        QStringList{QStringLiteral("-p"), QStringLiteral("vsdk"), QStringLiteral("--id"), QStringLiteral("my key")} +
            withFile,
        "x" + kSecret, "space or a character outside printable ASCII (U+0020 at position 3)");
    row("id outside ASCII",
        QStringList{QStringLiteral("-p"), QStringLiteral("vsdk"), QStringLiteral("--id"), QStringLiteral("cl\u00e9")} +
            withFile,
        "x" + kSecret, "outside printable ASCII (U+00e9 at position 3)");
    row("id too long",
        QStringList{QStringLiteral("-p"), QStringLiteral("vsdk"), QStringLiteral("--id"),
                    QString(129, QLatin1Char('a'))} +
            withFile,
        "x" + kSecret, "1 to 128 characters; this one has 129");
    row("empty id", cmd("-p vsdk --id=") + withFile, "x" + kSecret, "--id KEY_ID is required");
    row("unknown project", cmd("-p nowhere --id fresh-id") + withFile, "x" + kSecret, "no project 'nowhere'");
    row("scope outside the catalogue", cmd("-p vsdk --id fresh-id --scope admin") + withFile, "x" + kSecret, "admin");
    row("no id", cmd("-p vsdk") + withFile, "x" + kSecret, "--id KEY_ID is required");
    row("no source off a terminal", cmd("-p vsdk --id fresh-id"), "x" + kSecret,
        "give the secret with --secret-file FILE or --secret-env VAR");
    row("file and environment", cmd("-p vsdk --id fresh-id --secret-env HOME") + withFile, "x" + kSecret,
        "--secret-file and --secret-env are both sources of the secret: give one");
    row("unset variable", cmd("-p vsdk --id fresh-id --secret-env SIGNET_TEST_UNSET_VARIABLE"), "x" + kSecret,
        "the environment variable SIGNET_TEST_UNSET_VARIABLE is not set");
    row("missing file", cmd("-p vsdk --id fresh-id --secret-file /nonexistent/secret.txt"), "x" + kSecret,
        "cannot read /nonexistent/secret.txt");
}

void TestCliApiKeyImport::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, secret);
    QFETCH(QString, error);
    QVERIFY(writeFile(file(QStringLiteral("refused.txt")), secret));
    const QLatin1StringView tag(QTest::currentDataTag());
    if (tag == QLatin1String("duplicate id") || tag == QLatin1String("duplicate secret")) {
        if (keyCount("vsdk") == 0) // run alone: the key it duplicates
            SIGNET_EXPECT_SUCCESS(
                ws("apikey import -p vsdk --id", {kKeyId, QStringLiteral("--secret-file"), m_secretFile}));
    }
    qunsetenv("SIGNET_TEST_UNSET_VARIABLE");
    const int vsdkKeys = keyCount("vsdk");
    const int otherKeys = keyCount("other");
    const int events = importEvents();
    const RunResult refused = ws("apikey import", arguments);
    SIGNET_EXPECT_ERROR(refused, 2, error);
    // The secret is never quoted back.
    if (secret.size() > 8)
        QVERIFY2(!refused.err.contains(secret.trimmed()), qPrintable(refused.describe()));
    QCOMPARE(keyCount("vsdk"), vsdkKeys);
    QCOMPARE(keyCount("other"), otherKeys);
    QCOMPARE(importEvents(), events);
}

// The secret never comes from the command line: there is no such option, and the value is not echoed.
void TestCliApiKeyImport::noSecretOption()
{
    const int events = importEvents();
    const RunResult refused = ws("apikey import -p vsdk --id argv-id --secret", {QString::fromLatin1("z" + kSecret)});
    SIGNET_EXPECT_EXIT(refused, 2);
    QVERIFY2(!refused.err.contains(kSecret), qPrintable(refused.describe()));
    QCOMPARE(importEvents(), events);
    const RunResult help = ws("apikey import --help");
    SIGNET_EXPECT_SUCCESS(help);
    QVERIFY(!help.stdoutText().contains(QStringLiteral("--secret ")));
    QVERIFY2(help.stdoutText().contains(QStringLiteral("one trailing line break")), qPrintable(help.describe()));
}

void TestCliApiKeyImport::verifyWithSecret()
{
    // A token as the provider's code makes it: HS256 (or HS512) over a payload, keyed with the text.
    const auto sign = [](const char* alg, const QByteArray& key) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray input =
            base64Url(QByteArray(R"({"alg":")") + alg + R"(","typ":"JWT"})") + '.' +
            base64Url(QStringLiteral(R"({"apikey":"%1","permissions":["allow_join"],"iat":%2,"exp":%3})")
                          .arg(kKeyId)
                          .arg(now)
                          .arg(now + 600)
                          .toUtf8());
        const auto hash = QByteArray(alg) == "HS512" ? QCryptographicHash::Sha512 : QCryptographicHash::Sha256;
        return QString::fromLatin1(input + '.' + base64Url(QMessageAuthenticationCode::hash(input, key, hash)));
    };
    const QString hs256 = sign("HS256", kSecret);
    const RunResult valid = runCli(
        {QStringLiteral("token"), QStringLiteral("verify"), hs256, QStringLiteral("--secret-file"), m_secretFile});
    SIGNET_EXPECT_SUCCESS(valid);
    {
        const ScopedEnvironment environment("SIGNET_TEST_PROVIDER_SECRET", kSecret);
        SIGNET_EXPECT_SUCCESS(
            runCli({QStringLiteral("token"), QStringLiteral("verify"), hs256, QStringLiteral("--secret-env"),
                    QStringLiteral("SIGNET_TEST_PROVIDER_SECRET"), QStringLiteral("--json")}));
        // Wrong secret: the usual verdict, exit 1.
        const RunResult wrong = runCli({QStringLiteral("token"), QStringLiteral("verify"), sign("HS256", "x" + kSecret),
                                        QStringLiteral("--secret-env"), QStringLiteral("SIGNET_TEST_PROVIDER_SECRET")});
        SIGNET_EXPECT_EXIT(wrong, 1);
        QVERIFY2(wrong.stderrText().contains(QStringLiteral("token invalid: signature")), qPrintable(wrong.describe()));
    }
    // The token from standard input, the secret from a file.
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("token"), QStringLiteral("verify"), QStringLiteral("--secret-file"), m_secretFile},
               hs256.toLatin1()));

    // HS512 only when asked for.
    const QString hs512 = sign("HS512", kSecret);
    const RunResult strict = runCli(
        {QStringLiteral("token"), QStringLiteral("verify"), hs512, QStringLiteral("--secret-file"), m_secretFile});
    SIGNET_EXPECT_EXIT(strict, 1);
    QVERIFY2(
        strict.stderrText().contains(QStringLiteral("with a secret only HS256 is accepted unless --alg names HS512")),
        qPrintable(strict.describe()));
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("token"), QStringLiteral("verify"), hs512, QStringLiteral("--secret-file"), m_secretFile,
                QStringLiteral("--alg"), QStringLiteral("HS512")}));
}

void TestCliApiKeyImport::verifyRefusals_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    const QString secret = file(QStringLiteral("verify-secret.txt"));
    const QString jwk = file(QStringLiteral("secret.jwk"));
    const auto row = [](const char* tag, const QStringList& arguments, const QString& error) {
        QTest::newRow(tag) << arguments << error;
    };
    const QString token = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30.c2ln");
    row("an RSA algorithm",
        QStringList{token, QStringLiteral("--secret-file"), secret, QStringLiteral("--alg"),
                    QStringLiteral("HS256,RS256")},
        QStringLiteral("--alg RS256 cannot be verified with a secret"));
    row("with a key file", QStringList{token, QStringLiteral("--secret-file"), secret, QStringLiteral("--key"), jwk},
        QStringLiteral("are both key sources"));
    row("file and environment",
        QStringList{token, QStringLiteral("--secret-file"), secret, QStringLiteral("--secret-env"),
                    QStringLiteral("HOME")},
        QStringLiteral("give one"));
    row("token and secret on stdin", QStringList{QStringLiteral("--secret-file"), QStringLiteral("-")},
        QStringLiteral("cannot both come from standard input"));
    row("empty secret", QStringList{token, QStringLiteral("--secret-file"), file(QStringLiteral("empty.txt"))},
        QStringLiteral("the secret is empty"));
    row("unset variable",
        QStringList{token, QStringLiteral("--secret-env"), QStringLiteral("SIGNET_TEST_UNSET_VARIABLE")},
        QStringLiteral("is not set"));
}

void TestCliApiKeyImport::verifyRefusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QVERIFY(writeFile(file(QStringLiteral("verify-secret.txt")), kSecret));
    QVERIFY(writeFile(file(QStringLiteral("empty.txt")), "\n"));
    QVERIFY(writeFile(file(QStringLiteral("secret.jwk")), "{}"));
    qunsetenv("SIGNET_TEST_UNSET_VARIABLE");
    SIGNET_EXPECT_ERROR(runCli(QStringList{QStringLiteral("token"), QStringLiteral("verify")} + arguments), 2, error);
}

void TestCliApiKeyImport::createSaysTheSecretsForm()
{
    const RunResult created = ws("apikey create -p other --name plain");
    SIGNET_EXPECT_SUCCESS(created);
    QVERIFY2(created.stdoutText().contains(QStringLiteral("VideoSDK-style code passes this string as is; a JWK's k is "
                                                          "base64url of these bytes and must be decoded first.")),
             qPrintable(created.describe()));
    const QJsonObject json = stdoutJson(ws("apikey create -p other --name json --json"));
    QVERIFY(json.value(QStringLiteral("secretForm")).toString().startsWith(QStringLiteral("VideoSDK-style")));
}

QTEST_GUILESS_MAIN(TestCliApiKeyImport)
#include "tst_cli_apikey_import.moc"
