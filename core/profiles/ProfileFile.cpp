#include "profiles/ProfileFile.h"

#include "foundation/StrictJson.h"

#include <QRegularExpression>

namespace Signet::ProfileFile {

namespace {

// One JSON object being read, with where it is for the errors.
class Reader
{
public:
    Reader(const JsonValue& object, QString where)
        : m_object(object)
        , m_where(std::move(where))
    {}

    [[nodiscard]] std::unexpected<Error> error(const char* member, const QString& problem) const
    {
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1%2: %3").arg(m_where, QString::fromLatin1(member), problem));
    }
    [[nodiscard]] const JsonValue* find(const char* member) const { return m_object.find(member); }

    Result<QString> text(const char* member, bool required) const
    {
        const JsonValue* value = find(member);
        if (!value || value->isNull()) {
            if (required)
                return error(member, QStringLiteral("missing"));
            return QString();
        }
        if (!value->isString())
            return error(member, QStringLiteral("must be a string"));
        return QString::fromStdString(value->asString());
    }
    Result<std::optional<QString>> optionalText(const char* member) const
    {
        const JsonValue* value = find(member);
        if (!value || value->isNull())
            return std::optional<QString>();
        if (!value->isString())
            return error(member, QStringLiteral("must be a string or null"));
        return std::optional<QString>(QString::fromStdString(value->asString()));
    }
    Result<bool> flag(const char* member, bool fallback) const
    {
        const JsonValue* value = find(member);
        if (!value)
            return fallback;
        if (!value->isBool())
            return error(member, QStringLiteral("must be true or false"));
        return value->asBool();
    }
    Result<std::optional<qint64>> integer(const char* member) const
    {
        const JsonValue* value = find(member);
        if (!value)
            return std::optional<qint64>();
        if (!value->isInteger())
            return error(member, QStringLiteral("must be an integer"));
        return std::optional<qint64>(value->asInteger());
    }
    Status onlyMembers(std::initializer_list<const char*> known) const
    {
        for (const auto& [name, value] : m_object.members()) {
            if (std::none_of(known.begin(), known.end(), [&](const char* candidate) { return name == candidate; }))
                return error(name.c_str(), QStringLiteral("is not a profile member (a typo?)"));
        }
        return {};
    }
    [[nodiscard]] const QString& where() const { return m_where; }

private:
    const JsonValue& m_object;
    QString m_where;
};

Result<ProfileFieldType> fieldType(const QString& name)
{
    for (ProfileFieldType type : {ProfileFieldType::String, ProfileFieldType::Integer, ProfileFieldType::Boolean,
                                  ProfileFieldType::StringList}) {
        if (profileFieldTypeName(type) == name)
            return type;
    }
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("'%1' is not one of string, integer, boolean, string-list").arg(name));
}

Result<ProfileFieldTarget> fieldTarget(const QString& name)
{
    if (name.isEmpty() || name == QLatin1String("claim"))
        return ProfileFieldTarget::Claim;
    if (name == QLatin1String("lifetime"))
        return ProfileFieldTarget::Lifetime;
    if (name == QLatin1String("one-time"))
        return ProfileFieldTarget::OneTime;
    if (name == QLatin1String("api-key-id"))
        return ProfileFieldTarget::ApiKeyId;
    return fail(ErrorCode::InvalidInput,
                QStringLiteral("'%1' is not one of claim, lifetime, one-time, api-key-id").arg(name));
}

// Whether `value` has the JSON type of a field of `type`.
bool hasType(const JsonValue& value, ProfileFieldType type)
{
    switch (type) {
    case ProfileFieldType::String:
        return value.isString();
    case ProfileFieldType::Integer:
        return value.isInteger();
    case ProfileFieldType::Boolean:
        return value.isBool();
    case ProfileFieldType::StringList:
        return value.isArray() && std::all_of(value.items().begin(), value.items().end(),
                                              [](const JsonValue& item) { return item.isString(); });
    }
    return false;
}

Result<ProfileField> readField(const JsonValue& object, const QString& where)
{
    if (!object.isObject())
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1: must be an object").arg(where));
    const Reader in(object, where + QStringLiteral("."));
    if (auto known = in.onlyMembers({"name", "claim", "target", "type", "required", "default", "allowed", "minimum",
                                     "maximum", "requires", "description", "words"});
        !known)
        return std::unexpected(known.error());
    ProfileField field;
    auto name = in.text("name", true);
    if (!name)
        return std::unexpected(name.error());
    field.name = *name;
    auto target = in.text("target", false);
    if (!target)
        return std::unexpected(target.error());
    auto parsedTarget = fieldTarget(*target);
    if (!parsedTarget)
        return in.error("target", parsedTarget.error().message);
    field.target = *parsedTarget;
    auto claim = in.text("claim", false);
    if (!claim)
        return std::unexpected(claim.error());
    field.claim = claim->isEmpty() && field.target == ProfileFieldTarget::Claim ? field.name : *claim;
    auto type = in.text("type", true);
    if (!type)
        return std::unexpected(type.error());
    auto parsedType = fieldType(*type);
    if (!parsedType)
        return in.error("type", parsedType.error().message);
    field.type = *parsedType;
    auto required = in.flag("required", false);
    if (!required)
        return std::unexpected(required.error());
    field.required = *required;
    for (const char* bound : {"minimum", "maximum"}) {
        auto value = in.integer(bound);
        if (!value)
            return std::unexpected(value.error());
        if (*value && field.type != ProfileFieldType::Integer)
            return in.error(bound, QStringLiteral("applies to integer fields only"));
        (qstrcmp(bound, "minimum") == 0 ? field.minimum : field.maximum) = *value;
    }
    if (field.minimum && field.maximum && *field.minimum > *field.maximum)
        return in.error("minimum", QStringLiteral("is above the maximum"));
    if (const JsonValue* allowed = in.find("allowed")) {
        if (field.type != ProfileFieldType::String && field.type != ProfileFieldType::StringList)
            return in.error("allowed", QStringLiteral("applies to string and string-list fields only"));
        if (!allowed->isObject() || allowed->members().empty())
            return in.error("allowed", QStringLiteral("must be an object of value: meaning, with one value or more"));
        for (const auto& [value, meaning] : allowed->members()) {
            if (!meaning.isString())
                return in.error(
                    "allowed",
                    QStringLiteral("the meaning of '%1' must be a string").arg(QString::fromStdString(value)));
            field.allowed.append({QString::fromStdString(value), QString::fromStdString(meaning.asString())});
        }
    }
    if (const JsonValue* value = in.find("default")) {
        if (!hasType(*value, field.type))
            return in.error("default", QStringLiteral("must be a %1").arg(profileFieldTypeName(field.type)));
        field.defaultValue = *value;
    }
    if (const JsonValue* requirements = in.find("requires")) {
        if (!requirements->isObject())
            return in.error("requires", QStringLiteral("must be an object of field: value"));
        for (const auto& [other, value] : requirements->members())
            field.requirements.append({QString::fromStdString(other), value});
    }
    for (auto [member, into] : {std::pair{"description", &field.description}, std::pair{"words", &field.words}}) {
        auto text = in.text(member, false);
        if (!text)
            return std::unexpected(text.error());
        *into = *text;
    }
    if (field.target == ProfileFieldTarget::Lifetime && field.type != ProfileFieldType::Integer)
        return in.error("type", QStringLiteral("a lifetime field is an integer (seconds)"));
    if (field.target == ProfileFieldTarget::OneTime && field.type != ProfileFieldType::Boolean)
        return in.error("type", QStringLiteral("a one-time field is a boolean"));
    return field;
}

Status readLifetime(const Reader& in, ProfileLifetime& lifetime)
{
    const JsonValue* object = in.find("lifetime");
    if (!object)
        return {};
    if (!object->isObject())
        return in.error("lifetime", QStringLiteral("must be an object with default, minimum and maximum seconds"));
    const Reader block(*object, in.where() + QStringLiteral("lifetime."));
    if (auto known = block.onlyMembers({"default", "minimum", "maximum"}); !known)
        return known;
    for (auto [member, target] :
         {std::pair{"default", &lifetime.defaultSeconds}, std::pair{"minimum", &lifetime.minimumSeconds},
          std::pair{"maximum", &lifetime.maximumSeconds}}) {
        auto value = block.integer(member);
        if (!value)
            return std::unexpected(value.error());
        if (*value && **value <= 0)
            return block.error(member, QStringLiteral("must be a positive number of seconds"));
        if (*value)
            *target = **value;
    }
    if (lifetime.minimumSeconds > lifetime.defaultSeconds || lifetime.defaultSeconds > lifetime.maximumSeconds)
        return in.error("lifetime", QStringLiteral("the default must lie between the minimum and the maximum"));
    return {};
}

} // namespace

Result<Profile> parse(std::string_view json, const QString& origin)
{
    auto document = StrictJson::parseObject(json);
    if (!document)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1: not a JSON object: %2").arg(origin, document.error().describe()));
    const Reader in(*document, origin + QStringLiteral(": "));
    if (auto known = in.onlyMembers({"name", "title", "description", "documentation", "algorithm", "signer", "issuer",
                                     "issuerOverridable", "audience", "subject", "lifetime", "oneTime", "headers",
                                     "routes", "fields"});
        !known)
        return std::unexpected(known.error());
    Profile profile;
    for (auto [member, target] :
         {std::pair{"name", &profile.name}, std::pair{"title", &profile.title},
          std::pair{"description", &profile.description}, std::pair{"documentation", &profile.documentation}}) {
        auto text = in.text(member, true);
        if (!text)
            return std::unexpected(text.error());
        *target = *text;
    }
    static const QRegularExpression kName(QStringLiteral("^[a-z][a-z0-9-]{0,39}$"));
    if (!kName.match(profile.name).hasMatch())
        return in.error(
            "name",
            QStringLiteral("'%1' is not a profile name (lower-case letters, digits and '-')").arg(profile.name));
    auto algorithm = in.text("algorithm", true);
    if (!algorithm)
        return std::unexpected(algorithm.error());
    const auto parsedAlgorithm = algorithmFromName(*algorithm);
    if (!parsedAlgorithm)
        return in.error("algorithm", QStringLiteral("'%1' is not an algorithm Signet signs with").arg(*algorithm));
    profile.algorithm = *parsedAlgorithm;
    auto signer = in.text("signer", false);
    if (!signer)
        return std::unexpected(signer.error());
    if (*signer == QLatin1String("api-key-secret"))
        profile.signer = ProfileSigner::ApiKeySecret;
    else if (!signer->isEmpty() && *signer != QLatin1String("project-key"))
        return in.error("signer", QStringLiteral("'%1' is not one of project-key, api-key-secret").arg(*signer));
    if (profile.signer == ProfileSigner::ApiKeySecret && profile.algorithm != Algorithm::HS256)
        return in.error("algorithm", QStringLiteral("an API key's secret signs with HS256"));
    for (auto [member, target] : {std::pair{"issuer", &profile.issuer}, std::pair{"audience", &profile.audience}}) {
        auto text = in.optionalText(member);
        if (!text)
            return std::unexpected(text.error());
        *target = *text;
    }
    for (auto [member, target, fallback] :
         {std::tuple{"issuerOverridable", &profile.issuerOverridable, true},
          std::tuple{"subject", &profile.subject, true}, std::tuple{"oneTime", &profile.oneTime, false}}) {
        auto value = in.flag(member, fallback);
        if (!value)
            return std::unexpected(value.error());
        *target = *value;
    }
    if (auto lifetime = readLifetime(in, profile.lifetime); !lifetime)
        return std::unexpected(lifetime.error());
    if (const JsonValue* headers = in.find("headers")) {
        if (!headers->isObject())
            return in.error("headers", QStringLiteral("must be an object of header member: string"));
        for (const auto& [name, value] : headers->members()) {
            if (!value.isString())
                return in.error("headers", QStringLiteral("'%1' must be a string").arg(QString::fromStdString(name)));
            profile.headers.append({QString::fromStdString(name), QString::fromStdString(value.asString())});
        }
    }
    if (const JsonValue* routes = in.find("routes")) {
        if (!routes->isArray())
            return in.error("routes", QStringLiteral("must be an array of route names"));
        for (const JsonValue& route : routes->items()) {
            if (!route.isString())
                return in.error("routes", QStringLiteral("must be an array of route names"));
            profile.routes.append(QString::fromStdString(route.asString()));
        }
    }
    if (const JsonValue* fields = in.find("fields")) {
        if (!fields->isArray())
            return in.error("fields", QStringLiteral("must be an array of field objects"));
        for (std::size_t i = 0; i < fields->items().size(); ++i) {
            auto field = readField(fields->items()[i], QStringLiteral("%1: fields[%2]").arg(origin).arg(i));
            if (!field)
                return std::unexpected(field.error());
            if (profile.field(field->name))
                return in.error("fields", QStringLiteral("'%1' is defined twice").arg(field->name));
            profile.fields.append(std::move(*field));
        }
    }
    for (const ProfileField& field : profile.fields) {
        for (const ProfileRequirement& requirement : field.requirements) {
            if (!profile.field(requirement.field))
                return in.error("fields", QStringLiteral("'%1' requires '%2', which is not a field of the profile")
                                              .arg(field.name, requirement.field));
        }
    }
    profile.definition = QByteArray(json.data(), static_cast<qsizetype>(json.size()));
    return profile;
}

} // namespace Signet::ProfileFile
