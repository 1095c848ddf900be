#pragma once

// Where a workspace lives, from what the user gave (--workspace, SIGNET_WORKSPACE, the console's
// Open dialog): a file path opens SQLite, postgresql://USER@HOST:PORT/DB a team workspace on
// PostgreSQL (postgresql://USER@/DB?host=/run/postgresql through a local server's Unix socket, as
// libpq spells it), and any other scheme:// is an error, never taken for a file path (which would create
// a folder named "scheme:").

#include "foundation/Error.h"

#include <QUrl>

namespace Signet {

struct WorkspaceLocation
{
    enum class Kind
    {
        File,
        PostgreSql,
    };
    Kind kind = Kind::File;
    QString path; // Kind::File
    QUrl url;     // Kind::PostgreSql: user, host, port (5432 unless given), database, sslmode, host=/DIR

    static Result<WorkspaceLocation> parse(const QString& text);
    // Kind::PostgreSql: the server's host name, or the directory of its Unix socket.
    [[nodiscard]] QString serverHost() const;
    // For messages and the audit log: the URL without its password.
    [[nodiscard]] QString display() const;
};

} // namespace Signet
