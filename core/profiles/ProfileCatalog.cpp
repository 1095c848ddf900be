#include "profiles/ProfileCatalog.h"

#include "profiles/ProfileFile.h"

#include <QDir>
#include <QFile>

namespace Signet {

Result<ProfileCatalog> ProfileCatalog::load(const QString& folder, ProfileSource source, ProfileCatalog catalog)
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
        profile->source = source;
        if (auto added = catalog.add(std::move(*profile)); !added)
            return std::unexpected(added.error().withContext(file.fileName()));
    }
    return catalog;
}

const ProfileCatalog& ProfileCatalog::builtIn()
{
    static const ProfileCatalog catalog = [] {
        auto loaded = load(QStringLiteral(":/profiles"), ProfileSource::BuiltIn, ProfileCatalog());
        if (!loaded)
            qFatal("built-in profiles: %s", qPrintable(loaded.error().message));
        return std::move(*loaded);
    }();
    return catalog;
}

Result<ProfileCatalog> ProfileCatalog::withUserProfiles(const QString& folder)
{
    return builtIn().withFolder(folder);
}

Result<ProfileCatalog> ProfileCatalog::withFolder(const QString& folder) const
{
    if (!QDir(folder).exists())
        return fail(ErrorCode::NotFound, QStringLiteral("%1: no such folder of profiles").arg(folder));
    return load(folder, ProfileSource::Folder, *this);
}

Status ProfileCatalog::add(Profile profile)
{
    for (const Profile& known : m_profiles) {
        if (known.name != profile.name)
            continue;
        if (known.source == ProfileSource::BuiltIn)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("'%1' is a built-in profile; give yours another name").arg(profile.name));
        if (known.definition == profile.definition)
            return {}; // the same profile from two places (a folder and the workspace that stored it)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the %1 has another profile '%2': 'profile import --replace' updates the "
                                   "workspace's, or give yours another name")
                        .arg(profileSourceName(known.source), profile.name));
    }
    m_profiles.append(std::move(profile));
    return {};
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
