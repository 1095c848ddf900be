// The Mint tab: a token from the form, into the ledger, ready to copy or inspect; bad input refused
// with the reason before anything is minted.

#include "WorkspaceFixture.h"

#include "AppSettings.h"
#include "jose/TokenInspection.h"
#include "pages/MintTab.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {
struct Mint
{
    WorkspaceFixture fixture;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<MintTab> tab;
    Mint()
    {
        fixture.create();
        if (!fixture.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256))
            qFatal("no key");
        settings = std::make_unique<AppSettings>(fixture.folder.filePath(QStringLiteral("settings.ini")));
        tab = std::make_unique<MintTab>(fixture.ws(), fixture.clock, *settings);
        tab->setProject(QStringLiteral("payments"));
    }
    template<class T> T* find(const char* name) const { return tab->findChild<T*>(QString::fromLatin1(name)); }
};
} // namespace

class MintTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mintsIntoTheLedger()
    {
        Mint m;
        m.find<QLineEdit>("mintSubjectLineEdit")->setText(QStringLiteral("user-1842"));
        m.find<QListWidget>("mintScopesList")->item(0)->setCheckState(Qt::Checked);
        QVERIFY(m.find<QPlainTextEdit>("mintPreviewTextEdit")
                    ->toPlainText()
                    .contains(QStringLiteral("\"scope\": \"payments:read\"")));
        m.find<QPushButton>("mintPushButton")->click();
        QTRY_VERIFY(!m.tab->lastToken().empty()); // shown once its ledger row is committed
        const auto entries = m.fixture.ws().tokens().list(QStringLiteral("payments"));
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->front().subject, QStringLiteral("user-1842"));
        QCOMPARE(entries->front().scopes, QStringList{QStringLiteral("payments:read")});
        QVERIFY(m.fixture.ws().tokens().verify(QStringLiteral("payments"), m.tab->lastToken())->report.isValid());

        m.find<QPushButton>("copyBearerPushButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("Authorization: Bearer ") + QString::fromStdString(m.tab->lastToken()));
        QSignalSpy inspect(m.tab.get(), &MintTab::inspectTokenRequested);
        m.find<QPushButton>("mintOpenInInspectorPushButton")->click();
        QCOMPARE(inspect.count(), 1);
        QCOMPARE(inspect.front().front().toString().toStdString(), m.tab->lastToken());
        QVERIFY(m.find<QLabel>("mintCountdownLabel")->text().startsWith(QStringLiteral("expires in 15 min")));
    }

    void badInputIsRefusedWithTheReason()
    {
        Mint m;
        auto* mint = m.find<QPushButton>("mintPushButton");
        m.find<QPlainTextEdit>("mintClaimsTextEdit")->setPlainText(QStringLiteral("{\"a\":1,\"a\":2}"));
        QVERIFY(!mint->isEnabled());
        QVERIFY(m.find<QLabel>("mintProblemLabel")->text().contains(QStringLiteral("duplicate member name")));
        m.find<QPlainTextEdit>("mintClaimsTextEdit")->setPlainText(QStringLiteral("{\"tenant\":\"acme\"}"));
        QVERIFY(mint->isEnabled());
        m.find<QPushButton>("preset86400PushButton")->click(); // 1 day > the fixture's maximum of 1 h
        QVERIFY(!mint->isEnabled());
        QVERIFY(m.find<QLabel>("mintProblemLabel")->text().contains(QStringLiteral("maximum")));
        m.find<QPushButton>("preset120PushButton")->click();
        QVERIFY(mint->isEnabled());
        QVERIFY(m.find<QLabel>("mintProblemLabel")->text().isEmpty());
    }

    // The lifetime reads as written: "1 day", "2 minutes" (the units said "1 days").
    void theLifetimeUnitAgreesWithItsNumber()
    {
        Mint m;
        auto* unit = m.find<QComboBox>("lifetimeUnitComboBox");
        m.find<QPushButton>("preset86400PushButton")->click();
        QCOMPARE(unit->currentText(), QStringLiteral("day"));
        m.find<QPushButton>("preset120PushButton")->click();
        QCOMPARE(unit->currentText(), QStringLiteral("minutes"));
        m.find<QSpinBox>("lifetimeSpinBox")->setValue(1);
        QCOMPARE(unit->currentText(), QStringLiteral("minute"));
    }

    void signedWithAnApiKey()
    {
        Mint m;
        auto key = *m.fixture.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("backend"),
                                                    {QStringLiteral("payments:read")});
        auto* source = m.find<QComboBox>("mintSourceComboBox");
        source->setCurrentIndex(source->findData(key.record.id));
        m.find<QListWidget>("mintScopesList")->item(0)->setCheckState(Qt::Checked);
        m.find<QPushButton>("mintPushButton")->click();
        QTRY_VERIFY(!m.tab->lastToken().empty());
        const auto inspection =
            TokenInspection::inspect(QString::fromStdString(m.tab->lastToken()), m.fixture.clock.now());
        QCOMPARE(inspection.algorithm(), QStringLiteral("HS256"));
        QCOMPARE(inspection.claims().find("apikey")->asString(), key.record.id.toStdString());
        QVERIFY(m.fixture.ws().tokens().verify(QStringLiteral("payments"), m.tab->lastToken())->report.isValid());
    }
};

QTEST_MAIN(MintTest)
#include "tst_mint.moc"
