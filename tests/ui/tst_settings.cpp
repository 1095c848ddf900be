// The project settings tab and the application preferences, driven through real widgets found by
// object name: edits reach the project (and the audit log) only through a valid Save.

#include "WorkspaceFixture.h"

#include "AppSettings.h"
#include "Theme.h"
#include "dialogs/PreferencesDialog.h"
#include "pages/SettingsTab.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/ProfiledProjects.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");

enum class Edit
{
    DefaultOverMaximum,
    DuplicateScope,
    EmptyScopeName,
    ScopeNameWithSpace,
    EmptyIssuer,
};

template<class T> T* child(QWidget& parent, const char* name)
{
    T* widget = parent.findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no widget '%s'", name);
    return widget;
}

void setDuration(QWidget& tab, const char* field, int value, qint64 unitSeconds)
{
    const QByteArray unitName = QByteArray(field) + "UnitComboBox";
    const QByteArray valueName = QByteArray(field) + "SpinBox";
    auto* unit = child<QComboBox>(tab, unitName.constData());
    unit->setCurrentIndex(unit->findData(unitSeconds));
    child<QSpinBox>(tab, valueName.constData())->setValue(value);
}

// Runs `answer` on the modal dialog once it is shown.
void whenModal(std::function<void(QDialog*)> answer, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [answer = std::move(answer), attempts]() mutable {
        if (auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget()); dialog && dialog->isVisible())
            answer(dialog);
        else if (attempts > 0)
            whenModal(std::move(answer), attempts - 1);
    });
}

int countAudit(Workspace& ws, const QString& action)
{
    int count = 0;
    for (const AuditEvent& event : ws.audit().list(kPayments).value_or(QList<AuditEvent>{}))
        count += event.action == action;
    return count;
}

} // namespace

class SettingsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsStoredSettings()
    {
        WorkspaceFixture f;
        f.create();
        SettingsTab tab(f.ws(), f.clock);
        tab.setProject(kPayments);
        QCOMPARE(child<QLineEdit>(tab, "issuerLineEdit")->text(), QStringLiteral("https://signet.local/p/payments"));
        QCOMPARE(child<QLineEdit>(tab, "audienceLineEdit")->text(), kPayments);
        // 900 s reads as 15 minutes, 3600 s as 1 hour.
        QCOMPARE(child<QSpinBox>(tab, "defaultTtlSpinBox")->value(), 15);
        QCOMPARE(child<QComboBox>(tab, "defaultTtlUnitComboBox")->currentData().toLongLong(), 60);
        QCOMPARE(child<QSpinBox>(tab, "maxTtlSpinBox")->value(), 1);
        QCOMPARE(child<QComboBox>(tab, "maxTtlUnitComboBox")->currentData().toLongLong(), 3600);
        QCOMPARE(child<QSpinBox>(tab, "rotationIntervalSpinBox")->value(), 90);
        auto* scopes = child<QTableWidget>(tab, "scopesTableWidget");
        QCOMPARE(scopes->rowCount(), 2);
        QCOMPARE(scopes->item(1, 0)->text(), QStringLiteral("payments:write"));
        QCOMPARE(scopes->item(1, 1)->text(), QStringLiteral("Create payments"));
        QVERIFY(!tab.isModified());
        QVERIFY(!child<QPushButton>(tab, "saveSettingsPushButton")->isEnabled());
        QVERIFY(!child<QPushButton>(tab, "revertSettingsPushButton")->isEnabled());
        QVERIFY(child<QLabel>(tab, "settingsUnsavedLabel")->isHidden());
    }

    // A profiled project's lifetimes stay within its profile's bounds, and the tab says what they are.
    void profiledLifetimesStayWithinTheProfile()
    {
        WorkspaceFixture f;
        f.create();
        const Profile& vocalStack = **ProfileCatalog::builtIn().find(QStringLiteral("vocalstack"));
        Project draft;
        draft.id = QStringLiteral("captions");
        QVERIFY(createProfiledProject(f.ws(), vocalStack, *profiledProject(vocalStack, draft)));
        SettingsTab tab(f.ws(), f.clock);
        tab.setProject(draft.id);
        tab.show();
        auto* note = child<QLabel>(tab, "profileNoteLabel");
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(),
                 QStringLiteral("This project follows the VocalStack profile: its tokens live 1 s to 2 min."));
        setDuration(tab, "maxTtl", 5, 60);
        QCOMPARE(child<QLabel>(tab, "settingsProblemLabel")->text(),
                 QStringLiteral("⚠ VocalStack tokens live 1 s to 2 min; the maximum lifetime (5 min) is outside."));
        QVERIFY(!child<QPushButton>(tab, "saveSettingsPushButton")->isEnabled());
        setDuration(tab, "maxTtl", 90, 1);
        QCOMPARE(child<QLabel>(tab, "settingsProblemLabel")->text(), QString());
        QTest::mouseClick(child<QPushButton>(tab, "saveSettingsPushButton"), Qt::LeftButton);
        QCOMPARE(f.ws().projects().get(draft.id)->maxTtl, 90);

        tab.setProject(kPayments);
        QVERIFY(!note->isVisible());
    }

    void savesIssuerAndLifetimes()
    {
        WorkspaceFixture f;
        f.create();
        SettingsTab tab(f.ws(), f.clock);
        tab.setProject(kPayments);
        QSignalSpy modified(&tab, &SettingsTab::modifiedChanged);
        QSignalSpy status(&tab, &SettingsTab::actionCompleted);
        auto* issuer = child<QLineEdit>(tab, "issuerLineEdit");
        issuer->selectAll();
        QTest::keyClicks(issuer, QStringLiteral("https://auth.example/payments"));
        setDuration(tab, "maxTtl", 2, 86400);
        setDuration(tab, "defaultTtl", 30, 60);
        setDuration(tab, "jwksMaxAge", 0, 1);
        setDuration(tab, "rotationInterval", 30, 86400);
        QVERIFY(tab.isModified());
        QCOMPARE(modified.count(), 1);
        QVERIFY(!child<QLabel>(tab, "settingsUnsavedLabel")->isHidden());
        QCOMPARE(child<QLabel>(tab, "settingsProblemLabel")->text(), QString());
        auto* save = child<QPushButton>(tab, "saveSettingsPushButton");
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);

        const Project stored = *f.ws().projects().get(kPayments);
        QCOMPARE(stored.issuer, QStringLiteral("https://auth.example/payments"));
        QCOMPARE(stored.maxTtl, qint64(2) * 86400);
        QCOMPARE(stored.defaultTtl, qint64(30) * 60);
        QCOMPARE(stored.jwksMaxAge, qint64(0));
        QCOMPARE(stored.rotationInterval, qint64(30) * 86400);
        QCOMPARE(countAudit(f.ws(), QStringLiteral("project.update")), 1);
        QVERIFY(!tab.isModified());
        QCOMPARE(modified.count(), 2);
        QCOMPARE(modified.last().first().toBool(), false);
        QVERIFY(!save->isEnabled());
        QVERIFY(child<QLabel>(tab, "settingsUnsavedLabel")->isHidden());
        QCOMPARE(status.count(), 1);
        // The saved 2 days come back as 2 days, not 172800 seconds.
        QCOMPARE(child<QSpinBox>(tab, "maxTtlSpinBox")->value(), 2);
    }

    void refusesInvalidInput_data()
    {
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<QString>("reason");
        QTest::newRow("default lifetime over the maximum")
            << Edit::DefaultOverMaximum << QStringLiteral("exceeds the maximum");
        QTest::newRow("duplicate scope") << Edit::DuplicateScope << QStringLiteral("listed twice");
        QTest::newRow("empty scope name") << Edit::EmptyScopeName << QStringLiteral("single words");
        QTest::newRow("scope name with a space") << Edit::ScopeNameWithSpace << QStringLiteral("single words");
        QTest::newRow("empty issuer") << Edit::EmptyIssuer << QStringLiteral("issuer cannot be empty");
    }

    void refusesInvalidInput()
    {
        QFETCH(Edit, edit);
        QFETCH(QString, reason);
        WorkspaceFixture f;
        f.create();
        SettingsTab tab(f.ws(), f.clock);
        tab.setProject(kPayments);
        const Project before = *f.ws().projects().get(kPayments);
        auto* scopes = child<QTableWidget>(tab, "scopesTableWidget");
        switch (edit) {
        case Edit::DefaultOverMaximum:
            setDuration(tab, "defaultTtl", 2, 3600);
            break;
        case Edit::DuplicateScope:
            scopes->item(1, 0)->setText(QStringLiteral("payments:read"));
            break;
        case Edit::EmptyScopeName:
            QTest::mouseClick(child<QPushButton>(tab, "addScopePushButton"), Qt::LeftButton);
            QCOMPARE(scopes->rowCount(), 3);
            break;
        case Edit::ScopeNameWithSpace:
            scopes->item(0, 0)->setText(QStringLiteral("read all"));
            break;
        case Edit::EmptyIssuer:
            child<QLineEdit>(tab, "issuerLineEdit")->clear();
            break;
        }
        auto* save = child<QPushButton>(tab, "saveSettingsPushButton");
        // An issuer's problem is said under the field itself.
        auto* problem = child<QLabel>(tab, edit == Edit::EmptyIssuer ? "issuerProblemLabel" : "settingsProblemLabel");
        QVERIFY(tab.isModified());
        QVERIFY(!save->isEnabled());
        QVERIFY2(problem->text().contains(reason), qPrintable(problem->text()));
        tab.save(); // refused, not just greyed out
        QCOMPARE(countAudit(f.ws(), QStringLiteral("project.update")), 0);

        QTest::mouseClick(child<QPushButton>(tab, "revertSettingsPushButton"), Qt::LeftButton);
        QVERIFY(!tab.isModified());
        QCOMPARE(problem->text(), QString());
        QVERIFY(!save->isEnabled());
        QCOMPARE(tab.draft()->scopes, before.scopes);
        QCOMPARE(tab.draft()->issuer, before.issuer);
        QCOMPARE(tab.draft()->defaultTtl, before.defaultTtl);
    }

    void scopesAddedAndRemovedReachTheProject()
    {
        WorkspaceFixture f;
        f.create();
        SettingsTab tab(f.ws(), f.clock);
        tab.setProject(kPayments);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        auto* scopes = child<QTableWidget>(tab, "scopesTableWidget");
        auto* remove = child<QPushButton>(tab, "removeScopePushButton");
        QVERIFY(!remove->isEnabled());
        scopes->selectRow(0);
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(scopes->rowCount(), 1);

        // Add opens an editor on the new name, as a user sees it.
        QTest::mouseClick(child<QPushButton>(tab, "addScopePushButton"), Qt::LeftButton);
        auto* editor = scopes->viewport()->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("payments:refund"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(scopes->item(1, 0)->text(), QStringLiteral("payments:refund")); // committed queued
        scopes->setCurrentCell(1, 1);
        QTest::mouseClick(child<QPushButton>(tab, "editScopePushButton"), Qt::LeftButton);
        editor = scopes->viewport()->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("Refund payments"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(scopes->item(1, 1)->text(), QStringLiteral("Refund payments"));
        QTest::mouseClick(child<QPushButton>(tab, "saveSettingsPushButton"), Qt::LeftButton);

        const QList<Scope> expected = {{QStringLiteral("payments:write"), QStringLiteral("Create payments")},
                                       {QStringLiteral("payments:refund"), QStringLiteral("Refund payments")}};
        QCOMPARE(f.ws().projects().get(kPayments)->scopes, expected);
        QVERIFY(!tab.isModified());
    }

    void followsChangesMadeElsewhere()
    {
        WorkspaceFixture f;
        f.create();
        SettingsTab tab(f.ws(), f.clock);
        tab.setProject(kPayments);
        Project changed = *f.ws().projects().get(kPayments);
        changed.audience = QStringLiteral("payments-v2");
        QVERIFY(f.ws().projects().update(changed));
        QCOMPARE(child<QLineEdit>(tab, "audienceLineEdit")->text(), QStringLiteral("payments-v2"));

        // Unsaved edits are kept, with a word that the stored settings moved on.
        auto* name = child<QLineEdit>(tab, "nameLineEdit");
        name->setText(QStringLiteral("Payments API"));
        changed.audience = QStringLiteral("payments-v3");
        QVERIFY(f.ws().projects().update(changed));
        QCOMPARE(name->text(), QStringLiteral("Payments API"));
        QCOMPARE(child<QLineEdit>(tab, "audienceLineEdit")->text(), QStringLiteral("payments-v2"));
        QVERIFY(child<QLabel>(tab, "settingsProblemLabel")->text().contains(QStringLiteral("changed elsewhere")));
        tab.revert();
        QCOMPARE(name->text(), kPayments);
        QCOMPARE(child<QLineEdit>(tab, "audienceLineEdit")->text(), QStringLiteral("payments-v3"));
    }

    void preferencesRoundTrip()
    {
        QTemporaryDir folder;
        const QString file = folder.filePath(QStringLiteral("signet.ini"));
        {
            AppSettings settings(file);
            const Preferences defaults = Preferences::load(settings);
            QCOMPARE(defaults, (Preferences{QStringLiteral("system"), 30, 15}));
            PreferencesDialog dialog;
            dialog.setPreferences(defaults);
            QCOMPARE(child<QComboBox>(dialog, "themeComboBox")->currentData().toString(), QStringLiteral("system"));
            QCOMPARE(child<QSpinBox>(dialog, "clipboardClearSpinBox")->value(), 30);
            QCOMPARE(child<QSpinBox>(dialog, "autoLockSpinBox")->value(), 15);
            auto* theme = child<QComboBox>(dialog, "themeComboBox");
            theme->setCurrentIndex(theme->findData(QStringLiteral("light")));
            auto* clipboard = child<QSpinBox>(dialog, "clipboardClearSpinBox");
            clipboard->setValue(0);
            QCOMPARE(clipboard->text(), QStringLiteral("Never"));
            child<QSpinBox>(dialog, "autoLockSpinBox")->setValue(5);
            dialog.preferences().store(settings);
        }
        AppSettings reread(file);
        QCOMPARE(Preferences::load(reread), (Preferences{QStringLiteral("light"), 0, 5}));

        // edit(): OK stores what the dialog shows and applies the theme; Cancel changes nothing.
        whenModal([](QDialog* dialog) {
            auto* theme = child<QComboBox>(*dialog, "themeComboBox");
            theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
            dialog->accept();
        });
        QVERIFY(PreferencesDialog::edit(reread));
        QCOMPARE(reread.string(AppSettings::Key::Theme), QStringLiteral("dark"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
        whenModal([](QDialog* dialog) { dialog->reject(); });
        QVERIFY(!PreferencesDialog::edit(reread));
        QCOMPARE(AppSettings(file).number(AppSettings::Key::AutoLockMinutes), 5);
        applyTheme(QStringLiteral("system"));
    }

    void themes()
    {
        applyTheme(QStringLiteral("system"));
        const QColor system = QApplication::palette().color(QPalette::Window);
        applyTheme(QStringLiteral("dark"));
        QWidget widget;
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
        QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
        QVERIFY(widget.palette().color(QPalette::Base).lightness() < 100);
        applyTheme(QStringLiteral("light"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
        applyTheme(QStringLiteral("system"));
        QCOMPARE(QApplication::palette().color(QPalette::Window), system);
    }
};

QTEST_MAIN(SettingsTest)
#include "tst_settings.moc"
