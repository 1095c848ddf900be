#include "AppSettings.h"

#include "server/ServerOptions.h"

namespace Signet {

namespace {

struct Entry
{
    AppSettings::Key key;
    const char* name;
    QVariant fallback;
};

const Entry& entry(AppSettings::Key key)
{
    using K = AppSettings::Key;
    static const Entry entries[] = {
        {K::LastWorkspace, "workspace/last", QString()},
        {K::LastProject, "workspace/lastProject", QString()},
        {K::WindowGeometry, "window/geometry", QByteArray()},
        {K::WindowState, "window/state", QByteArray()},
        {K::SplitterState, "window/splitter", QByteArray()},
        {K::LastExportFolder, "export/folder", QString()},
        {K::Theme, "appearance/theme", QStringLiteral("system")},
        {K::ClipboardClearSeconds, "security/clipboardClearSeconds", 30},
        {K::AutoLockMinutes, "security/autoLockMinutes", 15},
        {K::RecentWorkspaces, "workspace/recent", QStringList()},
        {K::ServerPort, "server/port", int(ServerOptions::kDefaultPort)},
    };
    for (const Entry& e : entries) {
        if (e.key == key)
            return e;
    }
    return entries[0];
}

} // namespace

AppSettings::AppSettings()
    : m_settings()
{}

AppSettings::AppSettings(const QString& file)
    : m_settings(file, QSettings::IniFormat)
{}

QVariant AppSettings::value(Key key) const
{
    const Entry& e = entry(key);
    return m_settings.value(QLatin1String(e.name), e.fallback);
}

void AppSettings::setValue(Key key, const QVariant& value)
{
    m_settings.setValue(QLatin1String(entry(key).name), value);
}

} // namespace Signet
