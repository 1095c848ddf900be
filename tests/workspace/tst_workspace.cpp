// The workspace as a whole: vault and passphrase, projects, API keys, the token ledger with one-time
// use, the audit log, and what reaches the disk.

#include "WorkspaceFixture.h"

#include "jose/Base64Url.h"
#include "jose/Jws.h"
#include "jose/TokenInspection.h"
#include "workspace/Database.h"
#include "workspace/LedgerWriter.h"
#include "workspace/WorkspaceInternals.h"

#include <QFileInfo>
#include <QTest>
#include <QtConcurrent>

#include <atomic>

using namespace Signet;
using namespace Signet::Test;

namespace {

MintRequest request(bool oneTime = false)
{
    MintRequest r;
    r.projectId = QStringLiteral("payments");
    r.subject = QStringLiteral("user-1");
    r.scopes = {QStringLiteral("payments:read")};
    r.oneTime = oneTime;
    return r;
}

// Every encoding a careless implementation might write a secret in.
QList<QByteArray> encodings(const QByteArray& secret)
{
    return {secret, secret.toBase64(), secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            secret.toHex(), secret.toHex().toUpper()};
}

// Runs `change` (through another connection) and waits until `ws` has heard of it: a file workspace
// with the commit (data_version), a team workspace with its announcement a moment later, without
// asking the server.
bool heardOf(Workspace& ws, const std::function<bool()>& change)
{
    const ChangeStamp before = *workspaceDatabase(ws).configurationStamp();
    return change() && QTest::qWaitFor([&] { return *workspaceDatabase(ws).configurationStamp() != before; }, 1000);
}

} // namespace

class WorkspaceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileIsPrivateAndReopens()
    {
        WorkspaceFixture f;
        f.create();
        if (f.isFileStore()) // a team workspace's database is guarded by its server's roles instead
            QCOMPARE(QFileInfo(f.path()).permissions() &
                         (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                     QFileDevice::Permissions());
        QVERIFY(!f.ws().isProtected());
        QVERIFY(!Workspace::create(f.location(), std::nullopt, Actor::Cli, f.clock));
        f.workspace.reset();
        auto reopened = Workspace::open(f.location(), {}, Actor::Gui, f.clock);
        QVERIFY(reopened);
        QCOMPARE((*reopened)->projects().get(QStringLiteral("payments"))->issuer,
                 QStringLiteral("https://signet.local/p/payments"));
        QVERIFY(!Workspace::open(f.missingLocation(), {}, Actor::Cli, f.clock));
    }

    void passphraseProtection()
    {
        WorkspaceFixture f;
        f.create(QByteArray("correct horse"));
        QVERIFY(f.ws().isProtected());
        const auto key = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        f.workspace.reset();
        QCOMPARE(*Workspace::isProtected(f.location()), true);
        const QByteArray before = f.storedBytes();
        auto wrong = Workspace::open(f.location(), "battery staple", Actor::Cli, f.clock);
        QVERIFY(!wrong);
        // A protected team workspace has members: the message names who tried.
        QVERIFY2(wrong.error().message == QStringLiteral("wrong passphrase") ||
                     wrong.error().message ==
                         QStringLiteral("wrong passphrase for member '%1'").arg(WorkspaceMembers::defaultName()),
                 qPrintable(wrong.error().message));
        QVERIFY(!Workspace::open(f.location(), {}, Actor::Cli, f.clock));
        QCOMPARE(f.storedBytes(), before);

        auto opened = Workspace::open(f.location(), "correct horse", Actor::Cli, f.clock);
        QVERIFY(opened);
        QVERIFY((*opened)->keys().activeSigningKey(QStringLiteral("payments")));
        // Changing the passphrase rewraps the data key only: the sealed key still opens.
        QVERIFY((*opened)->changePassphrase(QByteArray("new passphrase"), WorkspaceFixture::cheapKdf()));
        opened->reset();
        QVERIFY(!Workspace::open(f.location(), "correct horse", Actor::Cli, f.clock));
        auto again = Workspace::open(f.location(), "new passphrase", Actor::Cli, f.clock);
        QVERIFY(again);
        QCOMPARE((*again)->keys().activeSigningKey(QStringLiteral("payments"))->kid(), key.kid);
        if ((*again)->hasMembers()) {
            // A team workspace has members, and a member's passphrase cannot be taken away.
            QVERIFY(!(*again)->changePassphrase(std::nullopt));
            QVERIFY((*again)->isProtected());
            return;
        }
        QVERIFY((*again)->changePassphrase(std::nullopt));
        QVERIFY(!(*again)->isProtected());
    }

    void sealedValuesAreBoundToTheirRecord()
    {
        WorkspaceFixture f;
        f.create();
        const auto a = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        const auto b = *f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256);
        // Move b's sealed private key onto a: it must not open as a's.
        QVERIFY(workspaceDatabase(f.ws()).exec(
            QStringLiteral("UPDATE signing_keys SET sealed_private = (SELECT sealed_private FROM signing_keys "
                           "WHERE kid = ?) WHERE kid = ?"),
            {b.kid, a.kid}));
        auto opened = f.ws().keys().activeSigningKey(QStringLiteral("payments"));
        QVERIFY(!opened);
        QVERIFY(opened.error().message.contains(QStringLiteral("does not open")));
    }

    void projects()
    {
        WorkspaceFixture f;
        f.create();
        Project duplicate;
        duplicate.id = QStringLiteral("payments");
        QVERIFY(f.ws().projects().create(duplicate).error().message.contains(QStringLiteral("already exists")));
        for (const char* id : {"Payments", "-x", "a b", "", "é"}) {
            Project p;
            p.id = QString::fromUtf8(id);
            QVERIFY2(!f.ws().projects().create(p), id);
        }
        Project bad;
        bad.id = QStringLiteral("video");
        bad.defaultTtl = 7200;
        bad.maxTtl = 3600;
        QVERIFY(f.ws().projects().create(bad).error().message.contains(QStringLiteral("exceeds the maximum")));
        Project video;
        video.id = QStringLiteral("video");
        video.name = QStringLiteral("Video rooms");
        QVERIFY(f.ws().projects().create(video));
        QCOMPARE(f.ws().projects().list()->size(), 2);
        Project changed = *f.ws().projects().get(QStringLiteral("video"));
        changed.audience = QStringLiteral("rooms-api");
        QVERIFY(f.ws().projects().update(changed));
        QCOMPARE(f.ws().projects().get(QStringLiteral("video"))->audience, QStringLiteral("rooms-api"));
        QVERIFY(f.ws().keys().generate(QStringLiteral("video"), Algorithm::EdDSA));
        QVERIFY(f.ws().projects().remove(QStringLiteral("video")));
        QVERIFY(!f.ws().projects().get(QStringLiteral("video")));
        QCOMPARE(*workspaceDatabase(f.ws()).scalar(
                     QStringLiteral("SELECT COUNT(*) FROM signing_keys WHERE project_id = 'video'")),
                 QVariant(0));
        QVERIFY(!f.ws().projects().remove(QStringLiteral("video")));
    }

    void apiKeys()
    {
        WorkspaceFixture f;
        f.create();
        auto created = f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("backend"),
                                               {QStringLiteral("payments:read")}, 3600);
        QVERIFY(created);
        QVERIFY(created->record.id.startsWith(QStringLiteral("ak_")));
        QCOMPARE(created->secret.size(), 43);
        QVERIFY(!f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("x"), {QStringLiteral("admin")}));
        QVERIFY(!f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral(" "), {}));
        QVERIFY(f.ws().apiKeys().authenticate(created->record.id, created->secret));
        QVERIFY(!f.ws().apiKeys().authenticate(created->record.id, created->secret + QLatin1Char('x')));
        QVERIFY(!f.ws().apiKeys().authenticate(QStringLiteral("ak_unknown"), created->secret));
        QVERIFY(f.ws().apiKeys().get(QStringLiteral("payments"), created->record.id)->lastUsedAt);

        // HS256 with the secret's text, as VideoSDK does; verifiable by the project; the key id rides along.
        MintRequest r = request();
        r.apiKeyId = created->record.id;
        auto minted = f.ws().tokens().mint(r);
        QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));
        const Jwk byHand = Jwk::fromSecret(Crypto::SecureBytes(created->secret.toUtf8()));
        VerifyOptions options;
        options.audiences = {QStringLiteral("payments")};
        QVERIFY(TokenVerifier::create(JwkSet({byHand}), options, f.clock)->verify(minted->token).isValid());
        QVERIFY(f.ws().tokens().verify(QStringLiteral("payments"), minted->token)->report.isValid());
        QCOMPARE(TokenInspection::inspect(QString::fromStdString(minted->token), f.clock.now())
                     .claims()
                     .find("apikey")
                     ->asString(),
                 created->record.id.toStdString());
        r.scopes = {QStringLiteral("payments:write")};
        QVERIFY(f.ws().tokens().mint(r).error().message.contains(QStringLiteral("does not grant")));

        // Revocation is immediate: no more minting, and its tokens stop verifying.
        QVERIFY(f.ws().apiKeys().revoke(QStringLiteral("payments"), created->record.id));
        QVERIFY(!f.ws().apiKeys().revoke(QStringLiteral("payments"), created->record.id));
        r.scopes = {QStringLiteral("payments:read")};
        QVERIFY(!f.ws().tokens().mint(r));
        QVERIFY(!f.ws().apiKeys().authenticate(created->record.id, created->secret));
        auto after = f.ws().tokens().verify(QStringLiteral("payments"), minted->token);
        QVERIFY(!after || !after->report.isValid());

        // Expiry.
        auto shortLived = f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("temp"), {}, 60);
        QVERIFY2(shortLived, shortLived ? "" : qPrintable(shortLived.error().message));
        QVERIFY(f.ws().apiKeys().authenticate(shortLived->record.id, shortLived->secret));
        f.clock.advance(60);
        auto expired = f.ws().apiKeys().authenticate(shortLived->record.id, shortLived->secret);
        QVERIFY(!expired);
        QVERIFY(expired.error().message.contains(QStringLiteral("expired")));
    }

    // A provider's key id and secret: kept sealed, audited, and signing HS256 with the secret's UTF-8 bytes.
    void importedApiKeys()
    {
        WorkspaceFixture f;
        f.create();
        const QString id = QStringLiteral("8f1c2b3a-4d5e-4f60-9a7b-1c2d3e4f5a6b");
        const QByteArray secret = "3c9e0f1a2b4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071";
        auto& apiKeys = f.ws().apiKeys();
        auto imported = apiKeys.importKey(QStringLiteral("payments"), id, Crypto::SecureBytes(secret), {},
                                          {QStringLiteral("payments:read")});
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        QCOMPARE(imported->id, id);
        QCOMPARE(imported->name, QStringLiteral("imported"));
        QVERIFY(apiKeys.authenticate(id, QString::fromLatin1(secret)));
        QCOMPARE(f.ws().audit().list(QStringLiteral("payments"))->front().action, QStringLiteral("apikey.import"));

        MintRequest r = request();
        r.apiKeyId = id;
        auto minted = f.ws().tokens().mint(r);
        QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));
        VerifyOptions options;
        options.audiences = {QStringLiteral("payments")};
        QVERIFY(TokenVerifier::create(JwkSet({Jwk::fromSecret(Crypto::SecureBytes(secret))}), options, f.clock)
                    ->verify(minted->token)
                    .isValid());

        // Each refusal names its reason and stores nothing.
        const auto refused = [&](const QString& project, const QString& keyId, const QByteArray& text,
                                 const QString& reason) {
            auto result = apiKeys.importKey(project, keyId, Crypto::SecureBytes(text), {}, {});
            return !result && result.error().message.contains(reason);
        };
        const QString payments = QStringLiteral("payments");
        QVERIFY(refused(payments, id, "x" + secret, QStringLiteral("already exists")));
        QVERIFY(refused(payments, QStringLiteral("other"), secret, QStringLiteral("already has this secret")));
        QVERIFY(refused(payments, QStringLiteral("other"), "", QStringLiteral("empty")));
        QVERIFY(refused(payments, QStringLiteral("other"), secret + "\n", QStringLiteral("control character")));
        QVERIFY(refused(payments, QStringLiteral("other"), "short", QStringLiteral("at least 32")));
        QVERIFY(refused(payments, QStringLiteral("has space"), "x" + secret, QStringLiteral("printable ASCII")));
        QVERIFY(refused(payments, QString(129, QLatin1Char('k')), "x" + secret, QStringLiteral("1 to 128")));
        QVERIFY(refused(QStringLiteral("nowhere"), QStringLiteral("other"), "x" + secret,
                        QStringLiteral("no project 'nowhere'")));
        QCOMPARE(apiKeys.list(payments)->size(), 1);
        QCOMPARE(f.ws().audit().list(payments)->size(), 2); // project.create, apikey.import
    }

    // A token names its API key by the apikey claim, the kid header or both; both must name the same
    // key of this project, and a name no key of the project has leaves the signing keys to verify.
    void tokensNameTheirApiKey()
    {
        WorkspaceFixture f;
        f.create();
        const QString payments = QStringLiteral("payments");
        const QByteArray secretA = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
        const QByteArray secretB = "b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
        QVERIFY(f.ws().apiKeys().importKey(payments, QStringLiteral("key-a"), Crypto::SecureBytes(secretA), {}, {}));
        QVERIFY(f.ws().apiKeys().importKey(payments, QStringLiteral("key-b"), Crypto::SecureBytes(secretB), {}, {}));
        const qint64 now = f.clock.now();
        const auto token = [&](const QByteArray& secret, const std::string& header, const std::string& apikey) {
            const std::string claims = "{\"iss\":\"" + f.ws().projects().get(payments)->issuer.toStdString() +
                                       "\",\"aud\":\"payments\",\"exp\":" + std::to_string(now + 600) +
                                       (apikey.empty() ? std::string() : ",\"apikey\":\"" + apikey + "\"") + "}";
            return *Jws::signCompact(Jwk::fromSecret(Crypto::SecureBytes(secret)), Algorithm::HS256, header, claims);
        };
        const auto verdict = [&](const std::string& compact) {
            auto verified = f.ws().tokens().verify(payments, compact);
            if (!verified)
                return verified.error().message;
            QStringList lines;
            for (const Check& check : verified->report.checks())
                lines.append(verified->report.message(check));
            return lines.join(QLatin1Char('\n'));
        };

        const std::string byKid = token(secretB, "{\"alg\":\"HS256\",\"kid\":\"key-b\"}", "");
        QVERIFY(f.ws().tokens().verify(payments, byKid)->report.isValid());
        QVERIFY2(verdict(byKid).contains(QStringLiteral("named by the kid header")), qPrintable(verdict(byKid)));
        const std::string byBoth = token(secretA, "{\"alg\":\"HS256\",\"kid\":\"key-a\"}", "key-a");
        QVERIFY(f.ws().tokens().verify(payments, byBoth)->report.isValid());
        QVERIFY2(verdict(byBoth).contains(QStringLiteral("named by the apikey claim and the kid header")),
                 qPrintable(verdict(byBoth)));

        const std::string mismatched = token(secretA, "{\"alg\":\"HS256\",\"kid\":\"key-b\"}", "key-a");
        QVERIFY2(verdict(mismatched)
                     .contains(
                         QStringLiteral("the token's apikey claim names API key key-a but its kid header names key-b")),
                 qPrintable(verdict(mismatched)));
        // Signed by key A but claiming key B: refused, B's secret does not verify it.
        QVERIFY(!f.ws().tokens().verify(payments, token(secretA, "{\"alg\":\"HS256\"}", "key-b"))->report.isValid());
        // Another project's key name is no key here: the project's signing keys are tried, and refuse.
        Project billing;
        billing.id = QStringLiteral("billing");
        billing.name = QStringLiteral("Billing");
        QVERIFY(f.ws().projects().create(billing));
        auto other = f.ws().tokens().verify(QStringLiteral("billing"), byKid);
        QVERIFY(!other || !other->report.isValid());
    }

    void ledgerAndLifetimes()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        auto minted = f.ws().tokens().mint(request());
        QVERIFY(minted);
        QCOMPARE(minted->entry.expiresAt - minted->entry.issuedAt, qint64(15 * 60));
        auto entries = f.ws().tokens().list(QStringLiteral("payments"));
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->front().jti, minted->entry.jti);
        QCOMPARE(entries->front().scopes, QStringList{QStringLiteral("payments:read")});
        QCOMPARE(f.ws().tokens().reveal(QStringLiteral("payments"), minted->entry.jti)->toStdString(), minted->token);
        MintRequest tooLong = request();
        tooLong.lifetime = 3601;
        QVERIFY(f.ws().tokens().mint(tooLong).error().message.contains(QStringLiteral("exceeds the maximum")));
        MintRequest unknownScope = request();
        unknownScope.scopes = {QStringLiteral("admin")};
        QVERIFY(!f.ws().tokens().mint(unknownScope));
        for (const char* controlled : {"iss", "sub", "aud", "nbf", "scope", "apikey", "jti", "exp", "iat"}) {
            MintRequest overriding = request();
            overriding.extraClaims.set(controlled, JsonValue::string("admin"));
            auto refused = f.ws().tokens().mint(overriding);
            QVERIFY2(!refused, controlled);
            QVERIFY(refused.error().message.contains(QStringLiteral("set by Signet")));
        }
        MintRequest custom = request();
        custom.extraClaims.set("tenant", JsonValue::string("acme"));
        QVERIFY(f.ws().tokens().mint(custom));
        MintRequest sameJti = request();
        sameJti.jti = minted->entry.jti;
        QVERIFY(f.ws().tokens().mint(sameJti).error().message.contains(QStringLiteral("already minted")));
        // The project's issuer and audience are what verification expects by default.
        auto verified = f.ws().tokens().verify(QStringLiteral("payments"), minted->token);
        QVERIFY(verified->report.isValid());
        VerifyOptions otherAudience;
        otherAudience.audiences = {QStringLiteral("elsewhere")};
        QVERIFY(!f.ws().tokens().verify(QStringLiteral("payments"), minted->token, otherAudience)->report.isValid());
    }

    void oneTimeTokens()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::EdDSA));
        auto once = *f.ws().tokens().mint(request(true));
        auto first = f.ws().tokens().verify(QStringLiteral("payments"), once.token, {}, Consumption::Consume);
        QVERIFY(first->isAccepted());
        QCOMPARE(*first->consumed, ConsumeOutcome::Consumed);
        auto second = f.ws().tokens().verify(QStringLiteral("payments"), once.token, {}, Consumption::Consume);
        QVERIFY(second->report.isValid() && !second->isAccepted());
        QCOMPARE(*second->consumed, ConsumeOutcome::AlreadyUsed);
        QVERIFY(describe(ConsumeOutcome::AlreadyUsed).contains(QStringLiteral("already used")));

        auto reusable = *f.ws().tokens().mint(request(false));
        QCOMPARE(*f.ws().tokens().consume(QStringLiteral("payments"), reusable.token), ConsumeOutcome::NotOneTime);
        QCOMPARE(*f.ws().tokens().consume(QStringLiteral("payments"), "not.a.token"), ConsumeOutcome::NotInLedger);
        auto expiring = *f.ws().tokens().mint(request(true));
        f.clock.advance(15 * 60);
        QCOMPARE(*f.ws().tokens().consume(QStringLiteral("payments"), expiring.token), ConsumeOutcome::Expired);
        QCOMPARE(f.ws().tokens().list(QStringLiteral("payments"))->size(), 3);
        int consumptions = 0;
        const auto events = f.ws().audit().list(QStringLiteral("payments"));
        for (const AuditEvent& event : *events)
            consumptions += event.action == QLatin1String("token.consume") && event.object == once.entry.jti;
        QCOMPARE(consumptions, 1);
    }

    // Threads with their own connections race for one token: exactly one wins.
    void concurrentConsumptionHasOneWinner()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        // Handed to other connections: committed before mintRecorded returns.
        const std::string token = f.ws().tokens().mintRecorded(request(true))->token;
        std::atomic<int> consumed{0}, refused{0}, failed{0};
        QList<QFuture<void>> racers;
        for (int i = 0; i < 12; ++i) {
            racers.append(QtConcurrent::run([&] {
                auto ws = Workspace::open(f.location(), {}, Actor::Server, f.clock);
                if (!ws) {
                    ++failed;
                    return;
                }
                auto outcome = (*ws)->tokens().consume(QStringLiteral("payments"), token);
                if (!outcome)
                    ++failed;
                else if (*outcome == ConsumeOutcome::Consumed)
                    ++consumed;
                else if (*outcome == ConsumeOutcome::AlreadyUsed)
                    ++refused;
            }));
        }
        for (QFuture<void>& racer : racers)
            racer.waitForFinished();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(consumed.load(), 1);
        QCOMPARE(refused.load(), 11);
    }

    // Rows are committed by the ledger writer in groups: reads here wait for them, other
    // connections see them after flush(), and nothing is lost on the way.
    void ledgerRowsAreCommittedInGroups()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QList<MintedToken> minted;
        const int count = int(LedgerWriter::kMaxQueued) + 500; // also past the queue's bound
        for (int i = 0; i < count; ++i) {
            auto token = f.ws().tokens().mint(request(i % 2 == 0));
            QVERIFY2(token, token ? "" : qPrintable(token.error().message));
            minted.append(*token);
        }
        // The same workspace reads its own writes: consume waits for the writer.
        QCOMPARE(*f.ws().tokens().consume(QStringLiteral("payments"), minted.back().token), ConsumeOutcome::NotOneTime);
        QCOMPARE(*f.ws().tokens().consume(QStringLiteral("payments"), minted[count - 2].token),
                 ConsumeOutcome::Consumed);
        QCOMPARE(*f.ws().tokens().reveal(QStringLiteral("payments"), minted[7].entry.jti),
                 QString::fromStdString(minted[7].token));

        // Another connection sees every row once flushed, each with its fields and its own token.
        QVERIFY(f.ws().tokens().flush());
        auto other = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(other);
        auto listed = (*other)->tokens().list(QStringLiteral("payments"), count + 10);
        QCOMPARE(listed->size(), count);
        QHash<QString, LedgerEntry> byJti;
        for (const LedgerEntry& entry : *listed)
            byJti.insert(entry.jti, entry);
        for (int i : {0, 1, count / 2, count - 1}) {
            const LedgerEntry& expected = minted[i].entry;
            QVERIFY(byJti.contains(expected.jti));
            const LedgerEntry& got = byJti[expected.jti];
            QCOMPARE(got.kid, expected.kid);
            QCOMPARE(got.algorithm, QStringLiteral("ES256"));
            QCOMPARE(got.subject, QStringLiteral("user-1"));
            QCOMPARE(got.scopes, QStringList{QStringLiteral("payments:read")});
            QCOMPARE(got.audience, expected.audience);
            QCOMPARE(got.issuedAt, expected.issuedAt);
            QCOMPARE(got.expiresAt, expected.expiresAt);
            QCOMPARE(got.oneTime, i % 2 == 0);
            QCOMPARE(*(*other)->tokens().reveal(QStringLiteral("payments"), expected.jti),
                     QString::fromStdString(minted[i].token));
        }
        // Token ids sort by mint time (ULIDs), so the ledger index grows at its end.
        QVERIFY(minted.front().entry.jti.size() == 26 && minted.front().entry.jti <= minted.back().entry.jti);
    }

    // The writer hands the database many rows as one value (JSON for SQLite, arrays for PostgreSQL):
    // quotes, backslashes, braces, commas, "NULL" and other scripts come back as they went in.
    void ledgerFieldsKeepEveryCharacter()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        const QStringList subjects = {
            QStringLiteral("a\"b"), QStringLiteral("back\\slash\\"),    QStringLiteral("{x,y}"),
            QStringLiteral("NULL"), QStringLiteral("Zoë 東京 🙂"), QStringLiteral("\"},{\"")};
        QHash<QString, QString> subjectByJti;
        for (const QString& subject : subjects) {
            MintRequest r = request();
            r.subject = subject;
            auto minted = f.ws().tokens().mint(r);
            QVERIFY2(minted, minted ? "" : qPrintable(minted.error().message));
            subjectByJti.insert(minted->entry.jti, subject);
        }
        QVERIFY(f.ws().tokens().flush());
        auto other = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(other);
        auto listed = (*other)->tokens().list(QStringLiteral("payments"), 100);
        QVERIFY(listed);
        QCOMPARE(listed->size(), subjects.size());
        for (const LedgerEntry& entry : *listed)
            QCOMPARE(entry.subject, subjectByJti.value(entry.jti));
    }

    // Rows still queued when the workspace closes are committed. One whose project was deleted in the
    // meantime is not, and the next flush says so.
    void queuedRowsSurviveCloseAndDeletion()
    {
        WorkspaceFixture f;
        f.create();
        Project video;
        video.id = QStringLiteral("video");
        QVERIFY(f.ws().projects().create(video));
        for (const QString& id : {QStringLiteral("payments"), QStringLiteral("video")})
            QVERIFY(f.ws().keys().generate(id, Algorithm::EdDSA));
        MintRequest toVideo = request();
        toVideo.projectId = QStringLiteral("video");
        toVideo.scopes = {};
        const QString kept = f.ws().tokens().mint(request())->entry.jti;
        const QString lost = f.ws().tokens().mint(toVideo)->entry.jti;
        QVERIFY(f.ws().projects().remove(QStringLiteral("video")));
        auto flushed = f.ws().tokens().flush();
        QVERIFY(!flushed);
        QCOMPARE(flushed.error().message,
                 QStringLiteral("token '%1' was not recorded: project 'video' was deleted").arg(lost));
        QVERIFY(f.ws().tokens().flush()); // reported once

        QVERIFY(f.ws().tokens().mint(request()));
        f.workspace.reset(); // the writer commits what is queued before it stops
        auto reopened = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(reopened);
        const auto listed = (*reopened)->tokens().list(QStringLiteral("payments"));
        QCOMPARE(listed->size(), 2);
        QVERIFY(listed->back().jti == kept || listed->front().jti == kept);
        QCOMPARE(workspaceDatabase(**reopened).scalar(QStringLiteral("SELECT count(*) FROM ledger"))->toInt(), 2);
    }

    // A row the database refuses fails only its own token, and the failure reaches whoever waits for
    // that token: not a reader of the ledger in between, not the next token's minter.
    void eachRowsFailureGoesToItsMinter()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        const Database& database = workspaceDatabase(f.ws());
        if (database.dialect() == Database::Dialect::SQLite) {
            QVERIFY(database.exec(QStringLiteral("CREATE TRIGGER refuse_bad BEFORE INSERT ON ledger WHEN NEW.subject = "
                                                 "'bad' BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END")));
        } else {
            QVERIFY(database.exec(QStringLiteral("CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                                 "BEGIN RAISE EXCEPTION 'refused by a test trigger'; END $$")));
            QVERIFY(database.exec(QStringLiteral("CREATE TRIGGER refuse_bad BEFORE INSERT ON ledger FOR EACH ROW WHEN "
                                                 "(NEW.subject = 'bad') EXECUTE FUNCTION refuse_bad()")));
        }
        int reads = 0;
        connect(&f.ws().tokens(), &TokenService::ledgerChanged, this, [&](const QString& projectId) {
            reads += f.ws().tokens().list(projectId) ? 1 : 0; // what the ledger table in the GUI does
        });
        MintRequest bad = request();
        bad.subject = QStringLiteral("bad");
        auto refused = f.ws().tokens().mintRecorded(bad);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("minted but not recorded")) &&
                     refused.error().message.contains(QStringLiteral("refused by a test trigger")),
                 qPrintable(refused.error().message));
        QVERIFY(reads > 0);

        // Queued around good ones: those are recorded, and only a flush reports the bad one.
        QVERIFY(f.ws().tokens().mint(request()));
        QVERIFY(f.ws().tokens().mint(bad));
        auto good = f.ws().tokens().mintRecorded(request());
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        auto flushed = f.ws().tokens().flush();
        QVERIFY(!flushed);
        QVERIFY(flushed.error().message.contains(QStringLiteral("refused by a test trigger")));
        QVERIFY(f.ws().tokens().flush());
        QCOMPARE(f.ws().tokens().list(QStringLiteral("payments"))->size(), 2);
    }

    // Minting keeps the project and its active key between calls, but never past a change made
    // through this connection, nor for longer than the recheck interval past one made through any
    // other (another process rotating, revoking, editing).
    // Verifying asks for the token's project and for an API key by its kid every time; what was read
    // is kept while the configuration holds, and follows a change made here at once and one made
    // through another connection once heard of.
    void lookupsFollowChangesFromEveryConnection()
    {
        WorkspaceFixture f;
        f.create();
        const QString id = QStringLiteral("payments");
        const QString kid = QStringLiteral("ak_laptop");
        QCOMPARE(f.ws().projects().get(id)->issuer, f.ws().projects().get(id)->issuer);
        QVERIFY(!f.ws().apiKeys().find(id, kid)->has_value());

        Project edited = *f.ws().projects().get(id);
        edited.issuer = QStringLiteral("https://issuer.here.test");
        QVERIFY(f.ws().projects().update(edited));
        QCOMPARE(f.ws().projects().get(id)->issuer, QStringLiteral("https://issuer.here.test"));

        auto other = std::move(*Workspace::open(f.location(), {}, Actor::Cli, f.clock));
        edited.issuer = QStringLiteral("https://issuer.elsewhere.test");
        QVERIFY(heardOf(f.ws(), [&] { return other->projects().update(edited).has_value(); }));
        QTest::qWait(5); // past a file workspace's 1 ms recheck
        QCOMPARE(f.ws().projects().get(id)->issuer, QStringLiteral("https://issuer.elsewhere.test"));

        // A kid no API key had: none, until another member imports a key by that id.
        QVERIFY(heardOf(f.ws(), [&] {
            return other->apiKeys()
                .importKey(id, kid, Crypto::SecureBytes(QByteArrayLiteral("provider-issued-secret-0123456789")), {}, {})
                .has_value();
        }));
        QTest::qWait(5);
        const auto found = f.ws().apiKeys().find(id, kid);
        QVERIFY(found && found->has_value());
        QVERIFY(!(*found)->revokedAt);
        QVERIFY(heardOf(f.ws(), [&] { return other->apiKeys().revoke(id, kid).has_value(); }));
        QTest::qWait(5);
        QVERIFY(f.ws().apiKeys().find(id, kid)->value().revokedAt);
        QVERIFY(heardOf(f.ws(), [&] { return other->projects().remove(id).has_value(); }));
        QTest::qWait(5);
        QCOMPARE(f.ws().projects().get(id).error().code, ErrorCode::NotFound);
    }

    void mintFollowsChangesFromEveryConnection()
    {
        WorkspaceFixture f;
        f.create();
        f.ws().tokens().setOtherProcessesRecheck(std::chrono::milliseconds(0)); // every mint asks
        const QString id = QStringLiteral("payments");
        QVERIFY(f.ws().keys().generate(id, Algorithm::ES256));
        auto kidOf = [](const MintedToken& minted) { return minted.entry.kid; };
        const QString first = kidOf(*f.ws().tokens().mint(request()));

        auto other = std::move(*Workspace::open(f.location(), {}, Actor::Cli, f.clock));
        Result<RotationResult> rotated = fail(ErrorCode::NotFound, QStringLiteral("not rotated"));
        QVERIFY(heardOf(f.ws(), [&] { return (rotated = other->keys().rotate(id, RotateOptions{})).has_value(); }));
        const QString second = other->keys().activeSigningKey(id)->kid();
        QVERIFY(second != first);
        QCOMPARE(kidOf(*f.ws().tokens().mint(request())), second);

        // Ledger rows from elsewhere change nothing that minting keeps, and are no reason to re-read.
        QVERIFY(other->tokens().mintRecorded(request()));
        QCOMPARE(kidOf(*f.ws().tokens().mint(request())), second);

        Project edited = *other->projects().get(id);
        edited.issuer = QStringLiteral("https://issuer.elsewhere.test");
        QVERIFY(heardOf(f.ws(), [&] { return other->projects().update(edited).has_value(); }));
        auto minted = f.ws().tokens().mint(request());
        const TokenInspection inspection =
            TokenInspection::inspect(QString::fromStdString(minted->token), f.clock.now());
        QCOMPARE(inspection.claims().find("iss")->asString(), std::string("https://issuer.elsewhere.test"));

        QVERIFY(heardOf(f.ws(), [&] { return other->keys().revoke(id, second).has_value(); }));
        auto refused = f.ws().tokens().mint(request());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("no active signing key")),
                 qPrintable(refused.error().message));

        // Within the interval, other processes' changes wait; this connection's never do (SQLite's
        // data_version does not report them: the workspace counts its own writes).
        f.ws().tokens().setOtherProcessesRecheck(std::chrono::hours(1));
        QVERIFY(f.ws().keys().generate(id, Algorithm::EdDSA));
        const QString third = f.ws().keys().activeSigningKey(id)->kid();
        QCOMPARE(kidOf(*f.ws().tokens().mint(request())), third);
        QVERIFY(heardOf(f.ws(), [&] { return other->keys().rotate(id, RotateOptions{}).has_value(); }));
        QCOMPARE(kidOf(*f.ws().tokens().mint(request())), third); // not asked yet
        f.ws().tokens().setOtherProcessesRecheck(std::chrono::milliseconds(0));
        const QString fourth = f.ws().keys().activeSigningKey(id)->kid();
        QVERIFY(fourth != third);
        QCOMPARE(kidOf(*f.ws().tokens().mint(request())), fourth);
        f.ws().tokens().setOtherProcessesRecheck(std::chrono::hours(1));
        QVERIFY(f.ws().tokens().flush());
        MintRequest chosen = request();
        chosen.jti = QStringLiteral("own-1");
        QVERIFY(f.ws().tokens().mint(chosen));
        edited.issuer = QStringLiteral("https://issuer.here.test");
        QVERIFY(f.ws().projects().update(edited));
        chosen.jti = QStringLiteral("own-2");
        const TokenInspection own =
            TokenInspection::inspect(QString::fromStdString(f.ws().tokens().mint(chosen)->token), f.clock.now());
        QCOMPARE(own.claims().find("iss")->asString(), std::string("https://issuer.here.test"));
    }

    void auditRecordsChangesNotSecrets()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), Algorithm::ES256));
        QVERIFY(f.ws().keys().rotate(QStringLiteral("payments")));
        auto apiKey = *f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("backend"), {});
        QVERIFY(f.ws().apiKeys().revoke(QStringLiteral("payments"), apiKey.record.id));
        auto events = *f.ws().audit().list(QStringLiteral("payments"));
        QStringList actions;
        for (const AuditEvent& event : events) {
            actions.prepend(event.action);
            QCOMPARE(event.actor, QStringLiteral("cli"));
            QVERIFY(!event.details.contains(apiKey.secret));
        }
        QCOMPARE(actions, (QStringList{QStringLiteral("project.create"), QStringLiteral("key.generate"),
                                       QStringLiteral("key.generate"), QStringLiteral("key.rotate"),
                                       QStringLiteral("apikey.create"), QStringLiteral("apikey.revoke")}));
        // The API key's name and what it grants: nothing is said as none, not as an empty list.
        QCOMPARE(events.at(1).details, QStringLiteral("backend; no scopes"));
        auto scoped = f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("reader"),
                                              {QStringLiteral("payments:read")});
        QVERIFY(scoped);
        QCOMPARE(f.ws().audit().list(QStringLiteral("payments"))->front().details,
                 QStringLiteral("reader; scopes: payments:read"));
        // Append-only, enforced by the database.
        QVERIFY(!workspaceDatabase(f.ws()).exec(QStringLiteral("DELETE FROM audit")));
        QVERIFY(!workspaceDatabase(f.ws()).exec(QStringLiteral("UPDATE audit SET action = 'x'")));
        QCOMPARE(f.ws().audit().list()->size(), events.size() + 2); // + workspace.create, the reader key
    }

    void noSecretReachesTheDisk()
    {
        for (const bool isProtected : {false, true}) {
            WorkspaceFixture f;
            f.create(isProtected ? std::optional<QByteArray>("pass phrase") : std::nullopt);
            QList<QByteArray> secrets;
            for (Algorithm alg : {Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA}) {
                QVERIFY(f.ws().keys().generate(QStringLiteral("payments"), alg, 0, KeyState::Next));
            }
            RotateOptions options;
            QVERIFY(f.ws().keys().rotate(QStringLiteral("payments"), options));
            const Jwk active = *f.ws().keys().activeSigningKey(QStringLiteral("payments"));
            const JsonValue privateJwk = active.toJson(Jwk::Members::Private);
            for (const char* member : {"d", "p", "q", "dp", "dq", "qi"}) {
                if (const JsonValue* value = privateJwk.find(member))
                    secrets.append(*Base64Url::decode(
                        QByteArrayView(value->asString().data(), qsizetype(value->asString().size()))));
            }
            auto apiKey = *f.ws().apiKeys().create(QStringLiteral("payments"), QStringLiteral("backend"),
                                                   {QStringLiteral("payments:read")});
            secrets.append(apiKey.secret.toUtf8());
            const QByteArray providerSecret = "provider-secret-0123456789abcdef0123456789abcdef";
            QVERIFY(f.ws().apiKeys().importKey(QStringLiteral("payments"), QStringLiteral("provider-key"),
                                               Crypto::SecureBytes(providerSecret), {}, {}));
            secrets.append(providerSecret);
            secrets.append(QByteArray::fromStdString(f.ws().tokens().mint(request())->token));
            MintRequest viaApiKey = request();
            viaApiKey.apiKeyId = apiKey.record.id;
            secrets.append(QByteArray::fromStdString(f.ws().tokens().mint(viaApiKey)->token));
            QVERIFY(f.ws().tokens().flush()); // the sealed tokens are stored now
            QCOMPARE(workspaceDatabase(f.ws()).scalar(QStringLiteral("SELECT count(*) FROM ledger"))->toInt(), 2);
            QVERIFY(secrets.size() >= 4);
            const QByteArray disk = f.storedBytes();
            QVERIFY(disk.size() > 4096);
            for (const QByteArray& secret : secrets) {
                for (const QByteArray& encoded : encodings(secret))
                    QVERIFY2(!disk.contains(encoded), encoded.left(24).constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "tst_workspace.moc"
