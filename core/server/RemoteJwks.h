#pragma once

// Key sets fetched from URLs, as backends verify tokens: a JWKS URL or OpenID discovery from an
// issuer, cached within bounds, fetched again once for an unknown kid (with a cool-down).

#include "foundation/Clock.h"
#include "foundation/Error.h"
#include "jose/JwkSet.h"
#include "server/CacheLifetime.h"
#include "server/HttpFetch.h"

#include <QFuture>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

namespace Signet {

struct RemoteJwksOptions
{
    FetchPolicy fetch;              // https (or loopback http), 5 s, 1 MiB, 3 redirects to https only
    CacheBounds cache;              // max-age within 60 s .. 24 h, 10 min without one
    qint64 unknownKidCooldown = 30; // seconds between fetches caused by unknown kids
};

// What became of the kid a caller asked for.
enum class KidLookup
{
    NotAsked,
    Found,
    MissingAfterRefetch, // not in the set fetched again for it
    MissingFreshFetch,   // not in a set fetched just now (the cache had none, or an expired one)
    MissingCoolingDown   // not in the cached set, fetched too recently to fetch again
};

struct RemoteKeySet
{
    QUrl url;            // the JWKS URL
    QUrl discoveredFrom; // the OpenID configuration that named it, when discovered
    std::shared_ptr<const JwkSet> keys;
    qint64 fetchedAt = 0; // the clock's seconds
    qint64 expiresAt = 0;
    bool fromCache = false;
    KidLookup kidLookup = KidLookup::NotAsked;

    // "no key with kid "k2" in the JWKS at URL (fetched again for it just now)".
    [[nodiscard]] QString missingKidReason(const QString& kid) const;
};

// Lives on one thread (the one that created it) and never blocks it: every answer is a QFuture, ready
// at once from the cache or fulfilled from that thread's event loop. Destroying it cancels the futures
// still pending.
class RemoteJwks
{
public:
    explicit RemoteJwks(RemoteJwksOptions options = {}, const Clock& clock = SystemClock::instance());
    RemoteJwks(RemoteJwksOptions options, const Clock&& clock) = delete;
    ~RemoteJwks();
    RemoteJwks(const RemoteJwks&) = delete;
    RemoteJwks& operator=(const RemoteJwks&) = delete;

    // The key set at `url`: cached while fresh, else fetched; concurrent asks share one fetch.
    QFuture<Result<RemoteKeySet>> keys(const QUrl& url);
    // As keys(), for a token with this kid: when the cached set lacks it, fetched again once, unless
    // the last fetch of that URL was less than unknownKidCooldown ago.
    QFuture<Result<RemoteKeySet>> keysFor(const QUrl& url, const QString& kid);
    // OpenID discovery: the configuration of `issuer` (its "issuer" equal to it exactly, cached as a
    // key set is), then keysFor() its jwks_uri.
    QFuture<Result<RemoteKeySet>> discover(const QString& issuer, const QString& kid = {});

    // Forgets every cached set and configuration.
    void clear();
    [[nodiscard]] const RemoteJwksOptions& options() const { return m_options; }

private:
    using KeysDone = std::function<void(Result<RemoteKeySet>)>;
    struct Entry
    {
        std::shared_ptr<const JwkSet> keys;
        qint64 fetchedAt = 0;
        qint64 expiresAt = 0;
    };
    struct Configuration
    {
        QUrl jwksUri;
        qint64 expiresAt = 0;
    };
    struct Attempt
    {
        std::vector<std::function<void(const Result<Entry>&)>> waiters;
    };

    void resolve(const QUrl& url, const QString& kid, KeysDone done);
    void resolveIssuer(const QString& issuer, const QString& kid, KeysDone done);
    void fetchKeys(const QUrl& url, std::function<void(const Result<Entry>&)> waiter);
    void keysFetched(const QString& key, const QUrl& url, Result<HttpBody> fetched);
    [[nodiscard]] RemoteKeySet answer(const QUrl& url, const Entry& entry, bool fromCache) const;

    static QFuture<Result<RemoteKeySet>> promised(const std::function<void(KeysDone)>& start);

    RemoteJwksOptions m_options;
    const Clock* m_clock;
    QNetworkAccessManager m_network;
    QHash<QString, Entry> m_cache;
    QHash<QString, qint64> m_lastAttempt; // per URL, for the unknown-kid cool-down
    QHash<QString, Attempt> m_inFlight;
    QHash<QString, Configuration> m_configurations;
    // Declared last, destroyed first: replies that finish after this is gone call nothing.
    QObject m_context;
};

} // namespace Signet
