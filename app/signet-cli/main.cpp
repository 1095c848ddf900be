// signet-cli: the command-line front end. main() only hands the arguments and the process's streams
// to the command line (cli/CommandLine.h).

#include "cli/CommandLine.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The GUI's names, so that the default workspace is the GUI's (its app data folder).
    QCoreApplication::setOrganizationName(QStringLiteral("Signet"));
    QCoreApplication::setApplicationName(QStringLiteral("Signet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNET_VERSION));

    QFile out, err;
    (void)out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
    (void)err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    Signet::Cli::Output output(out, err);
    Signet::Cli::Input input = Signet::Cli::Input::standardInput();
    return Signet::Cli::run(QCoreApplication::arguments().mid(1), output, input);
}
