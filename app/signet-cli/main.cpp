// signet-cli: the command-line front end. main() only finds the command and hands it the arguments.

#include "CliSupport.h"
#include "Command.h"
#include "WorkspaceSupport.h"
#include "commands/ApiKeyCommands.h"
#include "commands/KeyCommands.h"
#include "commands/ProjectKeyCommands.h"
#include "commands/ProjectTokenCommands.h"
#include "commands/TokenCommands.h"
#include "commands/WorkspaceCommands.h"

#include <QCoreApplication>

using namespace Signet::Cli;

namespace {

QString overview(const CommandList& commands)
{
    QString text = QStringLiteral("usage: signet-cli COMMAND [options]   (signet-cli COMMAND --help for details)\n"
                                  "       signet-cli --workspace FILE COMMAND [options]\n\n"
                                  "Keys and tokens for auth-enabled services: stateless commands work on key files;\n"
                                  "workspace commands keep projects, keys, API keys and a token ledger in one file.\n\n"
                                  "Commands:\n");
    for (const auto& command : commands)
        text += QStringLiteral("  %1  %2\n").arg(command->name(), -16).arg(command->summary());
    text += QStringLiteral("\n") + globalOptionsHelp();
    text += QStringLiteral("\nExit codes: 0 success or valid token, 1 invalid token, 2 usage or input error.\n");
    return text;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The GUI's names, so that the default workspace is the GUI's (its app data folder).
    QCoreApplication::setOrganizationName(QStringLiteral("Signet"));
    QCoreApplication::setApplicationName(QStringLiteral("Signet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNET_VERSION));

    CommandList commands;
    addWorkspaceCommands(commands);
    addKeyCommands(commands);
    addProjectKeyCommands(commands);
    addApiKeyCommands(commands);
    addTokenCommands(commands);
    addProjectTokenCommands(commands);
    addAuditCommand(commands);

    const QStringList all = QCoreApplication::arguments();
    auto args = takeGlobalOptions(all.mid(1));
    if (!args)
        return reportError(args.error());
    if (args->isEmpty())
        return reportError(QStringLiteral("no command given (see 'signet-cli --help')"));
    const QString group = args->at(0);
    if (group == QLatin1String("--help") || group == QLatin1String("-h") || group == QLatin1String("help")) {
        printOut(overview(commands));
        return Success;
    }
    if (group == QLatin1String("--version")) {
        printOut(QStringLiteral("signet-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return Success;
    }
    for (const auto& command : commands) {
        if (command->name() == group) {
            QStringList rest = args->mid(1);
            rest.prepend(all[0]);
            return dispatch(*command, rest);
        }
    }
    const QString verb = args->size() > 1 ? args->at(1) : QString();
    for (const auto& command : commands) {
        if (command->name() == group + QLatin1Char(' ') + verb) {
            QStringList rest = args->mid(2);
            rest.prepend(all[0]);
            return dispatch(*command, rest);
        }
    }
    QStringList verbs;
    for (const auto& command : commands) {
        if (command->name().startsWith(group + QLatin1Char(' ')))
            verbs.append(command->name().section(QLatin1Char(' '), 1));
    }
    if (!verbs.isEmpty())
        return reportError(
            verb.isEmpty()
                ? QStringLiteral("%1: which command? (%2)").arg(group, verbs.join(QStringLiteral(", ")))
                : QStringLiteral("%1: unknown command '%2' (%3)").arg(group, verb, verbs.join(QStringLiteral(", "))));
    return reportError(QStringLiteral("unknown command '%1' (see 'signet-cli --help')").arg(group));
}
