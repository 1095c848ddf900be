// profile export: a profile's JSON file as written, to adapt into one's own.

#include "cli/Files.h"
#include "cli/ProfileAccess.h"
#include "commands/Commands.h"

namespace Signet::Cli {

namespace {

class ProfileExport final : public Command
{
public:
    static const QCommandLineOption OutputFile;

    ProfileExport()
        : Command(QStringLiteral("profile export"), QStringLiteral("NAME [-o FILE] [--profiles DIR]"),
                  QStringLiteral("Write a profile's JSON file, e.g. to start one of your own from it."))
    {
        setPositional({QStringLiteral("NAME"), QStringLiteral("Profile name (see 'profile list')."), 1, 1,
                       QStringLiteral("profile NAME")});
        addOptions({&OutputFile, &ProfileOptions::Folder});
    }

protected:
    CommandResult run(Context& context) const override
    {
        auto profile = namedProfile(context, context.positional().front());
        if (!profile)
            return std::unexpected(profile.error());
        const QByteArray& definition = profile->definition;
        const QString path = context.value(OutputFile);
        if (path.isEmpty() || isStandardOutput(path)) {
            context.output.raw(definition);
            return Success;
        }
        if (auto written = writeFileAtomically(path, definition, FileSecrecy::Public, Overwrite::Refuse); !written)
            return std::unexpected(written.error());
        context.output.line(QStringLiteral("wrote the profile '%1' to %2").arg(profile->name, path));
        return Success;
    }
};

const QCommandLineOption ProfileExport::OutputFile({QStringLiteral("o"), QStringLiteral("output")},
                                                   QStringLiteral("Where to write it (default: stdout)."),
                                                   QStringLiteral("FILE"));

} // namespace

std::unique_ptr<Command> Commands::profileExport()
{
    return std::make_unique<ProfileExport>();
}

} // namespace Signet::Cli
