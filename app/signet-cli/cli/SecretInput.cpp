#include "cli/SecretInput.h"

#include "cli/Terminal.h"
#include "workspace/ApiKeyService.h"

namespace Signet::Cli {

namespace {

// One line break is the editor's (or echo's); anything more is the file's content and is refused.
void chopOneLineBreak(QByteArray& data)
{
    if (data.endsWith("\r\n"))
        data.chop(2);
    else if (data.endsWith('\n'))
        data.chop(1);
}

Result<QByteArray> readRaw(Context& context, QString& origin)
{
    if (context.isSet(SecretOptions::SecretFile)) {
        const QString path = context.value(SecretOptions::SecretFile);
        origin = QStringLiteral("--secret-file %1").arg(path);
        auto data = context.input.readFileOrStdin(path);
        if (!data)
            return std::unexpected(data.error().withContext(QStringLiteral("--secret-file")));
        chopOneLineBreak(*data);
        return data;
    }
    const QString variable = context.value(SecretOptions::SecretEnv);
    origin = QStringLiteral("--secret-env %1").arg(variable);
    if (variable.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("--secret-env needs the name of a variable"));
    if (!qEnvironmentVariableIsSet(variable.toLocal8Bit().constData()))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("--secret-env: the environment variable %1 is not set").arg(variable));
    return qgetenv(variable.toLocal8Bit().constData());
}

} // namespace

const QCommandLineOption SecretOptions::SecretFile(
    QStringLiteral("secret-file"),
    QStringLiteral("Read the secret from FILE (as is, one trailing line break removed; - for stdin)."),
    QStringLiteral("FILE"));
const QCommandLineOption SecretOptions::SecretEnv(QStringLiteral("secret-env"),
                                                  QStringLiteral("Read the secret from the environment variable VAR."),
                                                  QStringLiteral("VAR"));

std::vector<OptionRef> SecretOptions::all()
{
    return {&SecretFile, &SecretEnv};
}

bool SecretOptions::isSet(const Context& context)
{
    return context.isSet(SecretFile) || context.isSet(SecretEnv);
}

Status SecretOptions::checkExclusive(const Context& context)
{
    if (context.isSet(SecretFile) && context.isSet(SecretEnv))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("--secret-file and --secret-env are both sources of the secret: give one"));
    return {};
}

QString secretReadingHelp()
{
    return QStringLiteral(
        "The secret is never taken from the command line (shell history, ps). --secret-file FILE is read as\n"
        "it is, with one trailing line break (\\n or \\r\\n) removed; - reads standard input. --secret-env VAR\n"
        "is used as it is. An empty secret, or one with a control character, is refused.");
}

Result<std::optional<Crypto::SecureBytes>> readSecret(Context& context, SecretPrompt prompt, const QString& promptText)
{
    QString origin;
    QByteArray raw;
    if (SecretOptions::isSet(context)) {
        auto read = readRaw(context, origin);
        if (!read)
            return std::unexpected(read.error());
        raw = std::move(*read);
    } else if (prompt == SecretPrompt::OnTerminal && context.input.isTerminal()) {
        origin = QStringLiteral("the terminal");
        auto read = Terminal::promptWithoutEcho(promptText);
        if (!read)
            return std::unexpected(read.error());
        raw = std::move(*read);
    } else {
        return std::optional<Crypto::SecureBytes>();
    }
    Crypto::SecureBytes secret(raw);
    Crypto::wipe(raw);
    if (auto text = ApiKeyService::checkSecretText(secret.view()); !text)
        return std::unexpected(text.error().withContext(origin));
    return std::optional<Crypto::SecureBytes>(std::move(secret));
}

QString secretFormNote()
{
    return QStringLiteral("VideoSDK-style code passes this string as is; a JWK's k is base64url of these bytes and "
                          "must be decoded first.");
}

} // namespace Signet::Cli
