// key list: a project's signing keys.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class KeyList final : public ProjectCommand
{
public:
    KeyList()
        : ProjectCommand(
              QStringLiteral("key list"), QStringLiteral("-p ID [--json]"),
              QStringLiteral("List a project's signing keys: active, next, retiring, then retired and revoked."), {},
              JsonOutput::Offered)
    {}

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        auto keys = workspace.keys().list(project);
        if (!keys)
            return std::unexpected(keys.error());
        const Listing<SigningKeyRecord> listing{
            signingKeyJson,
            {QStringLiteral("KID"), QStringLiteral("ALG"), QStringLiteral("STATE"), QStringLiteral("CREATED (UTC)"),
             QStringLiteral("ACTIVATED (UTC)"), QStringLiteral("RETIRE AT (UTC)"), QStringLiteral("FINGERPRINT")},
            [](const SigningKeyRecord& key) {
                return QStringList{key.kid,
                                   algorithmQName(key.algorithm),
                                   keyStateName(key.state),
                                   Output::tableTime(key.createdAt),
                                   Output::tableTime(key.activatedAt),
                                   Output::tableTime(key.retireAt),
                                   key.fingerprint};
            },
            QStringLiteral("project '%1' has no keys yet (signet-cli key generate -p %1 --alg ES256)").arg(project)};
        listing.print(context, *keys);
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::keyList()
{
    return std::make_unique<KeyList>();
}

} // namespace Signet::Cli
