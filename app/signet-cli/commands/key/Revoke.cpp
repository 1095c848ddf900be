// key revoke: out of the JWKS at once.

#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class KeyRevoke final : public ProjectCommand
{
public:
    KeyRevoke()
        : ProjectCommand(
              QStringLiteral("key revoke"), QStringLiteral("-p ID [--] KID"),
              QStringLiteral("Revoke a signing key: out of the JWKS at once; tokens it signed stop verifying."),
              QStringLiteral(
                  "KID as 'key list' shows it. Thumbprint kids may start with '-': put '--' before such a KID\n"
                  "(signet-cli key revoke -p ID -- -AbC...)."),
              JsonOutput::None)
    {
        setPositional({QStringLiteral("KID"), QStringLiteral("The key's id."), 1, 1, QStringLiteral("KID")});
    }

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        const QString kid = context.positional().front();
        auto keys = workspace.keys().list(project);
        if (!keys)
            return std::unexpected(keys.error());
        std::optional<KeyState> before;
        for (const SigningKeyRecord& key : *keys) {
            if (key.kid == kid)
                before = key.state;
        }
        auto revoked = workspace.keys().revoke(project, kid);
        if (!revoked)
            return std::unexpected(revoked.error());
        QString out = QStringLiteral("revoked key %1 of project '%2' (was %3): it is out of the JWKS, and tokens it "
                                     "signed no longer verify\n")
                          .arg(kid, project, before ? keyStateName(*before) : QStringLiteral("unknown"));
        if (before == KeyState::Active)
            out += QStringLiteral("project '%1' has no active key now: 'signet-cli key rotate -p %1' promotes the next "
                                  "key or makes a new one\n")
                       .arg(project);
        context.output.text(out);
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::keyRevoke()
{
    return std::make_unique<KeyRevoke>();
}

} // namespace Signet::Cli
