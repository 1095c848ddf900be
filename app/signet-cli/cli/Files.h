#pragma once

// Key files in, files out.

#include "cli/Command.h"
#include "jose/KeyFile.h"

namespace Signet::Cli {

// A key file (JWK, JWK set or PEM), decrypted with --pem-passphrase-file when it is an encrypted PEM.
Result<KeyFile::Loaded> loadKeys(Context& context, const QString& path);

enum class FileSecrecy
{
    Public,
    Secret // mode 0600
};
enum class Overwrite
{
    Refuse, // an existing file is an error that says --force
    Replace
};
// Writes atomically (QSaveFile).
Status writeFileAtomically(const QString& path, const QByteArray& data, FileSecrecy secrecy, Overwrite overwrite);

// Where -o sends a command's document: "-" means standard output.
bool isStandardOutput(const QString& path);

} // namespace Signet::Cli
