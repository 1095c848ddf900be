// The sealed box that hands a team workspace's data key from one member to another: X25519 against
// RFC 7748's published key pair, a round trip, and every way a box must refuse to open.

#include "crypto/SealedBox.h"

#include <QTest>

using namespace Signet;
using namespace Signet::Crypto;

class TestSealedBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publicKeyMatchesRfc7748();
    void roundTrip();
    void opensOnlyWithItsRecipientAndContext();
    void refusesBadPublicKeys();
};

// RFC 7748 section 6.1: Alice's private key and the public key it gives.
void TestSealedBox::publicKeyMatchesRfc7748()
{
    const SecureBytes alice(QByteArray::fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    auto publicKey = SealedBox::publicKeyOf(alice);
    QVERIFY(publicKey);
    QCOMPARE(publicKey->toHex(), QByteArray("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
}

void TestSealedBox::roundTrip()
{
    auto recipient = SealedBox::generate();
    QVERIFY(recipient);
    QCOMPARE(recipient->publicKey.size(), SealedBox::kPublicKeySize);
    QCOMPARE(*SealedBox::publicKeyOf(recipient->privateKey), recipient->publicKey);
    const QByteArray secret = QByteArray(32, '\x5a');
    auto first = SealedBox::seal(recipient->publicKey, secret, "member/alice");
    auto second = SealedBox::seal(recipient->publicKey, secret, "member/alice");
    QVERIFY(first && second);
    QVERIFY2(*first != *second, "each box has its own ephemeral key and nonce");
    QVERIFY(!first->contains(secret));
    auto opened = SealedBox::open(recipient->privateKey, *first, "member/alice");
    QVERIFY(opened);
    QCOMPARE(opened->toByteArray(), secret);
}

void TestSealedBox::opensOnlyWithItsRecipientAndContext()
{
    auto recipient = SealedBox::generate();
    auto stranger = SealedBox::generate();
    QVERIFY(recipient && stranger);
    auto box = SealedBox::seal(recipient->publicKey, "data key", "member/alice");
    QVERIFY(box);
    QVERIFY(!SealedBox::open(stranger->privateKey, *box, "member/alice"));
    QVERIFY(!SealedBox::open(recipient->privateKey, *box, "member/bob"));
    for (qsizetype at : {qsizetype(0), qsizetype(31), qsizetype(32), box->size() - 1}) {
        QByteArray altered = *box;
        altered[at] = char(altered[at] ^ 1);
        QVERIFY2(!SealedBox::open(recipient->privateKey, altered, "member/alice"), qPrintable(QString::number(at)));
    }
    auto truncated = SealedBox::open(recipient->privateKey, box->first(40), "member/alice");
    QVERIFY(!truncated);
    QVERIFY(truncated.error().message.contains(QStringLiteral("truncated")));
}

void TestSealedBox::refusesBadPublicKeys()
{
    auto wrongSize = SealedBox::seal(QByteArray(31, '\x01'), "x", {});
    QVERIFY(!wrongSize);
    QVERIFY(wrongSize.error().message.contains(QStringLiteral("32 bytes")));
    // The all-zero point has small order: every shared secret with it is zero.
    QVERIFY(!SealedBox::seal(QByteArray(32, '\0'), "x", {}));
}

QTEST_GUILESS_MAIN(TestSealedBox)
#include "tst_sealedbox.moc"
