// apikey import: a key the provider issued (its dashboard's key id and secret), kept like a created one.

#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/SecretInput.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/ProjectService.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ApiKeyImport final : public ProjectCommand
{
public:
    static const QCommandLineOption Id;
    static const QCommandLineOption Name;
    static const ListOption Scope;

    ApiKeyImport()
        : ProjectCommand(
              QStringLiteral("apikey import"),
              QStringLiteral("-p ID --id KEY_ID [--secret-file FILE|--secret-env VAR] [--name N] [--scope S]... "
                             "[--json]"),
              QStringLiteral("Keep a provider's API key (its id and secret) to mint tokens signed with it."),
              QStringLiteral("Without --secret-file or --secret-env the secret is asked for on a terminal.\n\n") +
                  secretReadingHelp() +
                  QStringLiteral(
                      "\n\nThe id: 1 to 128 printable ASCII characters, no spaces; it must be new to the workspace.\n"
                      "The secret must have at least 32 bytes (HS256). The workspace keeps its hash and a sealed\n"
                      "copy; 'token mint -p ID --api-key KEY_ID' then signs HS256 with the secret's UTF-8 bytes,\n"
                      "as the provider's own code does. Scopes must come from the project's catalogue when it has\n"
                      "one. The name defaults to \"imported\"."),
              JsonOutput::Offered)
    {
        addRequiredOption(&Id, QStringLiteral("--id KEY_ID is required (the key id the provider shows)"));
        addOptions(SecretOptions::all());
        addOptions({&Name, &Scope});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (auto exclusive = SecretOptions::checkExclusive(context); !exclusive)
            return exclusive;
        if (!SecretOptions::isSet(context) && !context.input.isTerminal())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("give the secret with --secret-file FILE or --secret-env VAR, or run on a "
                                       "terminal to be asked (it is never taken from the command line)"));
        return {};
    }

    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        // Before asking for a secret: the project must exist.
        if (auto known = workspace.projects().get(project); !known)
            return std::unexpected(known.error());
        const QString id = context.value(Id);
        auto secret =
            readSecret(context, SecretPrompt::OnTerminal, QStringLiteral("Secret of API key %1 (not shown): ").arg(id));
        if (!secret)
            return std::unexpected(secret.error());
        if (!secret->has_value())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("no secret given"));
        auto imported =
            workspace.apiKeys().importKey(project, id, **secret, context.value(Name), Scope.read(context.parser));
        if (!imported)
            return std::unexpected(imported.error());
        if (context.isSet(Options::Json)) {
            JsonValue json = apiKeyJson(*imported, SystemClock::instance().now());
            json.set("secretForm", jsonString(secretFormNote()));
            context.output.json(json);
        } else {
            context.output.text(
                QStringLiteral("imported API key %1 ('%2') for project '%3'; scopes: %4\n"
                               "Tokens minted with --api-key %1 are signed HS256 with the secret you gave.\n"
                               "%5\n")
                    .arg(imported->id, imported->name, imported->projectId,
                         imported->scopes.isEmpty() ? QStringLiteral("none") : imported->scopes.join(QLatin1Char(' ')),
                         secretFormNote()));
        }
        return Success;
    }
};

const QCommandLineOption ApiKeyImport::Id(QStringLiteral("id"), QStringLiteral("The key id the provider issued."),
                                          QStringLiteral("KEY_ID"));
const QCommandLineOption ApiKeyImport::Name(QStringLiteral("name"),
                                            QStringLiteral("What the key is for (default: imported)."),
                                            QStringLiteral("N"));
const ListOption ApiKeyImport::Scope(QStringList{QStringLiteral("scope")},
                                     QStringLiteral("Scopes the key grants (repeatable, or comma-separated)."),
                                     QStringLiteral("S"));

} // namespace

std::unique_ptr<Command> Commands::apiKeyImport()
{
    return std::make_unique<ApiKeyImport>();
}

} // namespace Signet::Cli
