#pragma once

// Which URLs a key fetch may use. Keys fetched over plain http can be swapped in transit, so http is
// accepted only for this machine (a dev server) or when the caller explicitly allows it.

#include "foundation/Error.h"

#include <QString>
#include <QUrl>

namespace Signet {

enum class PlainHttp
{
    LoopbackOnly, // http only to 127.0.0.0/8, ::1 and localhost
    Allowed       // http to any host (explicit opt-in)
};

// 127.0.0.0/8, ::1 (also IPv4-mapped) and "localhost".
bool isLoopbackHost(const QString& host);

// An absolute https URL, or http within `plainHttp`; nothing else (file:, data:, ftp: are refused).
Status checkFetchUrl(const QUrl& url, PlainHttp plainHttp);

// Redirects are followed only to https: a fetch never moves to plain http (not even on loopback) or
// to another scheme.
Status checkRedirectTarget(const QUrl& target);

// The URL for messages: no password, nothing else changed.
QString displayUrl(const QUrl& url);

} // namespace Signet
