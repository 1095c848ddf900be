#include "commands/key/InitialState.h"

namespace Signet::Cli {

const ChoiceOption InitialStateOption(
    {QStringLiteral("state")},
    QStringLiteral("Initial state: next or active (default: active when the project has no active key, else next)."),
    {QStringLiteral("next"), QStringLiteral("active")});

std::optional<KeyState> readInitialState(const QCommandLineParser& parser)
{
    if (!parser.isSet(InitialStateOption))
        return std::nullopt;
    return keyStateFromName(InitialStateOption.read(parser));
}

} // namespace Signet::Cli
