#pragma once

#include "cli/Input.h"
#include "cli/Output.h"
#include "foundation/Error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace Signet::Cli {

// Exit codes: the contract scripts rely on.
enum ExitCode : int
{
    Success = 0,
    TokenInvalid = 1,
    UsageError = 2
};

// Options given before the command ("signet-cli --workspace FILE key list ...").
struct GlobalOptions
{
    QString workspace;
    QString passphraseFile;
    QString member;
};

// What a running command sees: its parsed arguments, where it prints and reads, the global options.
struct Context
{
    const QCommandLineParser& parser;
    Output& output;
    Input& input;
    const GlobalOptions& global;

    [[nodiscard]] bool isSet(const QCommandLineOption& option) const { return parser.isSet(option); }
    [[nodiscard]] QString value(const QCommandLineOption& option) const { return parser.value(option); }
    [[nodiscard]] QStringList values(const QCommandLineOption& option) const { return parser.values(option); }
    [[nodiscard]] QStringList positional() const { return parser.positionalArguments(); }
};

// What run() returns: an exit code, or an error that execute() reports on one line, prefixed with the
// command's name, and exits 2 for.
using CommandResult = Result<int>;

// The positional arguments a command takes. With min == max == 1, any other count is "give exactly
// one NOUN"; with max == 0, any argument is unexpected.
struct Positional
{
    QString name; // "FILE"
    QString description;
    int min = 0;
    int max = 0;
    QString noun; // "key file"
};

class TypedOption;

// An option as a command declares it; typed options are remembered as such, so that their values
// are checked before the command runs.
struct OptionRef
{
    OptionRef(const QCommandLineOption* plain)
        : option(plain)
    {}
    OptionRef(const TypedOption* checked);
    const QCommandLineOption* option;
    const TypedOption* typed = nullptr;
};

// One CLI command ("key generate"): its name, help, options and arguments, as data; execute() parses,
// prints --help, checks the arguments and every typed option, then runs it.
class Command
{
public:
    virtual ~Command() = default;

    [[nodiscard]] const QString& name() const { return m_name; }
    [[nodiscard]] const QString& summary() const { return m_summary; }
    [[nodiscard]] QString group() const { return m_name.section(QLatin1Char(' '), 0, 0); }
    [[nodiscard]] QString help(const QCommandLineParser& parser) const;

    int execute(const QStringList& arguments, Output& output, Input& input, const GlobalOptions& global) const;

protected:
    Command(QString name, QString synopsis, QString summary, QString details = {});
    void addOption(OptionRef option);
    void addOptions(const std::vector<OptionRef>& options);
    // An option the command cannot run without; `missing` is the error when it is not given.
    void addRequiredOption(OptionRef option, QString missing);
    void setPositional(Positional positional) { m_positional = std::move(positional); }

    // Checks that need nothing but the arguments (options that exclude each other, a required one),
    // before run() opens anything.
    [[nodiscard]] virtual Status validate(const Context& context) const;
    virtual CommandResult run(Context& context) const = 0;

private:
    [[nodiscard]] Status checkArguments(const QCommandLineParser& parser) const;

    QString m_name;
    QString m_synopsis;
    QString m_summary;
    QString m_details;
    std::vector<OptionRef> m_options;
    std::vector<std::pair<const QCommandLineOption*, QString>> m_required;
    Positional m_positional;
};

using CommandList = std::vector<std::unique_ptr<Command>>;

} // namespace Signet::Cli
