#pragma once

// How long a fetched key set is kept: the server's Cache-Control max-age, within bounds, so that a
// server cannot make a client fetch on every token (max-age=0) or keep a revoked key for a year.

#include <QByteArrayView>
#include <QtGlobal>

namespace Signet {

struct CacheBounds
{
    qint64 minimum = 60;    // seconds; also what no-cache and no-store get
    qint64 maximum = 86400; // 24 h
    qint64 fallback = 600;  // without a usable max-age
};

// Seconds to keep a response with this Cache-Control header (empty: none was sent).
qint64 cacheLifetime(QByteArrayView cacheControl, const CacheBounds& bounds);

} // namespace Signet
