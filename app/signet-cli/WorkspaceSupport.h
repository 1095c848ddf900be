#pragma once

// What the workspace commands share: where the workspace file is, how its passphrase is found, the
// options every workspace command accepts, and the table and JSON helpers of their output.

#include "foundation/Error.h"
#include "foundation/JsonValue.h"
#include "workspace/Workspace.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>
#include <optional>

namespace Signet::Cli {

// Options given before the command ("signet-cli --workspace FILE key list ..."); main() fills them in.
struct GlobalOptions
{
    QString workspace;
    QString passphraseFile;
};
GlobalOptions& globalOptions();
// Takes the leading global options off `arguments` (which start after the program name).
Result<QStringList> takeGlobalOptions(QStringList arguments);
// The text the overview prints about them.
QString globalOptionsHelp();

const QCommandLineOption& workspaceOption();
const QCommandLineOption& passphraseFileOption();
const QCommandLineOption& projectOption();
// --workspace and --passphrase-file, accepted after the command too.
void addWorkspaceOptions(QCommandLineParser& parser);

// --workspace (after the command, then before it), else SIGNET_WORKSPACE, else the default file.
QString workspacePath(const QCommandLineParser& parser);

// Where the passphrase comes from: --passphrase-file, else SIGNET_PASSPHRASE, else a prompt (no echo)
// when standard input is a terminal. nullopt: none of these is available.
enum class PassphrasePurpose
{
    Open,
    Create // asks twice on a terminal
};
Result<std::optional<QByteArray>> readPassphrase(const QCommandLineParser& parser, PassphrasePurpose purpose);

// Opens the workspace (actor: CLI), asking for the passphrase only when it is protected.
Result<std::unique_ptr<Workspace>> openWorkspace(const QCommandLineParser& parser);

// The project of -p; an error naming the command when it is missing.
Result<QString> requireProject(const QCommandLineParser& parser, const QString& command);

// What most project commands start with: -p, no stray arguments, and the workspace open.
struct ProjectSession
{
    QString project;
    std::unique_ptr<Workspace> workspace;
};
Result<ProjectSession> openProject(const QCommandLineParser& parser, const QString& command);

// "2026-11-22 14:13:05" (UTC) for tables, "-" for none.
QString tableTime(std::optional<qint64> when);
// Columns padded to their widest cell; the last column is not padded.
QString renderTable(const QStringList& headers, const QList<QStringList>& rows);

JsonValue jsonString(const QString& text);
JsonValue jsonStrings(const QStringList& texts);
JsonValue jsonTime(std::optional<qint64> when); // Unix seconds or null
// Prints a JSON document (indented) and a newline on stdout.
void printJson(const JsonValue& value);

} // namespace Signet::Cli
