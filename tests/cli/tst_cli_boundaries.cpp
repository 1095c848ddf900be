// signet-cli at its trust boundaries: what a file, a terminal, a flag or a token may not slip past.
// Every case here failed before the boundary was drawn: a foreign file opened as a workspace (and
// switched to WAL), a crafted workspace asking scrypt for gigabytes, a revoked key imported again
// under a new kid, control characters stored in an issuer or printed raw on the terminal, numbers
// that overflowed silently, and help or standard output that a new user expects.

#include "CliRunner.h"
#include "jose/Base64Url.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

QByteArray sha256(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// A compact JWS with the given header and claims and a dummy signature: enough for decode and for a
// verification that fails at the key or signature check.
QString unsignedToken(const QByteArray& header, const QByteArray& claims)
{
    return QString::fromLatin1(Signet::Base64Url::encode(header) + '.' + Signet::Base64Url::encode(claims) + '.' +
                               Signet::Base64Url::encode(QByteArray(64, 'x')));
}

// Runs SQL on a file with a connection of the test's own.
bool execSql(const QString& path, const QStringList& statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-sql"));
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            ok = ok && query.exec(statement);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-sql"));
    return ok;
}

} // namespace

class TestCliBoundaries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void foreignFilesAreNotWorkspaces_data();
    void foreignFilesAreNotWorkspaces();
    void unusedPassphraseIsWarnedAbout();
    void urlsAreNotPaths();
    void craftedScryptParametersAreRefused();
    void keyMaterialIsImportedOnce();
    void fieldsAreCheckedWhereTheyEnter_data();
    void fieldsAreCheckedWhereTheyEnter();
    void acceptedIssuers();
    void numbersAreRangeChecked_data();
    void numbersAreRangeChecked();
    void untrustedTextIsEscaped();
    void groupHelp_data();
    void groupHelp();
    void dashWritesToStandardOutput();
    void standardInputIsCapped();
    void oversizedTokensAreNotMinted();
    void jwksWithPrivateMembersIsRefused();

private:
    RunResult ws(const char* command, const QStringList& extra = {}, const QByteArray& input = {}) const
    {
        return runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + words(command) + extra, input);
    }
    QString file(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_workspace;
};

void TestCliBoundaries::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(file(QStringLiteral("xdg"))));
    qunsetenv("SIGNET_WORKSPACE");
    qunsetenv("SIGNET_PASSPHRASE");
    m_workspace = file(QStringLiteral("ws.signet"));
    SIGNET_EXPECT_SUCCESS(ws("init --no-passphrase"));
    SIGNET_EXPECT_SUCCESS(ws("project create demo"));
    SIGNET_EXPECT_SUCCESS(ws("key generate -p demo --alg ES256"));
}

void TestCliBoundaries::foreignFilesAreNotWorkspaces_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::newRow("another SQLite database") << QStringLiteral("other.db") << QStringLiteral("without Signet's tables");
    QTest::newRow("a text file") << QStringLiteral("notes.txt") << QStringLiteral("not an SQLite database");
    QTest::newRow("an empty file") << QStringLiteral("empty.signet") << QStringLiteral("the file is empty");
}

// Opening the wrong file says so and leaves it exactly as it was: no WAL switch, no tables.
void TestCliBoundaries::foreignFilesAreNotWorkspaces()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    const QString path = file(name);
    if (name == QLatin1String("other.db")) {
        QVERIFY(execSql(path, {QStringLiteral("CREATE TABLE notes (text TEXT)"),
                               QStringLiteral("INSERT INTO notes VALUES ('keep me')")}));
    } else {
        QVERIFY(writeFile(path, name == QLatin1String("notes.txt") ? QByteArray("shopping list\n") : QByteArray()));
    }
    const QByteArray before = readFile(path);
    for (const char* command : {"project list", "key list -p demo", "project create new"}) {
        const RunResult result =
            runCli(QStringList{QStringLiteral("--workspace"), path} + words(command), QByteArray());
        SIGNET_EXPECT_ERROR(result, 2, QStringLiteral("not a Signet workspace"));
        QVERIFY2(result.stderrText().contains(reason), qPrintable(result.describe()));
    }
    QCOMPARE(sha256(readFile(path)), sha256(before));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

void TestCliBoundaries::unusedPassphraseIsWarnedAbout()
{
    qputenv("SIGNET_PASSPHRASE", "correct horse");
    const RunResult result = ws("project list");
    qunsetenv("SIGNET_PASSPHRASE");
    SIGNET_EXPECT_EXIT(result, 0);
    QVERIFY2(result.stdoutText().contains(QStringLiteral("demo")), qPrintable(result.describe()));
    QVERIFY2(result.hasSingleErrorLine() &&
                 result.stderrText().contains(QStringLiteral("warning: SIGNET_PASSPHRASE "
                                                             "is set")) &&
                 result.stderrText().contains(QStringLiteral("not protected")),
             qPrintable(result.describe()));
}

// --workspace scheme://… is never a path: another scheme is an error naming it and nothing is made
// on disk (it used to create a folder named "postgresql:"); a postgresql:// URL is checked first.
void TestCliBoundaries::urlsAreNotPaths()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const auto in = [&folder](const QString& location, const char* command) {
        return runCliProcess(QStringList{QStringLiteral("--workspace"), location} + words(command), {}, folder.path());
    };
    SIGNET_EXPECT_ERROR(in(QStringLiteral("mysql://ada@localhost/signet"), "init --no-passphrase"), 2,
                        QStringLiteral("'mysql://' is not a kind of workspace Signet opens"));
    SIGNET_EXPECT_ERROR(in(QStringLiteral("sqlite://w.signet"), "project list"), 2,
                        QStringLiteral("'sqlite://' is not a kind of workspace Signet opens"));
    SIGNET_EXPECT_ERROR(in(QStringLiteral("postgresql://localhost/signet"), "init --no-passphrase"), 2,
                        QStringLiteral("postgresql://localhost/signet: no user"));
    // A password in the URL is never shown, even when connecting fails.
    const RunResult refused = in(QStringLiteral("postgresql://ada:s3cret-pw@127.0.0.1:1/signet"), "project list");
    SIGNET_EXPECT_EXIT(refused, 2);
    QVERIFY2(refused.stderrText().contains(QStringLiteral("cannot connect to postgresql://ada@127.0.0.1:1/signet")),
             qPrintable(refused.describe()));
    QVERIFY2(!refused.stderrText().contains(QStringLiteral("s3cret-pw")), qPrintable(refused.describe()));
    QVERIFY(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
}

// The stored scrypt cost is checked before scrypt runs: a file that asks for N = 2^30 is refused at
// once instead of allocating 128 GiB.
void TestCliBoundaries::craftedScryptParametersAreRefused()
{
    const QString path = file(QStringLiteral("crafted.signet"));
    QVERIFY(writeFile(file(QStringLiteral("pass.txt")), QByteArray("a passphrase")));
    const QStringList passphrase{QStringLiteral("--passphrase-file"), file(QStringLiteral("pass.txt"))};
    SIGNET_EXPECT_SUCCESS(
        runCli(QStringList{QStringLiteral("--workspace"), path, QStringLiteral("init")} + passphrase));
    for (const auto& [name, value] : {std::pair{"vault.n", "1073741824"}, std::pair{"vault.r", "64"},
                                      std::pair{"vault.p", "32"}, std::pair{"vault.n", "12345"}}) {
        QVERIFY(execSql(path, {QStringLiteral("UPDATE meta SET value = '%1' WHERE name = '%2'")
                                   .arg(QString::fromLatin1(value), QString::fromLatin1(name))}));
        QElapsedTimer timer;
        timer.start();
        const RunResult result =
            runCli(QStringList{QStringLiteral("--workspace"), path, QStringLiteral("project"), QStringLiteral("list")} +
                   passphrase);
        SIGNET_EXPECT_ERROR(result, 2, QStringLiteral("Signet allows"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(execSql(path, {QStringLiteral("UPDATE meta SET value = '%1' WHERE name = '%2'")
                                   .arg(QString::fromLatin1(name == std::string_view("vault.n")   ? "32768"
                                                            : name == std::string_view("vault.r") ? "8"
                                                                                                  : "1"),
                                        QString::fromLatin1(name))}));
    }
    SIGNET_EXPECT_SUCCESS(
        runCli(QStringList{QStringLiteral("--workspace"), path, QStringLiteral("project"), QStringLiteral("list")} +
               passphrase));
}

// The same key material comes into the workspace once: revoked, it never returns under a new kid.
void TestCliBoundaries::keyMaterialIsImportedOnce()
{
    const QString key = file(QStringLiteral("imported.jwk"));
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), QStringLiteral("ES256"),
                QStringLiteral("--kid"), QStringLiteral("first-name"), QStringLiteral("-o"), key}));
    SIGNET_EXPECT_SUCCESS(ws("project create importer"));
    SIGNET_EXPECT_SUCCESS(ws("key import -p importer", {key}));
    SIGNET_EXPECT_SUCCESS(ws("key revoke -p importer first-name"));
    // The same key under another kid, into the same project and into another.
    QJsonObject renamed = QJsonDocument::fromJson(readFile(key)).object();
    renamed.insert(QStringLiteral("kid"), QStringLiteral("second-name"));
    const QString renamedPath = file(QStringLiteral("renamed.jwk"));
    QVERIFY(writeFile(renamedPath, QJsonDocument(renamed).toJson()));
    for (const char* project : {"importer", "demo"}) {
        const RunResult again = ws("key import -p", {QString::fromUtf8(project), renamedPath});
        SIGNET_EXPECT_ERROR(again, 2,
                            QStringLiteral("already in the workspace: key first-name of project 'importer' "
                                           "(revoked since"));
    }
    const RunResult keys = ws("key list --json -p importer");
    QCOMPARE(QJsonDocument::fromJson(keys.out).array().size(), 1);
}

void TestCliBoundaries::fieldsAreCheckedWhereTheyEnter_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* tag, const QStringList& args, const char* expected) {
        QTest::newRow(tag) << args << QString::fromUtf8(expected);
    };
    row("issuer that is no URL", words("project create f1 --issuer") << QStringLiteral("not-a-url"), "is not a URL");
    row("issuer in words", words("project create f1 --issuer") << QStringLiteral("not a url"), "holds a space");
    row("issuer of another scheme", words("project create f1 --issuer") << QStringLiteral("ftp://auth.example"),
        "is not an https URL");
    row("issuer with a space in the host", words("project create f2 --issuer") << QStringLiteral("http://a b:c"),
        "holds a space");
    row("issuer with a line break",
        words("project create f3 --issuer") << QStringLiteral("https://auth.example\nVALID"),
        "holds a control character or a line break");
    row("http issuer off localhost", words("project create f4 --issuer") << QStringLiteral("http://auth.example"),
        "uses http for a host other than localhost");
    row("issuer with a fragment", words("project create f5 --issuer") << QStringLiteral("https://auth.example/#x"),
        "has a query or a fragment");
    row("audience with an escape", words("project create f6 --audience") << QStringLiteral("api\x1b[2J"),
        "holds a control character");
    row("name with a line break", words("project create f7 --name") << QStringLiteral("Payments\nAPI"),
        "holds a control character");
    row("empty scope list", words("project create f8 --scopes ,,,"), "--scopes ',,,' names nothing");
    row("mint audience with a line break", words("token mint -p demo --aud") << QStringLiteral("api\nadmin"),
        "holds a control character");
    row("mint subject with an escape", words("token mint -p demo --sub") << QStringLiteral("\x1b]0;owned\x07"),
        "holds a control character");
    row("empty --scope", words("token mint -p demo --scope ,"), "--scope ',' names nothing");
    // A reserved claim set by hand names the flag that sets it, not a wrong cause.
    row("apikey set with --claim", words("token mint -p demo --claim apikey=ak_x"),
        "the claim 'apikey' is not set with --claim or --claims-file: use --api-key");
    row("exp set with --claim", words("token mint -p demo --claim exp=5"), "use --ttl");
    row("kid with a space", words("key generate --alg ES256 -o {dir}/k.jwk --kid") << QStringLiteral("a b"),
        "outside printable ASCII");
    row("kid with a control character",
        words("key generate --alg ES256 -o {dir}/k.jwk --kid") << QStringLiteral("k\x01"), "outside printable ASCII");
}

void TestCliBoundaries::fieldsAreCheckedWhereTheyEnter()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    for (QString& arg : args)
        arg.replace(QStringLiteral("{dir}"), m_dir.path());
    const RunResult result = runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + args);
    SIGNET_EXPECT_ERROR(result, 2, expected);
    QVERIFY2(!result.err.contains('\x1b') && !result.err.contains('\x01'), qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
}

void TestCliBoundaries::acceptedIssuers()
{
    SIGNET_EXPECT_SUCCESS(ws("project create loopback --issuer http://localhost:8080/p/loopback"));
    SIGNET_EXPECT_SUCCESS(ws("project create loopback-ip --issuer http://127.0.0.1:9000"));
    SIGNET_EXPECT_SUCCESS(ws("project create secure --issuer https://auth.example.com/tenants/42"));
}

void TestCliBoundaries::numbersAreRangeChecked_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QString token = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjF9.c2ln");
    auto row = [](const char* tag, const QStringList& args, const char* expected) {
        QTest::newRow(tag) << args << QString::fromUtf8(expected);
    };
    row("--leeway beyond a year", words("token verify -p demo --leeway 99999999999") << token, "--leeway must be");
    row("--leeway that wraps", words("token verify -p demo --leeway 18446744073709551617") << token,
        "--leeway must be");
    row("--at negative", words("token verify -p demo --at -1") << token, "--at must be Unix seconds");
    row("--at beyond 9999", words("token verify -p demo --at 253402300800") << token, "--at must be Unix seconds");
    row("--nbf beyond 9999", words("token mint -p demo --nbf 99999999999999999"),
        "--nbf '99999999999999999' is "
        "beyond the year 9999");
    row("--limit zero", words("token list -p demo --limit 0"), "--limit must be a positive number");
    row("--limit that wraps", words("audit --limit 4294967297"), "--limit must be a positive number");
    row("--bits too small", words("key generate -p demo --alg RS256 --bits 1024"), "--bits must be");
    row("--ttl absurd", words("token mint -p demo --ttl 99999999999d"), "too long");
}

void TestCliBoundaries::numbersAreRangeChecked()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    SIGNET_EXPECT_ERROR(runCli(QStringList{QStringLiteral("--workspace"), m_workspace} + args), 2, expected);
}

// A crafted token cannot paint the terminal: every byte that would move the cursor, clear the screen
// or reorder text reaches the terminal as a visible escape.
void TestCliBoundaries::untrustedTextIsEscaped()
{
    const QByteArray evilKid = "\x1b[2J\x1b[1;1H\x1b[32mVALID\x1b[0m\xe2\x80\xae";
    const QString token =
        unsignedToken(QByteArray("{\"alg\":\"ES256\",\"kid\":\"") +
                          QByteArray(evilKid).replace("\x1b", "\\u001b").replace("\xe2\x80\xae", "\\u202e") + "\"}",
                      "{\"sub\":\"\\u001b]0;owned\\u0007\",\"exp\":4102444800,\"iss\":\"\\u009b31m\"}");
    for (const QStringList& args :
         {words("token decode") << token, words("token verify -p demo") << token,
          words("token verify --json -p demo") << token, words("token decode --json") << token}) {
        const RunResult result = ws("", args);
        const QByteArray all = result.out + result.err;
        QVERIFY2(!all.contains('\x1b') && !all.contains('\x07') && !all.contains("\xc2\x9b") &&
                     !all.contains("\xe2\x80\xae"),
                 qPrintable(result.describe()));
        QVERIFY2(!result.out.startsWith("VALID"), qPrintable(result.describe()));
    }
    const RunResult verify = ws("token verify -p demo", {token});
    SIGNET_EXPECT_EXIT(verify, 1);
    QVERIFY2(verify.stdoutText().contains(QStringLiteral("\\x1b[2J")), qPrintable(verify.describe()));
}

void TestCliBoundaries::groupHelp_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("project --help") << words("project --help")
                                    << words("project create|project list|project show|project delete");
    QTest::newRow("key -h") << words("key -h") << words("key generate|key rotate|key revoke|key import");
    QTest::newRow("help token") << words("help token") << words("token mint|token verify|token decode|token list");
    QTest::newRow("apikey help") << words("apikey help") << words("apikey create|apikey revoke");
}

void TestCliBoundaries::groupHelp()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    const RunResult result = runCli(args);
    SIGNET_EXPECT_SUCCESS(result);
    for (const QString& mention : mentions.join(QLatin1Char(' ')).split(QLatin1Char('|')))
        QVERIFY2(result.stdoutText().contains(mention), qPrintable(mention + QLatin1Char('\n') + result.describe()));
    QVERIFY2(result.stdoutText().startsWith(QStringLiteral("usage: signet-cli ")), qPrintable(result.describe()));
}

void TestCliBoundaries::dashWritesToStandardOutput()
{
    QDir here(m_dir.path());
    const RunResult key = runCli(words("key generate --alg ES256 -o -"), {}, m_dir.path());
    SIGNET_EXPECT_SUCCESS(key);
    const QJsonObject jwk = QJsonDocument::fromJson(key.out).object();
    QCOMPARE(jwk.value(QStringLiteral("kty")).toString(), QStringLiteral("EC"));
    QVERIFY(jwk.contains(QStringLiteral("d")));
    QVERIFY(!here.exists(QStringLiteral("-")));
    const RunResult jwks = ws("jwks export -p demo -o -");
    SIGNET_EXPECT_SUCCESS(jwks);
    QCOMPARE(jwks.out, ws("jwks export -p demo").out);
    QVERIFY(!here.exists(QStringLiteral("-")));
}

// Standard input is read to its end, and more than 1 MiB of it is refused, not cut.
void TestCliBoundaries::standardInputIsCapped()
{
    QByteArray claims = "{\"pad\":\"" + QByteArray(40 * 1024, 'a') + "\"}";
    const RunResult minted = ws("token mint -p demo --claims-file -", {}, claims);
    SIGNET_EXPECT_SUCCESS(minted);
    QCOMPARE(tokenPart(minted.firstLine(), 1).value(QStringLiteral("pad")).toString().size(), 40 * 1024);
    claims = "{\"pad\":\"" + QByteArray(1024 * 1024, 'a') + "\"}";
    SIGNET_EXPECT_ERROR(ws("token mint -p demo --claims-file -", {}, claims), 2,
                        QStringLiteral("standard input is larger than 1 MiB"));
}

// Signet mints nothing its own verifier would refuse unread: over 64 KiB is an error with the size.
void TestCliBoundaries::oversizedTokensAreNotMinted()
{
    const QByteArray claims = "{\"pad\":\"" + QByteArray(60 * 1024, 'a') + "\"}";
    for (const char* command : {"token mint -p demo --claims-file -"}) {
        const RunResult refused = ws(command, {}, claims);
        SIGNET_EXPECT_ERROR(refused, 2, QStringLiteral("the token would be 8"));
        QVERIFY2(refused.stderrText().contains(QStringLiteral("verifiers accept at most 65536 (64 KiB)")),
                 qPrintable(refused.describe()));
    }
    QVERIFY(writeFile(file(QStringLiteral("hs.jwk")), {}));
    SIGNET_EXPECT_SUCCESS(runCli(words("key generate --alg HS256 --force -o") << file(QStringLiteral("hs.jwk"))));
    SIGNET_EXPECT_ERROR(runCli(words("token mint --claims-file - --key") << file(QStringLiteral("hs.jwk")), claims), 2,
                        QStringLiteral("the token would be 8"));
}

// A JWKS given as what a backend fetches holds public keys only.
void TestCliBoundaries::jwksWithPrivateMembersIsRefused()
{
    const QString es = file(QStringLiteral("es-for-jwks.jwk"));
    const QString hs = file(QStringLiteral("hs-for-jwks.jwk"));
    SIGNET_EXPECT_SUCCESS(runCli(words("key generate --alg ES256 -o") << es));
    SIGNET_EXPECT_SUCCESS(runCli(words("key generate --alg HS256 -o") << hs));
    const QJsonObject privateEs = QJsonDocument::fromJson(readFile(es)).object();
    const QJsonObject publicEs = stdoutJson(runCli(words("key public") << es));
    const QString token = runCli(words("token mint --aud api --key") << es).firstLine();
    auto set = [this](const QString& name, const QJsonArray& keys) {
        const QString path = file(name);
        writeFile(path, QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson());
        return path;
    };
    const QString publicSet = set(QStringLiteral("public.jwks"), {publicEs});
    const QString privateSet = set(QStringLiteral("private.jwks"), {privateEs});
    const QString mixedSet =
        set(QStringLiteral("mixed.jwks"), {publicEs, QJsonDocument::fromJson(readFile(hs)).object()});
    SIGNET_EXPECT_SUCCESS(runCli(words("token verify --aud api --jwks") << publicSet << token));
    SIGNET_EXPECT_ERROR(runCli(words("token verify --aud api --jwks") << privateSet << token), 2,
                        QStringLiteral("the JWK set contains private key material: the key with kid"));
    SIGNET_EXPECT_ERROR(runCli(words("token verify --aud api --jwks") << mixedSet << token), 2,
                        QStringLiteral("is a symmetric key (kty oct"));
    SIGNET_EXPECT_ERROR(runCli(words("token verify --aud api --jwks") << es << token), 2,
                        QStringLiteral("expected a JWK set"));
    // As a key file, the same private set still verifies: --key takes any key file.
    SIGNET_EXPECT_SUCCESS(runCli(words("token verify --aud api --key") << privateSet << token));
}

QTEST_GUILESS_MAIN(TestCliBoundaries)
#include "tst_cli_boundaries.moc"
