// signet-cli usage: every usage or input error exits 2 with exactly one "signet-cli: ..." line on
// stderr naming the problem and nothing on stdout; every command's --help exits 0.

#include "CliRunner.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Signet::Test;

class TestCliUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void help_data();
    void help();
    void noArguments();
    void slowStandardInputIsReadToTheEnd();

private:
    QTemporaryDir m_dir;
};

void TestCliUsage::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), QStringLiteral("ES256"),
                QStringLiteral("-o"), m_dir.filePath(QStringLiteral("es.jwk"))}));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("empty.jwk")), QByteArray()));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("broken.jwk")), QByteArray("{\"kty\": \"EC\",")));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("empty-set.json")), QByteArray(R"({"keys": []})")));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("text.txt")), QByteArray("just some text\n")));
    // Two keys under one kid: a verifier could not tell them apart.
    const QByteArray es = readFile(m_dir.filePath(QStringLiteral("es.jwk")));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("duplicate-kids.json")),
                      QByteArray("{\"keys\": [") + es + ',' + es + "]}"));
}

void TestCliUsage::usageErrors_data()
{
    QTest::addColumn<QStringList>("args"); // {dir} is the temporary folder
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    const QString token = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjF9.c2ln");
    const QString key = QStringLiteral("{dir}/es.jwk");
    const QString k = QStringLiteral("key"), t = QStringLiteral("token"), generate = QStringLiteral("generate"),
                  mint = QStringLiteral("mint"), verify = QStringLiteral("verify"), decode = QStringLiteral("decode"),
                  alg = QStringLiteral("--alg"), out = QStringLiteral("-o"), keyOption = QStringLiteral("--key");
    const QString newFile = QStringLiteral("{dir}/new.jwk");
    auto row = [](const char* tag, const QStringList& args, const QString& expected, const QByteArray& input = {}) {
        QTest::newRow(tag) << args << input << expected;
    };

    // The parser.
    row("unknown option", {t, verify, token, keyOption, key, QStringLiteral("--bogus")},
        QStringLiteral("Unknown option 'bogus'"));
    row("unknown option: generate",
        {k, generate, alg, QStringLiteral("ES256"), out, newFile, QStringLiteral("--colour")},
        QStringLiteral("Unknown option 'colour'"));
    row("option without its value", {t, verify, token, keyOption}, QStringLiteral("Missing value after '--key'"));
    row("unknown command", {QStringLiteral("frobnicate")}, QStringLiteral("unknown command 'frobnicate'"));
    row("unknown verb", {k, QStringLiteral("destroy")}, QStringLiteral("unknown command 'destroy'"));
    row("group without a verb", {t}, QStringLiteral("which command"));

    // Required options and arguments.
    row("missing --key: verify", {t, verify, token}, QStringLiteral("--key FILE is required"));
    row("missing --key: mint", {t, mint}, QStringLiteral("--key FILE is required"));
    row("missing --alg: generate", {k, generate, out, newFile}, QStringLiteral("--alg is required"));
    row("missing -o: generate", {k, generate, alg, QStringLiteral("ES256")}, QStringLiteral("-o FILE is required"));
    row("unexpected argument: mint", {t, mint, keyOption, key, QStringLiteral("extra")},
        QStringLiteral("unexpected argument 'extra'"));
    row("unexpected argument: generate", {k, generate, alg, QStringLiteral("ES256"), out, newFile, QStringLiteral("x")},
        QStringLiteral("unexpected argument 'x'"));
    row("two tokens", {t, verify, token, token, keyOption, key}, QStringLiteral("give one token"));
    row("key public without a file", {k, QStringLiteral("public")}, QStringLiteral("exactly one key file"));
    row("key thumbprint with two files", {k, QStringLiteral("thumbprint"), key, key},
        QStringLiteral("exactly one key file"));

    // Durations and times.
    row("bad duration '15x'", {t, mint, keyOption, key, QStringLiteral("--ttl"), QStringLiteral("15x")},
        QStringLiteral("'15x' is not a duration"));
    row("zero duration", {t, mint, keyOption, key, QStringLiteral("--ttl"), QStringLiteral("0")},
        QStringLiteral("greater than zero"));
    row("duration with two units", {t, mint, keyOption, key, QStringLiteral("--ttl"), QStringLiteral("1h30m")},
        QStringLiteral("is not a duration"));
    row("only a Bearer prefix", {t, QStringLiteral("decode"), QStringLiteral("Bearer ")},
        QStringLiteral("no token given"));
    row("absurdly long duration", {t, mint, keyOption, key, QStringLiteral("--ttl"), QStringLiteral("99999999999d")},
        QStringLiteral("too long"));
    row("bad --nbf", {t, mint, keyOption, key, QStringLiteral("--nbf"), QStringLiteral("soonish")},
        QStringLiteral("--nbf 'soonish'"));
    row("bad ISO 8601 --nbf",
        {t, mint, keyOption, key, QStringLiteral("--nbf"), QStringLiteral("2030-13-45T99:00:00Z")},
        QStringLiteral("ISO 8601"));
    row("bad --leeway", {t, verify, token, keyOption, key, QStringLiteral("--leeway"), QStringLiteral("a bit")},
        QStringLiteral("--leeway must be"));
    row("negative --leeway", {t, verify, token, keyOption, key, QStringLiteral("--leeway"), QStringLiteral("-5")},
        QStringLiteral("--leeway must be"));
    row("bad --at", {t, verify, token, keyOption, key, QStringLiteral("--at"), QStringLiteral("tomorrow")},
        QStringLiteral("--at must be Unix seconds"));

    // Algorithms.
    row("unknown alg: generate", {k, generate, alg, QStringLiteral("HS999"), out, newFile},
        QStringLiteral("unknown algorithm 'HS999'"));
    row("alg none: generate", {k, generate, alg, QStringLiteral("none"), out, newFile},
        QStringLiteral("unknown algorithm 'none'"));
    row("unknown alg: mint", {t, mint, keyOption, key, alg, QStringLiteral("XS256")},
        QStringLiteral("unknown algorithm 'XS256'"));
    row("alg none: mint", {t, mint, keyOption, key, alg, QStringLiteral("none")},
        QStringLiteral("unknown algorithm 'none'"));
    row("unknown alg in --alg list: verify", {t, verify, token, keyOption, key, alg, QStringLiteral("ES256,FOO")},
        QStringLiteral("unknown algorithm 'FOO'"));
    row("alg none in --alg list: verify", {t, verify, token, keyOption, key, alg, QStringLiteral("none")},
        QStringLiteral("unknown algorithm 'none'"));
    row("alg that does not fit the key: mint", {t, mint, keyOption, key, alg, QStringLiteral("RS256")},
        QStringLiteral("RS256 cannot be used"));
    row("HMAC alg with an EC key: mint", {t, mint, keyOption, key, alg, QStringLiteral("HS256")},
        QStringLiteral("HS256 cannot be used"));

    // key generate options.
    row("--bits for EC",
        {k, generate, alg, QStringLiteral("ES256"), QStringLiteral("--bits"), QStringLiteral("2048"), out, newFile},
        QStringLiteral("--bits applies to RSA"));
    row("--bits not a number",
        {k, generate, alg, QStringLiteral("RS256"), QStringLiteral("--bits"), QStringLiteral("lots"), out, newFile},
        QStringLiteral("--bits must be a number"));
    row("--bits 1024 (weak)",
        {k, generate, alg, QStringLiteral("RS256"), QStringLiteral("--bits"), QStringLiteral("1024"), out, newFile},
        QStringLiteral("1024"));
    row("--curve for ES256",
        {k, generate, alg, QStringLiteral("ES256"), QStringLiteral("--curve"), QStringLiteral("Ed25519"), out, newFile},
        QStringLiteral("--curve applies to EdDSA"));
    row("--curve X25519",
        {k, generate, alg, QStringLiteral("EdDSA"), QStringLiteral("--curve"), QStringLiteral("X25519"), out, newFile},
        QStringLiteral("--curve for EdDSA is Ed25519 or Ed448"));
    row("bad --format: generate",
        {k, generate, alg, QStringLiteral("ES256"), QStringLiteral("--format"), QStringLiteral("der"), out, newFile},
        QStringLiteral("--format is jwk or pem"));
    row("HMAC secret as PEM",
        {k, generate, alg, QStringLiteral("HS256"), QStringLiteral("--format"), QStringLiteral("pem"), out, newFile},
        QStringLiteral("no PEM form"));
    row("bad --format: public", {k, QStringLiteral("public"), key, QStringLiteral("--format"), QStringLiteral("der")},
        QStringLiteral("--format is jwk or pem"));

    // Token input.
    row("empty stdin: verify", {t, verify, keyOption, key}, QStringLiteral("no token given"));
    row("blank stdin: verify", {t, verify, QStringLiteral("-"), keyOption, key}, QStringLiteral("no token given"),
        QByteArray(" \r\n\t\n"));
    row("empty stdin: decode", {t, decode}, QStringLiteral("no token given"));

    // Claims.
    row("--claim without '='", {t, mint, keyOption, key, QStringLiteral("--claim"), QStringLiteral("admin")},
        QStringLiteral("must be NAME=VALUE"));
    row("--claim with an empty name", {t, mint, keyOption, key, QStringLiteral("--claim"), QStringLiteral("=5")},
        QStringLiteral("must be NAME=VALUE"));
    row("--claims-file missing",
        {t, mint, keyOption, key, QStringLiteral("--claims-file"), QStringLiteral("{dir}/none.json")},
        QStringLiteral("cannot read"));

    // Key files.
    row("key file missing", {t, verify, token, keyOption, QStringLiteral("{dir}/none.jwk")},
        QStringLiteral("cannot read"));
    row("key file empty", {t, verify, token, keyOption, QStringLiteral("{dir}/empty.jwk")}, QStringLiteral("empty"));
    row("key file broken JSON", {t, verify, token, keyOption, QStringLiteral("{dir}/broken.jwk")},
        QStringLiteral("not valid JSON"));
    row("key file is text", {t, mint, keyOption, QStringLiteral("{dir}/text.txt")}, QStringLiteral("not a key"));
    row("empty JWK set", {t, verify, token, keyOption, QStringLiteral("{dir}/empty-set.json")},
        QStringLiteral("no usable key"));
    row("JWK set with duplicate kids", {t, verify, token, keyOption, QStringLiteral("{dir}/duplicate-kids.json")},
        QStringLiteral("kid"));
    row("key file is a folder", {t, verify, token, keyOption, QStringLiteral("{dir}")}, QStringLiteral("{dir}"));
}

void TestCliUsage::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    for (QString& arg : args)
        arg.replace(QStringLiteral("{dir}"), m_dir.path());
    expected.replace(QStringLiteral("{dir}"), m_dir.path());
    const RunResult result = runCli(args, input);
    SIGNET_EXPECT_ERROR(result, 2, expected);
    QVERIFY2(result.out.isEmpty(), qPrintable(QStringLiteral("stdout should be empty\n") + result.describe()));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("new.jwk"))));
}

void TestCliUsage::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QStringList>("mentions");
    const QString help = QStringLiteral("--help");
    const QString k = QStringLiteral("key"), t = QStringLiteral("token");
    QTest::newRow("signet-cli --help") << QStringList{help} << QStringLiteral("usage: signet-cli COMMAND")
                                       << QStringList{QStringLiteral("key generate"), QStringLiteral("token verify"),
                                                      QStringLiteral("Exit codes")};
    QTest::newRow("signet-cli -h") << QStringList{QStringLiteral("-h")} << QStringLiteral("usage: signet-cli COMMAND")
                                   << QStringList();
    QTest::newRow("signet-cli help") << QStringList{QStringLiteral("help")}
                                     << QStringLiteral("usage: signet-cli COMMAND") << QStringList();
    QTest::newRow("key generate --help") << QStringList{k, QStringLiteral("generate"), help}
                                         << QStringLiteral("usage: signet-cli key generate")
                                         << QStringList{QStringLiteral("--alg"),    QStringLiteral("--bits"),
                                                        QStringLiteral("--curve"),  QStringLiteral("--kid"),
                                                        QStringLiteral("--format"), QStringLiteral("--force"),
                                                        QStringLiteral("EdDSA")};
    QTest::newRow("key public --help") << QStringList{k, QStringLiteral("public"), help}
                                       << QStringLiteral("usage: signet-cli key public")
                                       << QStringList{QStringLiteral("--format"),
                                                      QStringLiteral("--pem-passphrase-file")};
    QTest::newRow("key thumbprint --help")
        << QStringList{k, QStringLiteral("thumbprint"), help} << QStringLiteral("usage: signet-cli key thumbprint")
        << QStringList{QStringLiteral("7638")};
    QTest::newRow("token mint --help") << QStringList{t, QStringLiteral("mint"), help}
                                       << QStringLiteral("usage: signet-cli token mint")
                                       << QStringList{QStringLiteral("--key"),   QStringLiteral("--ttl"),
                                                      QStringLiteral("--nbf"),   QStringLiteral("--jti"),
                                                      QStringLiteral("--claim"), QStringLiteral("--claims-file"),
                                                      QStringLiteral("--aud")};
    QTest::newRow("token decode --help") << QStringList{t, QStringLiteral("decode"), help}
                                         << QStringLiteral("usage: signet-cli token decode")
                                         << QStringList{QStringLiteral("--json"), QStringLiteral("Bearer")};
    QTest::newRow("token verify --help") << QStringList{t, QStringLiteral("verify"), help}
                                         << QStringLiteral("usage: signet-cli token verify")
                                         << QStringList{QStringLiteral("--key"),     QStringLiteral("--alg"),
                                                        QStringLiteral("--iss"),     QStringLiteral("--aud"),
                                                        QStringLiteral("--leeway"),  QStringLiteral("--at"),
                                                        QStringLiteral("--require"), QStringLiteral("--json")};
    QTest::newRow("token verify -h, with other options")
        << QStringList{t, QStringLiteral("verify"), QStringLiteral("--key"), QStringLiteral("x"), QStringLiteral("-h")}
        << QStringLiteral("usage: signet-cli token verify") << QStringList();
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << QStringLiteral("signet-cli ")
                               << QStringList();
}

void TestCliUsage::help()
{
    QFETCH(QStringList, args);
    QFETCH(QString, usage);
    QFETCH(QStringList, mentions);
    const RunResult result = runCli(args);
    SIGNET_EXPECT_SUCCESS(result);
    QVERIFY2(result.stdoutText().startsWith(usage), qPrintable(result.describe()));
    for (const QString& mention : mentions)
        QVERIFY2(result.stdoutText().contains(mention), qPrintable(mention + QLatin1Char('\n') + result.describe()));
}

// No command at all is a usage error like any other: one line on stderr that points to --help.
void TestCliUsage::noArguments()
{
    const RunResult result = runCli({});
    SIGNET_EXPECT_ERROR(result, 2, QStringLiteral("no command given (see 'signet-cli --help')"));
    QVERIFY2(result.stdoutText().isEmpty(), qPrintable(result.describe()));
}

// A producer that writes its claims in pieces, with pauses, as a pipe from a slow program does: the
// whole 70 KB arrive (one non-blocking read used to get the first piece only). 70 KB of claims make a
// token too large to mint, and the refusal names its size: proof that every byte was read.
void TestCliUsage::slowStandardInputIsReadToTheEnd()
{
    QProcess process;
    process.start(cliPath(),
                  {QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"),
                   m_dir.filePath(QStringLiteral("es.jwk")), QStringLiteral("--claims-file"), QStringLiteral("-")});
    QVERIFY(process.waitForStarted(10000));
    const QByteArray claims = "{\"pad\":\"" + QByteArray(70 * 1024, 'a') + "\"}";
    for (qsizetype offset = 0; offset < claims.size(); offset += 10 * 1024) {
        process.write(claims.mid(offset, 10 * 1024));
        QVERIFY(process.waitForBytesWritten(5000));
        QThread::msleep(50);
    }
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(error.contains(QStringLiteral("the token would be 95")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("verifiers accept at most 65536")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCliUsage)
#include "tst_cli_usage.moc"
