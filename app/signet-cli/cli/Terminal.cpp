#include "cli/Terminal.h"

#include <csignal>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace Signet::Cli::Terminal {

namespace {

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// The terminal's settings while a prompt has turned echo off, restored when a signal ends the process.
int g_promptFd = -1;
termios g_savedTerminal{};

extern "C" void restoreTerminalAndExit(int signalNumber)
{
    if (g_promptFd >= 0)
        (void)::tcsetattr(g_promptFd, TCSAFLUSH, &g_savedTerminal);
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

// Echo off until destroyed; signals that end the process restore it first.
class EchoOff
{
public:
    explicit EchoOff(int fd)
        : m_fd(fd)
    {
        m_active = ::tcgetattr(fd, &m_saved) == 0;
        if (!m_active)
            return;
        g_savedTerminal = m_saved;
        g_promptFd = fd;
        for (int signalNumber : kSignals)
            std::signal(signalNumber, restoreTerminalAndExit);
        termios silent = m_saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        (void)::tcsetattr(fd, TCSAFLUSH, &silent);
    }
    ~EchoOff()
    {
        if (!m_active)
            return;
        (void)::tcsetattr(m_fd, TCSAFLUSH, &m_saved);
        for (int signalNumber : kSignals)
            std::signal(signalNumber, SIG_DFL);
        g_promptFd = -1;
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active = false;
};

QByteArray readLine(int fd)
{
    QByteArray line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') {
        if (line.size() > 4096)
            break;
        line.append(c);
    }
    while (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

Result<QByteArray> promptWithoutEcho(const QString& prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io, QStringLiteral("cannot open the terminal to ask for the passphrase"));
    QByteArray line;
    {
        EchoOff echoOff(fd);
        const QByteArray promptText = prompt.toUtf8();
        (void)!::write(fd, promptText.constData(), static_cast<std::size_t>(promptText.size()));
        line = readLine(fd);
    }
    (void)!::write(fd, "\n", 1);
    ::close(fd);
    return line;
}

} // namespace Signet::Cli::Terminal
