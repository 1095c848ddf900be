#include "Command.h"

#include "CliSupport.h"

namespace Signet::Cli {

int dispatch(const Command& command, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    command.configure(parser);

    if (!parser.parse(arguments)) {
        printError(QStringLiteral("%1: %2 (see 'signet-cli %1 --help')").arg(command.name(), parser.errorText()));
        return UsageError;
    }
    if (parser.isSet(help)) {
        QString text = QStringLiteral("usage: signet-cli %1 %2\n\n%3\n")
                           .arg(command.name(), command.synopsis(), command.summary());
        if (!command.details().isEmpty())
            text += QStringLiteral("\n") + command.details() + QStringLiteral("\n");
        // Qt's help text starts with its own usage line; keep only the option list.
        QString options = parser.helpText();
        const qsizetype optionsAt = options.indexOf(QStringLiteral("Options:"));
        if (optionsAt >= 0)
            text += QStringLiteral("\n") + options.mid(optionsAt);
        printOut(text);
        return Success;
    }
    return command.run(parser);
}

} // namespace Signet::Cli
