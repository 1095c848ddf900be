// key list: a project's signing keys.

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
    Outcome runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        auto keys = workspace.keys().list(project);
        if (!keys)
            return std::unexpected(keys.error());
        if (context.isSet(Options::Json)) {
            JsonValue::Array items;
            for (const SigningKeyRecord& key : *keys)
                items.push_back(signingKeyJson(key));
            context.output.json(JsonValue::array(std::move(items)));
            return Success;
        }
        if (keys->isEmpty()) {
            context.output.line(
                QStringLiteral("project '%1' has no keys yet (signet-cli key generate -p %1 --alg ES256)")
                    .arg(project));
            return Success;
        }
        QList<QStringList> rows;
        for (const SigningKeyRecord& key : *keys)
            rows.append({key.kid, algorithmQName(key.algorithm), keyStateName(key.state),
                         Output::tableTime(key.createdAt), Output::tableTime(key.activatedAt),
                         Output::tableTime(key.retireAt), key.fingerprint});
        context.output.table({QStringLiteral("KID"), QStringLiteral("ALG"), QStringLiteral("STATE"),
                              QStringLiteral("CREATED (UTC)"), QStringLiteral("ACTIVATED (UTC)"),
                              QStringLiteral("RETIRE AT (UTC)"), QStringLiteral("FINGERPRINT")},
                             rows);
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::keyList()
{
    return std::make_unique<KeyList>();
}

} // namespace Signet::Cli
