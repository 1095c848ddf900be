#include "ServeProcess.h"

#include "CliRunner.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUrl>

namespace Signet::Test {

ServeProcess::~ServeProcess()
{
    stop();
}

bool ServeProcess::start(const QString& workspace, const QStringList& extraArguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    m_process.setProcessEnvironment(environment);
    m_process.start(cliPath(), QStringList{QStringLiteral("--workspace"), workspace, QStringLiteral("serve"),
                                           QStringLiteral("--port"), QStringLiteral("0")} +
                                   extraArguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("serve did not start: ") + m_process.errorString();
        return false;
    }
    static const QRegularExpression announced(QStringLiteral("^serving workspace .* at (\\S+) \\(Ctrl\\+C stops\\)$"));
    QString url;
    const bool seen = waitForLine(
        [&url](const QString& line) {
            const auto match = announced.match(line);
            if (match.hasMatch())
                url = match.captured(1);
            return match.hasMatch();
        },
        15000);
    if (!seen) {
        m_error = QStringLiteral("serve did not announce its URL:\n") + transcript();
        return false;
    }
    m_baseUrl = url;
    m_port = static_cast<quint16>(QUrl(url).port());
    return m_port != 0;
}

bool ServeProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return false;
    }
    readAvailable();
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

QString ServeProcess::jwksUrl(const QString& project) const
{
    return m_baseUrl + QStringLiteral("/p/") + project + QStringLiteral("/.well-known/jwks.json");
}

void ServeProcess::readAvailable()
{
    m_pending += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        m_lines.append(QString::fromUtf8(m_pending.left(newline)));
        m_pending.remove(0, newline + 1);
    }
}

QStringList ServeProcess::lines()
{
    readAvailable();
    return m_lines;
}

int ServeProcess::countRequests(const QString& method, const QString& path)
{
    readAvailable();
    const QString needle = QLatin1Char(' ') + method + QLatin1Char(' ') + path + QLatin1Char(' ');
    int count = 0;
    for (const QString& line : std::as_const(m_lines)) {
        if (line.contains(needle))
            ++count;
    }
    return count;
}

bool ServeProcess::waitForLine(const std::function<bool(const QString&)>& predicate, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    qsizetype checked = 0;
    for (;;) {
        readAvailable();
        for (; checked < m_lines.size(); ++checked) {
            if (predicate(m_lines.at(checked)))
                return true;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return false;
        m_process.waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(100))));
    }
}

QString ServeProcess::transcript()
{
    readAvailable();
    return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + QString::fromUtf8(m_pending) +
           QStringLiteral("\nstderr: ") + QString::fromUtf8(m_stderr);
}

} // namespace Signet::Test
