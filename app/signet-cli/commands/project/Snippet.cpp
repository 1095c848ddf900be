// project snippet: ready-to-paste verification code for a project's tokens.

#include "cli/Options.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/BackendSnippets.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

QString languageNames()
{
    QStringList names;
    for (SnippetLanguage language : allSnippetLanguages())
        names.append(snippetLanguageName(language));
    return names.join(QStringLiteral(", "));
}

class ProjectSnippet final : public WorkspaceCommand
{
public:
    static const QCommandLineOption Language;
    static const QCommandLineOption Server;

    ProjectSnippet()
        : WorkspaceCommand(
              QStringLiteral("project snippet"), QStringLiteral("ID [--lang LANG] [--server URL]"),
              QStringLiteral("Print code a backend pastes to verify the project's tokens."),
              QStringLiteral("LANG: %1 (default node-jsonwebtoken). The code is filled in with the project's\n"
                             "JWKS URL on `signet-cli serve` (--server, default http://127.0.0.1:8707), issuer,\n"
                             "audience and algorithm, requires exp, and checks the rules of the project's profile.\n"
                             "It defines verifyToken(token) (verify_token in Python): the claims, or an error.")
                  .arg(languageNames()),
              JsonOutput::None)
    {
        setPositional({QStringLiteral("ID"), QStringLiteral("Project id."), 1, 1, QStringLiteral("project ID")});
        addOptions({&Language, &Server});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (context.isSet(Language) && !snippetLanguageFromName(context.value(Language)))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--lang '%1' is not one of %2").arg(context.value(Language), languageNames()));
        return {};
    }

    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        const SnippetLanguage language = context.isSet(Language) ? *snippetLanguageFromName(context.value(Language))
                                                                 : SnippetLanguage::NodeJsonwebtoken;
        QString server = context.isSet(Server) ? context.value(Server) : workspace.projects().servedBase();
        while (server.endsWith(QLatin1Char('/')))
            server.chop(1);
        auto snippet = backendSnippet(workspace, context.positional().front(), language, server);
        if (!snippet)
            return std::unexpected(snippet.error());
        context.output.text(snippet->code);
        return Success;
    }
};

const QCommandLineOption ProjectSnippet::Language(QStringLiteral("lang"),
                                                  QStringLiteral("node-jsonwebtoken, node-jose or python-pyjwt."),
                                                  QStringLiteral("LANG"));
const QCommandLineOption ProjectSnippet::Server(QStringLiteral("server"),
                                                QStringLiteral("The URL signet-cli serve answers at."),
                                                QStringLiteral("URL"));

} // namespace

std::unique_ptr<Command> Commands::projectSnippet()
{
    return std::make_unique<ProjectSnippet>();
}

} // namespace Signet::Cli
