#include "CliRunner.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>

#include <sys/stat.h>

#ifdef SIGNET_CLI_IN_PROCESS
#include "cli/CommandLine.h"
#endif

namespace Signet::Test {

QString RunResult::firstLine() const
{
    return stdoutText().section(QLatin1Char('\n'), 0, 0).trimmed();
}

bool RunResult::hasSingleErrorLine() const
{
    return err.startsWith("signet-cli: ") && err.endsWith('\n') && err.count('\n') == 1;
}

QString RunResult::describe() const
{
    return QStringLiteral("$ %1\n  started %2, finished %3, exit %4\n  stdout: %5\n  stderr: %6")
        .arg(command)
        .arg(started)
        .arg(finished)
        .arg(exitCode)
        .arg(stdoutText().left(3000), stderrText().left(3000));
}

QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString cliPath()
{
    return QStringLiteral(SIGNET_CLI_PATH);
}

RunResult runProgram(const QString& program, const QStringList& arguments, const QByteArray& input,
                     const QString& workingDirectory, int timeoutMs)
{
    RunResult result;
    result.command = program.section(QLatin1Char('/'), -1) + QLatin1Char(' ') + arguments.join(QLatin1Char(' '));
    QProcess process;
    // A user's environment, minus anything that could change the output under test.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    result.started = process.waitForStarted(10000);
    if (!result.started)
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.finished = process.exitStatus() == QProcess::NormalExit && process.state() == QProcess::NotRunning;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

RunResult runCliProcess(const QStringList& arguments, const QByteArray& input, const QString& workingDirectory)
{
    return runProgram(cliPath(), arguments, input, workingDirectory);
}

#ifdef SIGNET_CLI_IN_PROCESS
RunResult runCli(const QStringList& arguments, const QByteArray& input, const QString& workingDirectory)
{
    RunResult result;
    result.command = QStringLiteral("signet-cli (in process) ") + arguments.join(QLatin1Char(' '));
    // signet-cli's names, so that the default workspace is where the binary would look.
    QCoreApplication::setOrganizationName(QStringLiteral("Signet"));
    QCoreApplication::setApplicationName(QStringLiteral("Signet"));
    const QString previousDirectory = QDir::currentPath();
    if (!workingDirectory.isEmpty())
        QDir::setCurrent(workingDirectory);
    QBuffer out(&result.out), err(&result.err);
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Cli::Output output(out, err);
    Cli::Input stdinInput = Cli::Input::fromBytes(input);
    result.started = true;
    result.exitCode = Cli::run(arguments, output, stdinInput);
    result.finished = true;
    QDir::setCurrent(previousDirectory);
    return result;
}
#else
RunResult runCli(const QStringList& arguments, const QByteArray& input, const QString& workingDirectory)
{
    return runCliProcess(arguments, input, workingDirectory);
}
#endif

QJsonObject stdoutJson(const RunResult& result)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

QJsonObject tokenPart(const QString& token, int index)
{
    const QByteArray segment = token.section(QLatin1Char('.'), index, index).toLatin1();
    const QByteArray json =
        QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(json).object();
}

namespace {

// Changes the first character of a segment to another base64url character.
QString tamperSegment(const QString& token, int index)
{
    QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts[index].isEmpty())
        return token;
    QString& segment = parts[index];
    segment[0] = segment[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    return parts.join(QLatin1Char('.'));
}

} // namespace

QString tamperPayload(const QString& token)
{
    // Re-encode a modified claims object: a realistic edit that keeps the token well formed.
    QJsonObject claims = tokenPart(token, 1);
    if (claims.isEmpty())
        return tamperSegment(token, 1);
    claims.insert(QStringLiteral("sub"), QStringLiteral("admin"));
    const QByteArray payload = QJsonDocument(claims)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QStringList parts = token.split(QLatin1Char('.'));
    parts[1] = QString::fromLatin1(payload);
    return parts.join(QLatin1Char('.'));
}

QString tamperSignature(const QString& token)
{
    return tamperSegment(token, 2);
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int fileMode(const QString& path)
{
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

} // namespace Signet::Test
