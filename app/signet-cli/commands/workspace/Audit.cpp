// audit: who changed or revealed what, when.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class Audit final : public WorkspaceCommand
{
public:
    static const IntegerOption Limit;

    Audit()
        : WorkspaceCommand(
              QStringLiteral("audit"), QStringLiteral("[-p ID] [--limit N] [--json]"),
              QStringLiteral("Show the workspace's audit log (newest first): who changed or revealed what, when."), {},
              JsonOutput::Offered)
    {
        addOptions({&Options::Project, &Limit});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const QString project = context.value(Options::Project);
        if (!project.isEmpty()) {
            if (auto known = workspace.projects().get(project); !known)
                return std::unexpected(known.error());
        }
        auto events = workspace.audit().list(project, static_cast<int>(Limit.read(context.parser).value_or(1000)));
        if (!events)
            return std::unexpected(events.error());
        const Listing<AuditEvent> listing{
            auditEventJson,
            {QStringLiteral("TIME (UTC)"), QStringLiteral("ACTOR"), QStringLiteral("ACTION"), QStringLiteral("PROJECT"),
             QStringLiteral("OBJECT"), QStringLiteral("DETAILS")},
            [](const AuditEvent& event) {
                return QStringList{Output::tableTime(event.at),
                                   event.actor,
                                   event.action,
                                   event.projectId.isEmpty() ? QStringLiteral("-") : event.projectId,
                                   event.object,
                                   event.details};
            },
            {}};
        listing.print(context, *events);
        return Success;
    }
};

const IntegerOption Audit::Limit(QStringList{QStringLiteral("limit")},
                                 QStringLiteral("At most N events (default 1000)."), QStringLiteral("N"), 1, 1000000,
                                 QStringLiteral("a positive number (at most 1000000)"));

} // namespace

std::unique_ptr<Command> Commands::audit()
{
    return std::make_unique<Audit>();
}

} // namespace Signet::Cli
