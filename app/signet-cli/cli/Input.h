#pragma once

#include "foundation/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Signet::Cli {

// Where a command reads its standard input from: the process's (a file descriptor, read to end of
// file however slowly a pipe delivers it) or, in a test, bytes given up front.
class Input
{
public:
    // Standard input beyond this is refused, never truncated.
    static constexpr qint64 kMaxSize = 1024 * 1024;

    static Input standardInput();
    static Input fromBytes(QByteArray bytes);

    [[nodiscard]] bool isTerminal() const { return m_terminal; }
    // All of standard input, up to kMaxSize; later calls return nothing.
    Result<QByteArray> readAll();
    // A file, or standard input for "-" (what --claims-file, --passphrase-file and -o take).
    Result<QByteArray> readFileOrStdin(const QString& path);
    // The token argument, or standard input when it is "-" or absent; Bearer prefixes and
    // surrounding whitespace removed.
    Result<QString> token(const QStringList& positional);

private:
    Input() = default;

    std::optional<int> m_fd;
    QByteArray m_bytes;
    bool m_consumed = false;
    bool m_terminal = false;
};

} // namespace Signet::Cli
