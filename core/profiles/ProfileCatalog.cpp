#include "profiles/ProfileCatalog.h"

#include "profiles/ProfileFile.h"

#include <QDir>
#include <QFile>

namespace Signet {

Result<ProfileCatalog> ProfileCatalog::load(const QString& folder, bool builtIn, ProfileCatalog catalog)
{
    const QDir dir(folder);
    for (const QString& fileName : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io, QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
        const QByteArray text = file.readAll();
        auto profile = ProfileFile::parse(std::string_view(text.constData(), text.size()), file.fileName());
        if (!profile)
            return std::unexpected(profile.error());
        if (fileName != profile->name + QStringLiteral(".json"))
            return fail(ErrorCode::InvalidInput, QStringLiteral("%1: the profile is named '%2': call the file %2.json")
                                                     .arg(file.fileName(), profile->name));
        if (!builtIn && catalog.find(profile->name))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1: '%2' is a built-in profile; give yours another name")
                            .arg(file.fileName(), profile->name));
        catalog.m_profiles.append(std::move(*profile));
    }
    return catalog;
}

const ProfileCatalog& ProfileCatalog::builtIn()
{
    static const ProfileCatalog catalog = [] {
        auto loaded = load(QStringLiteral(":/profiles"), true, ProfileCatalog());
        if (!loaded)
            qFatal("built-in profiles: %s", qPrintable(loaded.error().message));
        return std::move(*loaded);
    }();
    return catalog;
}

Result<ProfileCatalog> ProfileCatalog::withUserProfiles(const QString& folder)
{
    if (!QDir(folder).exists())
        return fail(ErrorCode::NotFound, QStringLiteral("%1: no such folder of profiles").arg(folder));
    return load(folder, false, builtIn());
}

Result<const Profile*> ProfileCatalog::find(const QString& name) const
{
    QStringList names;
    for (const Profile& profile : m_profiles) {
        if (profile.name == name)
            return &profile;
        names.append(profile.name);
    }
    return fail(ErrorCode::NotFound,
                QStringLiteral("no profile '%1'; there are: %2").arg(name, names.join(QStringLiteral(", "))));
}

} // namespace Signet
