// token kit: the tokens a backend must accept and reject, as one JSON pack.

#include "cli/Files.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/TokenKit.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class TokenKitCommand final : public ProjectCommand
{
public:
    static const QCommandLineOption OutputFile;
    static const QCommandLineOption ApiKey;
    static const QCommandLineOption Server;

    TokenKitCommand()
        : ProjectCommand(
              QStringLiteral("token kit"), QStringLiteral("-p ID [-o FILE] [--api-key KEY_ID] [--server URL]"),
              QStringLiteral("Write a backend test kit: one token the backend must accept, and labelled tokens it "
                             "must reject."),
              QStringLiteral(
                  "The tokens to reject are expired, not yet valid, for another audience, from another issuer,\n"
                  "with an unknown kid, with a broken signature, with alg none, HMAC-signed with the project's\n"
                  "public key, without exp, and (for a project that follows a profile) breaking each of its rules.\n"
                  "The first token is minted and recorded like any other; the others are never recorded.\n"
                  "--server: the URL `signet-cli serve` answers at (default http://127.0.0.1:8707), for the\n"
                  "JWKS URL in the pack and a profile issuer that follows it. --api-key: the key whose secret\n"
                  "signs, for profiles that sign with API key secrets (default: the first usable one)."),
              JsonOutput::None)
    {
        addOptions({&OutputFile, &ApiKey, &Server});
    }

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& projectId) const override
    {
        const QString server =
            context.isSet(Server)
                ? context.value(Server).chopped(context.value(Server).endsWith(QLatin1Char('/')) ? 1 : 0)
                : workspace.projects().servedBase();
        auto project = workspace.projects().get(projectId);
        if (!project)
            return std::unexpected(project.error());
        const QString issuer = servedIssuer(workspace, *project, server);
        auto kit = makeTokenKit(workspace, projectId,
                                issuer == project->issuer ? std::nullopt : std::optional<QString>(issuer),
                                context.isSet(ApiKey) ? std::optional<QString>(context.value(ApiKey)) : std::nullopt);
        if (!kit)
            return std::unexpected(kit.error());
        const QByteArray json =
            tokenKitJson(*kit, server + QStringLiteral("/p/") + projectId + QStringLiteral("/.well-known/jwks.json"));
        const QString path = context.value(OutputFile);
        if (path.isEmpty() || isStandardOutput(path)) {
            context.output.raw(json);
            return Success;
        }
        if (auto written = writeFileAtomically(path, json, FileSecrecy::Public, Overwrite::Replace); !written)
            return std::unexpected(written.error());
        context.output.line(QStringLiteral("wrote a test kit of %1 tokens for project '%2' to %3: accept the first, "
                                           "reject the others")
                                .arg(kit->tokens.size())
                                .arg(projectId, path));
        return Success;
    }
};

const QCommandLineOption TokenKitCommand::OutputFile({QStringLiteral("o"), QStringLiteral("output")},
                                                     QStringLiteral("Where to write the kit (default: stdout)."),
                                                     QStringLiteral("FILE"));
const QCommandLineOption
    TokenKitCommand::ApiKey(QStringLiteral("api-key"),
                            QStringLiteral("The API key whose secret signs (profiles that sign so)."),
                            QStringLiteral("KEY_ID"));
const QCommandLineOption TokenKitCommand::Server(QStringLiteral("server"),
                                                 QStringLiteral("The URL signet-cli serve answers at."),
                                                 QStringLiteral("URL"));

} // namespace

std::unique_ptr<Command> Commands::tokenKit()
{
    return std::make_unique<TokenKitCommand>();
}

} // namespace Signet::Cli
