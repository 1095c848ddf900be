#include "cli/Options.h"

namespace Signet::Cli {

const QCommandLineOption
    Options::Workspace(QStringLiteral("workspace"),
                       QStringLiteral("Workspace file (default: SIGNET_WORKSPACE, else the app data folder)."),
                       QStringLiteral("FILE"));

const QCommandLineOption Options::PassphraseFile(
    QStringLiteral("passphrase-file"),
    QStringLiteral("File holding the workspace passphrase (default: SIGNET_PASSPHRASE, else asked)."),
    QStringLiteral("FILE"));

const QCommandLineOption
    Options::Member(QStringLiteral("member"),
                    QStringLiteral("Who opens a workspace with members (default: SIGNET_MEMBER, else the login name)."),
                    QStringLiteral("NAME"));

const QCommandLineOption Options::Project({QStringLiteral("p"), QStringLiteral("project")},
                                          QStringLiteral("Workspace project id."), QStringLiteral("ID"));

const QCommandLineOption Options::Json(QStringLiteral("json"), QStringLiteral("Print JSON."));

const QCommandLineOption
    Options::PemPassphraseFile(QStringLiteral("pem-passphrase-file"),
                               QStringLiteral("File holding the passphrase of an encrypted PEM key."),
                               QStringLiteral("FILE"));

} // namespace Signet::Cli
