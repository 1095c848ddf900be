#pragma once

// `signet-cli serve --port 0` as a child process for the server interop tests: started on a workspace,
// its base URL read from the first line it prints, every request line it logs kept, and the process
// stopped (SIGTERM, then SIGKILL) when the object goes, whatever the test did in between.

#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>

namespace Signet::Test {

class ServeProcess
{
public:
    ServeProcess() = default;
    ~ServeProcess();
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    // Starts serve on the workspace with --port 0 and the extra arguments, and waits (up to 15 s) for
    // its "serving workspace ... at URL" line. False, with error() saying why, when it does not come.
    bool start(const QString& workspace, const QStringList& extraArguments = {});
    // SIGTERM and wait for the exit ("stopped"); SIGKILL if it does not come within 10 s.
    // True when serve exited on its own with code 0.
    bool stop();

    [[nodiscard]] QString baseUrl() const { return m_baseUrl; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString jwksUrl(const QString& project) const;
    [[nodiscard]] QString error() const { return m_error; }

    // Every complete stdout line so far (reads what is waiting first).
    QStringList lines();
    // Request lines ("HH:mm:ss.zzz METHOD PATH STATUS ...") for this method and path.
    int countRequests(const QString& method, const QString& path);
    // Waits until a line satisfies the predicate; false after the deadline.
    bool waitForLine(const std::function<bool(const QString&)>& predicate, int timeoutMs = 10000);
    // Everything it printed, for failure messages.
    QString transcript();

private:
    void readAvailable();

    QProcess m_process;
    QByteArray m_pending;
    QStringList m_lines;
    QByteArray m_stderr;
    QString m_baseUrl;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace Signet::Test
