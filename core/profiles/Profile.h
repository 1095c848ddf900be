#pragma once

// A provider profile: how one provider shapes its tokens (algorithm, registered claims, its own
// fields and their rules, lifetime and one-time defaults, the server routes it uses), as data, so
// that a project can behave like that provider on the developer's machine.

#include "foundation/JsonValue.h"
#include "jose/Algorithm.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Signet {

enum class ProfileFieldType
{
    String,  // one value (from `allowed` when it is set)
    Integer, // within minimum and maximum when they are set
    Boolean,
    StringList, // a subset of `allowed` when it is set
};
QString profileFieldTypeName(ProfileFieldType type);

// What a field's value becomes in the token.
enum class ProfileFieldTarget
{
    Claim,    // the claim named `claim`
    Lifetime, // exp - iat, in seconds (VocalStack's lifetime_s)
    OneTime,  // whether the token is one-time (VocalStack's one_time)
    ApiKeyId, // the id of the API key whose secret signs (VideoSDK's apikey): set by Signet
};

// A value a field may take, and what it means in the provider's terms.
struct ProfileValue
{
    QString value;
    QString meaning;
};

// `field` must equal `value` for the field that states the requirement to be given.
struct ProfileRequirement
{
    QString field;
    JsonValue value;
};

struct ProfileField
{
    QString name;  // the provider's word for it (lifetime_s, permissions)
    QString claim; // the JWT claim it becomes, for ProfileFieldTarget::Claim
    ProfileFieldTarget target = ProfileFieldTarget::Claim;
    ProfileFieldType type = ProfileFieldType::String;
    bool required = false;
    std::optional<JsonValue> defaultValue;
    QList<ProfileValue> allowed; // empty: any value of the type
    std::optional<qint64> minimum, maximum;
    QList<ProfileRequirement> requirements;
    QString description; // Signet's explanation
    QString words;       // the provider's own documentation of the field

    [[nodiscard]] const ProfileValue* allowedValue(const QString& value) const;
};

struct ProfileLifetime
{
    qint64 defaultSeconds = 15 * 60;
    qint64 minimumSeconds = 1;
    qint64 maximumSeconds = 24 * 3600;
};

// What signs a profile's tokens.
enum class ProfileSigner
{
    ProjectKey,   // the project's active key (its JWKS publishes the public half)
    ApiKeySecret, // an API key's secret, HS256 (VideoSDK)
};

// Where Signet found a profile.
enum class ProfileSource
{
    BuiltIn,   // resources/profiles, compiled in
    Workspace, // stored in the workspace (profile import), so every member and process sees it
    Folder,    // a folder given with --profiles DIR, for this command only
};
QString profileSourceName(ProfileSource source);

struct Profile
{
    QString name;  // transcodes, stack-auth, videosdk, vocalstack, api-video
    QString title; // Transcodes, Stack Auth, ...
    QString description;
    QString documentation; // the provider's page these rules follow
    Algorithm algorithm = Algorithm::RS256;
    ProfileSigner signer = ProfileSigner::ProjectKey;
    // Templates with {base} (the local server's URL) and {project} (the project id); absent: the
    // provider's tokens carry no such claim.
    std::optional<QString> issuer;
    bool issuerOverridable = true;
    std::optional<QString> audience;
    bool subject = true; // whether the provider's tokens carry sub
    ProfileLifetime lifetime;
    bool oneTime = false;
    QList<std::pair<QString, QString>> headers; // extra JOSE header members
    QStringList routes;                         // the local server routes the provider's clients use
    QList<ProfileField> fields;
    ProfileSource source = ProfileSource::BuiltIn;
    QByteArray definition; // the JSON it was read from, kept as written when stored

    [[nodiscard]] const ProfileField* field(const QString& name) const;
    // The field whose value becomes `claim`, if any.
    [[nodiscard]] const ProfileField* fieldForClaim(const QString& claim) const;
};

} // namespace Signet
