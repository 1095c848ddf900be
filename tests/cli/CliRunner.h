#pragma once

// Runs signet-cli (and other programs) the way a user does: a separate process, arguments, stdin,
// and the exit code, stdout and stderr it leaves. Shared by the CLI and interop tests.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Signet::Test {

struct RunResult
{
    QString command; // for failure messages
    bool started = false;
    bool finished = false; // false: crashed or timed out
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    [[nodiscard]] QString stdoutText() const { return QString::fromUtf8(out); }
    [[nodiscard]] QString stderrText() const { return QString::fromUtf8(err); }
    // The first stdout line, trimmed (a minted token, a thumbprint).
    [[nodiscard]] QString firstLine() const;
    // Exactly one line on stderr, starting "signet-cli: ".
    [[nodiscard]] bool hasSingleErrorLine() const;
    // Everything a failing assertion needs to show.
    [[nodiscard]] QString describe() const;
};

// "key list -p demo" -> {"key", "list", "-p", "demo"}: commands whose arguments have no spaces.
QStringList words(const char* text);

// Path of the signet-cli under test (SIGNET_CLI_PATH).
QString cliPath();

RunResult runProgram(const QString& program, const QStringList& arguments, const QByteArray& input = {},
                     const QString& workingDirectory = {}, int timeoutMs = 30000);
// signet-cli with these arguments: in this process (the commands are a library) where the test is
// built with SIGNET_CLI_IN_PROCESS, else as a separate process. Both give the same exit code,
// stdout and stderr; the process-level tests (exit codes, stdin, signals) keep the process.
RunResult runCli(const QStringList& arguments, const QByteArray& input = {}, const QString& workingDirectory = {});
// Always as a separate process.
RunResult runCliProcess(const QStringList& arguments, const QByteArray& input = {},
                        const QString& workingDirectory = {});

// The JSON object printed on stdout (empty when stdout is not one JSON object).
QJsonObject stdoutJson(const RunResult& result);

// Decodes one base64url segment of a compact token as a JSON object (0 header, 1 claims).
QJsonObject tokenPart(const QString& token, int index);
// The token with the first character of its payload (or signature) segment changed.
QString tamperPayload(const QString& token);
QString tamperSignature(const QString& token);

bool writeFile(const QString& path, const QByteArray& data);
QByteArray readFile(const QString& path);
// The mode bits (st_mode & 0777) of a file, -1 when it cannot be stat'ed.
int fileMode(const QString& path);

} // namespace Signet::Test

// Assertions that print the whole run when they fail. Each evaluates its run argument once.
#define SIGNET_EXPECT_EXIT(result, code)                                                                               \
    do {                                                                                                               \
        const ::Signet::Test::RunResult& signetExitRun = (result);                                                     \
        QVERIFY2(signetExitRun.finished&& signetExitRun.exitCode == (code),                                            \
                 qPrintable(QStringLiteral("expected exit %1\n").arg(code) + signetExitRun.describe()));               \
    } while (false)

#define SIGNET_EXPECT_SUCCESS(result)                                                                                  \
    do {                                                                                                               \
        const ::Signet::Test::RunResult& signetSuccessRun = (result);                                                  \
        SIGNET_EXPECT_EXIT(signetSuccessRun, 0);                                                                       \
        QVERIFY2(signetSuccessRun.err.isEmpty(),                                                                       \
                 qPrintable(QStringLiteral("stderr should be empty\n") + signetSuccessRun.describe()));                \
    } while (false)

// Exit code, exactly one "signet-cli: " line on stderr, and that line containing the text.
#define SIGNET_EXPECT_ERROR(result, code, text)                                                                        \
    do {                                                                                                               \
        const ::Signet::Test::RunResult& signetErrorRun = (result);                                                    \
        SIGNET_EXPECT_EXIT(signetErrorRun, code);                                                                      \
        QVERIFY2(                                                                                                      \
            signetErrorRun.hasSingleErrorLine(),                                                                       \
            qPrintable(QStringLiteral("stderr should be one 'signet-cli: ' line\n") + signetErrorRun.describe()));     \
        QVERIFY2(signetErrorRun.stderrText().contains(text, Qt::CaseInsensitive),                                      \
                 qPrintable(QStringLiteral("stderr should mention '%1'\n").arg(text) + signetErrorRun.describe()));    \
    } while (false)
