#include "server/HttpFetch.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <memory>
#include <optional>

namespace Signet {

namespace {

struct FetchState
{
    QUrl current; // the URL being fetched, after the redirects followed so far
    FetchPolicy policy;
    QByteArray body;
    int redirects = 0;
    std::optional<Error> aborted; // why Signet aborted the reply, which then reports "canceled"
    QStringList tlsErrors;
    QElapsedTimer started; // the timeout covers the whole fetch, a repeated request included
    bool repeated = false;
};

QString hostAndPort(const QUrl& url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QString host = url.host().contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(url.host()) : url.host();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

QNetworkRequest makeRequest(const QUrl& url, const FetchPolicy& policy)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(policy.maxRedirects);
    // RemoteJwks keeps its own cache, with its own bounds.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setRawHeader("Accept", "application/jwk-set+json, application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Signet"));
    if (!policy.extraCaCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(policy.extraCaCertificates);
        request.setSslConfiguration(tls);
    }
    return request;
}

Error tooLarge(const FetchState& state)
{
    return {ErrorCode::InvalidInput, QStringLiteral("the answer from %1 is larger than %2 bytes (refused)")
                                         .arg(hostAndPort(state.current))
                                         .arg(state.policy.maxBodySize)};
}

Error transportFailure(const QNetworkReply& reply, const FetchState& state)
{
    const QUrl& url = state.current;
    switch (reply.error()) {
    case QNetworkReply::HostNotFoundError:
        return {ErrorCode::Io, QStringLiteral("cannot resolve host %1").arg(url.host())};
    case QNetworkReply::ConnectionRefusedError:
        return {ErrorCode::Io, QStringLiteral("connection to %1 refused").arg(hostAndPort(url))};
    case QNetworkReply::RemoteHostClosedError:
        return {ErrorCode::Io, QStringLiteral("%1 closed the connection before answering").arg(hostAndPort(url))};
    case QNetworkReply::TimeoutError:
        return {ErrorCode::Io, QStringLiteral("%1 timed out").arg(hostAndPort(url))};
    case QNetworkReply::SslHandshakeFailedError: {
        const QString why =
            state.tlsErrors.isEmpty() ? reply.errorString() : state.tlsErrors.join(QStringLiteral("; "));
        return {ErrorCode::Io, QStringLiteral("TLS handshake with %1 failed: %2").arg(hostAndPort(url), why)};
    }
    case QNetworkReply::TooManyRedirectsError:
        return {ErrorCode::InvalidInput,
                QStringLiteral("more than %1 redirects from %2").arg(state.policy.maxRedirects).arg(displayUrl(url))};
    default:
        return {ErrorCode::Io, QStringLiteral("fetching %1 failed: %2").arg(displayUrl(url), reply.errorString())};
    }
}

Result<HttpBody> outcome(const QNetworkReply& reply, const FetchState& state)
{
    if (state.aborted)
        return std::unexpected(*state.aborted);
    // An HTTP answer (the errors Qt derives from its status are 2xx and 4xx codes) is named by its status;
    // anything else by what failed on the way.
    const int error = reply.error();
    // Qt's placeholder status until a status line is read: no answer came, whatever the error says.
    const int statusCode = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (statusCode >= 100 && statusCode < 200)
        return fail(ErrorCode::Io,
                    QStringLiteral("%1 closed the connection before answering").arg(hostAndPort(state.current)));
    const bool answered =
        error == QNetworkReply::NoError || (error > 200 && error < 300) || (error > 400 && error < 500);
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (answered && status.isValid() && status.toInt() != 200) {
        const QString phrase = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return fail(ErrorCode::Io, QStringLiteral("%1 answered %2 %3 (only 200 is accepted)")
                                       .arg(hostAndPort(state.current))
                                       .arg(status.toInt())
                                       .arg(phrase)
                                       .trimmed());
    }
    if (reply.error() != QNetworkReply::NoError || !status.isValid())
        return std::unexpected(transportFailure(reply, state));
    return HttpBody{state.current, state.body, reply.rawHeader("Cache-Control")};
}

void watchReply(QNetworkReply* reply, const std::shared_ptr<FetchState>& state)
{
    auto abortWith = [reply, state](Error error) {
        if (!state->aborted)
            state->aborted = std::move(error);
        reply->abort();
    };
    QObject::connect(reply, &QNetworkReply::redirected, reply, [reply, state, abortWith](const QUrl& target) {
        const QUrl resolved = state->current.resolved(target);
        if (++state->redirects > state->policy.maxRedirects)
            return abortWith({ErrorCode::InvalidInput, QStringLiteral("more than %1 redirects from %2")
                                                           .arg(state->policy.maxRedirects)
                                                           .arg(displayUrl(state->current))});
        if (auto allowed = checkRedirectTarget(resolved); !allowed)
            return abortWith(allowed.error().withContext(displayUrl(state->current)));
        state->current = resolved;
        state->body.clear();
        QMetaObject::invokeMethod(
            reply, [reply] { Q_EMIT reply->redirectAllowed(); }, Qt::QueuedConnection);
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, state, abortWith] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200 && length.isValid() && length.toLongLong() > state->policy.maxBodySize)
            abortWith(tooLarge(*state));
    });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, state, abortWith] {
        state->body += reply->read(state->policy.maxBodySize + 1 - state->body.size());
        if (state->body.size() > state->policy.maxBodySize)
            abortWith(tooLarge(*state));
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [state](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            state->tlsErrors.append(error.errorString());
    });
    const auto remaining = std::max<qint64>(0, state->policy.timeout.count() - state->started.elapsed());
    QTimer::singleShot(std::chrono::milliseconds(remaining), reply, [state, abortWith] {
        abortWith({ErrorCode::Io, QStringLiteral("no complete answer from %1 within %2 (timed out)")
                                      .arg(hostAndPort(state->current), describeTimeout(state->policy.timeout))});
    });
}

// Qt's HTTP/1 channel may send a request on a kept connection the server has just closed, and then
// finish with no status line at all: a GET is safe to send once more.
bool endedUnanswered(const QNetworkReply& reply)
{
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status >= 100 && status < 200;
}

void startFetch(QPointer<QNetworkAccessManager> network, const std::shared_ptr<FetchState>& state, QObject* context,
                const std::shared_ptr<FetchDone>& done)
{
    QNetworkReply* reply = network->get(makeRequest(state->current, state->policy));
    watchReply(reply, state);
    QObject::connect(reply, &QNetworkReply::finished, context, [network, reply, state, context, done] {
        if (!state->aborted && reply->bytesAvailable() > 0) {
            state->body += reply->read(state->policy.maxBodySize + 1 - state->body.size());
            if (state->body.size() > state->policy.maxBodySize)
                state->aborted = tooLarge(*state);
        }
        reply->deleteLater();
        if (!state->aborted && !state->repeated && network && endedUnanswered(*reply) &&
            state->started.elapsed() < state->policy.timeout.count()) {
            state->repeated = true;
            state->body.clear();
            startFetch(network, state, context, done);
            return;
        }
        (*done)(outcome(*reply, *state));
    });
}

} // namespace

QString describeTimeout(std::chrono::milliseconds timeout)
{
    if (timeout.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(timeout.count() / 1000);
    return QStringLiteral("%1 ms").arg(timeout.count());
}

Status fetchUrl(QNetworkAccessManager& network, const QUrl& url, const FetchPolicy& policy, QObject* context,
                FetchDone done)
{
    if (auto allowed = checkFetchUrl(url, policy.plainHttp); !allowed)
        return allowed;
    auto state = std::make_shared<FetchState>();
    state->current = url;
    state->policy = policy;
    state->started.start();
    startFetch(&network, state, context, std::make_shared<FetchDone>(std::move(done)));
    return {};
}

} // namespace Signet
