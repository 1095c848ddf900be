#include "cli/CommandLine.h"

#include "cli/WorkspaceAccess.h"
#include "commands/Commands.h"

#include <QCoreApplication>

namespace Signet::Cli {

namespace {

bool isHelp(const QString& argument)
{
    return argument == QLatin1String("--help") || argument == QLatin1String("-h") || argument == QLatin1String("help");
}

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

QStringList verbsOf(const CommandList& commands, const QString& group)
{
    QStringList verbs;
    for (const auto& command : commands) {
        if (command->name().startsWith(group + QLatin1Char(' ')))
            verbs.append(command->name().section(QLatin1Char(' '), 1));
    }
    return verbs;
}

QString groupHelp(const CommandList& commands, const QString& group)
{
    QString text =
        QStringLiteral("usage: signet-cli %1 COMMAND [options]   (signet-cli %1 COMMAND --help for details)\n\n"
                       "Commands:\n")
            .arg(group);
    for (const auto& command : commands) {
        if (command->name().startsWith(group + QLatin1Char(' ')))
            text += QStringLiteral("  %1  %2\n").arg(command->name(), -16).arg(command->summary());
    }
    return text;
}

const Command* find(const CommandList& commands, const QString& name)
{
    for (const auto& command : commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

// "project" alone, "project --help", "project frobnicate".
int groupUsage(const CommandList& commands, const QString& group, const QString& verb, Output& output)
{
    if (isHelp(verb)) {
        output.text(groupHelp(commands, group));
        return Success;
    }
    const QString verbs = verbsOf(commands, group).join(QStringLiteral(", "));
    output.error(verb.isEmpty() ? QStringLiteral("%1: which command? (%2)").arg(group, verbs)
                                : QStringLiteral("%1: unknown command '%2' (%3)").arg(group, verb, verbs));
    return UsageError;
}

} // namespace

CommandList allCommands()
{
    CommandList commands;
    for (auto factory :
         {Commands::init,          Commands::projectCreate,  Commands::projectList,   Commands::projectShow,
          Commands::projectDelete, Commands::projectSnippet, Commands::keyGenerate,   Commands::keyPublic,
          Commands::keyThumbprint, Commands::keyImport,      Commands::keyList,       Commands::keyRotate,
          Commands::keyRevoke,     Commands::jwksExport,     Commands::apiKeyCreate,  Commands::apiKeyImport,
          Commands::apiKeyList,    Commands::apiKeyRevoke,   Commands::tokenMint,     Commands::tokenDecode,
          Commands::tokenVerify,   Commands::tokenList,      Commands::tokenKit,      Commands::profileList,
          Commands::profileShow,   Commands::profileImport,  Commands::profileExport, Commands::profileRemove,
          Commands::audit,         Commands::workspaceCopy,  Commands::memberInit,    Commands::memberList,
          Commands::memberAdd,     Commands::memberRemove,   Commands::join,          Commands::serve})
        commands.push_back(factory());
    return commands;
}

int run(const QStringList& arguments, Output& output, Input& input)
{
    const CommandList commands = allCommands();
    GlobalOptions global;
    auto args = takeGlobalOptions(arguments, global);
    if (!args) {
        output.error(args.error().message);
        return UsageError;
    }
    if (args->isEmpty()) {
        output.error(QStringLiteral("no command given (see 'signet-cli --help')"));
        return UsageError;
    }
    const QString group = args->at(0);
    if (isHelp(group) && args->size() == 1) {
        output.text(overview(commands));
        return Success;
    }
    if (isHelp(group))
        return run(args->mid(1) << QStringLiteral("--help"), output, input);
    if (group == QLatin1String("--version")) {
        output.line(QStringLiteral("signet-cli %1").arg(QCoreApplication::applicationVersion()));
        return Success;
    }
    if (const Command* command = find(commands, group))
        return command->execute(args->mid(1), output, input, global);
    const QString verb = args->size() > 1 ? args->at(1) : QString();
    if (const Command* command = find(commands, group + QLatin1Char(' ') + verb))
        return command->execute(args->mid(2), output, input, global);
    // Three words: "workspace member add".
    const QString subgroup = group + QLatin1Char(' ') + verb;
    const QString subverb = args->size() > 2 ? args->at(2) : QString();
    if (const Command* command = find(commands, subgroup + QLatin1Char(' ') + subverb))
        return command->execute(args->mid(3), output, input, global);
    if (!verb.isEmpty() && !verbsOf(commands, subgroup).isEmpty())
        return groupUsage(commands, subgroup, subverb, output);
    if (!verbsOf(commands, group).isEmpty())
        return groupUsage(commands, group, verb, output);
    output.error(QStringLiteral("unknown command '%1' (see 'signet-cli --help')").arg(group));
    return UsageError;
}

} // namespace Signet::Cli
