// apikey list: a project's API keys, never their secrets.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class ApiKeyList final : public ProjectCommand
{
public:
    ApiKeyList()
        : ProjectCommand(QStringLiteral("apikey list"), QStringLiteral("-p ID [--json]"),
                         QStringLiteral("List a project's API keys (never their secrets)."), {}, JsonOutput::Offered)
    {}

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        auto keys = workspace.apiKeys().list(project);
        if (!keys)
            return std::unexpected(keys.error());
        const qint64 now = SystemClock::instance().now();
        const Listing<ApiKeyRecord> listing{
            [now](const ApiKeyRecord& key) { return apiKeyJson(key, now); },
            {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("SCOPES"), QStringLiteral("CREATED (UTC)"),
             QStringLiteral("EXPIRES (UTC)"), QStringLiteral("LAST USED (UTC)"), QStringLiteral("STATUS")},
            [now](const ApiKeyRecord& key) {
                return QStringList{key.id,
                                   key.name,
                                   key.scopes.isEmpty() ? QStringLiteral("-") : key.scopes.join(QLatin1Char(' ')),
                                   Output::tableTime(key.createdAt),
                                   Output::tableTime(key.expiresAt),
                                   Output::tableTime(key.lastUsedAt),
                                   statusWord(key.status(now))};
            },
            QStringLiteral("project '%1' has no API keys").arg(project)};
        listing.print(context, *keys);
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::apiKeyList()
{
    return std::make_unique<ApiKeyList>();
}

} // namespace Signet::Cli
