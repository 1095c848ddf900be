// signet-cli key handling, run as a user runs it: key generate / public / thumbprint, PEM import of
// every fixture in tests/data/keys, and how key files are written.

#include "CliRunner.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

const QStringList kAlgorithms = {QStringLiteral("HS256"), QStringLiteral("HS384"), QStringLiteral("HS512"),
                                 QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                                 QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512"),
                                 QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                                 QStringLiteral("EdDSA")};

QString key(const QString& name)
{
    return dataPath(QStringLiteral("keys/") + name);
}

QJsonObject fileJson(const QString& path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

// A fixed, well-formed token: key errors are reported before the token is looked at.
const QString kSomeToken = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2ln");

} // namespace

class TestCliKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void generateMintVerify_data();
    void generateMintVerify();
    void publicAndThumbprint_data();
    void publicAndThumbprint();
    void customKid();
    void hmacHasNoPublicKey_data();
    void hmacHasNoPublicKey();

    void pemMintVerify_data();
    void pemMintVerify();
    void pemPublicForms_data();
    void pemPublicForms();
    void pemRefused_data();
    void pemRefused();

    void keyFileModeAndForce_data();
    void keyFileModeAndForce();
    void keyFileUnwritable();

private:
    // A file in the temporary folder named after the current data row.
    QString rowFile(const QString& suffix) const;

    QTemporaryDir m_dir;
};

QString TestCliKeys::rowFile(const QString& suffix) const
{
    QString name = QString::fromLatin1(QTest::currentTestFunction()) + QLatin1Char('-') +
                   QString::fromLatin1(QTest::currentDataTag()) + suffix;
    for (QChar& c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    }
    return m_dir.filePath(name);
}

void TestCliKeys::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
}

void TestCliKeys::generateMintVerify_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("extra");
    for (const QString& alg : kAlgorithms) {
        QTest::addRow("%s jwk", qPrintable(alg)) << alg << QStringLiteral("jwk") << QStringList();
        if (!alg.startsWith(QLatin1String("HS")))
            QTest::addRow("%s pem", qPrintable(alg)) << alg << QStringLiteral("pem") << QStringList();
    }
    const QStringList ed448 = {QStringLiteral("--curve"), QStringLiteral("Ed448")};
    QTest::newRow("EdDSA Ed448 jwk") << QStringLiteral("EdDSA") << QStringLiteral("jwk") << ed448;
    QTest::newRow("EdDSA Ed448 pem") << QStringLiteral("EdDSA") << QStringLiteral("pem") << ed448;
    QTest::newRow("RS256 3072 bits jwk") << QStringLiteral("RS256") << QStringLiteral("jwk")
                                         << QStringList{QStringLiteral("--bits"), QStringLiteral("3072")};
    // The one RSA 4096 generation of the suite.
    QTest::newRow("PS512 4096 bits pem") << QStringLiteral("PS512") << QStringLiteral("pem")
                                         << QStringList{QStringLiteral("--bits"), QStringLiteral("4096")};
}

void TestCliKeys::generateMintVerify()
{
    QFETCH(QString, alg);
    QFETCH(QString, format);
    QFETCH(QStringList, extra);
    const bool hmac = alg.startsWith(QLatin1String("HS"));
    const QString keyFile = rowFile(QStringLiteral(".key"));

    const RunResult generated =
        runCli(QStringList{QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), alg,
                           QStringLiteral("-o"), keyFile, QStringLiteral("--format"), format} +
               extra);
    SIGNET_EXPECT_SUCCESS(generated);
    QVERIFY2(generated.stdoutText().contains(alg), qPrintable(generated.describe()));
    QCOMPARE(fileMode(keyFile), 0600);
    const QByteArray keyText = readFile(keyFile);
    QString expectedKid;
    if (format == QLatin1String("pem")) {
        QVERIFY2(keyText.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyText.left(40).constData());
    } else {
        const QJsonObject jwk = QJsonDocument::fromJson(keyText).object();
        QCOMPARE(jwk.value(QStringLiteral("alg")).toString(), alg);
        QCOMPARE(jwk.value(QStringLiteral("use")).toString(), QStringLiteral("sig"));
        expectedKid = jwk.value(QStringLiteral("kid")).toString();
        QVERIFY(!expectedKid.isEmpty());
        QVERIFY2(generated.stdoutText().contains(expectedKid), qPrintable(generated.describe()));
    }
    if (!hmac) {
        // The default kid (and the kid PEM keys sign with) is the RFC 7638 thumbprint.
        const RunResult thumbprint = runCli({QStringLiteral("key"), QStringLiteral("thumbprint"), keyFile});
        SIGNET_EXPECT_SUCCESS(thumbprint);
        if (!expectedKid.isEmpty())
            QCOMPARE(thumbprint.firstLine(), expectedKid);
        expectedKid = thumbprint.firstLine();
    }

    // The verifier gets the public key (in the same format); an HMAC secret verifies itself.
    QString verifyKey = keyFile;
    if (!hmac) {
        const RunResult pub =
            runCli({QStringLiteral("key"), QStringLiteral("public"), keyFile, QStringLiteral("--format"), format});
        SIGNET_EXPECT_SUCCESS(pub);
        QVERIFY(!pub.out.contains("\"d\""));
        verifyKey = rowFile(QStringLiteral(".pub"));
        QVERIFY(writeFile(verifyKey, pub.out));
    }

    // JWKs carry their alg; PEM keys are told.
    QStringList mintArgs = {QStringLiteral("token"), QStringLiteral("mint"),
                            QStringLiteral("--key"), keyFile,
                            QStringLiteral("--iss"), QStringLiteral("https://issuer.example"),
                            QStringLiteral("--aud"), QStringLiteral("api")};
    if (format == QLatin1String("pem"))
        mintArgs << QStringLiteral("--alg") << alg;
    const RunResult minted = runCli(mintArgs);
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    const QJsonObject header = tokenPart(token, 0);
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), alg);
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), expectedKid);

    for (const QString& verifier : {verifyKey, keyFile}) {
        const RunResult verified =
            runCli({QStringLiteral("token"), QStringLiteral("verify"), token, QStringLiteral("--key"), verifier,
                    QStringLiteral("--alg"), alg, QStringLiteral("--iss"), QStringLiteral("https://issuer.example"),
                    QStringLiteral("--aud"), QStringLiteral("api")});
        SIGNET_EXPECT_SUCCESS(verified);
        QVERIFY2(verified.out.startsWith("VALID\n"), qPrintable(verified.describe()));
    }
}

void TestCliKeys::publicAndThumbprint_data()
{
    QTest::addColumn<QString>("alg");
    for (const char* alg : {"RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA"})
        QTest::newRow(alg) << QString::fromLatin1(alg);
}

void TestCliKeys::publicAndThumbprint()
{
    QFETCH(QString, alg);
    const QString keyFile = rowFile(QStringLiteral(".jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), alg,
                                  QStringLiteral("-o"), keyFile}));
    const QJsonObject privateJwk = fileJson(keyFile);
    const QString kid = privateJwk.value(QStringLiteral("kid")).toString();

    const RunResult thumbprint = runCli({QStringLiteral("key"), QStringLiteral("thumbprint"), keyFile});
    SIGNET_EXPECT_SUCCESS(thumbprint);
    QCOMPARE(thumbprint.stdoutText(), kid + QLatin1Char('\n'));

    const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), keyFile});
    SIGNET_EXPECT_SUCCESS(pub);
    const QJsonObject publicJwk = stdoutJson(pub);
    QCOMPARE(publicJwk.value(QStringLiteral("kid")).toString(), kid);
    QCOMPARE(publicJwk.value(QStringLiteral("kty")), privateJwk.value(QStringLiteral("kty")));
    QCOMPARE(publicJwk.value(QStringLiteral("alg")).toString(), alg);
    for (const char* secret : {"d", "p", "q", "dp", "dq", "qi", "k"})
        QVERIFY2(!publicJwk.contains(QLatin1String(secret)), secret);
    const QString publicFile = rowFile(QStringLiteral(".pub.jwk"));
    QVERIFY(writeFile(publicFile, pub.out));

    const RunResult pem = runCli(
        {QStringLiteral("key"), QStringLiteral("public"), keyFile, QStringLiteral("--format"), QStringLiteral("pem")});
    SIGNET_EXPECT_SUCCESS(pem);
    QVERIFY2(pem.out.startsWith("-----BEGIN PUBLIC KEY-----\n"), qPrintable(pem.describe()));
    QVERIFY(pem.out.trimmed().endsWith("-----END PUBLIC KEY-----"));
    const QString pemFile = rowFile(QStringLiteral(".pub.pem"));
    QVERIFY(writeFile(pemFile, pem.out));

    // The thumbprint is the key's, whatever its form; a PEM key gets it as its default kid.
    for (const QString& file : {publicFile, pemFile}) {
        const RunResult again = runCli({QStringLiteral("key"), QStringLiteral("thumbprint"), file});
        SIGNET_EXPECT_SUCCESS(again);
        QCOMPARE(again.firstLine(), kid);
    }
    const RunResult pemAsJwk = runCli({QStringLiteral("key"), QStringLiteral("public"), pemFile});
    SIGNET_EXPECT_SUCCESS(pemAsJwk);
    QCOMPARE(stdoutJson(pemAsJwk).value(QStringLiteral("kid")).toString(), kid);
}

void TestCliKeys::customKid()
{
    const QString keyFile = m_dir.filePath(QStringLiteral("custom-kid.jwk"));
    const RunResult generated =
        runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"), QStringLiteral("ES256"),
                QStringLiteral("--kid"), QStringLiteral("my-key-1"), QStringLiteral("-o"), keyFile});
    SIGNET_EXPECT_SUCCESS(generated);
    QCOMPARE(fileJson(keyFile).value(QStringLiteral("kid")).toString(), QStringLiteral("my-key-1"));
    const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), keyFile});
    QCOMPARE(stdoutJson(pub).value(QStringLiteral("kid")).toString(), QStringLiteral("my-key-1"));
    const RunResult minted =
        runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), keyFile});
    SIGNET_EXPECT_SUCCESS(minted);
    QCOMPARE(tokenPart(minted.firstLine(), 0).value(QStringLiteral("kid")).toString(), QStringLiteral("my-key-1"));
    // The thumbprint stays the key's, not the kid.
    const RunResult thumbprint = runCli({QStringLiteral("key"), QStringLiteral("thumbprint"), keyFile});
    SIGNET_EXPECT_SUCCESS(thumbprint);
    QCOMPARE(thumbprint.firstLine().size(), 43);
}

void TestCliKeys::hmacHasNoPublicKey_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("jwk") << QStringLiteral("jwk");
    QTest::newRow("pem") << QStringLiteral("pem");
}

void TestCliKeys::hmacHasNoPublicKey()
{
    QFETCH(QString, format);
    const QString keyFile = rowFile(QStringLiteral(".jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("HS256"), QStringLiteral("-o"), keyFile}));
    QCOMPARE(QByteArray::fromBase64(fileJson(keyFile).value(QStringLiteral("k")).toString().toLatin1(),
                                    QByteArray::Base64UrlEncoding)
                 .size(),
             32);
    const RunResult pub =
        runCli({QStringLiteral("key"), QStringLiteral("public"), keyFile, QStringLiteral("--format"), format});
    SIGNET_EXPECT_ERROR(pub, 2, QStringLiteral("HMAC secret has no public key"));
    QVERIFY(pub.out.isEmpty());
}

void TestCliKeys::pemMintVerify_data()
{
    QTest::addColumn<QString>("signer");
    QTest::addColumn<QString>("signerPassphrase");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("verifier");
    QTest::addColumn<QString>("verifierPassphrase");
    const QString pass = QStringLiteral("rsa2048-passphrase.txt");
    const QString none;
    struct Signer
    {
        const char* tag;
        QString file;
        QString passphrase;
    };
    const Signer rsaSigners[] = {{"PKCS#8", QStringLiteral("rsa2048-pkcs8.pem"), none},
                                 {"PKCS#1", QStringLiteral("rsa2048-pkcs1.pem"), none},
                                 {"encrypted PKCS#8", QStringLiteral("rsa2048-encrypted.pem"), pass}};
    const Signer rsaVerifiers[] = {{"SPKI", QStringLiteral("rsa2048-spki.pem"), none},
                                   {"certificate", QStringLiteral("rsa2048-cert.pem"), none},
                                   {"PKCS#1 public", QStringLiteral("rsa2048-pkcs1-public.pem"), none},
                                   {"PKCS#8 private", QStringLiteral("rsa2048-pkcs8.pem"), none},
                                   {"encrypted PKCS#8", QStringLiteral("rsa2048-encrypted.pem"), pass}};
    for (const Signer& signer : rsaSigners) {
        for (const Signer& verifier : rsaVerifiers) {
            QTest::addRow("RS256 %s -> %s", signer.tag, verifier.tag)
                << signer.file << signer.passphrase << QStringLiteral("RS256") << verifier.file << verifier.passphrase;
        }
    }
    QTest::newRow("PS256 PKCS#8 -> certificate")
        << rsaSigners[0].file << none << QStringLiteral("PS256") << rsaVerifiers[1].file << none;
    QTest::newRow("RS512 PKCS#1 -> PKCS#1 public")
        << rsaSigners[1].file << none << QStringLiteral("RS512") << rsaVerifiers[2].file << none;
    QTest::newRow("PS384 encrypted -> SPKI")
        << rsaSigners[2].file << pass << QStringLiteral("PS384") << rsaVerifiers[0].file << none;
    QTest::newRow("ES256 SEC1 -> SPKI") << QStringLiteral("ec-p256-sec1.pem") << none << QStringLiteral("ES256")
                                        << QStringLiteral("ec-p256-spki.pem") << none;
    QTest::newRow("ES256 SEC1 -> SEC1") << QStringLiteral("ec-p256-sec1.pem") << none << QStringLiteral("ES256")
                                        << QStringLiteral("ec-p256-sec1.pem") << none;
    QTest::newRow("EdDSA PKCS#8 -> SPKI") << QStringLiteral("ed25519-pkcs8.pem") << none << QStringLiteral("EdDSA")
                                          << QStringLiteral("ed25519-spki.pem") << none;
}

void TestCliKeys::pemMintVerify()
{
    QFETCH(QString, signer);
    QFETCH(QString, signerPassphrase);
    QFETCH(QString, alg);
    QFETCH(QString, verifier);
    QFETCH(QString, verifierPassphrase);

    QStringList mintArgs = {QStringLiteral("token"), QStringLiteral("mint"),
                            QStringLiteral("--key"), key(signer),
                            QStringLiteral("--alg"), alg,
                            QStringLiteral("--aud"), QStringLiteral("api")};
    if (!signerPassphrase.isEmpty())
        mintArgs << QStringLiteral("--pem-passphrase-file") << key(signerPassphrase);
    const RunResult minted = runCli(mintArgs);
    SIGNET_EXPECT_SUCCESS(minted);
    const QString token = minted.firstLine();
    QCOMPARE(tokenPart(token, 0).value(QStringLiteral("alg")).toString(), alg);

    // A PEM key signs with its thumbprint as kid.
    QStringList thumbprintArgs = {QStringLiteral("key"), QStringLiteral("thumbprint"), key(verifier)};
    if (!verifierPassphrase.isEmpty())
        thumbprintArgs << QStringLiteral("--pem-passphrase-file") << key(verifierPassphrase);
    const RunResult thumbprint = runCli(thumbprintArgs);
    SIGNET_EXPECT_SUCCESS(thumbprint);
    QCOMPARE(tokenPart(token, 0).value(QStringLiteral("kid")).toString(), thumbprint.firstLine());

    QStringList verifyArgs = {QStringLiteral("token"), QStringLiteral("verify"), token, QStringLiteral("--key"),
                              key(verifier),           QStringLiteral("--alg"),  alg,   QStringLiteral("--aud"),
                              QStringLiteral("api")};
    if (!verifierPassphrase.isEmpty())
        verifyArgs << QStringLiteral("--pem-passphrase-file") << key(verifierPassphrase);
    const RunResult verified = runCli(verifyArgs);
    SIGNET_EXPECT_SUCCESS(verified);
    QVERIFY2(verified.out.startsWith("VALID\n"), qPrintable(verified.describe()));
}

void TestCliKeys::pemPublicForms_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<QString>("spki");
    const QString rsa = QStringLiteral("rsa2048-spki.pem");
    QTest::newRow("RSA PKCS#8") << QStringLiteral("rsa2048-pkcs8.pem") << QString() << rsa;
    QTest::newRow("RSA PKCS#1") << QStringLiteral("rsa2048-pkcs1.pem") << QString() << rsa;
    QTest::newRow("RSA SPKI") << rsa << QString() << rsa;
    QTest::newRow("RSA PKCS#1 public") << QStringLiteral("rsa2048-pkcs1-public.pem") << QString() << rsa;
    QTest::newRow("RSA certificate") << QStringLiteral("rsa2048-cert.pem") << QString() << rsa;
    QTest::newRow("RSA encrypted PKCS#8")
        << QStringLiteral("rsa2048-encrypted.pem") << QStringLiteral("rsa2048-passphrase.txt") << rsa;
    QTest::newRow("EC SEC1") << QStringLiteral("ec-p256-sec1.pem") << QString() << QStringLiteral("ec-p256-spki.pem");
    QTest::newRow("EC SPKI") << QStringLiteral("ec-p256-spki.pem") << QString() << QStringLiteral("ec-p256-spki.pem");
    QTest::newRow("Ed25519 PKCS#8") << QStringLiteral("ed25519-pkcs8.pem") << QString()
                                    << QStringLiteral("ed25519-spki.pem");
}

// Every form of a key has the same thumbprint, public JWK and SPKI PEM (byte for byte what openssl wrote).
void TestCliKeys::pemPublicForms()
{
    QFETCH(QString, fixture);
    QFETCH(QString, passphrase);
    QFETCH(QString, spki);
    QStringList extra;
    if (!passphrase.isEmpty())
        extra << QStringLiteral("--pem-passphrase-file") << key(passphrase);

    const RunResult expected = runCli({QStringLiteral("key"), QStringLiteral("thumbprint"), key(spki)});
    SIGNET_EXPECT_SUCCESS(expected);
    const RunResult thumbprint =
        runCli(QStringList{QStringLiteral("key"), QStringLiteral("thumbprint"), key(fixture)} + extra);
    SIGNET_EXPECT_SUCCESS(thumbprint);
    QCOMPARE(thumbprint.stdoutText(), expected.stdoutText());

    const RunResult jwk = runCli(QStringList{QStringLiteral("key"), QStringLiteral("public"), key(fixture)} + extra);
    SIGNET_EXPECT_SUCCESS(jwk);
    const QJsonObject publicJwk = stdoutJson(jwk);
    QCOMPARE(publicJwk.value(QStringLiteral("kid")).toString(), expected.firstLine());
    QVERIFY(!publicJwk.contains(QStringLiteral("d")));

    const RunResult pem = runCli(QStringList{QStringLiteral("key"), QStringLiteral("public"), key(fixture),
                                             QStringLiteral("--format"), QStringLiteral("pem")} +
                                 extra);
    SIGNET_EXPECT_SUCCESS(pem);
    QCOMPARE(pem.out, readData(QStringLiteral("keys/") + spki));
}

void TestCliKeys::pemRefused_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<QString>("expected");
    const QString mint = QStringLiteral("mint"), verify = QStringLiteral("verify"),
                  thumbprint = QStringLiteral("thumbprint"), pub = QStringLiteral("public");
    const QString encrypted = QStringLiteral("rsa2048-encrypted.pem");
    const QString needed = QStringLiteral("passphrase is needed"), wrong = QStringLiteral("wrong passphrase");
    QTest::newRow("encrypted, no passphrase: mint") << mint << encrypted << QString() << needed;
    QTest::newRow("encrypted, no passphrase: verify") << verify << encrypted << QString() << needed;
    QTest::newRow("encrypted, wrong passphrase: mint")
        << mint << encrypted << QStringLiteral("wrong-passphrase.txt") << wrong;
    QTest::newRow("encrypted, wrong passphrase: verify")
        << verify << encrypted << QStringLiteral("wrong-passphrase.txt") << wrong;
    QTest::newRow("encrypted, wrong passphrase: public")
        << pub << encrypted << QStringLiteral("wrong-passphrase.txt") << wrong;
    QTest::newRow("encrypted, missing passphrase file")
        << mint << encrypted << QStringLiteral("no-such-passphrase.txt") << QStringLiteral("cannot read");
    const QString weak = QStringLiteral("1024 bits is too small");
    for (const QString& command : {mint, verify, thumbprint, pub})
        QTest::addRow("RSA 1024: %s", qPrintable(command))
            << command << QStringLiteral("rsa1024-weak.pem") << QString() << weak;
    const QString unsupported = QStringLiteral("unsupported key type");
    for (const QString& command : {mint, verify, thumbprint}) {
        QTest::addRow("X25519: %s", qPrintable(command))
            << command << QStringLiteral("x25519-unsupported.pem") << QString() << unsupported;
        QTest::addRow("DSA: %s", qPrintable(command))
            << command << QStringLiteral("dsa-unsupported.pem") << QString() << unsupported;
    }
    for (const QString& command : {mint, verify, pub})
        QTest::addRow("malformed PEM: %s", qPrintable(command))
            << command << QStringLiteral("malformed.pem") << QString() << QStringLiteral("not a key Signet can read");
    QTest::newRow("SPKI public key: mint")
        << mint << QStringLiteral("ec-p256-spki.pem") << QString() << QStringLiteral("needs a private key");
    QTest::newRow("certificate: mint") << mint << QStringLiteral("rsa2048-cert.pem") << QString()
                                       << QStringLiteral("needs a private key");
    QTest::newRow("README is not a key: verify")
        << verify << QStringLiteral("README.md") << QString() << QStringLiteral("not a key");
    QTest::newRow("missing file: verify")
        << verify << QStringLiteral("no-such-key.pem") << QString() << QStringLiteral("cannot read");
}

void TestCliKeys::pemRefused()
{
    QFETCH(QString, command);
    QFETCH(QString, fixture);
    QFETCH(QString, passphrase);
    QFETCH(QString, expected);
    QStringList args;
    if (command == QLatin1String("mint"))
        args = {QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), key(fixture),
                QStringLiteral("--alg"), QStringLiteral("RS256")};
    else if (command == QLatin1String("verify"))
        args = {QStringLiteral("token"), QStringLiteral("verify"), kSomeToken, QStringLiteral("--key"), key(fixture)};
    else
        args = {QStringLiteral("key"), command, key(fixture)};
    if (!passphrase.isEmpty())
        args << QStringLiteral("--pem-passphrase-file") << key(passphrase);
    const RunResult result = runCli(args);
    SIGNET_EXPECT_ERROR(result, 2, expected);
    // The message names the file it is about.
    QVERIFY2(result.stderrText().contains(fixture) || result.stderrText().contains(passphrase),
             qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
}

void TestCliKeys::keyFileModeAndForce_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("format");
    QTest::newRow("ES256 jwk") << QStringLiteral("ES256") << QStringLiteral("jwk");
    QTest::newRow("EdDSA pem") << QStringLiteral("EdDSA") << QStringLiteral("pem");
    QTest::newRow("HS512 jwk") << QStringLiteral("HS512") << QStringLiteral("jwk");
}

void TestCliKeys::keyFileModeAndForce()
{
    QFETCH(QString, alg);
    QFETCH(QString, format);
    QTemporaryDir folder(m_dir.filePath(QStringLiteral("mode-XXXXXX")));
    QVERIFY(folder.isValid());
    const QString file = folder.filePath(QStringLiteral("key"));
    const QStringList generate = {QStringLiteral("key"),      QStringLiteral("generate"),
                                  QStringLiteral("--alg"),    alg,
                                  QStringLiteral("-o"),       file,
                                  QStringLiteral("--format"), format};

    SIGNET_EXPECT_SUCCESS(runCli(generate));
    QCOMPARE(fileMode(file), 0600);
    const QByteArray first = readFile(file);
    QVERIFY(!first.isEmpty());

    // No overwrite without --force: the old key survives untouched.
    const RunResult refused = runCli(generate);
    SIGNET_EXPECT_ERROR(refused, 2, QStringLiteral("already exists"));
    QVERIFY2(refused.stderrText().contains(QLatin1String("--force")), qPrintable(refused.describe()));
    QCOMPARE(readFile(file), first);

    // A world-readable file replaced with --force becomes private.
    QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ReadOther));
    SIGNET_EXPECT_SUCCESS(runCli(generate + QStringList{QStringLiteral("--force")}));
    QCOMPARE(fileMode(file), 0600);
    QVERIFY(readFile(file) != first);

    // Written atomically: no temporary files left behind.
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("key")});
}

void TestCliKeys::keyFileUnwritable()
{
    const QString file = m_dir.filePath(QStringLiteral("no/such/folder/key.jwk"));
    const RunResult result = runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                     QStringLiteral("ES256"), QStringLiteral("-o"), file});
    SIGNET_EXPECT_ERROR(result, 2, QStringLiteral("cannot write"));
    QVERIFY(!QFile::exists(file));
}

QTEST_GUILESS_MAIN(TestCliKeys)
#include "tst_cli_keys.moc"
