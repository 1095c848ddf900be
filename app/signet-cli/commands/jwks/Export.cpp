// jwks export: the document verifiers fetch.

#include "cli/Files.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "commands/key/KeyMessages.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class JwksExport final : public ProjectCommand
{
public:
    static const QCommandLineOption OutputFile;

    JwksExport()
        : ProjectCommand(
              QStringLiteral("jwks export"), QStringLiteral("-p ID [-o FILE]"),
              QStringLiteral("Write a project's JWKS (active, next and retiring public keys) to FILE or stdout."),
              QStringLiteral("The document is what verifiers fetch: public keys only, in a stable order. FILE is\n"
                             "replaced atomically when it exists (it is a published artefact)."),
              JsonOutput::None)
    {
        addOption(&OutputFile);
    }

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        auto jwks = workspace.keys().jwks(project);
        if (!jwks)
            return std::unexpected(jwks.error());
        const QString path = context.value(OutputFile);
        if (path.isEmpty() || isStandardOutput(path)) {
            context.output.raw(*jwks);
            return Success;
        }
        if (auto written = writeFileAtomically(path, *jwks, FileSecrecy::Public, Overwrite::Replace); !written)
            return std::unexpected(written.error());
        auto keys = workspace.keys().list(project);
        context.output.line(QStringLiteral("wrote the JWKS of project '%1' to %2: %3")
                                .arg(project, path, keys ? publishedSummary(*keys) : QStringLiteral("?")));
        return Success;
    }
};

const QCommandLineOption JwksExport::OutputFile({QStringLiteral("o"), QStringLiteral("output")},
                                                QStringLiteral("Where to write the JWKS (default: stdout)."),
                                                QStringLiteral("FILE"));

} // namespace

std::unique_ptr<Command> Commands::jwksExport()
{
    return std::make_unique<JwksExport>();
}

} // namespace Signet::Cli
