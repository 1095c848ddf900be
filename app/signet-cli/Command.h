#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

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

// One CLI command ("key generate"): its name, help, options and run().
class Command
{
public:
    virtual ~Command() = default;
    [[nodiscard]] virtual QString name() const = 0;     // "key generate"
    [[nodiscard]] virtual QString synopsis() const = 0; // the arguments after the name
    [[nodiscard]] virtual QString summary() const = 0;  // one line
    [[nodiscard]] virtual QString details() const { return {}; }
    virtual void configure(QCommandLineParser& parser) const = 0;
    virtual int run(const QCommandLineParser& parser) const = 0;
};

using CommandList = std::vector<std::unique_ptr<Command>>;

// Parses arguments for the command and runs it; prints help for --help and usage errors on stderr.
int dispatch(const Command& command, const QStringList& arguments);

} // namespace Signet::Cli
