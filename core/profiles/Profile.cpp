#include "profiles/Profile.h"

namespace Signet {

QString profileFieldTypeName(ProfileFieldType type)
{
    switch (type) {
    case ProfileFieldType::String:
        return QStringLiteral("string");
    case ProfileFieldType::Integer:
        return QStringLiteral("integer");
    case ProfileFieldType::Boolean:
        return QStringLiteral("boolean");
    case ProfileFieldType::StringList:
        return QStringLiteral("string-list");
    }
    return {};
}

QString profileSourceName(ProfileSource source)
{
    switch (source) {
    case ProfileSource::BuiltIn:
        return QStringLiteral("built-in");
    case ProfileSource::Workspace:
        return QStringLiteral("workspace");
    case ProfileSource::Folder:
        return QStringLiteral("folder");
    }
    return {};
}

const ProfileValue* ProfileField::allowedValue(const QString& value) const
{
    for (const ProfileValue& candidate : allowed) {
        if (candidate.value == value)
            return &candidate;
    }
    return nullptr;
}

const ProfileField* Profile::field(const QString& fieldName) const
{
    for (const ProfileField& candidate : fields) {
        if (candidate.name == fieldName)
            return &candidate;
    }
    return nullptr;
}

const ProfileField* Profile::fieldForClaim(const QString& claimName) const
{
    for (const ProfileField& candidate : fields) {
        if (candidate.target == ProfileFieldTarget::Claim && candidate.claim == claimName)
            return &candidate;
    }
    return nullptr;
}

} // namespace Signet
