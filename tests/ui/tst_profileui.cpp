// Provider profiles in the console: a project made to follow one in the New project dialog, the Mint
// form generated from the profile's fields and shaped by its rules as the CLI shapes it, and the
// Inspector reading a profiled project's claims in the provider's terms.

#include "ConsoleDriver.h"

#include "ConsoleView.h"
#include "jose/TokenInspection.h"
#include "models/LedgerTableModel.h"
#include "pages/InspectorView.h"
#include "pages/MintTab.h"
#include "pages/ProjectPage.h"
#include "profiles/ProfileCatalog.h"
#include "widgets/ProfileFieldsForm.h"
#include "workspace/ProfiledProjects.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTreeWidget>

using namespace Signet;
using namespace Signet::Test;

namespace {

const Profile& builtIn(const char* name)
{
    return **ProfileCatalog::builtIn().find(QString::fromLatin1(name));
}

void typeInto(QWidget* field, const QString& text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

template<class T> T* field(QWidget* parent, const QString& name)
{
    T* found = parent->findChild<T*>(ProfileFieldsForm::editorName(name));
    if (!found)
        qWarning("no profile field '%s'", qPrintable(name));
    return found;
}

QString labelFor(QWidget* parent, QWidget* editor)
{
    for (const QLabel* label : parent->findChildren<QLabel*>()) {
        if (label->buddy() == editor)
            return label->text();
    }
    return {};
}

// A VideoSDK project with an API key, on a Mint tab of its own.
struct VideoSdk
{
    WorkspaceFixture fixture;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<MintTab> tab;
    QString apiKeyId;
    VideoSdk()
    {
        fixture.create();
        Project draft;
        draft.id = QStringLiteral("video-rooms");
        draft.name = QStringLiteral("Video rooms");
        const Profile& profile = builtIn("videosdk");
        if (!createProfiledProject(fixture.ws(), profile, *profiledProject(profile, draft)))
            qFatal("no VideoSDK project");
        apiKeyId = fixture.ws().apiKeys().create(draft.id, QStringLiteral("meetings"), {})->record.id;
        settings = std::make_unique<AppSettings>(fixture.folder.filePath(QStringLiteral("settings.ini")));
        tab = std::make_unique<MintTab>(fixture.ws(), fixture.clock, *settings);
        tab->setProject(draft.id);
        tab->show();
    }
    template<class T> T* find(const char* name) const { return tab->findChild<T*>(QString::fromLatin1(name)); }
    QString problem() const { return find<QLabel>("mintProblemLabel")->text(); }
};

} // namespace

// Types `path` into the file dialog about to open, as a user does. (selectFile() leaves the name
// field alone once it has the focus, and the dialog then accepts nothing.)
static void pickFile(const QString& path)
{
    whenModalIs<QFileDialog>([path](QFileDialog* picker) {
        auto* name = picker->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        name->setText(path);
        QMetaObject::invokeMethod(picker, "accept");
    });
}

class ProfilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // VocalStack from the dialog to a minted token: the generated fields, their bounds, the token.
    void vocalStackFromTheDialogToAToken()
    {
        Console c;
        QString issuerHint;
        QString profileText;
        whenModal([&](QWidget* dialog) {
            auto* profiles = dialog->findChild<QComboBox*>(QStringLiteral("profileComboBox"));
            QCOMPARE(profiles->count(), 1 + ProfileCatalog::builtIn().profiles().size());
            QCOMPARE(profiles->itemText(0), QStringLiteral("None"));
            profiles->setFocus();
            profiles->setCurrentIndex(profiles->findData(QStringLiteral("vocalstack")));
            QVERIFY(!profiles->itemData(profiles->currentIndex(), Qt::ToolTipRole).toString().isEmpty());
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("projectNameLineEdit")),
                             QStringLiteral("Speech web"));
            issuerHint = dialog->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit"))->placeholderText();
            profileText = dialog->findChild<QLabel*>(QStringLiteral("profileLabel"))->text();
            clickButton(dialog, QStringLiteral("Create"));
        });
        QTest::mouseClick(c.find<QPushButton>("newProjectPushButton"), Qt::LeftButton);
        QTRY_VERIFY(c.ws->projects().get(QStringLiteral("speech-web")).has_value());
        QCOMPARE(issuerHint, defaultServerBase() + QStringLiteral("/p/speech-web"));
        QVERIFY2(profileText.contains(QStringLiteral("10 s")), qPrintable(profileText));
        const Project project = *c.ws->projects().get(QStringLiteral("speech-web"));
        QCOMPARE(project.profile, QStringLiteral("vocalstack"));
        QCOMPARE(project.issuer, defaultServerBase() + QStringLiteral("/p/speech-web"));
        QCOMPARE(project.maxTtl, 120);
        QCOMPARE(c.ws->keys().activeSigningKey(project.id)->defaultAlgorithm(), Algorithm::ES256);
        QCOMPARE(c.window->console()->currentProject(), project.id);

        ProjectPage* page = c.window->console()->projectPage();
        page->showTab(ProjectPage::Tab::Mint);
        auto* tab = c.window->findChild<MintTab*>();
        auto* lifetime = field<QSpinBox>(tab, QStringLiteral("lifetime_s"));
        auto* access = field<QComboBox>(tab, QStringLiteral("access"));
        auto* oneTime = field<QCheckBox>(tab, QStringLiteral("one_time"));
        QVERIFY(lifetime && access && oneTime);
        QCOMPARE(labelFor(tab, lifetime), QStringLiteral("lifetime_s → exp − iat"));
        QCOMPARE(labelFor(tab, access), QStringLiteral("access"));
        QVERIFY(lifetime->toolTip().contains(QStringLiteral("A number between 1 and 120")));
        QCOMPARE(lifetime->minimum(), 1);
        QCOMPARE(lifetime->maximum(), 120);
        QCOMPARE(lifetime->value(), 10);
        QVERIFY(oneTime->isChecked());
        QCOMPARE(access->currentText(), QStringLiteral("readonly"));
        QVERIFY(access->itemData(access->findData(QStringLiteral("readwrite")), Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("billable")));
        // What the provider's tokens do not carry, and what its fields replace, is not asked for.
        QVERIFY(!c.find<QLineEdit>("mintSubjectLineEdit")->isVisible());
        QVERIFY(!c.find<QCheckBox>("mintOneTimeCheckBox")->isVisible());
        QVERIFY(!c.find<QWidget>("lifetimeDurationEdit")->isVisible());

        // 121 cannot be typed: the spin box holds the profile's range.
        typeInto(lifetime, QStringLiteral("121"));
        QVERIFY(lifetime->value() <= 120);
        typeInto(lifetime, QStringLiteral("60"));
        QCOMPARE(lifetime->value(), 60);
        access->setCurrentIndex(access->findData(QStringLiteral("readwrite")));
        const QString preview = c.find<QPlainTextEdit>("mintPreviewTextEdit")->toPlainText();
        QVERIFY2(preview.contains(QStringLiteral("\"access\": \"readwrite\"")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("(now + 1 min)")), qPrintable(preview));
        auto* mint = c.find<QPushButton>("mintPushButton");
        QVERIFY(mint->isEnabled());
        QTest::mouseClick(mint, Qt::LeftButton);
        QTRY_VERIFY(!tab->lastToken().empty());
        const auto token = TokenInspection::inspect(QString::fromStdString(tab->lastToken()), c.fixture.clock.now());
        QCOMPARE(token.claims().find("exp")->asInteger() - token.claims().find("iat")->asInteger(), 60);
        QCOMPARE(token.claims().find("access")->asString(), std::string("readwrite"));
        QVERIFY(!token.claims().find("sub"));
        QVERIFY(c.ws->tokens().list(project.id)->front().oneTime);

        // Open in Inspector: the claims in VocalStack's terms, the lifetime as its lifetime_s.
        QTest::mouseClick(c.find<QPushButton>("mintOpenInInspectorPushButton"), Qt::LeftButton);
        auto* claims = c.find<QTreeWidget>("claimsTree");
        QVERIFY(claims->isVisible());
        QTreeWidgetItem* accessRow = claims->findItems(QStringLiteral("access"), Qt::MatchExactly, 0).value(0);
        QTreeWidgetItem* expRow = claims->findItems(QStringLiteral("exp"), Qt::MatchExactly, 0).value(0);
        QVERIFY(accessRow && expRow);
        QVERIFY(accessRow->text(2).startsWith(QStringLiteral("VocalStack access")));
        QVERIFY(accessRow->childCount() == 1 && accessRow->child(0)->text(2).startsWith(QStringLiteral("readwrite: ")));
        QVERIFY(expRow->childCount() == 1);
        QCOMPARE(expRow->child(0)->text(2), QStringLiteral("VocalStack lifetime_s = 60 (exp − iat)"));
        c.window->console()->selectProject(project.id);

        // The Tokens tab's columns in VocalStack's words.
        page->showTab(ProjectPage::Tab::Tokens);
        auto* ledger = c.find<QTableView>("tokensTableView")->model();
        QVERIFY(ledger->headerData(LedgerTableModel::Expires, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("VocalStack lifetime_s")));
        QVERIFY(ledger->headerData(LedgerTableModel::OneTime, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("VocalStack one_time")));
    }

    // A provider without iss and aud (VideoSDK): nothing to type there; a failed create keeps the choice.
    void videoSdkFromTheDialogKeepsWhatWasChosen()
    {
        Console c;
        QString issuerHint;
        bool issuerEnabled = true;
        QString problem;
        QString profileAgain;
        whenModal([&](QWidget* dialog) {
            auto* profiles = dialog->findChild<QComboBox*>(QStringLiteral("profileComboBox"));
            profiles->setCurrentIndex(profiles->findData(QStringLiteral("videosdk")));
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("projectNameLineEdit")),
                             QStringLiteral("Payments")); // the fixture's project: creating fails
            auto* issuer = dialog->findChild<QLineEdit*>(QStringLiteral("issuerLineEdit"));
            issuerHint = issuer->placeholderText();
            issuerEnabled = issuer->isEnabled();
            whenModal([&](QWidget* again) {
                problem = again->findChild<QLabel*>(QStringLiteral("problemLabel"))->text();
                profileAgain = again->findChild<QComboBox*>(QStringLiteral("profileComboBox"))->currentText();
                typeInto(again->findChild<QLineEdit*>(QStringLiteral("projectIdLineEdit")), QStringLiteral("meet"));
                clickButton(again, QStringLiteral("Create"));
            });
            clickButton(dialog, QStringLiteral("Create"));
        });
        QTest::mouseClick(c.find<QPushButton>("newProjectPushButton"), Qt::LeftButton);
        QTRY_VERIFY(c.ws->projects().get(QStringLiteral("meet")).has_value());
        QVERIFY(!issuerEnabled);
        QCOMPARE(issuerHint, QStringLiteral("none: VideoSDK tokens carry no iss"));
        QVERIFY2(problem.contains(QStringLiteral("payments")), qPrintable(problem));
        QCOMPARE(profileAgain, QStringLiteral("VideoSDK"));
        QCOMPARE(c.ws->projects().get(QStringLiteral("meet"))->profile, QStringLiteral("videosdk"));
        QVERIFY(c.ws->keys().list(QStringLiteral("meet"))->isEmpty()); // it signs with an API key's secret
    }

    // The profile's rules show as the user sets the fields: the rule named, Mint disabled.
    void videoSdkRulesAsYouType()
    {
        VideoSdk v;
        auto* source = v.find<QComboBox>("mintSourceComboBox");
        QCOMPARE(source->count(), 1); // API keys only: VideoSDK signs with the key's secret
        QCOMPARE(source->currentData().toString(), v.apiKeyId);
        auto* apikey = field<QLabel>(v.tab.get(), QStringLiteral("apikey")); // read-only: set by the key chosen
        QVERIFY(apikey->text().startsWith(v.apiKeyId));
        QCOMPARE(labelFor(v.tab.get(), apikey), QStringLiteral("apikey"));
        QVERIFY(!v.find<QLineEdit>("mintAudienceLineEdit")->isVisible());
        auto* mint = v.find<QPushButton>("mintPushButton");
        QVERIFY2(mint->isEnabled(), qPrintable(v.problem()));

        auto* rtc = v.tab->findChild<QCheckBox*>(ProfileFieldsForm::editorName(QStringLiteral("roles")) +
                                                 QStringLiteral("_rtc"));
        QVERIFY(!rtc->toolTip().isEmpty());
        QTest::mouseClick(rtc, Qt::LeftButton);
        QVERIFY2(v.problem().contains(QStringLiteral("roles needs version 2")), qPrintable(v.problem()));
        QVERIFY(!mint->isEnabled());
        auto* version = field<QSpinBox>(v.tab.get(), QStringLiteral("version"));
        QCOMPARE(version->text(), QStringLiteral("(not set)"));
        version->setFocus();
        QTest::keyClick(version, Qt::Key_Up);
        QCOMPARE(version->value(), 2);
        QVERIFY2(v.problem().isEmpty(), qPrintable(v.problem()));
        QVERIFY(mint->isEnabled());

        // Every permission unchecked: required, said so rather than filled in behind the user's back.
        auto* join = v.tab->findChild<QCheckBox*>(ProfileFieldsForm::editorName(QStringLiteral("permissions")) +
                                                  QStringLiteral("_allow_join"));
        QVERIFY(join->isChecked());
        QTest::mouseClick(join, Qt::LeftButton);
        QVERIFY2(v.problem().contains(QStringLiteral("permissions is required")), qPrintable(v.problem()));
        QVERIFY(!mint->isEnabled());
        QTest::mouseClick(v.tab->findChild<QCheckBox*>(ProfileFieldsForm::editorName(QStringLiteral("permissions")) +
                                                       QStringLiteral("_allow_mod")),
                          Qt::LeftButton);
        QTest::keyClicks(field<QLineEdit>(v.tab.get(), QStringLiteral("roomId")), QStringLiteral("1234"));
        QTest::mouseClick(mint, Qt::LeftButton);
        QTRY_VERIFY(!v.tab->lastToken().empty());
        const auto token = TokenInspection::inspect(QString::fromStdString(v.tab->lastToken()), v.fixture.clock.now());
        QCOMPARE(token.algorithm(), QStringLiteral("HS256"));
        QCOMPARE(token.claims().find("apikey")->asString(), v.apiKeyId.toStdString());
        QCOMPARE(token.claims().find("roomId")->asString(), std::string("1234")); // a string stays a string
        QCOMPARE(token.claims().find("version")->asInteger(), 2);
        QCOMPARE(token.claims().find("permissions")->items().size(), std::size_t(1));
        QCOMPARE(token.claims().find("permissions")->items().front().asString(), std::string("allow_mod"));
        QVERIFY(!token.claims().find("iss"));
        QVERIFY(!token.claims().find("aud"));
    }

    void videoSdkNeedsAnApiKey()
    {
        VideoSdk v;
        QVERIFY(v.fixture.ws().apiKeys().revoke(QStringLiteral("video-rooms"), v.apiKeyId));
        v.tab->refresh();
        QVERIFY2(v.problem().contains(QStringLiteral("API key")), qPrintable(v.problem()));
        QVERIFY(!v.find<QPushButton>("mintPushButton")->isEnabled());
    }

    // The Inspector reads a VideoSDK token's claims in VideoSDK's terms, its project found by the API key.
    // A profile of the user's, imported from the New project dialog into the workspace, shapes the
    // project and its Mint form like a built-in one.
    void importedProfileFromTheDialogToTheMintForm()
    {
        Console c;
        int before = 0;
        int after = 0;
        QString chosen;
        whenModal([&](QWidget* dialog) {
            auto* profiles = dialog->findChild<QComboBox*>(QStringLiteral("profileComboBox"));
            before = profiles->count();
            pickFile(QStringLiteral(SIGNET_TEST_DATA "/profiles/acme.json"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("importProfilePushButton")),
                              Qt::LeftButton);
            after = profiles->count();
            chosen = profiles->currentText();
            QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("projectNameLineEdit")),
                             QStringLiteral("Shop"));
            clickButton(dialog, QStringLiteral("Create"));
        });
        QTest::mouseClick(c.find<QPushButton>("newProjectPushButton"), Qt::LeftButton);
        QTRY_VERIFY(c.ws->projects().get(QStringLiteral("shop")).has_value());
        QCOMPARE(before, 1 + ProfileCatalog::builtIn().profiles().size());
        QCOMPARE(after, before + 1);
        QCOMPARE(chosen, QStringLiteral("Acme Auth (this workspace's)"));
        const Project project = *c.ws->projects().get(QStringLiteral("shop"));
        QCOMPARE(project.profile, QStringLiteral("acme"));
        QCOMPARE(project.issuer, QStringLiteral("https://auth.acme.example"));
        QCOMPARE(project.maxTtl, 3600);

        c.window->console()->projectPage()->showTab(ProjectPage::Tab::Mint);
        auto* tab = c.window->findChild<MintTab*>();
        auto* tier = field<QComboBox>(tab, QStringLiteral("tier"));
        QVERIFY(tier);
        QCOMPARE(tier->count(), 2);
        QCOMPARE(tier->currentText(), QStringLiteral("free"));
        QCOMPARE(labelFor(tab, tier), QStringLiteral("tier"));
    }

    void inspectorExplainsTheProvidersClaims()
    {
        VideoSdk v;
        const Profile& profile = builtIn("videosdk");
        MintRequest request;
        request.projectId = QStringLiteral("video-rooms");
        request.apiKeyId = v.apiKeyId;
        QVERIFY(shapeMintRequest(v.fixture.ws(), profile,
                                 {{QStringLiteral("permissions"), QStringLiteral("allow_join,allow_mod")}}, false,
                                 request));
        const auto minted = v.fixture.ws().tokens().mintRecorded(request);
        QVERIFY(minted);
        InspectorView inspector(v.fixture.ws(), v.fixture.clock);
        inspector.setToken(QString::fromStdString(minted->token));
        auto* project = inspector.findChild<QComboBox*>(QStringLiteral("inspectorProjectComboBox"));
        QCOMPARE(project->currentData().toString(), QStringLiteral("video-rooms"));
        auto* claims = inspector.findChild<QTreeWidget*>(QStringLiteral("claimsTree"));
        const auto rows = claims->findItems(QStringLiteral("permissions"), Qt::MatchExactly, 0);
        QCOMPARE(rows.size(), 1);
        QTreeWidgetItem* permissions = rows.front();
        QVERIFY(permissions->text(2).startsWith(QStringLiteral("VideoSDK permissions")));
        QVERIFY(permissions->toolTip(2).contains(QStringLiteral("permissions(Mandatory)")));
        QStringList lines;
        for (int i = 0; i < permissions->childCount(); ++i)
            lines.append(permissions->child(i)->text(2));
        QVERIFY2(lines.contains(QStringLiteral("allow_mod: may toggle other participants' webcam and mic")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(lines.contains(QStringLiteral("allow_join: may join the meeting directly")));
    }
};

QTEST_MAIN(ProfilesTest)
#include "tst_profileui.moc"
