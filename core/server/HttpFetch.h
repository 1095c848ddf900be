#pragma once

// One bounded GET: a total deadline, a body cap enforced while the body arrives, redirects checked
// one by one, and a failure message for each way a fetch goes wrong.

#include "foundation/Error.h"
#include "server/UrlPolicy.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QObject;

namespace Signet {

struct FetchPolicy
{
    std::chrono::milliseconds timeout{5000}; // for the whole fetch, redirects included
    qint64 maxBodySize = 1024 * 1024;        // aborted as soon as more arrives (or is announced)
    int maxRedirects = 3;                    // each to https only (checkRedirectTarget)
    PlainHttp plainHttp = PlainHttp::LoopbackOnly;
    QList<QSslCertificate> extraCaCertificates; // trusted besides the system's (a private CA, tests)
};

struct HttpBody
{
    QUrl url; // where the body came from, after redirects
    QByteArray body;
    QByteArray cacheControl; // the Cache-Control header, empty without one
};

using FetchDone = std::function<void(Result<HttpBody>)>;

// Starts a GET of `url` on `network`'s thread; only a 200 answer is a body. Refuses a URL outside the
// policy at once (and `done` is not called). Otherwise `done` runs exactly once, from the event loop,
// unless `context` is destroyed first.
Status fetchUrl(QNetworkAccessManager& network, const QUrl& url, const FetchPolicy& policy, QObject* context,
                FetchDone done);

// "5 s", "250 ms".
QString describeTimeout(std::chrono::milliseconds timeout);

} // namespace Signet
