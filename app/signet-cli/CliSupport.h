#pragma once

#include "foundation/Error.h"
#include "foundation/JsonValue.h"
#include "jose/KeyFile.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <QByteArray>
#include <QString>

namespace Signet::Cli {

void printOut(const QString& text);   // stdout, as is
void printError(const QString& line); // one line on stderr, prefixed "signet-cli: "
// Prints the error and returns the usage/input exit code.
int reportError(const Error& error);
int reportError(const QString& message);

// The token from the argument, or from stdin when the argument is "-" or absent.
Result<QString> readTokenArgument(const QStringList& positional);
Result<QByteArray> readFileOrStdin(const QString& path);

// Writes atomically (QSaveFile); secret files get mode 0600. Refuses to replace a file unless told.
enum class FileSecrecy
{
    Public,
    Secret
};
Status writeFileAtomically(const QString& path, const QByteArray& data, FileSecrecy secrecy, bool overwrite);

// --claim VALUE: JSON when it parses as JSON, else the text as a string.
JsonValue claimValue(const QString& text);

// --pem-passphrase-file FILE, for encrypted PEM keys; and loading a --key file with it.
const QCommandLineOption& pemPassphraseOption();
Result<KeyFile::Loaded> loadKeys(const QCommandLineParser& parser, const QString& path);

QString toText(const JsonValue& value, bool indented = true);

} // namespace Signet::Cli
