#include "commands/token/RemoteKeys.h"

#include "cli/TokenOptions.h"
#include "server/RemoteJwks.h"
#include "workspace/TokenPeek.h"

#include <QEventLoop>
#include <QFutureWatcher>

namespace Signet::Cli {

namespace {

// The command line waits for the network here, in a local event loop: the only blocking wait on a fetch.
Result<RemoteKeySet> waitFor(QFuture<Result<RemoteKeySet>> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<Result<RemoteKeySet>> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (future.isCanceled() || future.resultCount() != 1)
        return fail(ErrorCode::Internal, QStringLiteral("the key fetch was cancelled"));
    return future.result();
}

RemoteJwksOptions remoteOptions(const Context& context)
{
    RemoteJwksOptions options;
    if (context.isSet(RemoteKeyOptions::AllowHttp))
        options.fetch.plainHttp = PlainHttp::Allowed;
    if (auto timeout = RemoteKeyOptions::FetchTimeout.read(context.parser))
        options.fetch.timeout = std::chrono::milliseconds(*timeout);
    return options;
}

QString describeSource(const RemoteKeySet& set, bool issuerFromToken)
{
    QString source = QStringLiteral("the JWKS at %1").arg(displayUrl(set.url));
    if (!set.discoveredFrom.isEmpty()) {
        source += QStringLiteral(", named by %1").arg(displayUrl(set.discoveredFrom));
        if (issuerFromToken)
            source += QStringLiteral(" (discovered from the token's own iss, which nothing vouches for: give --iss "
                                     "to pin the issuer)");
    }
    return source;
}

} // namespace

const QCommandLineOption RemoteKeyOptions::JwksUrl(
    QStringLiteral("jwks-url"),
    QStringLiteral("Fetch the JWKS to verify with from URL (https; http only on this machine)."),
    QStringLiteral("URL"));
const QCommandLineOption RemoteKeyOptions::Discover(
    QStringLiteral("discover"),
    QStringLiteral("Find the JWKS by OpenID discovery from the issuer (--iss, else the token's iss)."));
const QCommandLineOption
    RemoteKeyOptions::AllowHttp(QStringLiteral("allow-http"),
                                QStringLiteral("With --jwks-url or --discover: allow plain http to other hosts."));
const IntegerOption RemoteKeyOptions::FetchTimeout({QStringLiteral("fetch-timeout")},
                                                   QStringLiteral("Give up on a fetch after MS milliseconds "
                                                                  "(default 5000)."),
                                                   QStringLiteral("MS"), 1, 60000,
                                                   QStringLiteral("a number of milliseconds from 1 to 60000"));

std::vector<OptionRef> RemoteKeyOptions::all()
{
    return {&JwksUrl, &Discover, &AllowHttp, &FetchTimeout};
}

bool RemoteKeyOptions::isRemote(const Context& context)
{
    return context.isSet(JwksUrl) || context.isSet(Discover);
}

Status RemoteKeyOptions::checkRemoteOnly(const Context& context)
{
    if (isRemote(context))
        return {};
    for (const QCommandLineOption* option : {&AllowHttp, static_cast<const QCommandLineOption*>(&FetchTimeout)}) {
        if (context.isSet(*option))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--%1 applies to --jwks-url URL and --discover").arg(option->names().first()));
    }
    return {};
}

Result<RemoteKeys> fetchRemoteKeys(const Context& context, const QString& token)
{
    const TokenPeek peek = peekToken(token.toStdString());
    RemoteJwks remote(remoteOptions(context));
    RemoteKeys keys;
    keys.kid = peek.kid;
    const bool issuerFromToken = !context.isSet(VerifyExpectationOptions::Issuer);
    QFuture<Result<RemoteKeySet>> future;
    if (context.isSet(RemoteKeyOptions::JwksUrl)) {
        future = remote.keysFor(QUrl(context.value(RemoteKeyOptions::JwksUrl), QUrl::StrictMode), peek.kid);
    } else {
        keys.issuer = issuerFromToken ? peek.claimText("iss") : context.value(VerifyExpectationOptions::Issuer);
        if (keys.issuer.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("--discover needs an issuer: the token has no iss claim (give --iss)"));
        future = remote.discover(keys.issuer, peek.kid);
    }
    auto fetched = waitFor(future);
    if (!fetched)
        return std::unexpected(fetched.error());
    keys.keys = *fetched->keys;
    keys.source = describeSource(*fetched, issuerFromToken);
    keys.json = JsonValue::object();
    keys.json.set("type", JsonValue::string(fetched->discoveredFrom.isEmpty() ? "jwks-url" : "discovery"));
    keys.json.set("url", JsonValue::string(displayUrl(fetched->url).toStdString()));
    if (!fetched->discoveredFrom.isEmpty()) {
        keys.json.set("discoveredFrom", JsonValue::string(displayUrl(fetched->discoveredFrom).toStdString()));
        keys.json.set("issuer", JsonValue::string(keys.issuer.toStdString()));
        keys.json.set("issuerFromToken", JsonValue::boolean(issuerFromToken));
    }
    if (!peek.kid.isEmpty() && fetched->kidLookup != KidLookup::Found)
        keys.missingKid = fetched->missingKidReason(peek.kid);
    return keys;
}

} // namespace Signet::Cli
