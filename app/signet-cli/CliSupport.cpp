#include "CliSupport.h"

#include "crypto/SecureBytes.h"
#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "jose/TokenInspection.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace Signet::Cli {

namespace {
constexpr qint64 kMaxInputSize = 16 * 1024 * 1024;
}

void printOut(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<std::size_t>(utf8.size()), stdout);
    std::fflush(stdout);
}

void printError(const QString& line)
{
    QString single = line;
    single.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray utf8 = (QStringLiteral("signet-cli: ") + single + QLatin1Char('\n')).toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<std::size_t>(utf8.size()), stderr);
}

int reportError(const Error& error)
{
    printError(error.message);
    return 2;
}

int reportError(const QString& message)
{
    printError(message);
    return 2;
}

Result<QByteArray> readFileOrStdin(const QString& path)
{
    QFile file;
    if (path == QLatin1String("-")) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return fail(ErrorCode::Io, QStringLiteral("cannot read standard input"));
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    QByteArray data = file.read(kMaxInputSize + 1);
    if (data.size() > kMaxInputSize)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is larger than 16 MiB")
                        .arg(path == QLatin1String("-") ? QStringLiteral("standard input") : path));
    return data;
}

Result<QString> readTokenArgument(const QStringList& positional)
{
    if (positional.size() > 1)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("give one token (or '-' to read it from standard input)"));
    QString token;
    if (positional.isEmpty() || positional.front() == QLatin1String("-")) {
        auto data = readFileOrStdin(QStringLiteral("-"));
        if (!data)
            return std::unexpected(data.error());
        token = QString::fromUtf8(*data);
    } else {
        token = positional.front();
    }
    token = TokenInspection::normalize(token);
    if (token.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("no token given (pass it as an argument or on standard input)"));
    return token;
}

Status writeFileAtomically(const QString& path, const QByteArray& data, FileSecrecy secrecy, bool overwrite)
{
    if (!overwrite && QFileInfo::exists(path))
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

JsonValue claimValue(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    auto parsed = StrictJson::parse(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    return parsed ? std::move(*parsed) : JsonValue::string(utf8.toStdString());
}

const QCommandLineOption& pemPassphraseOption()
{
    static const QCommandLineOption option(QStringLiteral("pem-passphrase-file"),
                                           QStringLiteral("File holding the passphrase of an encrypted PEM key."),
                                           QStringLiteral("FILE"));
    return option;
}

Result<KeyFile::Loaded> loadKeys(const QCommandLineParser& parser, const QString& path)
{
    QByteArray passphrase;
    if (parser.isSet(pemPassphraseOption())) {
        auto data = readFileOrStdin(parser.value(pemPassphraseOption()));
        if (!data)
            return std::unexpected(data.error());
        passphrase = *data;
        // A trailing newline is the editor's, not the passphrase's.
        while (passphrase.endsWith('\n') || passphrase.endsWith('\r'))
            passphrase.chop(1);
    }
    auto loaded = KeyFile::loadFile(path, passphrase);
    Crypto::wipe(passphrase);
    return loaded;
}

QString toText(const JsonValue& value, bool indented)
{
    return QString::fromStdString(
        JsonWriter::write(value, indented ? JsonWriter::Style::Indented : JsonWriter::Style::Compact));
}

} // namespace Signet::Cli
