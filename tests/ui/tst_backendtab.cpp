// The project page's Backend tab: verification code filled in with the project's facts, per
// language, copied whole; the test kit saved as a JSON pack; nothing offered without an active key.

#include "ConsoleDriver.h"

#include "pages/BackendTab.h"
#include "pages/ProjectPage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace Signet;
using namespace Signet::Test;

class TestBackendTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snippetsFollowTheProjectAndLanguage()
    {
        Console c;
        auto* page = c.find<ProjectPage>("projectPage");
        page->showTab(ProjectPage::Tab::Backend);
        auto* code = c.find<QPlainTextEdit>("snippetTextEdit");
        auto* copy = c.find<QPushButton>("copySnippetPushButton");
        // No active key yet: nothing to verify with, and it says so.
        QVERIFY(!copy->isEnabled());
        QVERIFY(c.find<QLabel>("snippetNoteLabel")->text().contains(QStringLiteral("no active key")));

        QVERIFY(c.ws->keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QTRY_VERIFY(copy->isEnabled());
        QVERIFY2(code->toPlainText().contains(QStringLiteral("/p/payments/.well-known/jwks.json")),
                 qPrintable(code->toPlainText()));
        QVERIFY(code->toPlainText().contains(QStringLiteral("algorithms: [\"ES256\"]")));
        QVERIFY(code->toPlainText().contains(QStringLiteral("require('jwks-rsa')")));

        auto* language = c.find<QComboBox>("snippetLanguageComboBox");
        language->setCurrentIndex(language->findData(QStringLiteral("python-pyjwt")));
        QVERIFY(code->toPlainText().contains(QStringLiteral("PyJWKClient(")));
        QVERIFY(code->toPlainText().contains(QStringLiteral("options={\"require\": [\"exp\"]}")));
        QCOMPARE(c.find<QLabel>("snippetInstallLabel")->text(), QStringLiteral("pip install 'PyJWT[crypto]'"));

        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), code->toPlainText());
    }

    void testKitIsSavedAsAPack()
    {
        Console c;
        QVERIFY(c.ws->keys().generate(QStringLiteral("payments"), Algorithm::RS256));
        auto* page = c.find<ProjectPage>("projectPage");
        page->showTab(ProjectPage::Tab::Backend);
        auto* tab = c.find<BackendTab>("backendTab");
        const QString path = c.fixture.folder.filePath(QStringLiteral("kit.json"));
        QVERIFY(tab->saveTestKitTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject kit = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(kit.value(QStringLiteral("project")).toString(), QStringLiteral("payments"));
        const QJsonArray tokens = kit.value(QStringLiteral("tokens")).toArray();
        QVERIFY(tokens.size() >= 9);
        QCOMPARE(tokens.first().toObject().value(QStringLiteral("expect")).toString(), QStringLiteral("accept"));
        QCOMPARE(tokens.last().toObject().value(QStringLiteral("expect")).toString(), QStringLiteral("reject"));
        // The good one is minted like any token: in the ledger.
        QCOMPARE(c.ws->tokens().list(QStringLiteral("payments"))->size(), 1);
    }
};

QTEST_MAIN(TestBackendTab)
#include "tst_backendtab.moc"
