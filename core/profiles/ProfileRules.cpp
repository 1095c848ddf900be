#include "profiles/ProfileRules.h"

#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"

#include <QHash>

namespace Signet {

namespace {

std::unexpected<Error> broken(const Profile& profile, const ProfileField& field, const QString& rule)
{
    return fail(ErrorCode::InvalidArgument, QStringLiteral("%1: %2 %3").arg(profile.name, field.name, rule));
}

QString allowedList(const ProfileField& field)
{
    QStringList values;
    for (const ProfileValue& allowed : field.allowed)
        values.append(allowed.value);
    return values.join(QStringLiteral(", "));
}

QString display(const JsonValue& value)
{
    return fieldInputText(value).value_or(QStringLiteral("null"));
}

Status checkValue(const Profile& profile, const ProfileField& field, const JsonValue& value)
{
    if (field.type == ProfileFieldType::Integer) {
        const qint64 number = value.asInteger();
        if (field.minimum && number < *field.minimum)
            return broken(profile, field,
                          QStringLiteral("is at least %1; %2 is below it").arg(*field.minimum).arg(number));
        if (field.maximum && number > *field.maximum)
            return broken(profile, field,
                          QStringLiteral("is at most %1; %2 is above it").arg(*field.maximum).arg(number));
    }
    if (field.allowed.isEmpty())
        return {};
    const auto checkOne = [&](const QString& text) -> Status {
        if (!field.allowedValue(text))
            return broken(profile, field,
                          QStringLiteral("takes %1; '%2' is not one of them").arg(allowedList(field), text));
        return {};
    };
    if (field.type == ProfileFieldType::String)
        return checkOne(QString::fromStdString(value.asString()));
    for (const JsonValue& item : value.items()) {
        if (auto checked = checkOne(QString::fromStdString(item.asString())); !checked)
            return checked;
    }
    return {};
}

} // namespace

std::optional<QString> fieldInputText(const JsonValue& value)
{
    if (value.isString())
        return QString::fromStdString(value.asString());
    if (value.isInteger())
        return QString::number(value.asInteger());
    if (value.isBool())
        return value.asBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isArray())
        return QString::fromStdString(JsonWriter::write(value));
    return std::nullopt;
}

Result<JsonValue> parseFieldValue(const ProfileField& field, const QString& text)
{
    switch (field.type) {
    case ProfileFieldType::String:
        return JsonValue::string(text.toStdString());
    case ProfileFieldType::Integer: {
        bool ok = false;
        const qint64 number = text.trimmed().toLongLong(&ok);
        if (!ok)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 is an integer; '%2' is not").arg(field.name, text));
        return JsonValue::integer(number);
    }
    case ProfileFieldType::Boolean: {
        const QString word = text.trimmed().toLower();
        if (word == QLatin1String("true") || word == QLatin1String("yes") || word == QLatin1String("1"))
            return JsonValue::boolean(true);
        if (word == QLatin1String("false") || word == QLatin1String("no") || word == QLatin1String("0"))
            return JsonValue::boolean(false);
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 is true or false; '%2' is neither").arg(field.name, text));
    }
    case ProfileFieldType::StringList: {
        JsonValue list = JsonValue::array();
        if (text.trimmed().startsWith(QLatin1Char('['))) {
            auto parsed = StrictJson::parse(text.toStdString());
            if (!parsed || !parsed->isArray() ||
                !std::all_of(parsed->items().begin(), parsed->items().end(),
                             [](const JsonValue& item) { return item.isString(); }))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("%1 is a list of strings: a,b or [\"a\",\"b\"]; '%2' is neither")
                                .arg(field.name, text));
            return std::move(*parsed);
        }
        for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.items().push_back(JsonValue::string(item.trimmed().toStdString()));
        return list;
    }
    }
    return fail(ErrorCode::Internal, QStringLiteral("unknown field type"));
}

Result<ProfiledToken> applyProfile(const Profile& profile, const QList<ProfileInput>& inputs,
                                   const ProfileOverrides& overrides)
{
    QHash<QString, JsonValue> given;
    for (const ProfileInput& input : inputs) {
        const ProfileField* field = profile.field(input.field);
        if (!field) {
            QStringList names;
            for (const ProfileField& candidate : profile.fields)
                names.append(candidate.name);
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 has no field '%2'; its fields: %3")
                            .arg(profile.name, input.field, names.join(QStringLiteral(", "))));
        }
        if (field->target == ProfileFieldTarget::ApiKeyId)
            return broken(profile, *field,
                          QStringLiteral("is the id of the API key whose secret signs: choose the key "
                                         "(--api-key), not the value"));
        if (field->type == ProfileFieldType::String && !field->allowed.isEmpty() &&
            input.text.contains(QLatin1Char(',')))
            return broken(profile, *field,
                          QStringLiteral("takes one value (%1), not several").arg(allowedList(*field)));
        auto value = parseFieldValue(*field, input.text);
        if (!value)
            return std::unexpected(value.error().withContext(profile.name));
        if (auto it = given.find(field->name); it != given.end()) {
            if (field->type != ProfileFieldType::StringList)
                return broken(profile, *field, QStringLiteral("is given twice"));
            for (JsonValue& item : value->items())
                it->items().push_back(std::move(item));
            continue;
        }
        given.insert(field->name, std::move(*value));
    }

    ProfiledToken token;
    token.lifetime = overrides.lifetime.value_or(profile.lifetime.defaultSeconds);
    token.oneTime = overrides.oneTime.value_or(profile.oneTime);
    QHash<QString, JsonValue> effective; // given, else the default
    for (const ProfileField& field : profile.fields) {
        if (field.target == ProfileFieldTarget::ApiKeyId)
            continue;
        std::optional<JsonValue> value;
        if (auto it = given.find(field.name); it != given.end())
            value = *it;
        else if (field.defaultValue)
            value = *field.defaultValue;
        if (!value) {
            if (field.required)
                return broken(profile, field, QStringLiteral("is required"));
            continue;
        }
        if (auto checked = checkValue(profile, field, *value); !checked)
            return std::unexpected(checked.error());
        effective.insert(field.name, *value);
    }
    for (const ProfileField& field : profile.fields) {
        if (!given.contains(field.name))
            continue; // a default never needs what the user did not ask for
        for (const ProfileRequirement& requirement : field.requirements) {
            const auto other = effective.find(requirement.field);
            if (other == effective.end() || !(*other == requirement.value))
                return broken(profile, field,
                              QStringLiteral("needs %1 %2").arg(requirement.field, display(requirement.value)));
        }
    }
    for (const ProfileField& field : profile.fields) {
        const auto value = effective.find(field.name);
        if (value == effective.end())
            continue;
        switch (field.target) {
        case ProfileFieldTarget::Claim:
            token.claims.set(field.claim.toStdString(), *value);
            break;
        case ProfileFieldTarget::Lifetime:
            if (overrides.lifetime && given.contains(field.name))
                return broken(profile, field, QStringLiteral("is the lifetime: give it or --ttl, not both"));
            if (!overrides.lifetime || given.contains(field.name))
                token.lifetime = value->asInteger();
            break;
        case ProfileFieldTarget::OneTime:
            if (overrides.oneTime && given.contains(field.name))
                return broken(profile, field,
                              QStringLiteral("says whether the token is one-time: give it or --one-time, "
                                             "not both"));
            if (!overrides.oneTime || given.contains(field.name))
                token.oneTime = value->asBool();
            break;
        case ProfileFieldTarget::ApiKeyId:
            break;
        }
    }
    const ProfileLifetime& bounds = profile.lifetime;
    if (token.lifetime < bounds.minimumSeconds || token.lifetime > bounds.maximumSeconds)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1: a token lives %2 to %3 seconds; %4 is outside")
                                                    .arg(profile.name)
                                                    .arg(bounds.minimumSeconds)
                                                    .arg(bounds.maximumSeconds)
                                                    .arg(token.lifetime));
    return token;
}

QStringList explainClaim(const Profile& profile, const QString& claim, const JsonValue& value)
{
    const ProfileField* field = profile.fieldForClaim(claim);
    if (!field)
        return {};
    QStringList lines;
    const auto explainOne = [&](const QString& text) {
        if (const ProfileValue* allowed = field->allowedValue(text); allowed && !allowed->meaning.isEmpty())
            lines.append(QStringLiteral("%1: %2").arg(text, allowed->meaning));
    };
    if (value.isString())
        explainOne(QString::fromStdString(value.asString()));
    else if (value.isArray()) {
        for (const JsonValue& item : value.items()) {
            if (item.isString())
                explainOne(QString::fromStdString(item.asString()));
        }
    }
    if (lines.isEmpty() && !field->description.isEmpty())
        lines.append(field->description);
    return lines;
}

} // namespace Signet
