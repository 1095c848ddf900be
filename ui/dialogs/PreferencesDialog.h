#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace Signet {

class AppSettings;

// The application preferences the Preferences dialog edits.
struct Preferences
{
    QString theme;             // system, light or dark
    int clipboardClearSeconds; // 0: never
    int autoLockMinutes;       // 0: never

    [[nodiscard]] static Preferences load(const AppSettings& settings);
    void store(AppSettings& settings) const;
    friend bool operator==(const Preferences&, const Preferences&) = default;
};

// Edits Preferences and hands them back; the caller stores them and applies the theme.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    void setPreferences(const Preferences& preferences);
    [[nodiscard]] Preferences preferences() const;

    // Shows the dialog over `settings`; on OK stores the preferences, applies the theme and returns true.
    static bool edit(AppSettings& settings, QWidget* parent = nullptr);

private:
    QComboBox* m_themeComboBox;
    QSpinBox* m_clipboardClearSpinBox;
    QSpinBox* m_autoLockSpinBox;
};

} // namespace Signet
