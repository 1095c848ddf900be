#include "workspace/WorkspaceLocation.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace Signet {

namespace {

const QStringList& sslModes()
{
    static const QStringList modes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

Result<WorkspaceLocation> postgreSql(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    const auto wrong = [&text](const QString& why) {
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1: %2 (postgresql://USER@HOST:PORT/DB?sslmode=…)")
                                                    .arg(QUrl(text).toDisplayString(QUrl::RemovePassword), why));
    };
    if (!url.isValid())
        return wrong(QStringLiteral("not a valid URL: %1").arg(url.errorString()));
    if (url.userName().isEmpty())
        return wrong(QStringLiteral("no user"));
    const QString database = url.path().mid(1);
    if (database.isEmpty() || database.contains(QLatin1Char('/')))
        return wrong(QStringLiteral("name one database after the host, as /DB"));
    const QUrlQuery query(url);
    if (query.allQueryItemValues(QStringLiteral("host")).size() > 1)
        return wrong(QStringLiteral("more than one socket directory (host=…): give one"));
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name == QStringLiteral("host")) {
            // As libpq takes it: a directory that holds the server's Unix socket.
            if (!value.startsWith(QLatin1Char('/')))
                return wrong(QStringLiteral("host=%1 is not a socket directory: give its absolute path, or put a "
                                            "network host after the @")
                                 .arg(value));
            if (!url.host().isEmpty())
                return wrong(QStringLiteral("both a host (%1) and a socket directory (host=%2): give one")
                                 .arg(url.host(), value));
            continue;
        }
        if (name != QStringLiteral("sslmode"))
            return wrong(QStringLiteral("'%1' is not an option Signet takes; only sslmode and host (a socket "
                                        "directory) are")
                             .arg(name));
        if (!sslModes().contains(value))
            return wrong(
                QStringLiteral("sslmode '%1' is not one of %2").arg(value, sslModes().join(QStringLiteral(", "))));
    }
    if (url.host().isEmpty() && !query.hasQueryItem(QStringLiteral("host")))
        return wrong(QStringLiteral("no host (a local server's socket directory goes in ?host=/DIR)"));
    WorkspaceLocation location;
    location.kind = WorkspaceLocation::Kind::PostgreSql;
    location.url = url;
    return location;
}

} // namespace

Result<WorkspaceLocation> WorkspaceLocation::parse(const QString& text)
{
    if (text.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("no workspace given: a file path or a postgresql:// URL"));
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const auto match = scheme.match(text);
    if (!match.hasMatch()) {
        WorkspaceLocation location;
        location.path = text;
        return location;
    }
    const QString name = match.captured(1).toLower();
    if (name == QStringLiteral("postgresql") || name == QStringLiteral("postgres"))
        return postgreSql(text);
    if (name == QStringLiteral("file")) {
        const QUrl url(text);
        if (!url.isLocalFile() || url.toLocalFile().isEmpty())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("%1: not a local file").arg(text));
        WorkspaceLocation location;
        location.path = url.toLocalFile();
        return location;
    }
    return fail(ErrorCode::InvalidArgument,
                QStringLiteral("'%1://' is not a kind of workspace Signet opens: give a file path, or "
                               "postgresql://USER@HOST:PORT/DB for a team workspace")
                    .arg(match.captured(1)));
}

QString WorkspaceLocation::serverHost() const
{
    const QString socketDirectory = QUrlQuery(url).queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    return socketDirectory.isEmpty() ? url.host() : socketDirectory;
}

QString WorkspaceLocation::display() const
{
    return kind == Kind::File ? path : url.toDisplayString(QUrl::RemovePassword);
}

} // namespace Signet
