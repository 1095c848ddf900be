#include "cli/Input.h"

#include "jose/TokenInspection.h"

#include <QFile>

#include <cerrno>
#include <unistd.h>

namespace Signet::Cli {

namespace {

constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024))
                                : QStringLiteral("%1 KiB").arg(bytes / 1024);
}

// Blocking reads until end of file: a pipe may deliver its bytes in many pieces, slowly.
Result<QByteArray> readToEnd(int fd, qint64 limit)
{
    QByteArray data;
    char buffer[16384];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got == 0)
            return data;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return fail(ErrorCode::Io, QStringLiteral("cannot read standard input: %1").arg(qt_error_string(errno)));
        }
        if (data.size() + got > limit)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("standard input is larger than %1; nothing was read").arg(sizeText(limit)));
        data.append(buffer, got);
    }
}

} // namespace

Input Input::standardInput()
{
    Input input;
    input.m_fd = STDIN_FILENO;
    input.m_terminal = ::isatty(STDIN_FILENO) == 1;
    return input;
}

Input Input::fromBytes(QByteArray bytes)
{
    Input input;
    input.m_bytes = std::move(bytes);
    return input;
}

Result<QByteArray> Input::readAll()
{
    if (m_consumed)
        return QByteArray();
    m_consumed = true;
    if (m_fd)
        return readToEnd(*m_fd, kMaxSize);
    if (m_bytes.size() > kMaxSize)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("standard input is larger than %1; nothing was read").arg(sizeText(kMaxSize)));
    return std::exchange(m_bytes, QByteArray());
}

Result<QByteArray> Input::readFileOrStdin(const QString& path)
{
    if (path == QLatin1String("-"))
        return readAll();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray data = file.read(kMaxFileSize + 1);
    if (data.size() > kMaxFileSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is larger than 16 MiB").arg(path));
    return data;
}

Result<QString> Input::token(const QStringList& positional)
{
    if (positional.size() > 1)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("give one token (or '-' to read it from standard input)"));
    QString token;
    if (positional.isEmpty() || positional.front() == QLatin1String("-")) {
        auto data = readAll();
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

} // namespace Signet::Cli
