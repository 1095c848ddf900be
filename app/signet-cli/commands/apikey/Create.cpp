// apikey create: a new API key; its secret is shown once.

#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/SecretInput.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "foundation/Duration.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ApiKeyCreate final : public ProjectCommand
{
public:
    static const QCommandLineOption Name;
    static const ListOption Scope;
    static const DurationOption Expires;

    ApiKeyCreate()
        : ProjectCommand(
              QStringLiteral("apikey create"),
              QStringLiteral("-p ID --name N [--scope S]... [--expires DURATION] [--json]"),
              QStringLiteral("Create an API key; its secret is printed once and never again."),
              QStringLiteral(
                  "The workspace keeps only the secret's hash and a sealed copy (for minting HS256 tokens with\n"
                  "'token mint -p ID --api-key KEY_ID'). Scopes must come from the project's catalogue when it has\n"
                  "one. --json prints {\"id\", \"secret\", \"secretForm\", ...}."),
              JsonOutput::Offered)
    {
        addOptions({&Name, &Scope, &Expires});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (context.value(Name).trimmed().isEmpty())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--name is required"));
        return {};
    }

    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        auto created = workspace.apiKeys().create(project, context.value(Name), Scope.read(context.parser),
                                                  Expires.read(context.parser));
        if (!created)
            return std::unexpected(created.error());
        const ApiKeyRecord& key = created->record;
        if (context.isSet(Options::Json)) {
            JsonValue json = apiKeyJson(key, SystemClock::instance().now());
            json.set("secret", jsonString(created->secret));
            json.set("secretForm", jsonString(secretFormNote()));
            context.output.json(json);
        } else {
            context.output.text(
                QStringLiteral("created API key %1 ('%2') for project '%3'; scopes: %4; expires: %5\n"
                               "id:     %1\n"
                               "secret: %6\n"
                               "%7\n"
                               "Store the secret now: it will not be shown again.\n")
                    .arg(key.id, key.name, key.projectId,
                         key.scopes.isEmpty() ? QStringLiteral("none") : key.scopes.join(QLatin1Char(' ')),
                         key.expiresAt ? Duration::formatUtc(*key.expiresAt) : QStringLiteral("never"), created->secret,
                         secretFormNote()));
        }
        created->secret.fill(QLatin1Char('\0'));
        return Success;
    }
};

const QCommandLineOption ApiKeyCreate::Name(QStringLiteral("name"), QStringLiteral("What the key is for."),
                                            QStringLiteral("N"));
const ListOption ApiKeyCreate::Scope(QStringList{QStringLiteral("scope")},
                                     QStringLiteral("Scopes the key grants (repeatable, or comma-separated)."),
                                     QStringLiteral("S"));
const DurationOption ApiKeyCreate::Expires(QStringList{QStringLiteral("expires")},
                                           QStringLiteral("Lifetime of the key (default: none)."),
                                           QStringLiteral("DURATION"));

} // namespace

std::unique_ptr<Command> Commands::apiKeyCreate()
{
    return std::make_unique<ApiKeyCreate>();
}

} // namespace Signet::Cli
