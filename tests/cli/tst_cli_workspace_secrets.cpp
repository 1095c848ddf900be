// signet-cli workspace secrets: nothing secret is ever in the workspace file (or its WAL) in raw,
// base64, base64url or hex form, protected or not; and the passphrase: where it comes from, what a
// wrong one does (exit 2, nothing changed) and that the right one still works afterwards.

#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

QStringList cmd(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QByteArray fromBase64Url(const QByteArray& text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Every form a secret could be written in.
QList<QByteArray> encodings(const QByteArray& raw)
{
    return {raw,
            raw.toBase64(),
            raw.toBase64(QByteArray::OmitTrailingEquals),
            raw.toBase64(QByteArray::Base64UrlEncoding),
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            raw.toHex(),
            raw.toHex().toUpper()};
}

// A secret given as base64url text: the text and the bytes it stands for, each in every form.
QList<QByteArray> textAndBytes(const QByteArray& base64Url)
{
    return encodings(base64Url) + encodings(fromBase64Url(base64Url));
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

class TestCliWorkspaceSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secretsAtRest_data();
    void secretsAtRest();
    void passphraseSources();
    void wrongPassphrase();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    // Runs a command on a workspace; `access` are the options that open it (workspace, passphrase).
    static RunResult run(const QStringList& access, const char* command, const QStringList& extra = {},
                         const QByteArray& input = {})
    {
        return runCli(access + cmd(command) + extra, input);
    }
    // The workspace file with its WAL and shared-memory files, as they are on disk now.
    static QByteArray onDisk(const QString& path)
    {
        return readFile(path) + readFile(path + QStringLiteral("-wal")) + readFile(path + QStringLiteral("-shm"));
    }

    QTemporaryDir m_dir;
    QString m_passphraseFile;
    QString m_protected; // the workspace of the passphrase tests
};

void TestCliWorkspaceSecrets::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(file(QStringLiteral("xdg"))));
    qunsetenv("SIGNET_WORKSPACE");
    qunsetenv("SIGNET_PASSPHRASE");
    m_passphraseFile = file(QStringLiteral("passphrase.txt"));
    QVERIFY(writeFile(m_passphraseFile, "correct horse battery staple\n"));
    // Key files whose private members the test knows, to import.
    for (const char* alg : {"RS256", "ES256", "EdDSA"}) {
        SIGNET_EXPECT_SUCCESS(
            runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), QString::fromUtf8(alg),
                    QStringLiteral("-o"), file(QString::fromUtf8(alg) + QStringLiteral(".jwk"))}));
    }
}

void TestCliWorkspaceSecrets::secretsAtRest_data()
{
    QTest::addColumn<bool>("isProtected");
    QTest::newRow("unprotected") << false;
    QTest::newRow("protected") << true;
}

void TestCliWorkspaceSecrets::secretsAtRest()
{
    QFETCH(bool, isProtected);
    const QString path = file(QString::fromUtf8(QTest::currentDataTag()) + QStringLiteral(".signet"));
    QStringList access{QStringLiteral("--workspace"), path};
    if (isProtected)
        access << QStringLiteral("--passphrase-file") << m_passphraseFile;
    SIGNET_EXPECT_SUCCESS(run(access, isProtected ? "init" : "init --no-passphrase"));
    SIGNET_EXPECT_SUCCESS(run(access, "project create vault --scopes read"));

    // Hold a connection open, so the CLI processes are never the last to close the database and
    // their writes stay in the WAL file, where this test reads them too.
    const QString connection = QStringLiteral("holder-") + QString::fromUtf8(QTest::currentDataTag());
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        holder.setDatabaseName(path);
        QVERIFY(holder.open());
        QSqlQuery query(holder);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) && query.next());
    }

    QList<QPair<QString, QList<QByteArray>>> secrets; // what, and every form of it
    QByteArray publicModulus;
    for (const char* alg : {"RS256", "ES256", "EdDSA"}) {
        const QString keyFile = file(QString::fromUtf8(alg) + QStringLiteral(".jwk"));
        SIGNET_EXPECT_SUCCESS(run(access, "key import -p vault", {keyFile}));
        const QJsonObject jwk = QJsonDocument::fromJson(readFile(keyFile)).object();
        for (const char* member : {"d", "p", "q", "dp", "dq", "qi"}) {
            const QByteArray value = jwk.value(QString::fromUtf8(member)).toString().toLatin1();
            if (!value.isEmpty())
                secrets.append(
                    {QStringLiteral("%1 private member %2").arg(QString::fromUtf8(alg), QString::fromUtf8(member)),
                     textAndBytes(value)});
        }
        if (jwk.contains(QStringLiteral("n")))
            publicModulus = jwk.value(QStringLiteral("n")).toString().toLatin1();
    }
    QCOMPARE(secrets.size(), 8); // RSA d p q dp dq qi, EC d, OKP d
    for (const char* alg : {"RS256", "ES256", "EdDSA"})
        SIGNET_EXPECT_SUCCESS(run(access, "key generate -p vault --state next --alg", {QString::fromUtf8(alg)}));

    QStringList apiKeyIds;
    for (const char* name : {"ci", "deploy"}) {
        const RunResult created =
            run(access, "apikey create -p vault --scope read --json --name", {QString::fromUtf8(name)});
        SIGNET_EXPECT_SUCCESS(created);
        const QByteArray secret = stdoutJson(created).value(QStringLiteral("secret")).toString().toLatin1();
        QVERIFY(secret.size() >= 40);
        secrets.append({QStringLiteral("API key secret of %1").arg(QString::fromUtf8(name)), textAndBytes(secret)});
        apiKeyIds.append(stdoutJson(created).value(QStringLiteral("id")).toString());
    }

    // A provider's secret, imported: sealed like a created one.
    const QByteArray providerSecret = "provider-dashboard-secret-0123456789abcdef0123456789";
    const QString providerSecretFile = file(QString::fromUtf8(QTest::currentDataTag()) + QStringLiteral(".secret"));
    QVERIFY(writeFile(providerSecretFile, providerSecret + '\n'));
    SIGNET_EXPECT_SUCCESS(
        run(access, "apikey import -p vault --id provider-key --scope read --secret-file", {providerSecretFile}));
    secrets.append({QStringLiteral("imported API key secret"), textAndBytes(providerSecret)});

    QStringList tokens;
    tokens << run(access, "token mint -p vault --sub alice").firstLine()
           << run(access, "token mint -p vault --scope read --api-key", {apiKeyIds.first()}).firstLine()
           << run(access, "token mint -p vault --one-time").firstLine()
           << run(access, "token mint -p vault --scope read --api-key provider-key").firstLine();
    SIGNET_EXPECT_SUCCESS(run(access, "key rotate -p vault"));
    tokens << run(access, "token mint -p vault --sub bob").firstLine();
    SIGNET_EXPECT_SUCCESS(run(access, "token verify -p vault --consume", {tokens[2]}));
    SIGNET_EXPECT_SUCCESS(run(access, "token verify -p vault", {tokens[3]}));
    for (const QString& token : tokens) {
        QCOMPARE(token.count(QLatin1Char('.')), 2);
        secrets.append({QStringLiteral("token ") + token.left(24), encodings(token.toLatin1())});
        secrets.append({QStringLiteral("signature of token ") + token.left(24),
                        textAndBytes(token.section(QLatin1Char('.'), 2).toLatin1())});
    }

    auto check = [&secrets, &publicModulus](const QByteArray& stored, const char* when) {
        QVERIFY2(stored.size() > 4096, when);
        // The search does read the data: the public modulus is stored as it is.
        QVERIFY2(stored.contains(publicModulus), when);
        for (const auto& [what, forms] : secrets) {
            for (const QByteArray& form : forms)
                QVERIFY2(!stored.contains(form),
                         qPrintable(QStringLiteral("%1: %2 found").arg(QString::fromUtf8(when), what)));
        }
    };
    QVERIFY2(QFile::exists(path + QStringLiteral("-wal")), "the WAL should be kept while a connection is open");
    check(onDisk(path), "database and WAL");
    if (QTest::currentTestFailed())
        return;
    QSqlDatabase::removeDatabase(connection);
    // The last connection checkpoints the WAL into the database file.
    SIGNET_EXPECT_SUCCESS(run(access, "key list -p vault"));
    check(onDisk(path), "database after checkpoint");
}

void TestCliWorkspaceSecrets::passphraseSources()
{
    m_protected = file(QStringLiteral("sources.signet"));
    const QStringList workspace{QStringLiteral("--workspace"), m_protected};
    const RunResult created = runCli({QStringLiteral("--passphrase-file"), m_passphraseFile,
                                      QStringLiteral("--workspace"), m_protected, QStringLiteral("init")});
    SIGNET_EXPECT_SUCCESS(created);
    QVERIFY2(created.stdoutText().contains(QStringLiteral("protected by a passphrase")),
             qPrintable(created.describe()));
    QCOMPARE(fileMode(m_protected), 0600);

    // The passphrase file: before the command, after it, or standard input ("-"); trailing newline stripped.
    SIGNET_EXPECT_SUCCESS(
        run(workspace + QStringList{QStringLiteral("--passphrase-file"), m_passphraseFile}, "project create sources"));
    SIGNET_EXPECT_SUCCESS(run(workspace, "key generate -p sources --alg ES256 --passphrase-file", {m_passphraseFile}));
    SIGNET_EXPECT_SUCCESS(run(workspace, "project list --passphrase-file -", {}, "correct horse battery staple\n"));
    {
        const ScopedEnvironment environment("SIGNET_PASSPHRASE", "correct horse battery staple");
        const RunResult minted = run(workspace, "token mint -p sources");
        SIGNET_EXPECT_SUCCESS(minted);
        SIGNET_EXPECT_SUCCESS(run(workspace, "token verify -p sources", {minted.firstLine()}));
    }
    {
        // An explicit --passphrase-file wins over the environment.
        const ScopedEnvironment environment("SIGNET_PASSPHRASE", "not the passphrase");
        SIGNET_EXPECT_SUCCESS(run(workspace, "key list -p sources --passphrase-file", {m_passphraseFile}));
    }
    {
        const ScopedEnvironment environment("SIGNET_PASSPHRASE", "");
        SIGNET_EXPECT_ERROR(run(workspace, "key list -p sources"), 2,
                            QStringLiteral("SIGNET_PASSPHRASE is set but empty"));
    }
    // No passphrase and no terminal to ask on.
    SIGNET_EXPECT_ERROR(run(workspace, "key list -p sources"), 2, QStringLiteral("is protected"));
    QVERIFY(writeFile(file(QStringLiteral("empty.txt")), "\n"));
    SIGNET_EXPECT_ERROR(run(workspace, "key list -p sources --passphrase-file", {file(QStringLiteral("empty.txt"))}), 2,
                        QStringLiteral("is empty"));
    SIGNET_EXPECT_ERROR(run(workspace, "key list -p sources --passphrase-file", {file(QStringLiteral("none.txt"))}), 2,
                        QStringLiteral("cannot read"));
    // An unprotected workspace needs none and ignores one.
    const QString open = file(QStringLiteral("open.signet"));
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("--workspace"), open, QStringLiteral("init"), QStringLiteral("--no-passphrase")}));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("--workspace"), open, QStringLiteral("project"),
                                  QStringLiteral("list"), QStringLiteral("--passphrase-file"), m_passphraseFile}));
    // init takes SIGNET_PASSPHRASE too.
    const ScopedEnvironment environment("SIGNET_PASSPHRASE", "from the environment");
    const QString fromEnvironment = file(QStringLiteral("env.signet"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("--workspace"), fromEnvironment, QStringLiteral("init")}));
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("--workspace"), fromEnvironment, QStringLiteral("project"), QStringLiteral("list")}));
    SIGNET_EXPECT_ERROR(runCli({QStringLiteral("--workspace"), fromEnvironment, QStringLiteral("--passphrase-file"),
                                m_passphraseFile, QStringLiteral("project"), QStringLiteral("list")}),
                        2, QStringLiteral("wrong passphrase"));
}

// A wrong passphrase: exit 2 "wrong passphrase", the file untouched; the right one works afterwards.
void TestCliWorkspaceSecrets::wrongPassphrase()
{
    QVERIFY2(!m_protected.isEmpty(), "passphraseSources() creates the workspace");
    const QStringList workspace{QStringLiteral("--workspace"), m_protected};
    const QString wrongFile = file(QStringLiteral("wrong.txt"));
    QVERIFY(writeFile(wrongFile, "correct horse battery stapler\n"));
    const QByteArray before = onDisk(m_protected);
    QVERIFY(!before.isEmpty());

    for (const char* command : {"key generate -p sources --alg ES256", "token mint -p sources", "key rotate -p sources",
                                "apikey create -p sources --name x", "project delete sources"}) {
        const RunResult refused = run(workspace + QStringList{QStringLiteral("--passphrase-file"), wrongFile}, command);
        SIGNET_EXPECT_ERROR(refused, 2, QStringLiteral("wrong passphrase"));
        QVERIFY2(refused.out.isEmpty(), qPrintable(refused.describe()));
    }
    {
        const ScopedEnvironment environment("SIGNET_PASSPHRASE", "Correct horse battery staple");
        SIGNET_EXPECT_ERROR(run(workspace, "key list -p sources"), 2, QStringLiteral("wrong passphrase"));
    }
    QVERIFY2(onDisk(m_protected) == before, "a wrong passphrase changed the workspace file");

    const QStringList right = workspace + QStringList{QStringLiteral("--passphrase-file"), m_passphraseFile};
    const RunResult keys = run(right, "key list -p sources --json");
    SIGNET_EXPECT_SUCCESS(keys);
    QCOMPARE(QJsonDocument::fromJson(keys.out).array().size(), 1);
    const RunResult minted = run(right, "token mint -p sources --sub after-wrong");
    SIGNET_EXPECT_SUCCESS(minted);
    SIGNET_EXPECT_SUCCESS(run(right, "token verify -p sources", {minted.firstLine()}));
    const RunResult audit = run(right, "audit --json");
    SIGNET_EXPECT_SUCCESS(audit);
    QVERIFY(!audit.stdoutText().contains(QStringLiteral("apikey.create")));
}

QTEST_GUILESS_MAIN(TestCliWorkspaceSecrets)
#include "tst_cli_workspace_secrets.moc"
