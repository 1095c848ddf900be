#include "cli/WorkspaceAccess.h"

#include "workspace/WorkspaceLocation.h"

#include "cli/Options.h"
#include "cli/Terminal.h"
#include "crypto/SecureBytes.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Signet::Cli {

namespace {

// A trailing newline is the editor's, not the passphrase's.
void chopLineEnd(QByteArray& passphrase)
{
    while (passphrase.endsWith('\n') || passphrase.endsWith('\r'))
        passphrase.chop(1);
}

QString passphraseFile(const Context& context)
{
    if (context.isSet(Options::PassphraseFile))
        return context.value(Options::PassphraseFile);
    return context.global.passphraseFile;
}

Result<std::optional<QByteArray>> passphraseFromFile(Context& context, const QString& file)
{
    auto data = context.input.readFileOrStdin(file);
    if (!data)
        return std::unexpected(data.error().withContext(QStringLiteral("--passphrase-file")));
    QByteArray passphrase = *data;
    Crypto::wipe(*data);
    chopLineEnd(passphrase);
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the passphrase file %1 is empty").arg(file));
    return std::optional<QByteArray>(passphrase);
}

Result<std::optional<QByteArray>> passphraseFromTerminal(PassphrasePurpose purpose)
{
    auto first = Terminal::promptWithoutEcho(QStringLiteral("Workspace passphrase: "));
    if (!first)
        return std::unexpected(first.error());
    if (first->isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("no passphrase given"));
    if (purpose == PassphrasePurpose::Create) {
        auto second = Terminal::promptWithoutEcho(QStringLiteral("Repeat the passphrase: "));
        if (!second)
            return std::unexpected(second.error());
        const bool same = *first == *second;
        Crypto::wipe(*second);
        if (!same) {
            Crypto::wipe(*first);
            return fail(ErrorCode::InvalidInput, QStringLiteral("the passphrases do not match"));
        }
    }
    return std::optional<QByteArray>(*first);
}

} // namespace

Result<QStringList> takeGlobalOptions(QStringList arguments, GlobalOptions& global)
{
    const struct
    {
        QString name;
        QString* target;
    } globals[] = {{Options::Workspace.names().front(), &global.workspace},
                   {Options::PassphraseFile.names().front(), &global.passphraseFile},
                   {Options::Member.names().front(), &global.member}};
    while (!arguments.isEmpty()) {
        const QString first = arguments.front();
        const auto* match = std::find_if(std::begin(globals), std::end(globals), [&](const auto& candidate) {
            return first == QLatin1String("--") + candidate.name ||
                   first.startsWith(QLatin1String("--") + candidate.name + QLatin1Char('='));
        });
        if (match == std::end(globals))
            break;
        arguments.removeFirst();
        const qsizetype eq = first.indexOf(QLatin1Char('='));
        *match->target = eq >= 0 ? first.mid(eq + 1) : arguments.isEmpty() ? QString() : arguments.takeFirst();
        if (match->target->isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--%1 needs a %2 (see 'signet-cli --help')")
                            .arg(match->name,
                                 match->target == &global.member ? QStringLiteral("NAME") : QStringLiteral("FILE")));
    }
    return arguments;
}

QString globalOptionsHelp()
{
    return QStringLiteral(
               "Workspace options (before or after the command):\n"
               "  --workspace FILE        The workspace file (else SIGNET_WORKSPACE, else %1).\n"
               "  --passphrase-file FILE  Its passphrase (else SIGNET_PASSPHRASE, else asked on a terminal).\n"
               "  --member NAME           Who opens a workspace with members (else SIGNET_MEMBER, else the\n"
               "                          login name).\n")
        .arg(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                 .filePath(QStringLiteral("workspace.signet")));
}

QString workspacePath(const Context& context)
{
    if (context.isSet(Options::Workspace) && !context.value(Options::Workspace).isEmpty())
        return context.value(Options::Workspace);
    if (!context.global.workspace.isEmpty())
        return context.global.workspace;
    return Workspace::defaultPath(); // SIGNET_WORKSPACE, else the GUI's app data folder
}

QString memberName(const Context& context)
{
    if (context.isSet(Options::Member) && !context.value(Options::Member).isEmpty())
        return context.value(Options::Member);
    if (!context.global.member.isEmpty())
        return context.global.member;
    return WorkspaceMembers::defaultName();
}

Result<std::optional<QByteArray>> readPassphrase(Context& context, PassphrasePurpose purpose)
{
    if (const QString file = passphraseFile(context); !file.isEmpty())
        return passphraseFromFile(context, file);
    if (qEnvironmentVariableIsSet("SIGNET_PASSPHRASE")) {
        QByteArray passphrase = qgetenv("SIGNET_PASSPHRASE");
        if (passphrase.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("SIGNET_PASSPHRASE is set but empty"));
        return std::optional<QByteArray>(passphrase);
    }
    if (!context.input.isTerminal())
        return std::optional<QByteArray>();
    return passphraseFromTerminal(purpose);
}

Result<std::unique_ptr<Workspace>> openWorkspace(Context& context, Actor actor)
{
    const QString path = workspacePath(context);
    auto location = WorkspaceLocation::parse(path);
    if (!location)
        return std::unexpected(location.error());
    const QString shown = location->display(); // never the password a URL may hold
    if (location->kind == WorkspaceLocation::Kind::File && !QFileInfo::exists(location->path))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("no workspace at %1 (create one with 'signet-cli init')").arg(shown));
    auto isProtected = Workspace::isProtected(path);
    if (!isProtected)
        return std::unexpected(isProtected.error().withContext(QStringLiteral("workspace %1").arg(shown)));
    QByteArray passphrase;
    if (!*isProtected && qEnvironmentVariableIsSet("SIGNET_PASSPHRASE"))
        context.output.warning(
            QStringLiteral("SIGNET_PASSPHRASE is set, but workspace %1 is not protected: the passphrase is not used")
                .arg(shown));
    if (*isProtected) {
        auto read = readPassphrase(context, PassphrasePurpose::Open);
        if (!read)
            return std::unexpected(read.error());
        if (!read->has_value())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("workspace %1 is protected: set SIGNET_PASSPHRASE, use --passphrase-file FILE, "
                                       "or run on a terminal to be asked")
                            .arg(shown));
        passphrase = **read;
        Crypto::wipe(**read);
    }
    auto workspace = Workspace::openAs(path, memberName(context), passphrase, actor);
    Crypto::wipe(passphrase);
    if (!workspace)
        return std::unexpected(workspace.error().withContext(QStringLiteral("workspace %1").arg(shown)));
    return workspace;
}

} // namespace Signet::Cli
