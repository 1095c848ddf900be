#include "foundation/Clock.h"
#include "foundation/Duration.h"

#include <QTest>

using namespace Signet;

class FoundationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseDuration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("bare") << QStringLiteral("90") << qint64(90);
        QTest::newRow("s") << QStringLiteral("90s") << qint64(90);
        QTest::newRow("m") << QStringLiteral("15m") << qint64(900);
        QTest::newRow("h") << QStringLiteral("1h") << qint64(3600);
        QTest::newRow("d") << QStringLiteral("7d") << qint64(604800);
        QTest::newRow("spaces") << QStringLiteral(" 2h ") << qint64(7200);
    }
    void parseDuration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = Duration::parse(text);
        QVERIFY(parsed);
        QCOMPARE(*parsed, seconds);
    }

    void rejectDuration_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text :
             {"", "15x", "m", "-5m", "0", "0s", "1.5h", "1h30m", "+5", "99999999999999999999d", "5 m"})
            QTest::newRow(text[0] ? text : "empty") << QString::fromLatin1(text);
    }
    void rejectDuration()
    {
        QFETCH(QString, text);
        const auto parsed = Duration::parse(text);
        QVERIFY(!parsed);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void formatting()
    {
        QCOMPARE(Duration::formatSpan(45), QStringLiteral("45 s"));
        QCOMPARE(Duration::formatSpan(14 * 60 + 5), QStringLiteral("14 min"));
        QCOMPARE(Duration::formatSpan(3 * 3600), QStringLiteral("3 h"));
        QCOMPARE(Duration::formatSpan(3 * 3600 + 300), QStringLiteral("3 h 5 min"));
        QCOMPARE(Duration::formatSpan(2 * 86400 + 3600), QStringLiteral("2 d 1 h"));
        QCOMPARE(Duration::formatSpan(40 * 86400), QStringLiteral("40 d"));
        QCOMPARE(Duration::formatRelative(1000 + 840, 1000), QStringLiteral("in 14 min"));
        QCOMPARE(Duration::formatRelative(1000 - 3 * 3600, 1000), QStringLiteral("3 h ago"));
        QCOMPARE(Duration::formatRelative(1000, 1000), QStringLiteral("now"));
        QCOMPARE(Duration::formatUtc(1300819380), QStringLiteral("2011-03-22 18:43:00 UTC"));
    }

    void manualClock()
    {
        ManualClock clock(100);
        QCOMPARE(clock.now(), qint64(100));
        clock.advance(50);
        QCOMPARE(clock.now(), qint64(150));
        clock.set(7);
        QCOMPARE(clock.now(), qint64(7));
        const qint64 system = SystemClock::instance().now();
        QVERIFY(system > 1700000000);
    }
};

QTEST_GUILESS_MAIN(FoundationTest)
#include "tst_foundation.moc"
