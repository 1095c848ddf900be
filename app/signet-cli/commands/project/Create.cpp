// project create: an issuer with its own keys.

#include "cli/Options.h"
#include "cli/ProfileAccess.h"
#include "cli/RecordViews.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/ProfiledProjects.h"
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
                  "ID [--profile NAME [--profiles DIR]] [--name N] [--issuer URL] [--audience AUD] [--ttl D]\n"
                  "                          [--max-ttl D] [--scopes a,b] [--json]"),
              QStringLiteral("Create a project: an issuer with its own keys."),
              QStringLiteral(
                  "ID: 1-64 lower-case letters, digits and '-'. Defaults: name = ID, issuer "
                  "https://signet.local/p/ID,\n"
                  "audience = ID, token lifetime 15m, maximum 1d. --scopes lists the scopes tokens and API keys may\n"
                  "carry (none: any). DURATION: 90, 90s, 15m, 1h, 7d.\n\n"
                  "--profile NAME makes the project behave like that provider (see 'profile list'): the profile's\n"
                  "issuer, audience and lifetimes, a first key of its algorithm (unless it signs with API key\n"
                  "secrets), and tokens minted from it shaped by the profile's fields and rules."),
              JsonOutput::Offered)
    {
        setPositional({QStringLiteral("ID"), QStringLiteral("Project id."), 1, 1, QStringLiteral("project ID")});
        addOptions({&Name, &Issuer, &Audience, &Lifetime, &MaxLifetime, &Scopes, &ProfileOptions::Profile,
                    &ProfileOptions::Folder});
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
        applyLifetimes(context, draft);
        for (const QString& scope : Scopes.read(context.parser))
            draft.scopes.append({scope, QString()});
        auto project = context.isSet(ProfileOptions::Profile) ? createFromProfile(context, workspace, std::move(draft))
                                                              : workspace.projects().create(draft);
        if (!project)
            return std::unexpected(project.error());
        if (context.isSet(Options::Json)) {
            context.output.json(projectJson(*project));
            return Success;
        }
        if (project->profile.isEmpty()) {
            context.output.text(QStringLiteral("created project '%1' (issuer %2, audience %3)\n"
                                               "next: signet-cli key generate -p %1 --alg ES256\n")
                                    .arg(project->id, project->issuer, project->audience));
            return Success;
        }
        context.output.text(QStringLiteral("created project '%1' following the %2 profile (issuer %3, audience %4)\n"
                                           "next: signet-cli token mint -p %1 (see 'profile show %2' for its "
                                           "fields)\n")
                                .arg(project->id, project->profile, project->issuer, project->audience));
        return Success;
    }

private:
    static void applyLifetimes(const Context& context, Project& draft)
    {
        if (const auto lifetime = Lifetime.read(context.parser))
            draft.defaultTtl = *lifetime;
        if (const auto maximum = MaxLifetime.read(context.parser))
            draft.maxTtl = *maximum;
    }

    static Result<Project> createFromProfile(const Context& context, Workspace& workspace, Project draft)
    {
        auto profile = chosenProfile(context, &workspace);
        if (!profile)
            return std::unexpected(profile.error());
        auto shaped = profiledProject(*profile, std::move(draft));
        if (!shaped)
            return shaped;
        applyLifetimes(context, *shaped); // within the profile's bounds, checked on creation
        return createProfiledProject(workspace, *profile, *shaped);
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
