// signet-cli: the command-line front end. main() only finds the command and hands it the arguments.

#include "CliSupport.h"
#include "Command.h"
#include "commands/KeyCommands.h"
#include "commands/TokenCommands.h"

#include <QCoreApplication>

using namespace Signet::Cli;

namespace {

QString overview(const CommandList& commands)
{
    QString text = QStringLiteral("usage: signet-cli COMMAND [options]   (signet-cli COMMAND --help for details)\n\n"
                                  "Keys and tokens for auth-enabled services.\n\nCommands:\n");
    for (const auto& command : commands)
        text += QStringLiteral("  %1  %2\n").arg(command->name(), -16).arg(command->summary());
    text += QStringLiteral("\nExit codes: 0 success or valid token, 1 invalid token, 2 usage or input error.\n");
    return text;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signet-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNET_VERSION));

    CommandList commands;
    addKeyCommands(commands);
    addTokenCommands(commands);

    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2)
        return reportError(QStringLiteral("no command given (see 'signet-cli --help')"));
    if (args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") || args[1] == QLatin1String("help")) {
        printOut(overview(commands));
        return Success;
    }
    if (args[1] == QLatin1String("--version")) {
        printOut(QStringLiteral("signet-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return Success;
    }
    const QString group = args[1];
    const QString verb = args.size() > 2 ? args[2] : QString();
    for (const auto& command : commands) {
        if (command->name() == group + QLatin1Char(' ') + verb) {
            QStringList rest = args.mid(3);
            rest.prepend(args[0]);
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
