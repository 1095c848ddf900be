// profile show: a profile's token shape and each field's rules, in Signet's words and the provider's.

#include "cli/Options.h"
#include "cli/ProfileAccess.h"
#include "commands/Commands.h"
#include "foundation/Duration.h"
#include "foundation/JsonWriter.h"

namespace Signet::Cli {

namespace {

QString targetText(const ProfileField& field)
{
    switch (field.target) {
    case ProfileFieldTarget::Claim:
        return field.claim == field.name ? QStringLiteral("claim") : QStringLiteral("claim %1").arg(field.claim);
    case ProfileFieldTarget::Lifetime:
        return QStringLiteral("the lifetime (exp - iat)");
    case ProfileFieldTarget::OneTime:
        return QStringLiteral("whether the token is one-time");
    case ProfileFieldTarget::ApiKeyId:
        return QStringLiteral("claim apikey: the signing API key's id");
    }
    return {};
}

QString ruleText(const ProfileField& field)
{
    QStringList rules{profileFieldTypeName(field.type)};
    if (field.required)
        rules.append(QStringLiteral("required"));
    if (field.minimum && field.maximum && *field.minimum == *field.maximum)
        rules.append(QStringLiteral("only %1").arg(*field.minimum));
    else if (field.minimum && field.maximum)
        rules.append(QStringLiteral("%1 to %2").arg(*field.minimum).arg(*field.maximum));
    else if (field.minimum)
        rules.append(QStringLiteral("at least %1").arg(*field.minimum));
    else if (field.maximum)
        rules.append(QStringLiteral("at most %1").arg(*field.maximum));
    if (field.defaultValue)
        rules.append(QStringLiteral("default %1").arg(QString::fromStdString(JsonWriter::write(*field.defaultValue))));
    for (const ProfileRequirement& requirement : field.requirements)
        rules.append(QStringLiteral("needs %1 = %2")
                         .arg(requirement.field, QString::fromStdString(JsonWriter::write(requirement.value))));
    return rules.join(QStringLiteral(", "));
}

QString profileText(const Profile& profile)
{
    QString out = QStringLiteral("profile %1: %2\n  %3\n").arg(profile.name, profile.title, profile.description);
    const auto line = [&out](const QString& label, const QString& value) {
        out += QStringLiteral("  %1 %2\n").arg(QString(label + QLatin1Char(':')), -16).arg(value);
    };
    line(QStringLiteral("documentation"), profile.documentation);
    line(QStringLiteral("algorithm"),
         profile.signer == ProfileSigner::ApiKeySecret
             ? QStringLiteral("%1, signed with an API key's secret").arg(algorithmQName(profile.algorithm))
             : QStringLiteral("%1, signed with the project's active key").arg(algorithmQName(profile.algorithm)));
    line(QStringLiteral("issuer"),
         profile.issuer
             ? *profile.issuer + (profile.issuerOverridable ? QStringLiteral(" (a project may change it)") : QString())
             : QStringLiteral("none: the provider's tokens carry no iss"));
    line(QStringLiteral("audience"),
         profile.audience ? *profile.audience : QStringLiteral("none: the provider's tokens carry no aud"));
    line(QStringLiteral("subject"), profile.subject ? QStringLiteral("sub") : QStringLiteral("none"));
    line(QStringLiteral("lifetime"), QStringLiteral("%1 by default, %2 to %3")
                                         .arg(Duration::formatSpan(profile.lifetime.defaultSeconds),
                                              Duration::formatSpan(profile.lifetime.minimumSeconds),
                                              Duration::formatSpan(profile.lifetime.maximumSeconds)));
    line(QStringLiteral("one-time"), profile.oneTime ? QStringLiteral("yes, by default") : QStringLiteral("no"));
    if (!profile.routes.isEmpty())
        line(QStringLiteral("server routes"), profile.routes.join(QStringLiteral(", ")));
    if (profile.fields.isEmpty())
        return out;
    out += QStringLiteral("fields (token mint --profile %1 --field NAME=VALUE):\n").arg(profile.name);
    for (const ProfileField& field : profile.fields) {
        out += QStringLiteral("  %1 -> %2; %3\n").arg(field.name, targetText(field), ruleText(field));
        if (!field.description.isEmpty())
            out += QStringLiteral("      %1\n").arg(field.description);
        for (const ProfileValue& value : field.allowed)
            out += QStringLiteral("      %1  %2\n").arg(value.value, -12).arg(value.meaning);
        if (!field.words.isEmpty())
            out += QStringLiteral("      %1: \"%2\"\n").arg(profile.title, field.words);
    }
    return out;
}

JsonValue profileJson(const Profile& profile)
{
    const auto text = [](const QString& value) { return JsonValue::string(value.toStdString()); };
    const auto optionalText = [&text](const std::optional<QString>& value) {
        return value ? text(*value) : JsonValue::null();
    };
    JsonValue json = JsonValue::object();
    json.set("name", text(profile.name));
    json.set("title", text(profile.title));
    json.set("description", text(profile.description));
    json.set("documentation", text(profile.documentation));
    json.set("algorithm", JsonValue::string(std::string(algorithmName(profile.algorithm))));
    json.set("signer", text(profile.signer == ProfileSigner::ApiKeySecret ? QStringLiteral("api-key-secret")
                                                                          : QStringLiteral("project-key")));
    json.set("issuer", optionalText(profile.issuer));
    json.set("audience", optionalText(profile.audience));
    json.set("subject", JsonValue::boolean(profile.subject));
    JsonValue lifetime = JsonValue::object();
    lifetime.set("default", JsonValue::integer(profile.lifetime.defaultSeconds));
    lifetime.set("minimum", JsonValue::integer(profile.lifetime.minimumSeconds));
    lifetime.set("maximum", JsonValue::integer(profile.lifetime.maximumSeconds));
    json.set("lifetime", std::move(lifetime));
    json.set("oneTime", JsonValue::boolean(profile.oneTime));
    JsonValue routes = JsonValue::array();
    for (const QString& route : profile.routes)
        routes.items().push_back(text(route));
    json.set("routes", std::move(routes));
    JsonValue fields = JsonValue::array();
    for (const ProfileField& field : profile.fields) {
        JsonValue item = JsonValue::object();
        item.set("name", text(field.name));
        item.set("becomes", text(targetText(field)));
        item.set("type", text(profileFieldTypeName(field.type)));
        item.set("required", JsonValue::boolean(field.required));
        item.set("default", field.defaultValue.value_or(JsonValue::null()));
        item.set("minimum", field.minimum ? JsonValue::integer(*field.minimum) : JsonValue::null());
        item.set("maximum", field.maximum ? JsonValue::integer(*field.maximum) : JsonValue::null());
        JsonValue allowed = JsonValue::object();
        for (const ProfileValue& value : field.allowed)
            allowed.set(value.value.toStdString(), text(value.meaning));
        item.set("allowed", std::move(allowed));
        item.set("description", text(field.description));
        item.set("providerWords", text(field.words));
        fields.items().push_back(std::move(item));
    }
    json.set("fields", std::move(fields));
    return json;
}

class ProfileShow final : public Command
{
public:
    ProfileShow()
        : Command(QStringLiteral("profile show"), QStringLiteral("NAME [--profiles DIR] [--json]"),
                  QStringLiteral("Show how a provider profile shapes tokens: algorithm, claims, lifetime, and each "
                                 "field's rules in the provider's own words."))
    {
        setPositional({QStringLiteral("NAME"), QStringLiteral("Profile name (see 'profile list')."), 1, 1,
                       QStringLiteral("profile NAME")});
        addOptions({&ProfileOptions::Folder, &Options::Json});
    }

protected:
    CommandResult run(Context& context) const override
    {
        auto profile = namedProfile(context, context.positional().front());
        if (!profile)
            return std::unexpected(profile.error());
        if (context.isSet(Options::Json))
            context.output.json(profileJson(*profile));
        else
            context.output.text(profileText(*profile));
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::profileShow()
{
    return std::make_unique<ProfileShow>();
}

} // namespace Signet::Cli
