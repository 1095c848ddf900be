// RemoteJwks over real HTTP on loopback: fetching, the cache and its bounds, the unknown-kid refetch
// and its cool-down, the URL and redirect policy, OIDC discovery, and a message for each failure.

#include "CannedHttpServer.h"
#include "RawHttpServer.h"
#include "foundation/JsonWriter.h"
#include "jose/KeyGeneration.h"
#include "server/CacheLifetime.h"
#include "server/RemoteJwks.h"

#include <QSslCertificate>
#include <QTcpServer>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kStart = 1'800'000'000;

Jwk makeKey(const QString& kid)
{
    auto key = generateKey(Algorithm::ES256);
    Q_ASSERT(key);
    key->setKid(kid);
    return std::move(*key);
}

QByteArray jwksJson(const std::vector<Jwk>& keys, Jwk::Members members = Jwk::Members::Public)
{
    JsonValue::Array items;
    for (const Jwk& key : keys)
        items.push_back(key.toJson(members));
    return QByteArray::fromStdString(JsonWriter::write(JsonValue::object({{"keys", JsonValue::array(items)}})));
}

// Waits for the future (the event loop runs meanwhile) and returns its one result.
Result<RemoteKeySet> await(QFuture<Result<RemoteKeySet>> future, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QTest::qWait(5);
    if (!future.isFinished() || future.isCanceled() || future.resultCount() != 1)
        return fail(ErrorCode::Internal, QStringLiteral("the future did not deliver one result"));
    return future.result();
}

// Answers that come are quick on loopback; the margin is for a loaded machine (CI runs tests in
// parallel). The timeouts test sets its own short deadline.
RemoteJwksOptions fastOptions()
{
    RemoteJwksOptions options;
    options.fetch.timeout = 3s;
    return options;
}

QString errorOf(const Result<RemoteKeySet>& result)
{
    return result ? QStringLiteral("(no error: %1 keys)").arg(result->keys->size()) : result.error().message;
}

} // namespace

class TestRemoteJwks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchesAndCaches();
    void cacheLifetimeFromHeader_data();
    void cacheLifetimeFromHeader();
    void maxAgeHonouredAndClamped_data();
    void maxAgeHonouredAndClamped();
    void concurrentAsksShareOneFetch();
    void unknownKidRefetchesOnceThenCoolsDown();
    void unknownKidInFreshFetchIsNotFetchedAgain();
    void failedFetchKeepsCacheAndCoolsDown();
    void loopbackHosts_data();
    void loopbackHosts();
    void refusedUrls_data();
    void refusedUrls();
    void badDocuments_data();
    void badDocuments();
    void httpStatus();
    void cannotResolveHost();
    void connectionRefused();
    void timeouts_data();
    void timeouts();
    void bodyCapAbortsEarly();
    void announcedLengthOverCap();
    void tlsUntrusted();
    void tlsTrustedAndHttpsRedirectFollowed();
    void redirectToHttpRefused();
    void tooManyRedirects();
    void discovery();
    void discoveryIssuerMismatch();
    void discoveryRefusesHttpJwksUri();
    void destroyedWhilePendingCancels();

private:
    std::vector<Jwk> m_keys;
};

void TestRemoteJwks::initTestCase()
{
    for (const char* kid : {"k1", "k2", "k3"})
        m_keys.push_back(makeKey(QString::fromLatin1(kid)));
}

void TestRemoteJwks::fetchesAndCaches()
{
    CannedHttpServer server;
    QVERIFY(server.isListening());
    server.setJson(QStringLiteral("/jwks.json"), jwksJson({m_keys[0], m_keys[1]}), "public, max-age=300");
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);

    auto first = await(remote.keys(server.url(QStringLiteral("/jwks.json"))));
    QVERIFY2(first, qPrintable(errorOf(first)));
    QCOMPARE(first->keys->size(), std::size_t(2));
    QVERIFY(!first->fromCache);
    QCOMPARE(first->fetchedAt, kStart);
    QCOMPARE(first->expiresAt, kStart + 300);
    QCOMPARE(server.requests(QStringLiteral("/jwks.json")), 1);

    clock.advance(299);
    auto cached = remote.keys(server.url(QStringLiteral("/jwks.json")));
    QVERIFY2(cached.isFinished(), "a cache hit is answered at once");
    QVERIFY(cached.result()->fromCache);
    QCOMPARE(server.requests(QStringLiteral("/jwks.json")), 1);

    clock.advance(1);
    auto expired = await(remote.keys(server.url(QStringLiteral("/jwks.json"))));
    QVERIFY2(expired, qPrintable(errorOf(expired)));
    QVERIFY(!expired->fromCache);
    QCOMPARE(server.requests(QStringLiteral("/jwks.json")), 2);
}

void TestRemoteJwks::cacheLifetimeFromHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("none: default 10 min") << QByteArray() << qint64(600);
    QTest::newRow("max-age=300") << QByteArray("max-age=300") << qint64(300);
    QTest::newRow("among others") << QByteArray("public, MAX-AGE=120 , must-revalidate") << qint64(120);
    QTest::newRow("quoted") << QByteArray("max-age=\"90\"") << qint64(90);
    QTest::newRow("0 clamped to 60 s") << QByteArray("max-age=0") << qint64(60);
    QTest::newRow("a year clamped to 24 h") << QByteArray("max-age=31536000") << qint64(86400);
    QTest::newRow("huge number") << QByteArray("max-age=99999999999999999999999") << qint64(86400);
    QTest::newRow("no-store: minimum") << QByteArray("no-store") << qint64(60);
    QTest::newRow("no-cache wins") << QByteArray("max-age=3600, no-cache") << qint64(60);
    QTest::newRow("negative: default") << QByteArray("max-age=-5") << qint64(600);
    QTest::newRow("garbage: default") << QByteArray("max-age=soon") << qint64(600);
    QTest::newRow("first max-age counts") << QByteArray("max-age=100, max-age=5000") << qint64(100);
}

void TestRemoteJwks::cacheLifetimeFromHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, seconds);
    QCOMPARE(cacheLifetime(header, CacheBounds{}), seconds);
}

void TestRemoteJwks::maxAgeHonouredAndClamped_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("kept");
    QTest::newRow("max-age=120 honoured") << QByteArray("max-age=120") << qint64(120);
    QTest::newRow("max-age=1 raised to 60 s") << QByteArray("max-age=1") << qint64(60);
    QTest::newRow("max-age=1 week lowered to 24 h") << QByteArray("max-age=604800") << qint64(86400);
    QTest::newRow("no header: 10 min") << QByteArray() << qint64(600);
}

// Over the wire: the set is served from the cache until exactly the clamped lifetime has passed.
void TestRemoteJwks::maxAgeHonouredAndClamped()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, kept);
    CannedHttpServer server;
    server.setJson(QStringLiteral("/k"), jwksJson({m_keys[0]}), header);
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    const QUrl url = server.url(QStringLiteral("/k"));

    auto fetched = await(remote.keys(url));
    QVERIFY2(fetched, qPrintable(errorOf(fetched)));
    QCOMPARE(fetched->expiresAt - fetched->fetchedAt, kept);
    clock.advance(kept - 1);
    QVERIFY(await(remote.keys(url))->fromCache);
    QCOMPARE(server.requests(QStringLiteral("/k")), 1);
    clock.advance(1);
    QVERIFY(!await(remote.keys(url))->fromCache);
    QCOMPARE(server.requests(QStringLiteral("/k")), 2);
}

void TestRemoteJwks::concurrentAsksShareOneFetch()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/jwks"), jwksJson({m_keys[0]}));
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    QList<QFuture<Result<RemoteKeySet>>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(remote.keysFor(server.url(QStringLiteral("/jwks")), QStringLiteral("k1")));
    for (const auto& future : futures) {
        auto result = await(future);
        QVERIFY2(result, qPrintable(errorOf(result)));
        QCOMPARE(result->kidLookup, KidLookup::Found);
    }
    QCOMPARE(server.requests(QStringLiteral("/jwks")), 1);
}

// A token from a rotated-in key makes the client fetch again, once; a flood of unknown kids does not
// make it fetch on every token.
void TestRemoteJwks::unknownKidRefetchesOnceThenCoolsDown()
{
    CannedHttpServer server;
    const QString path = QStringLiteral("/jwks");
    server.setJson(path, jwksJson({m_keys[0]}), "max-age=3600");
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    const QUrl url = server.url(path);
    QVERIFY(await(remote.keysFor(url, QStringLiteral("k1"))));

    // Within the cool-down of that fetch: the cached set answers, without a request.
    clock.advance(10);
    auto early = await(remote.keysFor(url, QStringLiteral("k2")));
    QCOMPARE(early->kidLookup, KidLookup::MissingCoolingDown);
    QCOMPARE(server.requests(path), 1);
    QVERIFY(early->missingKidReason(QStringLiteral("k2")).contains(QStringLiteral("fetched too recently")));

    // The key rotates in; past the cool-down the unknown kid fetches again and is found.
    server.setJson(path, jwksJson({m_keys[0], m_keys[1]}), "max-age=3600");
    clock.advance(30);
    auto rotated = await(remote.keysFor(url, QStringLiteral("k2")));
    QVERIFY2(rotated, qPrintable(errorOf(rotated)));
    QCOMPARE(rotated->kidLookup, KidLookup::Found);
    QVERIFY(!rotated->fromCache);
    QCOMPARE(server.requests(path), 2);
    QVERIFY(await(remote.keysFor(url, QStringLiteral("k2")))->fromCache);

    // A flood of made-up kids: no request while cooling down.
    for (int i = 0; i < 100; ++i) {
        auto flood = await(remote.keysFor(url, QStringLiteral("forged-%1").arg(i)));
        QCOMPARE(flood->kidLookup, KidLookup::MissingCoolingDown);
    }
    QCOMPARE(server.requests(path), 2);

    // After the cool-down, one more fetch, and the kid is still unknown.
    clock.advance(30);
    auto after = await(remote.keysFor(url, QStringLiteral("forged-again")));
    QCOMPARE(after->kidLookup, KidLookup::MissingAfterRefetch);
    QCOMPARE(server.requests(path), 3);
    QCOMPARE(after->missingKidReason(QStringLiteral("forged-again")),
             QStringLiteral("no key with kid \"forged-again\" in the JWKS at %1 (fetched again for it just now)")
                 .arg(url.toString()));
    QCOMPARE(await(remote.keysFor(url, QStringLiteral("forged-3")))->kidLookup, KidLookup::MissingCoolingDown);
    QCOMPARE(server.requests(path), 3);
}

void TestRemoteJwks::unknownKidInFreshFetchIsNotFetchedAgain()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/jwks"), jwksJson({m_keys[0]}));
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    auto result = await(remote.keysFor(server.url(QStringLiteral("/jwks")), QStringLiteral("nope")));
    QVERIFY2(result, qPrintable(errorOf(result)));
    QCOMPARE(result->kidLookup, KidLookup::MissingFreshFetch);
    QCOMPARE(server.requests(QStringLiteral("/jwks")), 1);
}

// A failed refetch counts for the cool-down too (else a broken server is asked on every token), and
// the cached set stays until it expires.
void TestRemoteJwks::failedFetchKeepsCacheAndCoolsDown()
{
    CannedHttpServer server;
    const QString path = QStringLiteral("/jwks");
    server.setJson(path, jwksJson({m_keys[0]}), "max-age=600");
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    const QUrl url = server.url(path);
    QVERIFY(await(remote.keys(url)));
    server.set(path, {500, "{}", {}});
    clock.advance(60);
    auto failed = await(remote.keysFor(url, QStringLiteral("k9")));
    QVERIFY(!failed);
    QVERIFY2(failed.error().message.contains(QStringLiteral("answered 500")), qPrintable(failed.error().message));
    QCOMPARE(server.requests(path), 2);
    auto cooling = await(remote.keysFor(url, QStringLiteral("k9")));
    QVERIFY2(cooling, qPrintable(errorOf(cooling)));
    QCOMPARE(cooling->kidLookup, KidLookup::MissingCoolingDown);
    QVERIFY(await(remote.keysFor(url, QStringLiteral("k1")))->fromCache);
    QCOMPARE(server.requests(path), 2);
}

void TestRemoteJwks::loopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.200.3.4") << QStringLiteral("127.200.3.4") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST") << true;
    QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
    QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
    QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
    QTest::newRow("localhost.example.com") << QStringLiteral("localhost.example.com") << false;
    QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("127.0.0.1.nip.io") << false;
    QTest::newRow("example.com") << QStringLiteral("example.com") << false;
}

void TestRemoteJwks::loopbackHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(isLoopbackHost(host), loopback);
}

void TestRemoteJwks::refusedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowHttp");
    QTest::addColumn<QString>("message");
    QTest::newRow("http to another host")
        << QStringLiteral("http://example.com/jwks.json") << false << QStringLiteral("plain http is refused");
    QTest::newRow("http to a private address")
        << QStringLiteral("http://10.1.2.3/jwks.json") << false << QStringLiteral("plain http is refused");
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << true
                          << QStringLiteral("only https URLs are fetched, not file:");
    QTest::newRow("data") << QStringLiteral("data:application/json,{\"keys\":[]}") << true
                          << QStringLiteral("only https URLs are fetched, not data:");
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com/jwks") << true
                         << QStringLiteral("only https URLs are fetched, not ftp:");
    QTest::newRow("relative") << QStringLiteral("/jwks.json") << true << QStringLiteral("not an absolute URL");
    QTest::newRow("no host") << QStringLiteral("https:///jwks.json") << true << QStringLiteral("names no host");
}

// Refused before any connection: the future is finished when it is returned.
void TestRemoteJwks::refusedUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, allowHttp);
    QFETCH(QString, message);
    RemoteJwksOptions options = fastOptions();
    options.fetch.plainHttp = allowHttp ? PlainHttp::Allowed : PlainHttp::LoopbackOnly;
    ManualClock clock(kStart);
    RemoteJwks remote(options, clock);
    auto future = remote.keys(QUrl(url));
    QVERIFY(future.isFinished());
    const auto result = future.result();
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

void TestRemoteJwks::badDocuments_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const Jwk& key = m_keys[0];
    QTest::newRow("html") << QByteArray("<html>Sign in</html>") << QStringLiteral("not JSON: ");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON: the body is empty");
    QTest::newRow("duplicate member") << QByteArray("{\"keys\":[],\"keys\":[]}") << QStringLiteral("not JSON: ");
    QTest::newRow("object without keys") << QByteArray("{\"issuer\":\"x\"}") << QStringLiteral("not a JWKS");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JWKS");
    QTest::newRow("keys not an array") << QByteArray("{\"keys\":{}}") << QStringLiteral("not a JWKS");
    QTest::newRow("no keys") << QByteArray("{\"keys\":[]}") << QStringLiteral("has no usable key");
    QTest::newRow("unknown type only") << QByteArray("{\"keys\":[{\"kty\":\"XYZ\"}]}")
                                       << QStringLiteral("has no usable key (key 0: unsupported key type");
    QTest::newRow("broken key") << QByteArray(
                                       "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}")
                                << QStringLiteral("a key is unusable: key 0 of the set");
    QTest::newRow("private key") << jwksJson({key}, Jwk::Members::Private)
                                 << QStringLiteral("contains private key material: the key with kid \"k1\"");
    QTest::newRow("symmetric key")
        << QByteArray(
               "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}")
        << QStringLiteral("is a symmetric key");
    QTest::newRow("duplicate kids") << jwksJson({key, key}) << QStringLiteral("a kid must name one key");
}

void TestRemoteJwks::badDocuments()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    CannedHttpServer server;
    server.setJson(QStringLiteral("/jwks"), body);
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    const QUrl url = server.url(QStringLiteral("/jwks"));
    auto result = await(remote.keys(url));
    QVERIFY(!result);
    const QString prefix = QStringLiteral("fetching the JWKS at %1: ").arg(url.toString());
    QVERIFY2(result.error().message.startsWith(prefix), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    // Nothing bad is cached: the next ask fetches again.
    QVERIFY(!await(remote.keys(url)));
    QCOMPARE(server.requests(QStringLiteral("/jwks")), 2);
}

void TestRemoteJwks::httpStatus()
{
    CannedHttpServer server;
    server.set(QStringLiteral("/down"), {503, "{\"error\":\"maintenance\"}", {}});
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    const QString host = QStringLiteral("127.0.0.1:%1").arg(server.url({}).port());
    auto missing = await(remote.keys(server.url(QStringLiteral("/nothing-here"))));
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.endsWith(host + QStringLiteral(" answered 404 Not Found (only 200 is accepted)")),
             qPrintable(missing.error().message));
    auto down = await(remote.keys(server.url(QStringLiteral("/down"))));
    QVERIFY(!down);
    QVERIFY2(down.error().message.contains(host + QStringLiteral(" answered 503 Service Unavailable")),
             qPrintable(down.error().message));
}

void TestRemoteJwks::cannotResolveHost()
{
    ManualClock clock(kStart);
    RemoteJwksOptions options;
    options.fetch.timeout = 25s; // a resolver without network may take seconds to give up
    RemoteJwks remote(options, clock);
    auto result = await(remote.keys(QUrl(QStringLiteral("https://no-such-host.invalid/jwks.json"))), 30000);
    QVERIFY(!result);
    QVERIFY2(result.error().message.endsWith(QStringLiteral("cannot resolve host no-such-host.invalid")),
             qPrintable(result.error().message));
}

void TestRemoteJwks::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    auto result = await(remote.keys(QUrl(QStringLiteral("http://127.0.0.1:%1/jwks").arg(port))));
    QVERIFY(!result);
    QVERIFY2(result.error().message.endsWith(QStringLiteral("connection to 127.0.0.1:%1 refused").arg(port)),
             qPrintable(result.error().message));
}

void TestRemoteJwks::timeouts_data()
{
    QTest::addColumn<int>("behaviour");
    QTest::newRow("never answers") << 0;
    QTest::newRow("body trickles") << 1;
}

// The deadline is for the whole fetch: a body that keeps trickling does not extend it.
void TestRemoteJwks::timeouts()
{
    QFETCH(int, behaviour);
    RawHttpServer server(behaviour == 0 ? RawHttpServer::neverAnswer() : RawHttpServer::trickle(50));
    QVERIFY(server.isListening());
    ManualClock clock(kStart);
    RemoteJwksOptions options;
    options.fetch.timeout = 300ms;
    RemoteJwks remote(options, clock);
    QElapsedTimer elapsed;
    elapsed.start();
    auto result = await(remote.keys(server.url(QStringLiteral("/jwks"))));
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("no complete answer from 127.0.0.1:%1 within 300 ms "
                                                            "(timed out)")
                                                 .arg(server.url({}).port())),
             qPrintable(result.error().message));
    QVERIFY2(elapsed.elapsed() < 3000, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(server.requests(), 1);
}

// More than 1 MiB is refused while it arrives: the client aborts instead of reading 64 MiB.
void TestRemoteJwks::bodyCapAbortsEarly()
{
    constexpr qint64 kServed = 64 * 1024 * 1024;
    RawHttpServer server(RawHttpServer::endlessBody(kServed));
    ManualClock clock(kStart);
    RemoteJwks remote(RemoteJwksOptions{}, clock);
    auto result = await(remote.keys(server.url(QStringLiteral("/big"))), 20000);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("is larger than 1048576 bytes (refused)")),
             qPrintable(result.error().message));
    QTRY_COMPARE(server.disconnected(), 1);
    QVERIFY2(server.bytesSent() < 16 * 1024 * 1024, qPrintable(QString::number(server.bytesSent())));
}

void TestRemoteJwks::announcedLengthOverCap()
{
    RawHttpServer server(RawHttpServer::announceLength(50 * 1024 * 1024));
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    auto result = await(remote.keys(server.url(QStringLiteral("/big"))));
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("is larger than 1048576 bytes")),
             qPrintable(result.error().message));
}

void TestRemoteJwks::tlsUntrusted()
{
    RawHttpServer server(RawHttpServer::answer(RawHttpServer::response(200, "OK", jwksJson({m_keys[0]}))),
                         RawHttpServer::Transport::Tls);
    ManualClock clock(kStart);
    RemoteJwks remote(RemoteJwksOptions{}, clock);
    auto result = await(remote.keys(server.url(QStringLiteral("/jwks"))));
    QVERIFY(!result);
    const QString expected = QStringLiteral("TLS handshake with 127.0.0.1:%1 failed: ").arg(server.url({}).port());
    QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
             qPrintable(result.error().message));
    QCOMPARE(server.requests(), 0);
}

void TestRemoteJwks::tlsTrustedAndHttpsRedirectFollowed()
{
    const QByteArray body = jwksJson({m_keys[0], m_keys[2]});
    RawHttpServer server(
        [body](RawHttpServer& self, QTcpSocket& socket, const QByteArray& path) {
            const QByteArray answer = path == "/final"
                                          ? RawHttpServer::response(200, "OK", body, {{"Cache-Control", "max-age=120"}})
                                          : RawHttpServer::response(302, "Found", {}, {{"Location", "/final"}});
            self.send(socket, answer);
        },
        RawHttpServer::Transport::Tls);
    ManualClock clock(kStart);
    RemoteJwksOptions options = fastOptions();
    options.fetch.timeout = 5s;
    options.fetch.extraCaCertificates = QSslCertificate::fromData(RawHttpServer::certificatePem());
    RemoteJwks remote(options, clock);
    const QUrl url = server.url(QStringLiteral("/start"));
    auto result = await(remote.keysFor(url, QStringLiteral("k3")));
    QVERIFY2(result, qPrintable(errorOf(result)));
    QCOMPARE(result->url, url); // cached under the URL asked for
    QCOMPARE(result->kidLookup, KidLookup::Found);
    QCOMPARE(result->expiresAt - result->fetchedAt, qint64(120));
    QCOMPARE(server.requests(), 2);
}

void TestRemoteJwks::redirectToHttpRefused()
{
    CannedHttpServer target;
    target.setJson(QStringLiteral("/jwks"), jwksJson({m_keys[0]}));
    const QByteArray location = target.url(QStringLiteral("/jwks")).toString().toUtf8();
    for (const auto transport : {RawHttpServer::Transport::Plain, RawHttpServer::Transport::Tls}) {
        RawHttpServer server(RawHttpServer::redirect(301, location), transport);
        ManualClock clock(kStart);
        RemoteJwksOptions options = fastOptions();
        options.fetch.timeout = 5s;
        options.fetch.extraCaCertificates = QSslCertificate::fromData(RawHttpServer::certificatePem());
        options.fetch.plainHttp = PlainHttp::Allowed; // even so: redirects go to https only
        RemoteJwks remote(options, clock);
        auto result = await(remote.keys(server.url(QStringLiteral("/jwks"))));
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(
                     QStringLiteral("redirected to %1: redirects are followed to https URLs only")
                         .arg(QString::fromUtf8(location))),
                 qPrintable(result.error().message));
    }
    QCOMPARE(target.requests(QStringLiteral("/jwks")), 0);
}

void TestRemoteJwks::tooManyRedirects()
{
    RawHttpServer server(RawHttpServer::redirect(302, "/again"), RawHttpServer::Transport::Tls);
    ManualClock clock(kStart);
    RemoteJwksOptions options;
    options.fetch.extraCaCertificates = QSslCertificate::fromData(RawHttpServer::certificatePem());
    RemoteJwks remote(options, clock);
    auto result = await(remote.keys(server.url(QStringLiteral("/jwks"))));
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("more than 3 redirects")),
             qPrintable(result.error().message));
    // At least the first and three redirected requests; Qt's HTTP/1 channel may send one again when it
    // takes a connection to have closed early, so the exact count is Qt's.
    QVERIFY2(server.requests() >= 4, qPrintable(QString::number(server.requests())));
}

void TestRemoteJwks::discovery()
{
    CannedHttpServer server;
    const QString issuer = server.base() + QStringLiteral("/tenant");
    const QByteArray configuration = QStringLiteral("{\"issuer\":\"%1\",\"jwks_uri\":\"%2\"}")
                                         .arg(issuer, server.url(QStringLiteral("/keys")).toString())
                                         .toUtf8();
    server.setJson(QStringLiteral("/tenant/.well-known/openid-configuration"), configuration, "max-age=300");
    server.setJson(QStringLiteral("/keys"), jwksJson({m_keys[1]}), "max-age=300");
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);

    auto result = await(remote.discover(issuer, QStringLiteral("k2")));
    QVERIFY2(result, qPrintable(errorOf(result)));
    QCOMPARE(result->url, server.url(QStringLiteral("/keys")));
    QCOMPARE(result->discoveredFrom, server.url(QStringLiteral("/tenant/.well-known/openid-configuration")));
    QCOMPARE(result->kidLookup, KidLookup::Found);

    // Both documents are cached.
    auto again = await(remote.discover(issuer, QStringLiteral("k2")));
    QVERIFY(again && again->fromCache);
    QCOMPARE(server.requests(QStringLiteral("/tenant/.well-known/openid-configuration")), 1);
    QCOMPARE(server.requests(QStringLiteral("/keys")), 1);

    // An issuer with a trailing slash is another issuer: its configuration must name it so.
    auto slash = await(remote.discover(issuer + QLatin1Char('/')));
    QVERIFY(!slash);
    QVERIFY2(slash.error().message.contains(QStringLiteral("is for issuer")), qPrintable(slash.error().message));
}

void TestRemoteJwks::discoveryIssuerMismatch()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/.well-known/openid-configuration"),
                   QStringLiteral("{\"issuer\":\"https://accounts.example.com\",\"jwks_uri\":\"%1\"}")
                       .arg(server.url(QStringLiteral("/keys")).toString())
                       .toUtf8());
    server.setJson(QStringLiteral("/keys"), jwksJson({m_keys[0]}));
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    auto result = await(remote.discover(server.base()));
    QVERIFY(!result);
    QCOMPARE(result.error().message,
             QStringLiteral("fetching the OpenID configuration at %1/.well-known/openid-configuration: the OpenID "
                            "configuration is for issuer \"https://accounts.example.com\", not \"%1\" (they must be "
                            "equal exactly)")
                 .arg(server.base()));
    QCOMPARE(server.requests(QStringLiteral("/keys")), 0);
}

void TestRemoteJwks::discoveryRefusesHttpJwksUri()
{
    CannedHttpServer server;
    server.setJson(QStringLiteral("/.well-known/openid-configuration"),
                   QStringLiteral("{\"issuer\":\"%1\",\"jwks_uri\":\"http://keys.example.com/jwks\"}")
                       .arg(server.base())
                       .toUtf8());
    ManualClock clock(kStart);
    RemoteJwks remote(fastOptions(), clock);
    auto result = await(remote.discover(server.base()));
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("jwks_uri: http://keys.example.com/jwks: plain http "
                                                            "is refused")),
             qPrintable(result.error().message));

    auto notUrl = await(remote.discover(QStringLiteral("not a url")));
    QVERIFY(!notUrl);
    QVERIFY2(notUrl.error().message.startsWith(QStringLiteral("issuer: ")), qPrintable(notUrl.error().message));
    auto httpIssuer = await(remote.discover(QStringLiteral("http://issuer.example.com")));
    QVERIFY(!httpIssuer);
    QVERIFY2(httpIssuer.error().message.contains(QStringLiteral("plain http is refused")),
             qPrintable(httpIssuer.error().message));
}

void TestRemoteJwks::destroyedWhilePendingCancels()
{
    RawHttpServer server(RawHttpServer::neverAnswer());
    ManualClock clock(kStart);
    QFuture<Result<RemoteKeySet>> future;
    {
        RemoteJwks remote(RemoteJwksOptions{}, clock);
        future = remote.keys(server.url(QStringLiteral("/jwks")));
        QTRY_COMPARE(server.requests(), 1);
    }
    QVERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
}

QTEST_MAIN(TestRemoteJwks)
#include "tst_remotejwks.moc"
