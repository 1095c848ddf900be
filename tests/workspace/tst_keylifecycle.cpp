// Signing keys: every state transition and every refused one, rotation with overlap, the compromise
// path, retire-at, and the JWKS that results.

#include "WorkspaceFixture.h"

#include "foundation/StrictJson.h"
#include "jose/TokenInspection.h"
#include "workspace/ProjectHealth.h"
#include "workspace/WorkspaceInternals.h"

#include <QMutex>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace Signet;
using namespace Signet::Test;

namespace {

QStringList publishedKids(Workspace& ws)
{
    auto jwks = ws.keys().jwks(QStringLiteral("payments"));
    if (!jwks)
        qFatal("jwks: %s", qPrintable(jwks.error().message));
    QStringList kids;
    const auto document = StrictJson::parse(jwks->toStdString());
    for (const JsonValue& key : document->find("keys")->items()) {
        kids.append(QString::fromStdString(key.find("kid")->asString()));
        if (key.contains("d") || key.contains("k"))
            qFatal("private member in the JWKS");
    }
    return kids;
}

KeyState stateOf(Workspace& ws, const QString& kid)
{
    const auto keys = ws.keys().list(QStringLiteral("payments"));
    for (const SigningKeyRecord& key : *keys) {
        if (key.kid == kid)
            return key.state;
    }
    qFatal("no key %s", qPrintable(kid));
}

std::string mint(Workspace& ws)
{
    MintRequest request;
    request.projectId = QStringLiteral("payments");
    request.subject = QStringLiteral("user-1");
    auto minted = ws.tokens().mint(request);
    if (!minted)
        qFatal("mint: %s", qPrintable(minted.error().message));
    return minted->token;
}

bool verifies(Workspace& ws, const std::string& token)
{
    auto result = ws.tokens().verify(QStringLiteral("payments"), token);
    return result && result->report.isValid();
}

} // namespace

class KeyLifecycleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transitionTable_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<bool>("legal");
        const KeyState all[] = {KeyState::Next, KeyState::Active, KeyState::Retiring, KeyState::Retired,
                                KeyState::Revoked};
        const std::pair<KeyState, KeyState> legal[] = {
            {KeyState::Next, KeyState::Active},      {KeyState::Active, KeyState::Retiring},
            {KeyState::Retiring, KeyState::Retired}, {KeyState::Next, KeyState::Revoked},
            {KeyState::Active, KeyState::Revoked},   {KeyState::Retiring, KeyState::Revoked}};
        for (KeyState from : all) {
            for (KeyState to : all) {
                const bool isLegal =
                    std::find(std::begin(legal), std::end(legal), std::pair{from, to}) != std::end(legal);
                QTest::newRow(qPrintable(keyStateName(from) + QStringLiteral(" -> ") + keyStateName(to)))
                    << int(from) << int(to) << isLegal;
            }
        }
    }
    void transitionTable()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(bool, legal);
        QCOMPARE(isLegalTransition(KeyState(from), KeyState(to)), legal);
    }

    void firstKeyIsActiveThenNext()
    {
        WorkspaceFixture f;
        f.create();
        auto first = f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        QVERIFY(first);
        QCOMPARE(first->state, KeyState::Active);
        QVERIFY(first->fingerprint.startsWith(QStringLiteral("SHA256:")));
        auto second = f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        QCOMPARE(second->state, KeyState::Next);
        // A second active key is refused, by the service and by the database's own index.
        auto refused = f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256, 0, KeyState::Active);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("already has an active key")));
        QVERIFY(!workspaceDatabase(f.ws()).exec(
            QStringLiteral("UPDATE signing_keys SET state = 'active' WHERE kid = ?"), {second->kid}));
        QCOMPARE(publishedKids(f.ws()), (QStringList{first->kid, second->kid}));
    }

    void refusedTransitionsChangeNothing()
    {
        WorkspaceFixture f;
        f.create();
        auto key = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::EdDSA);
        QVERIFY(f.ws().keys().revoke(QStringLiteral("payments"), key.kid));
        auto again = f.ws().keys().revoke(QStringLiteral("payments"), key.kid);
        QVERIFY(!again);
        QVERIFY(again.error().message.contains(QStringLiteral("revoked: it cannot become revoked")));
        QVERIFY(!f.ws().keys().revoke(QStringLiteral("payments"), QStringLiteral("no-such-kid")));
        QVERIFY(!f.ws().keys().rotate(QStringLiteral("payments")));
        QCOMPARE(stateOf(f.ws(), key.kid), KeyState::Revoked);
        QVERIFY(!f.ws().keys().generate(QStringLiteral("payments"), Algorithm::HS256));
        QVERIFY(!f.ws().keys().generate(QStringLiteral("nope"), Algorithm::ES256));
    }

    void rotationKeepsOldTokensValidUntilRetireAt()
    {
        WorkspaceFixture f;
        f.create();
        const auto original = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        const std::string before = mint(f.ws());
        f.clock.advance(60);
        auto rotated = f.ws().keys().rotate(QStringLiteral("payments"));
        QVERIFY2(rotated, rotated ? "" : qPrintable(rotated.error().message));
        QCOMPARE(rotated->previous->kid, original.kid);
        QCOMPARE(rotated->previous->state, KeyState::Retiring);
        // Overlap = max(project max token lifetime 3600, JWKS max-age 600).
        QCOMPARE(*rotated->previous->retireAt, f.clock.now() + 3600);
        QVERIFY(rotated->activated.kid != original.kid);
        QCOMPARE(publishedKids(f.ws()), (QStringList{rotated->activated.kid, original.kid}));

        const std::string after = mint(f.ws());
        QCOMPARE(TokenInspection::inspect(QString::fromStdString(after), f.clock.now()).keyId(),
                 rotated->activated.kid);
        QCOMPARE(TokenInspection::inspect(QString::fromStdString(before), f.clock.now()).keyId(), original.kid);
        QVERIFY(verifies(f.ws(), before));
        QVERIFY(verifies(f.ws(), after));

        f.clock.advance(3600 -
                        1); // just before retire-at: the old key still verifies (the token itself expired at 15 min)
        QCOMPARE(stateOf(f.ws(), original.kid), KeyState::Retiring);
        f.clock.advance(1);
        QCOMPARE(stateOf(f.ws(), original.kid), KeyState::Retired);
        QCOMPARE(publishedKids(f.ws()), (QStringList{rotated->activated.kid}));

        // The old token now: its key has left the set (the leeway only neutralises its own expiry).
        VerifyOptions now;
        now.leeway = 7200;
        auto late = f.ws().tokens().verify(QStringLiteral("payments"), before, now);
        QVERIFY(late && !late->report.isValid());
        QCOMPARE(late->report.firstFailure()->id, CheckId::Key);
        // Judged as of a time within its lifetime, when its key was still published, it was valid.
        VerifyOptions asOf;
        asOf.at = WorkspaceFixture::kStart + 60;
        QVERIFY(f.ws().tokens().verify(QStringLiteral("payments"), before, asOf)->report.isValid());
    }

    // Judged as of a later time, a retiring key whose retire-at has passed is no longer published,
    // even while it still is now; a revoked key never is.
    void verificationAsOfAnotherTime()
    {
        WorkspaceFixture f;
        f.create();
        const auto original = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        const std::string token = mint(f.ws());
        RotateOptions options;
        options.retireAfter = 300;
        const auto rotated = *f.ws().keys().rotate(QStringLiteral("payments"), options);
        VerifyOptions later;
        later.at = *rotated.previous->retireAt + 10;
        later.leeway = 3600; // the token itself would have expired; the key is what is judged here
        auto report = f.ws().tokens().verify(QStringLiteral("payments"), token, later);
        QVERIFY(report && !report->report.isValid());
        QCOMPARE(report->report.firstFailure()->id, CheckId::Key);
        later.at = *rotated.previous->retireAt - 10;
        QVERIFY(f.ws().tokens().verify(QStringLiteral("payments"), token, later)->report.isValid());
        QCOMPARE(stateOf(f.ws(), original.kid), KeyState::Retiring);
    }

    void rotationUsesThePreparedNextKey()
    {
        WorkspaceFixture f;
        f.create();
        const auto active = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::RS256);
        const auto next = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::RS256);
        RotateOptions options;
        options.prepareNext = true;
        options.retireAfter = 120;
        auto rotated = f.ws().keys().rotate(QStringLiteral("payments"), options);
        QVERIFY(rotated);
        QCOMPARE(rotated->activated.kid, next.kid);
        QCOMPARE(*rotated->previous->retireAt, f.clock.now() + 120);
        QVERIFY(rotated->prepared);
        QCOMPARE(rotated->prepared->state, KeyState::Next);
        QCOMPARE(rotated->prepared->keyType, QStringLiteral("RSA 2048"));
        QCOMPARE(publishedKids(f.ws()), (QStringList{next.kid, rotated->prepared->kid, active.kid}));
    }

    // Rotations of one plan from several connections at once: one is made and the others are refused
    // as stale, on both stores (each re-reads the keys once it is the one writer).
    void concurrentRotationsOfOnePlanHaveOneWinner()
    {
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        QVERIFY(f.ws().keys().generate(payments, Algorithm::ES256));
        QVERIFY(f.ws().keys().generate(payments, Algorithm::ES256, 0, KeyState::Next));
        constexpr int kRacers = 6;
        std::latch planned(kRacers);
        std::atomic<int> rotated{0}, stale{0};
        QStringList failures; // anything else, with its reason
        QMutex failuresLock;
        std::vector<std::thread> racers;
        for (int i = 0; i < kRacers; ++i) {
            racers.emplace_back([&] {
                auto ws = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
                auto plan =
                    ws ? (*ws)->keys().planRotation(payments) : Result<RotationPlan>(std::unexpected(ws.error()));
                planned.arrive_and_wait(); // every plan is made before any rotation
                auto done = plan ? (*ws)->keys().rotate(*plan) : Result<RotationResult>(std::unexpected(plan.error()));
                if (done)
                    ++rotated;
                else if (done.error().message.contains(QStringLiteral("changed while rotating")))
                    ++stale;
                else {
                    const QMutexLocker locked(&failuresLock);
                    failures.append(done.error().message);
                }
            });
        }
        for (std::thread& racer : racers)
            racer.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("; "))));
        QCOMPARE(rotated.load(), 1);
        QCOMPARE(stale.load(), kRacers - 1);
        int active = 0, retiring = 0;
        const auto keys = f.ws().keys().list(payments);
        QVERIFY(keys);
        for (const SigningKeyRecord& key : *keys) {
            active += key.state == KeyState::Active;
            retiring += key.state == KeyState::Retiring;
        }
        QCOMPARE(active, 1);
        QCOMPARE(retiring, 1);
    }

    // Keys prepared in the same second: rotation activates the one prepared first, whatever their kids.
    void rotationTakesTheFirstPreparedOfATie()
    {
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        QVERIFY(f.ws().keys().generate(payments, Algorithm::ES256));
        const auto prepare = [&](const QString& kid) {
            return f.ws().keys().addGenerated(payments,
                                              Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256), kid),
                                              Algorithm::ES256, KeyState::Next);
        };
        const auto first = prepare(QStringLiteral("z-prepared-first")); // kids sort against the order
        const auto second = prepare(QStringLiteral("a-prepared-second"));
        QVERIFY(first && second);
        auto rotated = f.ws().keys().rotate(payments, RotateOptions{});
        QVERIFY(rotated);
        QCOMPARE(rotated->activated.kid, first->kid);
    }

    // The published keys are kept between verifications, and still follow every change: this
    // workspace's at once, another process's (the CLI revoking while the console verifies) within
    // a millisecond.
    // The published set is kept between verifications while nothing changes; a retiring key still
    // leaves it at its retire-at, with nothing written in between (the server's JWKS, every
    // verification).
    void aRetiringKeyLeavesThePublishedSetAtItsRetireAt()
    {
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        const auto original = *f.ws().keys().generate(payments, Algorithm::ES256);
        const std::string token = mint(f.ws());
        RotateOptions options;
        options.retireAfter = 120;
        const auto rotated = f.ws().keys().rotate(payments, options);
        QVERIFY(rotated);
        QCOMPARE(publishedKids(f.ws()), (QStringList{rotated->activated.kid, original.kid}));
        QVERIFY(verifies(f.ws(), token));
        f.clock.advance(119);
        QVERIFY(verifies(f.ws(), token));
        f.clock.advance(1);
        QCOMPARE(publishedKids(f.ws()), QStringList{rotated->activated.kid});
        const auto late = f.ws().tokens().verify(payments, token);
        QVERIFY(late && !late->report.isValid());
        QCOMPARE(late->report.firstFailure()->id, CheckId::Key);
    }

    // Listing keys reads a retiring key past its retire-at as retired, and writes nothing: it does not
    // wait for another program's write lock (the console lists keys on its GUI thread).
    void listingKeysDoesNotWaitForAnotherWriter()
    {
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        const auto original = *f.ws().keys().generate(payments, Algorithm::ES256);
        RotateOptions options;
        options.retireAfter = 60;
        QVERIFY(f.ws().keys().rotate(payments, options));
        f.clock.advance(61);
        auto other = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(other);
        auto otherWrites = Transaction::begin(workspaceDatabase(**other));
        QVERIFY(otherWrites);
        QVERIFY(workspaceDatabase(**other).exec(QStringLiteral("UPDATE signing_keys SET created_at = created_at")));
        const auto keys = f.ws().keys().list(payments);
        QVERIFY2(keys, keys ? "" : qPrintable(keys.error().message));
        QCOMPARE(stateOf(f.ws(), original.kid), KeyState::Retired);
        QVERIFY(f.ws().keys().listByProject());
        QVERIFY(otherWrites->commit());
    }

    void publishedKeysFollowChangesFromAnywhere()
    {
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        const auto first = *f.ws().keys().generate(payments, Algorithm::ES256);
        MintRequest mint;
        mint.projectId = payments;
        const auto token = f.ws().tokens().mintRecorded(mint);
        QVERIFY(token);
        QVERIFY(f.ws().tokens().verify(payments, token->token)->isAccepted());

        auto other = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(other);
        QVERIFY((*other)->keys().revoke(payments, first.kid));
        QTest::qWait(5); // past TokenService's and KeyService's 1 ms recheck of other processes
        // No key left to verify with: refused (an error rather than a report).
        const auto refused = f.ws().tokens().verify(payments, token->token);
        QVERIFY2(!refused || !refused->isAccepted(), "a token of a revoked key was accepted");
        QVERIFY(f.ws().keys().publishedKeys(payments)->keys().empty());

        const auto kids = [&] {
            QStringList found;
            const auto set = f.ws().keys().publishedKeys(payments);
            for (const Jwk& key : set->keys())
                found.append(key.kid());
            found.sort();
            return found;
        };
        const auto second = *(*other)->keys().generate(payments, Algorithm::ES256);
        QTest::qWait(5);
        QCOMPARE(kids(), QStringList{second.kid});
        // This workspace's own change, with no wait at all.
        const auto third = *f.ws().keys().generate(payments, Algorithm::ES256);
        QStringList both{second.kid, third.kid};
        both.sort();
        QCOMPARE(kids(), both);
    }

    void rotateAndRevokeRemovesTheOldKeyAtOnce()
    {
        WorkspaceFixture f;
        f.create();
        const auto compromised = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::EdDSA);
        const std::string stolen = mint(f.ws());
        RotateOptions options;
        options.revokeOld = true;
        auto rotated = f.ws().keys().rotate(QStringLiteral("payments"), options);
        QVERIFY(rotated);
        QCOMPARE(rotated->previous->state, KeyState::Revoked);
        QVERIFY(!publishedKids(f.ws()).contains(compromised.kid));
        QVERIFY(!verifies(f.ws(), stolen));
        QVERIFY(verifies(f.ws(), mint(f.ws())));
    }

    void exactlyOneActiveKeyAfterManyRotations()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        for (int i = 0; i < 8; ++i) {
            f.clock.advance(1000);
            RotateOptions options;
            options.prepareNext = i % 2 == 0;
            QVERIFY(f.ws().keys().rotate(QStringLiteral("payments"), options));
        }
        int active = 0;
        const auto keys = f.ws().keys().list(QStringLiteral("payments"));
        for (const SigningKeyRecord& key : *keys)
            active += key.state == KeyState::Active;
        QCOMPARE(active, 1);
        const QStringList published = publishedKids(f.ws());
        QVERIFY(published.size() >= 2 && published.size() <= 6);
    }

    void rotationIsSafeOnlyOnceTheNextKeyHasBeenCached()
    {
        WorkspaceFixture f;
        f.create(); // JWKS max-age 600 s
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        const Project project = *f.ws().projects().get(QStringLiteral("payments"));
        RotationSafety safety = rotationSafety(project, *f.ws().keys().list(QStringLiteral("payments")), f.clock.now());
        QVERIFY(!safety.safe);
        QVERIFY(safety.reason.contains(QStringLiteral("no cached JWKS contains")));
        const auto next = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        f.clock.advance(599);
        safety = rotationSafety(project, *f.ws().keys().list(QStringLiteral("payments")), f.clock.now());
        QVERIFY(!safety.safe);
        QCOMPARE(*safety.safeFrom, next.createdAt + 600);
        QVERIFY(safety.reason.contains(QStringLiteral("Safe in 1 s")));
        f.clock.advance(1);
        QVERIFY(rotationSafety(project, *f.ws().keys().list(QStringLiteral("payments")), f.clock.now()).safe);
    }

    void jwksIsDeterministic()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::RS256));
        const QByteArray first = *f.ws().keys().jwks(QStringLiteral("payments"));
        QCOMPARE(*f.ws().keys().jwks(QStringLiteral("payments")), first);
        QVERIFY(first.contains("\"use\": \"sig\""));
        QVERIFY(first.endsWith("}\n"));
        QVERIFY(JwkSet::parse(first));
    }

    void importedKeysKeepTheirKid()
    {
        WorkspaceFixture f;
        f.create();
        Jwk key = Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P384), QStringLiteral("my-kid"));
        auto imported = f.ws().keys().import(QStringLiteral("payments"), key);
        QVERIFY(imported);
        QCOMPARE(imported->kid, QStringLiteral("my-kid"));
        QCOMPARE(imported->algorithm, Algorithm::ES384);
        QVERIFY(!f.ws().keys().import(QStringLiteral("payments"), key.publicJwk()));
        QVERIFY(!f.ws().keys().import(QStringLiteral("payments"), key)); // same kid again
        auto signing = f.ws().keys().activeSigningKey(QStringLiteral("payments"));
        QVERIFY(signing && signing->hasPrivate());
        QVERIFY(signing->keyPair().samePublicKey(key.keyPair()));
    }
};

QTEST_GUILESS_MAIN(KeyLifecycleTest)
#include "tst_keylifecycle.moc"
