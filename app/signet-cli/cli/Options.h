#pragma once

#include <QCommandLineOption>

namespace Signet::Cli {

// The options several commands share, declared once. Options of one command are static members of
// that command.
struct Options
{
    static const QCommandLineOption Workspace;
    static const QCommandLineOption PassphraseFile;
    static const QCommandLineOption Member;
    static const QCommandLineOption Project;
    static const QCommandLineOption Json;
    static const QCommandLineOption PemPassphraseFile;
};

} // namespace Signet::Cli
