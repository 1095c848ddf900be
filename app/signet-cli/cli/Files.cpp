#include "cli/Files.h"

#include "cli/Options.h"
#include "crypto/SecureBytes.h"

#include <QFileInfo>
#include <QSaveFile>

namespace Signet::Cli {

Result<KeyFile::Loaded> loadKeys(Context& context, const QString& path)
{
    QByteArray passphrase;
    if (context.isSet(Options::PemPassphraseFile)) {
        auto data = context.input.readFileOrStdin(context.value(Options::PemPassphraseFile));
        if (!data)
            return std::unexpected(data.error());
        passphrase = *data;
        Crypto::wipe(*data);
        // A trailing newline is the editor's, not the passphrase's.
        while (passphrase.endsWith('\n') || passphrase.endsWith('\r'))
            passphrase.chop(1);
    }
    auto loaded = KeyFile::loadFile(path, passphrase);
    Crypto::wipe(passphrase);
    return loaded;
}

Status writeFileAtomically(const QString& path, const QByteArray& data, FileSecrecy secrecy, Overwrite overwrite)
{
    if (overwrite == Overwrite::Refuse && QFileInfo::exists(path))
        return fail(ErrorCode::Io, QStringLiteral("%1 already exists (use --force to replace it)").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (secrecy == FileSecrecy::Secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(data) != data.size() || !file.commit())
        return fail(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

bool isStandardOutput(const QString& path)
{
    return path == QLatin1String("-");
}

} // namespace Signet::Cli
