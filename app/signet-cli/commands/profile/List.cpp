// profile list: the provider profiles, built in, stored in the workspace and in --profiles DIR.

#include "cli/Options.h"
#include "cli/ProfileAccess.h"
#include "commands/Commands.h"
#include "foundation/Duration.h"

namespace Signet::Cli {

namespace {

class ProfileList final : public Command
{
public:
    ProfileList()
        : Command(QStringLiteral("profile list"), QStringLiteral("[--profiles DIR] [--json]"),
                  QStringLiteral("List the provider profiles a project can follow."))
    {
        setPositional({});
        addOptions({&ProfileOptions::Folder, &Options::Json});
    }

protected:
    CommandResult run(Context& context) const override
    {
        auto catalog = profileCatalogOfExistingWorkspace(context);
        if (!catalog)
            return std::unexpected(catalog.error());
        if (context.isSet(Options::Json)) {
            JsonValue list = JsonValue::array();
            for (const Profile& profile : catalog->profiles()) {
                JsonValue item = JsonValue::object();
                item.set("name", JsonValue::string(profile.name.toStdString()));
                item.set("title", JsonValue::string(profile.title.toStdString()));
                item.set("algorithm", JsonValue::string(std::string(algorithmName(profile.algorithm))));
                item.set("description", JsonValue::string(profile.description.toStdString()));
                item.set("source", JsonValue::string(profileSourceName(profile.source).toStdString()));
                list.items().push_back(std::move(item));
            }
            context.output.json(list);
            return Success;
        }
        QList<QStringList> rows;
        for (const Profile& profile : catalog->profiles()) {
            const QString signer = profile.signer == ProfileSigner::ApiKeySecret ? QStringLiteral("API key secret")
                                                                                 : QStringLiteral("project key");
            rows.append({profile.name, profile.title, algorithmQName(profile.algorithm), signer,
                         Duration::formatSpan(profile.lifetime.defaultSeconds),
                         profile.oneTime ? QStringLiteral("yes") : QStringLiteral("no"),
                         profileSourceName(profile.source)});
        }
        context.output.table({QStringLiteral("NAME"), QStringLiteral("PROVIDER"), QStringLiteral("ALG"),
                              QStringLiteral("SIGNED WITH"), QStringLiteral("LIFETIME"), QStringLiteral("ONE-TIME"),
                              QStringLiteral("FROM")},
                             rows);
        context.output.line(QStringLiteral("'profile show NAME' describes one; 'profile export NAME' writes its file, "
                                           "a start for your own, which 'profile import FILE' adds."));
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::profileList()
{
    return std::make_unique<ProfileList>();
}

} // namespace Signet::Cli
