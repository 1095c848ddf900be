#include "server/RemoteJwks.h"

#include "server/JwksDocument.h"
#include "server/OidcDiscovery.h"

#include <QPromise>

namespace Signet {

namespace {

QString cacheKey(const QUrl& url)
{
    return url.toString(QUrl::FullyEncoded);
}

bool hasKid(const JwkSet& keys, const QString& kid)
{
    return keys.findByKid(kid) != nullptr;
}

} // namespace

QString RemoteKeySet::missingKidReason(const QString& kid) const
{
    const QString where = QStringLiteral("no key with kid \"%1\" in the JWKS at %2").arg(kid, displayUrl(url));
    switch (kidLookup) {
    case KidLookup::MissingAfterRefetch:
        return where + QStringLiteral(" (fetched again for it just now)");
    case KidLookup::MissingFreshFetch:
        return where + QStringLiteral(" (fetched just now)");
    case KidLookup::MissingCoolingDown:
        return where + QStringLiteral(" (cached; fetched too recently to fetch again)");
    case KidLookup::NotAsked:
    case KidLookup::Found:
        break;
    }
    return where;
}

RemoteJwks::RemoteJwks(RemoteJwksOptions options, const Clock& clock)
    : m_options(std::move(options))
    , m_clock(&clock)
{
    // Redirects are checked one by one (HttpFetch); the manager must not follow any on its own.
    m_network.setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
}

RemoteJwks::~RemoteJwks() = default;

void RemoteJwks::clear()
{
    m_cache.clear();
    m_lastAttempt.clear();
    m_configurations.clear();
}

QFuture<Result<RemoteKeySet>> RemoteJwks::promised(const std::function<void(KeysDone)>& start)
{
    auto promise = std::make_shared<QPromise<Result<RemoteKeySet>>>();
    promise->start();
    QFuture<Result<RemoteKeySet>> future = promise->future();
    start([promise](Result<RemoteKeySet> result) {
        promise->addResult(std::move(result));
        promise->finish();
    });
    return future;
}

QFuture<Result<RemoteKeySet>> RemoteJwks::keys(const QUrl& url)
{
    return keysFor(url, {});
}

QFuture<Result<RemoteKeySet>> RemoteJwks::keysFor(const QUrl& url, const QString& kid)
{
    return promised([this, url, kid](KeysDone done) { resolve(url, kid, std::move(done)); });
}

QFuture<Result<RemoteKeySet>> RemoteJwks::discover(const QString& issuer, const QString& kid)
{
    return promised([this, issuer, kid](KeysDone done) { resolveIssuer(issuer, kid, std::move(done)); });
}

RemoteKeySet RemoteJwks::answer(const QUrl& url, const Entry& entry, bool fromCache) const
{
    RemoteKeySet set;
    set.url = url;
    set.keys = entry.keys;
    set.fetchedAt = entry.fetchedAt;
    set.expiresAt = entry.expiresAt;
    set.fromCache = fromCache;
    return set;
}

void RemoteJwks::resolve(const QUrl& url, const QString& kid, KeysDone done)
{
    const QString key = cacheKey(url);
    const qint64 now = m_clock->now();
    const auto cached = m_cache.constFind(key);
    const bool fresh = cached != m_cache.cend() && now < cached->expiresAt;
    if (fresh) {
        RemoteKeySet set = answer(url, *cached, true);
        if (kid.isEmpty() || hasKid(*cached->keys, kid)) {
            set.kidLookup = kid.isEmpty() ? KidLookup::NotAsked : KidLookup::Found;
            return done(std::move(set));
        }
        if (now - m_lastAttempt.value(key, 0) < m_options.unknownKidCooldown) {
            set.kidLookup = KidLookup::MissingCoolingDown;
            return done(std::move(set));
        }
    }
    const KidLookup missing = fresh ? KidLookup::MissingAfterRefetch : KidLookup::MissingFreshFetch;
    fetchKeys(url, [this, url, kid, missing, done = std::move(done)](const Result<Entry>& fetched) {
        if (!fetched)
            return done(std::unexpected(fetched.error()));
        RemoteKeySet set = answer(url, *fetched, false);
        set.kidLookup = kid.isEmpty() ? KidLookup::NotAsked : hasKid(*fetched->keys, kid) ? KidLookup::Found : missing;
        done(std::move(set));
    });
}

void RemoteJwks::fetchKeys(const QUrl& url, std::function<void(const Result<Entry>&)> waiter)
{
    const QString key = cacheKey(url);
    if (auto running = m_inFlight.find(key); running != m_inFlight.end()) {
        running->waiters.push_back(std::move(waiter));
        return;
    }
    auto started = fetchUrl(m_network, url, m_options.fetch, &m_context,
                            [this, key, url](Result<HttpBody> fetched) { keysFetched(key, url, std::move(fetched)); });
    if (!started)
        return waiter(std::unexpected(started.error()));
    m_lastAttempt.insert(key, m_clock->now());
    m_inFlight[key].waiters.push_back(std::move(waiter));
}

void RemoteJwks::keysFetched(const QString& key, const QUrl& url, Result<HttpBody> fetched)
{
    const QString context = QStringLiteral("fetching the JWKS at %1").arg(displayUrl(url));
    Result<Entry> entry = [&]() -> Result<Entry> {
        if (!fetched)
            return std::unexpected(fetched.error().withContext(context));
        auto keys = parseJwksDocument(fetched->body);
        if (!keys)
            return std::unexpected(keys.error().withContext(context));
        const qint64 now = m_clock->now();
        return Entry{std::make_shared<const JwkSet>(std::move(*keys)), now,
                     now + cacheLifetime(fetched->cacheControl, m_options.cache)};
    }();
    // An error keeps the previous set: it expires as it would have.
    if (entry)
        m_cache.insert(key, *entry);
    const Attempt attempt = m_inFlight.take(key);
    for (const auto& waiter : attempt.waiters)
        waiter(entry);
}

void RemoteJwks::resolveIssuer(const QString& issuer, const QString& kid, KeysDone done)
{
    auto configurationUrl = openIdConfigurationUrl(issuer, m_options.fetch.plainHttp);
    if (!configurationUrl)
        return done(std::unexpected(configurationUrl.error()));
    auto withOrigin = [configurationUrl = *configurationUrl, done = std::move(done)](Result<RemoteKeySet> keys) {
        if (keys)
            keys->discoveredFrom = configurationUrl;
        done(std::move(keys));
    };
    if (const auto known = m_configurations.constFind(issuer);
        known != m_configurations.cend() && m_clock->now() < known->expiresAt)
        return resolve(known->jwksUri, kid, std::move(withOrigin));

    const QUrl url = *configurationUrl;
    auto fetched = [this, issuer, kid, url, withOrigin](Result<HttpBody> body) mutable {
        const QString context = QStringLiteral("fetching the OpenID configuration at %1").arg(displayUrl(url));
        if (!body)
            return withOrigin(std::unexpected(body.error().withContext(context)));
        auto jwksUri = jwksUriFromConfiguration(body->body, issuer, m_options.fetch.plainHttp);
        if (!jwksUri)
            return withOrigin(std::unexpected(jwksUri.error().withContext(context)));
        m_configurations.insert(issuer,
                                {*jwksUri, m_clock->now() + cacheLifetime(body->cacheControl, m_options.cache)});
        resolve(*jwksUri, kid, std::move(withOrigin));
    };
    if (auto started = fetchUrl(m_network, url, m_options.fetch, &m_context, std::move(fetched)); !started)
        withOrigin(std::unexpected(started.error()));
}

} // namespace Signet
