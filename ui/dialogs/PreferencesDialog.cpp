#include "dialogs/PreferencesDialog.h"

#include "AppSettings.h"
#include "Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace Signet {

namespace {

QString knownTheme(const QString& theme)
{
    return theme == QLatin1String("light") || theme == QLatin1String("dark") ? theme : QStringLiteral("system");
}

} // namespace

Preferences Preferences::load(const AppSettings& settings)
{
    using K = AppSettings::Key;
    return {knownTheme(settings.string(K::Theme)), std::max(0, settings.number(K::ClipboardClearSeconds)),
            std::max(0, settings.number(K::AutoLockMinutes))};
}

void Preferences::store(AppSettings& settings) const
{
    using K = AppSettings::Key;
    settings.setValue(K::Theme, knownTheme(theme));
    settings.setValue(K::ClipboardClearSeconds, clipboardClearSeconds);
    settings.setValue(K::AutoLockMinutes, autoLockMinutes);
}

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_themeComboBox(new QComboBox(this))
    , m_clipboardClearSpinBox(new QSpinBox(this))
    , m_autoLockSpinBox(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));
    m_themeComboBox->setObjectName(QStringLiteral("themeComboBox"));
    m_clipboardClearSpinBox->setObjectName(QStringLiteral("clipboardClearSpinBox"));
    m_autoLockSpinBox->setObjectName(QStringLiteral("autoLockSpinBox"));

    m_themeComboBox->addItem(tr("System"), QStringLiteral("system"));
    m_themeComboBox->addItem(tr("Light"), QStringLiteral("light"));
    m_themeComboBox->addItem(tr("Dark"), QStringLiteral("dark"));
    m_clipboardClearSpinBox->setRange(0, 3600);
    m_clipboardClearSpinBox->setSuffix(tr(" s"));
    m_clipboardClearSpinBox->setSpecialValueText(tr("Never"));
    m_clipboardClearSpinBox->setToolTip(
        tr("Secrets and tokens you copy are wiped from the clipboard after this delay."));
    m_autoLockSpinBox->setRange(0, 24 * 60);
    m_autoLockSpinBox->setSuffix(tr(" min"));
    m_autoLockSpinBox->setSpecialValueText(tr("Never"));
    m_autoLockSpinBox->setToolTip(tr("A protected workspace locks after this long without use."));
    for (QSpinBox* spin : {m_clipboardClearSpinBox, m_autoLockSpinBox}) {
        spin->setAlignment(Qt::AlignRight);
        spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(QStringLiteral("0000 min")) + 40);
    }

    auto* form = new QFormLayout;
    form->setSpacing(8);
    form->addRow(tr("Theme"), m_themeComboBox);
    form->addRow(tr("Clear copied secrets after"), m_clipboardClearSpinBox);
    form->addRow(tr("Lock the workspace after idle"), m_autoLockSpinBox);
    auto* note = new QLabel(tr("0 means never. Locking applies to workspaces protected by a passphrase."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(16);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setPreferences({QStringLiteral("system"), 30, 15}); // AppSettings' defaults, until the caller sets its own
}

void PreferencesDialog::setPreferences(const Preferences& preferences)
{
    m_themeComboBox->setCurrentIndex(std::max(0, m_themeComboBox->findData(knownTheme(preferences.theme))));
    m_clipboardClearSpinBox->setValue(preferences.clipboardClearSeconds);
    m_autoLockSpinBox->setValue(preferences.autoLockMinutes);
}

Preferences PreferencesDialog::preferences() const
{
    return {m_themeComboBox->currentData().toString(), m_clipboardClearSpinBox->value(), m_autoLockSpinBox->value()};
}

bool PreferencesDialog::edit(AppSettings& settings, QWidget* parent)
{
    PreferencesDialog dialog(parent);
    dialog.setPreferences(Preferences::load(settings));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const Preferences chosen = dialog.preferences();
    chosen.store(settings);
    applyTheme(chosen.theme);
    return true;
}

} // namespace Signet
