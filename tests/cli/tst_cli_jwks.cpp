// signet-cli with JWK sets ({"keys":[...]}): verification picks the key by kid, minting from a set
// needs --kid, and key public / key thumbprint handle every member.

#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

namespace {

QJsonObject fileJson(const QString& path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

} // namespace

class TestCliJwks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verifyPicksByKid_data();
    void verifyPicksByKid();
    void unknownKid();
    void mintFromSet_data();
    void mintFromSet();
    void publicAndThumbprints();
    void setWithHmacSecret();

private:
    QTemporaryDir m_dir;
    QStringList m_names;
    QStringList m_kids;
    QString m_publicSet;
    QString m_privateSet;
};

void TestCliJwks::initTestCase()
{
    QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    QVERIFY(m_dir.isValid());
    // Four keys for the JWK set tests: two of the same type, so only the kid can tell them apart.
    m_names = {QStringLiteral("es256-a"), QStringLiteral("es256-b"), QStringLiteral("eddsa"), QStringLiteral("rs256")};
    const QStringList algs = {QStringLiteral("ES256"), QStringLiteral("ES256"), QStringLiteral("EdDSA"),
                              QStringLiteral("RS256")};
    QJsonArray publicKeys, privateKeys;
    for (qsizetype i = 0; i < m_names.size(); ++i) {
        const QString file = m_dir.filePath(m_names[i] + QStringLiteral(".jwk"));
        const RunResult generated = runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                            algs[i], QStringLiteral("-o"), file});
        SIGNET_EXPECT_SUCCESS(generated);
        const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), file});
        SIGNET_EXPECT_SUCCESS(pub);
        publicKeys.append(stdoutJson(pub));
        privateKeys.append(fileJson(file));
        m_kids.append(fileJson(file).value(QStringLiteral("kid")).toString());
    }
    m_publicSet = m_dir.filePath(QStringLiteral("public-set.json"));
    m_privateSet = m_dir.filePath(QStringLiteral("private-set.json"));
    QVERIFY(writeFile(m_publicSet, QJsonDocument(QJsonObject{{QStringLiteral("keys"), publicKeys}}).toJson()));
    QVERIFY(writeFile(m_privateSet, QJsonDocument(QJsonObject{{QStringLiteral("keys"), privateKeys}}).toJson()));
}

void TestCliJwks::verifyPicksByKid_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < 4; ++i)
        QTest::newRow(qPrintable(m_names[i])) << i;
}

void TestCliJwks::verifyPicksByKid()
{
    QFETCH(int, index);
    const QString kid = m_kids[index];
    // Minted with the single key, and with the same key chosen from the private set by --kid.
    const QString single = m_dir.filePath(m_names[index] + QStringLiteral(".jwk"));
    const QList<QStringList> keyArgs = {{QStringLiteral("--key"), single},
                                        {QStringLiteral("--key"), m_privateSet, QStringLiteral("--kid"), kid}};
    for (const QStringList& mintKey : keyArgs) {
        const RunResult minted = runCli(QStringList{QStringLiteral("token"), QStringLiteral("mint")} + mintKey);
        SIGNET_EXPECT_SUCCESS(minted);
        QCOMPARE(tokenPart(minted.firstLine(), 0).value(QStringLiteral("kid")).toString(), kid);
        for (const QString& set : {m_publicSet, m_privateSet}) {
            const RunResult verified = runCli({QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(),
                                               QStringLiteral("--key"), set, QStringLiteral("--json")});
            SIGNET_EXPECT_SUCCESS(verified);
            const QJsonObject report = stdoutJson(verified);
            QCOMPARE(report.value(QStringLiteral("valid")).toBool(), true);
            QCOMPARE(report.value(QStringLiteral("key")).toObject().value(QStringLiteral("kid")).toString(), kid);
        }
    }
}

void TestCliJwks::unknownKid()
{
    const QString outsider = m_dir.filePath(QStringLiteral("outsider.jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("ES256"), QStringLiteral("-o"), outsider}));
    const RunResult minted =
        runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), outsider});
    SIGNET_EXPECT_SUCCESS(minted);
    const RunResult verified = runCli(
        {QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(), QStringLiteral("--key"), m_publicSet});
    SIGNET_EXPECT_ERROR(verified, 1, QStringLiteral("token invalid: key: kid"));
}

void TestCliJwks::mintFromSet_data()
{
    QTest::addColumn<QString>("set");
    QTest::addColumn<QString>("kid");
    QTest::addColumn<QString>("expected");
    QTest::newRow("private set, no --kid") << QStringLiteral("private") << QString() << QStringLiteral("--kid");
    QTest::newRow("private set, unknown --kid")
        << QStringLiteral("private") << QStringLiteral("nope") << QStringLiteral("no private key with kid \"nope\"");
    QTest::newRow("public set, --kid") << QStringLiteral("public") << QStringLiteral("first")
                                       << QStringLiteral("private key");
}

void TestCliJwks::mintFromSet()
{
    QFETCH(QString, set);
    QFETCH(QString, kid);
    QFETCH(QString, expected);
    QStringList args = {QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"),
                        set == QLatin1String("private") ? m_privateSet : m_publicSet};
    if (kid == QLatin1String("first"))
        kid = m_kids.front();
    if (!kid.isEmpty())
        args << QStringLiteral("--kid") << kid;
    SIGNET_EXPECT_ERROR(runCli(args), 2, expected);
}

void TestCliJwks::publicAndThumbprints()
{
    const RunResult pub = runCli({QStringLiteral("key"), QStringLiteral("public"), m_privateSet});
    SIGNET_EXPECT_SUCCESS(pub);
    const QJsonArray keys = stdoutJson(pub).value(QStringLiteral("keys")).toArray();
    QCOMPARE(keys.size(), 4);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        QCOMPARE(keys[i].toObject().value(QStringLiteral("kid")).toString(), m_kids[i]);
        QVERIFY(!keys[i].toObject().contains(QStringLiteral("d")));
    }
    const RunResult thumbprints = runCli({QStringLiteral("key"), QStringLiteral("thumbprint"), m_publicSet});
    SIGNET_EXPECT_SUCCESS(thumbprints);
    QCOMPARE(thumbprints.stdoutText(), m_kids.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

// An HMAC secret can sit in a (private) set next to asymmetric keys; the kid still decides.
void TestCliJwks::setWithHmacSecret()
{
    const QString secret = m_dir.filePath(QStringLiteral("hs.jwk"));
    SIGNET_EXPECT_SUCCESS(runCli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--alg"),
                                  QStringLiteral("HS384"), QStringLiteral("-o"), secret}));
    QJsonArray keys = fileJson(m_privateSet).value(QStringLiteral("keys")).toArray();
    keys.append(fileJson(secret));
    const QString mixed = m_dir.filePath(QStringLiteral("mixed-set.json"));
    QVERIFY(writeFile(mixed, QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson()));
    const QString kid = fileJson(secret).value(QStringLiteral("kid")).toString();

    const RunResult minted = runCli({QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("--key"), mixed,
                                     QStringLiteral("--kid"), kid});
    SIGNET_EXPECT_SUCCESS(minted);
    QCOMPARE(tokenPart(minted.firstLine(), 0).value(QStringLiteral("alg")).toString(), QStringLiteral("HS384"));
    const RunResult verified = runCli({QStringLiteral("token"), QStringLiteral("verify"), minted.firstLine(),
                                       QStringLiteral("--key"), mixed, QStringLiteral("--json")});
    SIGNET_EXPECT_SUCCESS(verified);
    QCOMPARE(stdoutJson(verified).value(QStringLiteral("key")).toObject().value(QStringLiteral("kid")).toString(), kid);
    // key public refuses the set: a secret has no public half to publish.
    SIGNET_EXPECT_ERROR(runCli({QStringLiteral("key"), QStringLiteral("public"), mixed}), 2,
                        QStringLiteral("HMAC secret has no public key"));
}

QTEST_GUILESS_MAIN(TestCliJwks)
#include "tst_cli_jwks.moc"
