// project create: an issuer with its own keys.

#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ProjectCreate final : public WorkspaceCommand
{
public:
    static const QCommandLineOption Name;
    static const QCommandLineOption Issuer;
    static const QCommandLineOption Audience;
    static const DurationOption Lifetime;
    static const DurationOption MaxLifetime;
    static const ListOption Scopes;

    ProjectCreate()
        : WorkspaceCommand(
              QStringLiteral("project create"),
              QStringLiteral(
                  "ID [--name N] [--issuer URL] [--audience AUD] [--ttl D] [--max-ttl D] [--scopes a,b] [--json]"),
              QStringLiteral("Create a project: an issuer with its own keys."),
              QStringLiteral(
                  "ID: 1-64 lower-case letters, digits and '-'. Defaults: name = ID, issuer "
                  "https://signet.local/p/ID,\n"
                  "audience = ID, token lifetime 15m, maximum 1d. --scopes lists the scopes tokens and API keys may\n"
                  "carry (none: any). DURATION: 90, 90s, 15m, 1h, 7d."),
              JsonOutput::Offered)
    {
        setPositional({QStringLiteral("ID"), QStringLiteral("Project id."), 1, 1, QStringLiteral("project ID")});
        addOptions({&Name, &Issuer, &Audience, &Lifetime, &MaxLifetime, &Scopes});
    }

protected:
    Status validate(const Context& context) const override
    {
        return ProjectService::validateId(context.positional().front());
    }

    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        Project draft;
        draft.id = context.positional().front();
        draft.name = context.value(Name);
        draft.issuer = context.value(Issuer);
        draft.audience = context.value(Audience);
        if (const auto lifetime = Lifetime.read(context.parser))
            draft.defaultTtl = *lifetime;
        if (const auto maximum = MaxLifetime.read(context.parser))
            draft.maxTtl = *maximum;
        for (const QString& scope : Scopes.read(context.parser))
            draft.scopes.append({scope, QString()});
        auto project = workspace.projects().create(draft);
        if (!project)
            return std::unexpected(project.error());
        if (context.isSet(Options::Json)) {
            context.output.json(projectJson(*project));
            return Success;
        }
        context.output.text(QStringLiteral("created project '%1' (issuer %2, audience %3)\n"
                                           "next: signet-cli key generate -p %1 --alg ES256\n")
                                .arg(project->id, project->issuer, project->audience));
        return Success;
    }
};

const QCommandLineOption ProjectCreate::Name(QStringLiteral("name"), QStringLiteral("Display name."),
                                             QStringLiteral("N"));
const QCommandLineOption ProjectCreate::Issuer(QStringLiteral("issuer"), QStringLiteral("The iss of its tokens."),
                                               QStringLiteral("URL"));
const QCommandLineOption ProjectCreate::Audience(QStringLiteral("audience"),
                                                 QStringLiteral("The default aud of its tokens."),
                                                 QStringLiteral("AUD"));
const DurationOption ProjectCreate::Lifetime(QStringList{QStringLiteral("ttl")},
                                             QStringLiteral("Default token lifetime (15m)."),
                                             QStringLiteral("DURATION"));
const DurationOption ProjectCreate::MaxLifetime(QStringList{QStringLiteral("max-ttl")},
                                                QStringLiteral("Longest token lifetime (1d)."),
                                                QStringLiteral("DURATION"));
const ListOption ProjectCreate::Scopes(QStringList{QStringLiteral("scopes")},
                                       QStringLiteral("Scope catalogue, comma-separated."), QStringLiteral("a,b"));

} // namespace

std::unique_ptr<Command> Commands::projectCreate()
{
    return std::make_unique<ProjectCreate>();
}

} // namespace Signet::Cli
