#include "crypto/Random.h"
#include "jose/Base64Url.h"

#include <QTest>

using namespace Signet;

class Base64UrlTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownValues_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("f") << QByteArray("f") << QByteArray("Zg");
        QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8");
        QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg");
        QTest::newRow("url alphabet") << QByteArray::fromHex("fbff") << QByteArray("-_8");
        QTest::newRow("RFC 7515 header") << QByteArray("{\"alg\":\"ES256\"}") << QByteArray("eyJhbGciOiJFUzI1NiJ9");
    }
    void knownValues()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, text);
        QCOMPARE(Base64Url::encode(QByteArrayView(bytes)), text);
        const auto decoded = Base64Url::decode(QByteArrayView(text));
        QVERIFY(decoded);
        QCOMPARE(*decoded, bytes);
    }

    void randomRoundTrips()
    {
        for (std::size_t size = 0; size < 200; ++size) {
            const QByteArray bytes = Crypto::Random::bytes(size);
            const QByteArray text = Base64Url::encode(QByteArrayView(bytes));
            QVERIFY(!text.contains('=') && !text.contains('+') && !text.contains('/'));
            QCOMPARE(*Base64Url::decode(QByteArrayView(text)), bytes);
        }
    }

    void strictRejections_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("offset");
        QTest::newRow("padding") << QByteArray("Zg==") << 2;
        QTest::newRow("plus") << QByteArray("ab+d") << 2;
        QTest::newRow("slash") << QByteArray("ab/d") << 2;
        QTest::newRow("space") << QByteArray("ab d") << 2;
        QTest::newRow("newline") << QByteArray("abcd\nefg") << 4;
        QTest::newRow("length 4k+1") << QByteArray("abcde") << 5;
        QTest::newRow("non-canonical 2 chars") << QByteArray("Zh") << 1;
        QTest::newRow("non-canonical 3 chars") << QByteArray("Zm9") << -1;
        QTest::newRow("question mark") << QByteArray("eyJ?") << 3;
        QTest::newRow("high byte") << QByteArray("ab\xC3\xA9") << 2;
        QTest::newRow("nul") << QByteArray("ab\0d", 4) << 2;
    }
    void strictRejections()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, offset);
        if (offset == -1) {
            // "Zm8" is the canonical text of "fo"; "Zm9" differs only in an unused bit.
            QVERIFY(Base64Url::decode(QByteArrayView("Zm8")));
            offset = 2;
        }
        Base64Url::DecodeError error;
        QVERIFY(!Base64Url::decode(QByteArrayView(text), &error));
        QCOMPARE(error.offset, qsizetype(offset));
        QVERIFY(!error.reason.isEmpty());
    }

    void errorMessagesNameTheProblem()
    {
        Base64Url::DecodeError error;
        Base64Url::decode(QByteArrayView("Zg=="), &error);
        QVERIFY(error.reason.contains(QStringLiteral("padding")));
        Base64Url::decode(QByteArrayView("ab+d"), &error);
        QVERIFY(error.reason.contains(QStringLiteral("standard base64")));
        Base64Url::decode(QByteArrayView("Zh"), &error);
        QVERIFY(error.reason.contains(QStringLiteral("non-canonical")));
    }

    // Long texts are decoded in blocks of sixteen (SIMD where the CPU has it): every byte value at
    // every place of a block is accepted exactly when it is in the alphabet, decodes to its six bits,
    // and is named as the offending character otherwise.
    void everyByteAtEveryPlaceOfABlock()
    {
        const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const std::string base = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAh"; // 44 characters, 33 bytes
        const std::string expected = *Base64Url::decode(QByteArrayView(base)).transform(&QByteArray::toStdString);
        for (std::size_t place = 0; place < 32; ++place) {
            for (int byte = 0; byte < 256; ++byte) {
                std::string text = base;
                text[place] = static_cast<char>(byte);
                std::string out;
                Base64Url::DecodeError error;
                const std::size_t value = alphabet.find(static_cast<char>(byte));
                const bool valid = Base64Url::decode(text, out, &error);
                QCOMPARE(valid, value != std::string::npos);
                if (!valid) {
                    QCOMPARE(error.offset, qsizetype(place));
                    continue;
                }
                // Only the six bits of this character differ from the base text.
                const std::size_t bit = place / 4 * 24 + place % 4 * 6;
                for (std::size_t b = 0; b < 6; ++b) {
                    const std::size_t at = bit + b;
                    const bool set = (out[at / 8] >> (7 - at % 8)) & 1;
                    QCOMPARE(set, bool((value >> (5 - b)) & 1));
                }
                for (std::size_t i = 0; i < out.size(); ++i) {
                    if (i != bit / 8 && i != (bit + 5) / 8)
                        QCOMPARE(out[i], expected[i]);
                }
            }
        }
    }

    void decodedSize()
    {
        QCOMPARE(Base64Url::decodedSize(0), std::size_t(0));
        QCOMPARE(Base64Url::decodedSize(2), std::size_t(1));
        QCOMPARE(Base64Url::decodedSize(3), std::size_t(2));
        QCOMPARE(Base64Url::decodedSize(86), std::size_t(64));
    }
};

QTEST_GUILESS_MAIN(Base64UrlTest)
#include "tst_base64url.moc"
