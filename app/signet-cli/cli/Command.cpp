#include "cli/Command.h"

#include "cli/TypedOptions.h"

namespace Signet::Cli {

namespace {

const QCommandLineOption& helpOption()
{
    static const QCommandLineOption option({QStringLiteral("h"), QStringLiteral("help")},
                                           QStringLiteral("Show this help."));
    return option;
}

} // namespace

Command::Command(QString name, QString synopsis, QString summary, QString details)
    : m_name(std::move(name))
    , m_synopsis(std::move(synopsis))
    , m_summary(std::move(summary))
    , m_details(std::move(details))
{}

OptionRef::OptionRef(const TypedOption* checked)
    : option(checked)
    , typed(checked)
{}

void Command::addOption(OptionRef option)
{
    m_options.push_back(option);
}

void Command::addOptions(const std::vector<OptionRef>& options)
{
    m_options.insert(m_options.end(), options.begin(), options.end());
}

void Command::addRequiredOption(OptionRef option, QString missing)
{
    addOption(option);
    m_required.emplace_back(option.option, std::move(missing));
}

Status Command::validate(const Context&) const
{
    return {};
}

QString Command::help(const QCommandLineParser& parser) const
{
    QString text = QStringLiteral("usage: signet-cli %1 %2\n\n%3\n").arg(m_name, m_synopsis, m_summary);
    if (!m_details.isEmpty())
        text += QStringLiteral("\n") + m_details + QStringLiteral("\n");
    // Qt's help text starts with its own usage line; keep only the option list.
    const QString options = parser.helpText();
    const qsizetype optionsAt = options.indexOf(QStringLiteral("Options:"));
    if (optionsAt >= 0)
        text += QStringLiteral("\n") + options.mid(optionsAt);
    return text;
}

Status Command::checkArguments(const QCommandLineParser& parser) const
{
    const QStringList positional = parser.positionalArguments();
    const int count = static_cast<int>(positional.size());
    if (m_positional.max == 0 && count > 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("unexpected argument '%1'").arg(positional.front()));
    if (m_positional.min == 1 && m_positional.max == 1 && count != 1)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("give exactly one %1").arg(m_positional.noun));
    for (const auto& [option, missing] : m_required) {
        if (parser.value(*option).isEmpty())
            return fail(ErrorCode::InvalidArgument, missing);
    }
    for (const OptionRef& option : m_options) {
        if (option.typed) {
            if (auto checked = option.typed->check(parser); !checked)
                return checked;
        }
    }
    return {};
}

int Command::execute(const QStringList& arguments, Output& output, Input& input, const GlobalOptions& global) const
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOption(helpOption());
    for (const OptionRef& option : m_options)
        parser.addOption(*option.option);
    if (m_positional.max > 0)
        parser.addPositionalArgument(m_positional.name, m_positional.description);

    if (!parser.parse(QStringList{QStringLiteral("signet-cli")} + arguments)) {
        output.error(QStringLiteral("%1: %2 (see 'signet-cli %1 --help')").arg(m_name, parser.errorText()));
        return UsageError;
    }
    if (parser.isSet(helpOption())) {
        output.text(help(parser));
        return Success;
    }
    Context context{parser, output, input, global};
    Status checked = checkArguments(parser);
    if (checked)
        checked = validate(context);
    const CommandResult outcome = checked ? run(context) : CommandResult(std::unexpected(checked.error()));
    if (!outcome) {
        output.error(QStringLiteral("%1: %2").arg(m_name, outcome.error().message));
        return UsageError;
    }
    return *outcome;
}

} // namespace Signet::Cli
