#include "WorkspaceSupport.h"

#include "CliSupport.h"
#include "crypto/SecureBytes.h"
#include "foundation/JsonWriter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace Signet::Cli {

namespace {

const QString kWorkspaceName = QStringLiteral("workspace");
const QString kPassphraseFileName = QStringLiteral("passphrase-file");

// The terminal's settings while a prompt has turned echo off, restored when a signal ends the process.
int g_promptFd = -1;
termios g_savedTerminal{};

extern "C" void restoreTerminalAndExit(int signalNumber)
{
    if (g_promptFd >= 0)
        (void)::tcsetattr(g_promptFd, TCSAFLUSH, &g_savedTerminal);
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

// Reads one line from the terminal with echo off; the prompt goes to the terminal, not to stdout.
Result<QByteArray> promptOnTerminal(const QString& prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io, QStringLiteral("cannot open the terminal to ask for the passphrase"));
    termios saved{};
    const bool haveTerminal = ::tcgetattr(fd, &saved) == 0;
    if (haveTerminal) {
        g_savedTerminal = saved;
        g_promptFd = fd;
        for (int signalNumber : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            std::signal(signalNumber, restoreTerminalAndExit);
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        (void)::tcsetattr(fd, TCSAFLUSH, &silent);
    }
    const QByteArray promptText = prompt.toUtf8();
    (void)!::write(fd, promptText.constData(), static_cast<std::size_t>(promptText.size()));
    QByteArray line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') {
        if (line.size() > 4096)
            break;
        line.append(c);
    }
    if (haveTerminal) {
        (void)::tcsetattr(fd, TCSAFLUSH, &saved);
        for (int signalNumber : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            std::signal(signalNumber, SIG_DFL);
        g_promptFd = -1;
    }
    (void)!::write(fd, "\n", 1);
    ::close(fd);
    while (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QString passphraseFile(const QCommandLineParser& parser)
{
    if (parser.isSet(passphraseFileOption()))
        return parser.value(passphraseFileOption());
    return globalOptions().passphraseFile;
}

} // namespace

GlobalOptions& globalOptions()
{
    static GlobalOptions options;
    return options;
}

Result<QStringList> takeGlobalOptions(QStringList arguments)
{
    while (!arguments.isEmpty()) {
        const QString first = arguments.front();
        QString* target = nullptr;
        QString name;
        for (const QString& candidate : {kWorkspaceName, kPassphraseFileName}) {
            if (first == QLatin1String("--") + candidate ||
                first.startsWith(QLatin1String("--") + candidate + QLatin1Char('='))) {
                name = candidate;
                target = candidate == kWorkspaceName ? &globalOptions().workspace : &globalOptions().passphraseFile;
            }
        }
        if (!target)
            break;
        arguments.removeFirst();
        const qsizetype eq = first.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            *target = first.mid(eq + 1);
        } else {
            if (arguments.isEmpty())
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--%1 needs a FILE (see 'signet-cli --help')").arg(name));
            *target = arguments.takeFirst();
        }
        if (target->isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--%1 needs a FILE (see 'signet-cli --help')").arg(name));
    }
    return arguments;
}

QString globalOptionsHelp()
{
    return QStringLiteral(
               "Workspace options (before or after the command):\n"
               "  --workspace FILE        The workspace file (else SIGNET_WORKSPACE, else %1).\n"
               "  --passphrase-file FILE  Its passphrase (else SIGNET_PASSPHRASE, else asked on a terminal).\n")
        .arg(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                 .filePath(QStringLiteral("workspace.signet")));
}

const QCommandLineOption& workspaceOption()
{
    static const QCommandLineOption option(
        kWorkspaceName, QStringLiteral("Workspace file (default: SIGNET_WORKSPACE, else the app data folder)."),
        QStringLiteral("FILE"));
    return option;
}

const QCommandLineOption& passphraseFileOption()
{
    static const QCommandLineOption option(
        kPassphraseFileName,
        QStringLiteral("File holding the workspace passphrase (default: SIGNET_PASSPHRASE, else asked)."),
        QStringLiteral("FILE"));
    return option;
}

const QCommandLineOption& projectOption()
{
    static const QCommandLineOption option({QStringLiteral("p"), QStringLiteral("project")},
                                           QStringLiteral("Workspace project id."), QStringLiteral("ID"));
    return option;
}

void addWorkspaceOptions(QCommandLineParser& parser)
{
    parser.addOption(workspaceOption());
    parser.addOption(passphraseFileOption());
}

QString workspacePath(const QCommandLineParser& parser)
{
    if (parser.isSet(workspaceOption()) && !parser.value(workspaceOption()).isEmpty())
        return parser.value(workspaceOption());
    if (!globalOptions().workspace.isEmpty())
        return globalOptions().workspace;
    return Workspace::defaultPath(); // SIGNET_WORKSPACE, else the GUI's app data folder
}

Result<std::optional<QByteArray>> readPassphrase(const QCommandLineParser& parser, PassphrasePurpose purpose)
{
    const QString file = passphraseFile(parser);
    if (!file.isEmpty()) {
        auto data = readFileOrStdin(file);
        if (!data)
            return std::unexpected(data.error().withContext(QStringLiteral("--passphrase-file")));
        QByteArray passphrase = *data;
        Crypto::wipe(*data);
        // A trailing newline is the editor's, not the passphrase's.
        while (passphrase.endsWith('\n') || passphrase.endsWith('\r'))
            passphrase.chop(1);
        if (passphrase.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("the passphrase file %1 is empty").arg(file));
        return std::optional<QByteArray>(passphrase);
    }
    if (qEnvironmentVariableIsSet("SIGNET_PASSPHRASE")) {
        QByteArray passphrase = qgetenv("SIGNET_PASSPHRASE");
        if (passphrase.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("SIGNET_PASSPHRASE is set but empty"));
        return std::optional<QByteArray>(passphrase);
    }
    if (!::isatty(STDIN_FILENO))
        return std::optional<QByteArray>();
    auto first = promptOnTerminal(QStringLiteral("Workspace passphrase: "));
    if (!first)
        return std::unexpected(first.error());
    if (first->isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("no passphrase given"));
    if (purpose == PassphrasePurpose::Create) {
        auto second = promptOnTerminal(QStringLiteral("Repeat the passphrase: "));
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

Result<std::unique_ptr<Workspace>> openWorkspace(const QCommandLineParser& parser)
{
    const QString path = workspacePath(parser);
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::NotFound,
                    QStringLiteral("no workspace at %1 (create one with 'signet-cli init')").arg(path));
    auto isProtected = Workspace::isProtected(path);
    if (!isProtected)
        return std::unexpected(isProtected.error().withContext(QStringLiteral("workspace %1").arg(path)));
    QByteArray passphrase;
    if (*isProtected) {
        auto read = readPassphrase(parser, PassphrasePurpose::Open);
        if (!read)
            return std::unexpected(read.error());
        if (!read->has_value())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("workspace %1 is protected: set SIGNET_PASSPHRASE, use --passphrase-file FILE, "
                                       "or run on a terminal to be asked")
                            .arg(path));
        passphrase = **read;
        Crypto::wipe(**read);
    }
    auto workspace = Workspace::open(path, passphrase, Actor::Cli);
    Crypto::wipe(passphrase);
    if (!workspace)
        return std::unexpected(workspace.error().withContext(QStringLiteral("workspace %1").arg(path)));
    return workspace;
}

Result<QString> requireProject(const QCommandLineParser& parser, const QString& command)
{
    const QString project = parser.value(projectOption());
    if (project.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1: -p PROJECT is required").arg(command));
    return project;
}

QString tableTime(std::optional<qint64> when)
{
    if (!when)
        return QStringLiteral("-");
    return QDateTime::fromSecsSinceEpoch(*when, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString renderTable(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& header : headers)
        widths.append(header.size());
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    auto line = [&widths](const QStringList& cells) -> QString {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 == cells.size()) {
                text += cells[i];
            } else {
                text += cells[i].leftJustified(widths[i]);
                text += QStringLiteral("  ");
            }
        }
        text += QLatin1Char('\n');
        return text;
    };
    QString out = line(headers);
    for (const QStringList& row : rows)
        out += line(row);
    return out;
}

JsonValue jsonString(const QString& text)
{
    return JsonValue::string(text.toStdString());
}

JsonValue jsonStrings(const QStringList& texts)
{
    JsonValue::Array items;
    for (const QString& text : texts)
        items.push_back(jsonString(text));
    return JsonValue::array(std::move(items));
}

JsonValue jsonTime(std::optional<qint64> when)
{
    return when ? JsonValue::integer(*when) : JsonValue::null();
}

void printJson(const JsonValue& value)
{
    printOut(toText(value) + QLatin1Char('\n'));
}

} // namespace Signet::Cli

namespace Signet::Cli {

Result<ProjectSession> openProject(const QCommandLineParser& parser, const QString& command)
{
    auto project = requireProject(parser, command);
    if (!project)
        return std::unexpected(project.error());
    if (!parser.positionalArguments().isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: unexpected argument '%2'").arg(command, parser.positionalArguments().front()));
    auto workspace = openWorkspace(parser);
    if (!workspace)
        return std::unexpected(workspace.error());
    return ProjectSession{*project, std::move(*workspace)};
}

} // namespace Signet::Cli
