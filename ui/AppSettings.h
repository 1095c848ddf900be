#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>

namespace Signet {

// Typed application settings: one enum of keys, one table of defaults, over QSettings.
class AppSettings
{
public:
    enum class Key
    {
        LastWorkspace,    // QString
        LastProject,      // QString
        WindowGeometry,   // QByteArray
        WindowState,      // QByteArray
        SplitterState,    // QByteArray
        LastExportFolder, // QString
        Theme,            // QString: system, light, dark
        ClipboardClearSeconds,
        AutoLockMinutes,  // 0: never
        RecentWorkspaces, // QStringList, the most recent first
        ServerPort,       // the local server's port; 0: any free port
    };

    AppSettings();
    explicit AppSettings(const QString& file); // for tests: an INI file

    [[nodiscard]] QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);

    [[nodiscard]] QString string(Key key) const { return value(key).toString(); }
    [[nodiscard]] int number(Key key) const { return value(key).toInt(); }

private:
    QSettings m_settings;
};

} // namespace Signet
