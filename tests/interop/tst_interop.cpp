// Interop with the node 'jose' library (tests/interop/node, installed by ./dev deps): for every JWS
// algorithm, tokens minted by signet-cli verify in jose and tokens minted by jose verify in
// signet-cli; tampered tokens, wrong keys, wrong audiences and expired tokens are refused both ways.
// The same, for five algorithms, with PyJWT (Debian python3-jwt, tests/interop/pyjwt).
// An imported provider key (VideoSDK's id and secret) both ways with VideoSDK's jsonwebtoken code
// (tests/interop/node/videosdk.cjs).

#include "CliRunner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

const char* const kAlgorithms[] = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
                                   "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"};
const QString kIssuer = QStringLiteral("https://signet.example");
const QString kAudience = QStringLiteral("interop");

struct KeyFiles
{
    QString alg;
    QString privateJwk;
    QString verifyJwk; // the public JWK, or the secret itself for HMAC
    QString kid;
};

} // namespace

class TestInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void signetToJose_data();
    void signetToJose();
    void joseToSignet_data();
    void joseToSignet();

    void signetTamperedRejectedByJose_data();
    void signetTamperedRejectedByJose();
    void signetWrongAudienceRejectedByJose();
    void joseWrongKeyRejectedBySignet_data();
    void joseWrongKeyRejectedBySignet();
    void joseExpiredRejectedBySignet();

    void videoSdkSecretBothWays();

    void signetToPyJwt_data();
    void signetToPyJwt();
    void pyJwtToSignet_data();
    void pyJwtToSignet();

private:
    void algorithmRows() const;
    KeyFiles generate(const QString& name, const QString& alg, const QStringList& extra = {});
    RunResult node(const QStringList& arguments) const;
    RunResult pyjwt(const QStringList& arguments) const;
    // jose's JSON verdict on stdout.
    static QJsonObject verdict(const RunResult& result) { return stdoutJson(result); }

    QTemporaryDir m_dir;
    QString m_node;
    QString m_script;
    QString m_python;                // a python3 that can import jwt (PyJWT, Debian python3-jwt)
    QMap<QString, KeyFiles> m_keys;  // by row name: "ES256", "EdDSA Ed448", ...
    QMap<QString, KeyFiles> m_other; // a second key of the same kind, for wrong-key tests
    QString m_publicSet;             // every asymmetric public key
};

KeyFiles TestInterop::generate(const QString& name, const QString& alg, const QStringList& extra)
{
    KeyFiles files{alg, m_dir.filePath(name + QStringLiteral(".jwk")), {}, {}};
    const RunResult generated =
        runCli(QStringList{QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), alg,
                           QStringLiteral("-o"), files.privateJwk} +
               extra);
    if (generated.exitCode != 0)
        qWarning("%s", qPrintable(generated.describe()));
    files.kid = QJsonDocument::fromJson(readFile(files.privateJwk)).object().value(QStringLiteral("kid")).toString();
    files.verifyJwk = files.privateJwk;
    if (!alg.startsWith(QLatin1String("HS"))) {
        const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), files.privateJwk});
        files.verifyJwk = m_dir.filePath(name + QStringLiteral(".pub.jwk"));
        writeFile(files.verifyJwk, pub.out);
    }
    return files;
}

RunResult TestInterop::node(const QStringList& arguments) const
{
    return runProgram(m_node, QStringList{m_script} + arguments, {}, QStringLiteral(SIGNET_NODE_DIR));
}

RunResult TestInterop::pyjwt(const QStringList& arguments) const
{
    return runProgram(m_python, QStringList{QStringLiteral(SIGNET_PYJWT_SCRIPT)} + arguments);
}

void TestInterop::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (m_node.isEmpty())
        QFAIL("node is not installed: run ./dev deps (the interop tests need node and the 'jose' package)");
    const QDir nodeDir(QStringLiteral(SIGNET_NODE_DIR));
    if (!nodeDir.exists(QStringLiteral("node_modules/jose/package.json")))
        QFAIL(qPrintable(
            QStringLiteral("node 'jose' is missing from %1/node_modules: run ./dev deps").arg(nodeDir.path())));
    m_script = nodeDir.filePath(QStringLiteral("interop.mjs"));
    QVERIFY2(QFile::exists(m_script), qPrintable(m_script));
    const RunResult version = runProgram(m_node, {QStringLiteral("--version")});
    SIGNET_EXPECT_SUCCESS(version);
    qInfo("node %s", qPrintable(version.firstLine()));

    // Debian's python3-jwt lives in /usr/bin/python3's packages; a python3 earlier on PATH may lack it.
    for (const QString& python :
         {QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")}),
          QStandardPaths::findExecutable(QStringLiteral("python3"))}) {
        if (!python.isEmpty() &&
            runProgram(python, {QStringLiteral("-c"), QStringLiteral("import jwt, cryptography")}).exitCode == 0) {
            m_python = python;
            break;
        }
    }

    QJsonArray publicKeys;
    for (const char* name : kAlgorithms) {
        const QString alg = QString::fromLatin1(name);
        m_keys.insert(alg, generate(alg, alg));
    }
    m_keys.insert(QStringLiteral("EdDSA Ed448"), generate(QStringLiteral("Ed448"), QStringLiteral("EdDSA"),
                                                          {QStringLiteral("--curve"), QStringLiteral("Ed448")}));
    for (const KeyFiles& files : std::as_const(m_keys)) {
        QVERIFY2(!files.kid.isEmpty(), qPrintable(files.privateJwk));
        if (files.verifyJwk != files.privateJwk)
            publicKeys.append(QJsonDocument::fromJson(readFile(files.verifyJwk)).object());
    }
    m_publicSet = m_dir.filePath(QStringLiteral("public-set.json"));
    QVERIFY(writeFile(m_publicSet, QJsonDocument(QJsonObject{{QStringLiteral("keys"), publicKeys}}).toJson()));
    for (const char* name : {"HS256", "RS256", "PS256", "ES256", "EdDSA"}) {
        const QString alg = QString::fromLatin1(name);
        m_other.insert(alg, generate(QStringLiteral("other-") + alg, alg));
    }
}

void TestInterop::algorithmRows() const
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<bool>("viaSet"); // verify against the JWK set of all public keys
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        QTest::newRow(qPrintable(it.key())) << it.key() << false;
        if (it->verifyJwk != it->privateJwk)
            QTest::addRow("%s, JWK set", qPrintable(it.key())) << it.key() << true;
    }
}

void TestInterop::signetToJose_data()
{
    algorithmRows();
}

void TestInterop::signetToJose()
{
    QFETCH(QString, row);
    QFETCH(bool, viaSet);
    const KeyFiles& key = m_keys[row];
    const RunResult minted =
        runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), key.privateJwk,
                QStringLiteral("--iss"), kIssuer, QStringLiteral("--aud"), kAudience, QStringLiteral("--sub"),
                QStringLiteral("alice"), QStringLiteral("--claim"), QStringLiteral("roles=[\"admin\"]")});
    SIGNET_EXPECT_SUCCESS(minted);

    const RunResult verified =
        node({QStringLiteral("verify"), QStringLiteral("--token"), minted.firstLine(), QStringLiteral("--key"),
              viaSet ? m_publicSet : key.verifyJwk, QStringLiteral("--alg"), key.alg, QStringLiteral("--iss"), kIssuer,
              QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_SUCCESS(verified);
    const QJsonObject result = verdict(verified);
    QCOMPARE(result.value(QStringLiteral("valid")).toBool(), true);
    const QJsonObject header = result.value(QStringLiteral("header")).toObject();
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), key.alg);
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), key.kid);
    const QJsonObject payload = result.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload.value(QStringLiteral("iss")).toString(), kIssuer);
    QCOMPARE(payload.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(payload.value(QStringLiteral("roles")).toArray(), QJsonArray{QStringLiteral("admin")});
}

void TestInterop::joseToSignet_data()
{
    algorithmRows();
}

void TestInterop::joseToSignet()
{
    QFETCH(QString, row);
    QFETCH(bool, viaSet);
    const KeyFiles& key = m_keys[row];
    const RunResult minted = node({QStringLiteral("mint"), QStringLiteral("--key"), key.privateJwk,
                                   QStringLiteral("--alg"), key.alg, QStringLiteral("--iss"), kIssuer,
                                   QStringLiteral("--aud"), kAudience, QStringLiteral("--sub"), QStringLiteral("bob")});
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    QCOMPARE(tokenPart(token, 0).value(QStringLiteral("kid")).toString(), key.kid);

    const RunResult verified =
        runCli({QStringLiteral("token"), QStringLiteral("verify"), token, QStringLiteral("--key"),
                viaSet ? m_publicSet : key.verifyJwk, QStringLiteral("--alg"), key.alg, QStringLiteral("--iss"),
                kIssuer, QStringLiteral("--aud"), kAudience, QStringLiteral("--require"), QStringLiteral("jti"),
                QStringLiteral("--require"), QStringLiteral("src"), QStringLiteral("--json")});
    SIGNET_EXPECT_SUCCESS(verified);
    const QJsonObject report = stdoutJson(verified);
    QCOMPARE(report.value(QStringLiteral("valid")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("key")).toObject().value(QStringLiteral("kid")).toString(), key.kid);
    QCOMPARE(report.value(QStringLiteral("claims")).toObject().value(QStringLiteral("sub")).toString(),
             QStringLiteral("bob"));
}

void TestInterop::signetTamperedRejectedByJose_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("payload"); // tamper the payload, else the signature
    for (const char* alg : {"HS256", "RS256", "PS384", "ES256", "ES512", "EdDSA"}) {
        QTest::addRow("%s payload", alg) << QString::fromLatin1(alg) << true;
        QTest::addRow("%s signature", alg) << QString::fromLatin1(alg) << false;
    }
}

void TestInterop::signetTamperedRejectedByJose()
{
    QFETCH(QString, alg);
    QFETCH(bool, payload);
    const KeyFiles& key = m_keys[alg];
    const RunResult minted = runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"),
                                     key.privateJwk, QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = payload ? tamperPayload(minted.firstLine()) : tamperSignature(minted.firstLine());
    QVERIFY(token != minted.firstLine());

    const RunResult verified =
        node({QStringLiteral("verify"), QStringLiteral("--token"), token, QStringLiteral("--key"), key.verifyJwk,
              QStringLiteral("--alg"), alg, QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_EXIT(verified, 1);
    QCOMPARE(verdict(verified).value(QStringLiteral("valid")).toBool(true), false);
    QCOMPARE(verdict(verified).value(QStringLiteral("code")).toString(),
             QStringLiteral("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
}

void TestInterop::signetWrongAudienceRejectedByJose()
{
    const KeyFiles& key = m_keys[QStringLiteral("ES256")];
    const RunResult minted = runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"),
                                     key.privateJwk, QStringLiteral("--aud"), QStringLiteral("someone-else")});
    SIGNET_EXPECT_SUCCESS(minted);
    const RunResult verified = node({QStringLiteral("verify"), QStringLiteral("--token"), minted.firstLine(),
                                     QStringLiteral("--key"), key.verifyJwk, QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_EXIT(verified, 1);
    QCOMPARE(verdict(verified).value(QStringLiteral("code")).toString(),
             QStringLiteral("ERR_JWT_CLAIM_VALIDATION_FAILED"));
}

void TestInterop::joseWrongKeyRejectedBySignet_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("sameKid"); // jose puts the expected key's kid on a token signed by another key
    QTest::addColumn<QString>("check");
    for (const char* alg : {"HS256", "RS256", "PS256", "ES256", "EdDSA"}) {
        QTest::addRow("%s, forged kid", alg)
            << QString::fromLatin1(alg) << true << QStringLiteral("signature: does not match");
        QTest::addRow("%s, its own kid", alg) << QString::fromLatin1(alg) << false << QStringLiteral("key: kid");
    }
}

void TestInterop::joseWrongKeyRejectedBySignet()
{
    QFETCH(QString, alg);
    QFETCH(bool, sameKid);
    QFETCH(QString, check);
    const KeyFiles& expected = m_keys[alg];
    const KeyFiles& other = m_other[alg];
    QStringList arguments = {QStringLiteral("mint"),
                             QStringLiteral("--key"),
                             other.privateJwk,
                             QStringLiteral("--alg"),
                             alg,
                             QStringLiteral("--aud"),
                             kAudience};
    if (sameKid)
        arguments << QStringLiteral("--kid=") + expected.kid; // thumbprints may start with '-'

    const RunResult minted = node(arguments);
    SIGNET_EXPECT_SUCCESS(minted);

    const RunResult verified =
        runCli({QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(), QStringLiteral("--key"),
                expected.verifyJwk, QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_ERROR(verified, 1, QStringLiteral("token invalid: ") + check);
}

void TestInterop::joseExpiredRejectedBySignet()
{
    const KeyFiles& key = m_keys[QStringLiteral("EdDSA")];
    const RunResult minted = node({QStringLiteral("mint"), QStringLiteral("--key"), key.privateJwk,
                                   QStringLiteral("--alg"), key.alg, QStringLiteral("--ttl=-60")});
    SIGNET_EXPECT_SUCCESS(minted);
    const RunResult verified = runCli({QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(),
                                       QStringLiteral("--key"), key.verifyJwk});
    SIGNET_EXPECT_ERROR(verified, 1, QStringLiteral("token invalid: exp: expired"));
    // Within a generous leeway it passes: the clocks agree on what exp means.
    SIGNET_EXPECT_SUCCESS(
        runCli({QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(), QStringLiteral("--key"),
                key.verifyJwk, QStringLiteral("--leeway"), QStringLiteral("300")}));
}

// An API key imported with the dashboard's id and secret: Signet's tokens verify in VideoSDK's own
// jsonwebtoken code keyed with the secret string, and tokens that code signs verify in signet-cli.
void TestInterop::videoSdkSecretBothWays()
{
    const QString nodeDir = QStringLiteral(SIGNET_NODE_DIR);
    if (!QFile::exists(nodeDir + QStringLiteral("/node_modules/jsonwebtoken/package.json")))
        QFAIL("node 'jsonwebtoken' is missing from tests/interop/node/node_modules: run ./dev deps");
    const QString script = nodeDir + QStringLiteral("/videosdk.cjs");
    const auto videoSdk = [&](const QStringList& arguments) {
        return runProgram(m_node, QStringList{script} + arguments, {}, nodeDir);
    };
    const QString keyId = QStringLiteral("8f1c2b3a-4d5e-4f60-9a7b-1c2d3e4f5a6b");
    const QString secretFile = m_dir.filePath(QStringLiteral("videosdk-secret.txt"));
    QVERIFY(writeFile(secretFile, "3c9e0f1a2b4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071\n"));
    const QString otherSecretFile = m_dir.filePath(QStringLiteral("videosdk-other-secret.txt"));
    QVERIFY(writeFile(otherSecretFile, "0000000000000000000000000000000000000000000000000000000000000000\n"));
    const QStringList workspace{QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("videosdk.signet"))};
    SIGNET_EXPECT_SUCCESS(runCli(workspace + words("init --no-passphrase")));
    SIGNET_EXPECT_SUCCESS(runCli(workspace + words("project create vsdk")));
    SIGNET_EXPECT_SUCCESS(runCli(workspace + words("apikey import -p vsdk --id") +
                                 QStringList{keyId, QStringLiteral("--secret-file"), secretFile}));

    const RunResult minted = runCli(workspace + words("token mint -p vsdk --api-key") + QStringList{keyId});
    SIGNET_EXPECT_SUCCESS(minted);
    const RunResult accepted = videoSdk({QStringLiteral("verify"), QStringLiteral("--token"), minted.firstLine(),
                                         QStringLiteral("--secret-file"), secretFile});
    SIGNET_EXPECT_SUCCESS(accepted);
    QCOMPARE(verdict(accepted).value(QStringLiteral("header")).toObject().value(QStringLiteral("kid")).toString(),
             keyId);
    const RunResult wrongSecret = videoSdk({QStringLiteral("verify"), QStringLiteral("--token"), minted.firstLine(),
                                            QStringLiteral("--secret-file"), otherSecretFile});
    SIGNET_EXPECT_EXIT(wrongSecret, 1);
    QCOMPARE(verdict(wrongSecret).value(QStringLiteral("error")).toString(), QStringLiteral("invalid signature"));

    const RunResult signedByNode = videoSdk(
        {QStringLiteral("sign"), QStringLiteral("--apikey"), keyId, QStringLiteral("--secret-file"), secretFile});
    SIGNET_EXPECT_SUCCESS(signedByNode);
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("token"), QStringLiteral("verify"), signedByNode.firstLine(),
                                  QStringLiteral("--secret-file"), secretFile}));
    SIGNET_EXPECT_ERROR(runCli({QStringLiteral("token"), QStringLiteral("verify"), signedByNode.firstLine(),
                                QStringLiteral("--secret-file"), otherSecretFile}),
                        1, QStringLiteral("token invalid: signature"));
}

void TestInterop::signetToPyJwt_data()
{
    QTest::addColumn<QString>("alg");
    for (const char* alg : {"HS256", "RS256", "PS256", "ES256", "EdDSA"})
        QTest::newRow(alg) << QString::fromLatin1(alg);
}

void TestInterop::signetToPyJwt()
{
    if (m_python.isEmpty())
        QFAIL("PyJWT is not installed (python3 -c 'import jwt' fails): run ./dev deps (python3-jwt)");
    QFETCH(QString, alg);
    const KeyFiles& key = m_keys[alg];
    const RunResult minted =
        runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), key.privateJwk,
                QStringLiteral("--iss"), kIssuer, QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_SUCCESS(minted);
    const QStringList expected = {QStringLiteral("--key"), key.verifyJwk, QStringLiteral("--alg"), alg,
                                  QStringLiteral("--iss"), kIssuer,       QStringLiteral("--aud"), kAudience};
    const RunResult verified =
        pyjwt(QStringList{QStringLiteral("verify"), QStringLiteral("--token"), minted.firstLine()} + expected);
    SIGNET_EXPECT_SUCCESS(verified);
    QCOMPARE(verdict(verified).value(QStringLiteral("valid")).toBool(), true);
    QCOMPARE(verdict(verified).value(QStringLiteral("header")).toObject().value(QStringLiteral("kid")).toString(),
             key.kid);

    const RunResult tampered = pyjwt(
        QStringList{QStringLiteral("verify"), QStringLiteral("--token"), tamperPayload(minted.firstLine())} + expected);
    SIGNET_EXPECT_EXIT(tampered, 1);
    QCOMPARE(verdict(tampered).value(QStringLiteral("code")).toString(), QStringLiteral("InvalidSignatureError"));
}

void TestInterop::pyJwtToSignet_data()
{
    signetToPyJwt_data();
}

void TestInterop::pyJwtToSignet()
{
    if (m_python.isEmpty())
        QFAIL("PyJWT is not installed (python3 -c 'import jwt' fails): run ./dev deps (python3-jwt)");
    QFETCH(QString, alg);
    const KeyFiles& key = m_keys[alg];
    const RunResult minted =
        pyjwt({QStringLiteral("mint"), QStringLiteral("--key"), key.privateJwk, QStringLiteral("--alg"), alg,
               QStringLiteral("--iss"), kIssuer, QStringLiteral("--aud"), kAudience});
    SIGNET_EXPECT_SUCCESS(minted);
    const RunResult verified =
        runCli({QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(), QStringLiteral("--key"),
                key.verifyJwk, QStringLiteral("--alg"), alg, QStringLiteral("--iss"), kIssuer, QStringLiteral("--aud"),
                kAudience, QStringLiteral("--require"), QStringLiteral("src")});
    SIGNET_EXPECT_SUCCESS(verified);

    // Signed by another key under this key's kid: the signature check catches it.
    const RunResult forged =
        pyjwt({QStringLiteral("mint"), QStringLiteral("--key"), m_other[alg].privateJwk, QStringLiteral("--alg"), alg,
               QStringLiteral("--aud"), kAudience, QStringLiteral("--kid=") + key.kid});
    SIGNET_EXPECT_SUCCESS(forged);
    SIGNET_EXPECT_ERROR(runCli({QStringLiteral("token"), QStringLiteral("verify"), forged.firstLine(),
                                QStringLiteral("--key"), key.verifyJwk, QStringLiteral("--aud"), kAudience}),
                        1, QStringLiteral("token invalid: signature: does not match"));
}

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
