// Members of a workspace: each with a passphrase of their own, invited with a one-time code that
// expires, removed with or without a new data key; the audit log names who did what from where.
// Runs on a file workspace and, as tst_members_postgresql, on a team workspace.

#include "WorkspaceFixture.h"
#include "support/TestStore.h"
#include "workspace/AuditPages.h"
#include "workspace/Workspace.h"

#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

MintRequest request(std::optional<QString> apiKeyId = std::nullopt, bool oneTime = false)
{
    MintRequest mint;
    mint.projectId = QStringLiteral("staging");
    mint.apiKeyId = std::move(apiKeyId);
    mint.oneTime = oneTime;
    return mint;
}

const QByteArray kAlice = "alice passphrase";
const QByteArray kBob = "bob passphrase";
const QByteArray kCarol = "carol passphrase";

} // namespace

class TestMembers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void firstMemberOpensWithTheirPassphrase();
    void invitationLetsOneMemberJoinOnce();
    void invitationsExpireAndRefuseAlteredCodes();
    void removalWithRekeyLocksTheMemberOut();
    void removalRefusals();
    void auditNamesMemberAndMachine();
    void aWorkspaceWithOnePassphraseHasNoMembers();
    void aWorkspaceWithOnePassphraseGetsMembers();

private:
    std::unique_ptr<Workspace> open(const QString& member, const QByteArray& passphrase);
    QString invite(Workspace& workspace, const QString& name);
    std::unique_ptr<Workspace> join(const QString& code, const QByteArray& passphrase);
    QString openError(const QString& member, const QByteArray& passphrase);

    QTemporaryDir m_dir;
    QString m_location;
    ManualClock m_clock{WorkspaceFixture::kStart};
    std::unique_ptr<Workspace> m_alice;
};

void TestMembers::init()
{
    m_alice.reset();
    m_location = newWorkspaceLocation(m_dir.path(), QStringLiteral("members"));
    if (!testsUsePostgreSql())
        QFile::remove(m_location); // each test function starts from nothing
    m_clock.set(WorkspaceFixture::kStart);
    auto created = Workspace::createAs(m_location, QStringLiteral("alice"), kAlice, Actor::Cli, m_clock,
                                       WorkspaceFixture::cheapKdf());
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    m_alice = std::move(*created);
    Project project;
    project.id = QStringLiteral("staging");
    QVERIFY(m_alice->projects().create(project));
    QVERIFY(m_alice->keys().generate(QStringLiteral("staging"), Algorithm::ES256));
}

std::unique_ptr<Workspace> TestMembers::open(const QString& member, const QByteArray& passphrase)
{
    auto opened = Workspace::openAs(m_location, member, passphrase, Actor::Cli, m_clock);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return std::move(*opened);
}

QString TestMembers::openError(const QString& member, const QByteArray& passphrase)
{
    auto opened = Workspace::openAs(m_location, member, passphrase, Actor::Cli, m_clock);
    return opened ? QString() : opened.error().message;
}

QString TestMembers::invite(Workspace& workspace, const QString& name)
{
    auto invitation = workspace.members().invite(name);
    if (!invitation) {
        qWarning("%s", qPrintable(invitation.error().message));
        return {};
    }
    return invitation->code;
}

std::unique_ptr<Workspace> TestMembers::join(const QString& code, const QByteArray& passphrase)
{
    auto joined = Workspace::join(m_location, code, passphrase, Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    if (!joined) {
        qWarning("%s", qPrintable(joined.error().message));
        return nullptr;
    }
    return std::move(*joined);
}

void TestMembers::firstMemberOpensWithTheirPassphrase()
{
    QVERIFY(m_alice->hasMembers());
    QCOMPARE(m_alice->member(), QStringLiteral("alice"));
    QVERIFY(m_alice->isProtected());
    auto reopened = open(QStringLiteral("alice"), kAlice);
    QVERIFY(reopened);
    QVERIFY(reopened->tokens().mint(request()));
    QVERIFY(
        openError(QStringLiteral("alice"), "wrong").contains(QStringLiteral("wrong passphrase for member 'alice'")));
    QVERIFY(openError(QStringLiteral("mallory"), kAlice).contains(QStringLiteral("'mallory' is not a member")));
    QVERIFY(openError(QStringLiteral("alice"), {}).contains(QStringLiteral("needs their passphrase")));
    // Without a name, a workspace with members is opened as SIGNET_MEMBER (else the login name).
    qputenv("SIGNET_MEMBER", "alice");
    auto byDefault = Workspace::open(m_location, kAlice, Actor::Cli, m_clock);
    qunsetenv("SIGNET_MEMBER");
    QVERIFY2(byDefault, qPrintable(byDefault ? QString() : byDefault.error().message));
    QCOMPARE((*byDefault)->member(), QStringLiteral("alice"));
    // A workspace with members cannot lose its protection.
    auto unprotect = m_alice->changePassphrase(std::nullopt);
    QVERIFY(!unprotect);
    QVERIFY(unprotect.error().message.contains(QStringLiteral("cannot be removed")));
    QVERIFY(m_alice->changePassphrase(QByteArray("alice's new passphrase"), WorkspaceFixture::cheapKdf()));
    QVERIFY(!openError(QStringLiteral("alice"), kAlice).isEmpty());
    QVERIFY(open(QStringLiteral("alice"), "alice's new passphrase"));
}

void TestMembers::invitationLetsOneMemberJoinOnce()
{
    auto apiKey = m_alice->apiKeys().create(QStringLiteral("staging"), QStringLiteral("backend"), {});
    QVERIFY(apiKey);
    const QString code = invite(*m_alice, QStringLiteral("bob"));
    QVERIFY(code.startsWith(QStringLiteral("sgi1.")));
    auto pending = m_alice->members().pendingInvites();
    QVERIFY(pending && pending->size() == 1 && pending->first().member == QLatin1String("bob"));
    auto bob = join(code, kBob);
    QVERIFY(bob);
    QCOMPARE(bob->member(), QStringLiteral("bob"));
    // Bob reads what Alice sealed: the signing key (mint), the API key's secret (HS256 with it).
    QVERIFY(bob->tokens().mint(request()));
    QVERIFY(bob->tokens().mint(request(apiKey->record.id)));
    bob.reset();
    QVERIFY(open(QStringLiteral("bob"), kBob));
    // Used: the code works no more, for anyone.
    auto again = Workspace::join(m_location, code, "another", Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(QStringLiteral("used, replaced or withdrawn")),
             qPrintable(again.error().message));
    auto members = m_alice->members().list();
    QVERIFY(members);
    QCOMPARE(members->size(), 2);
    QCOMPARE(members->at(1).name, QStringLiteral("bob"));
    QCOMPARE(members->at(1).addedBy, QStringLiteral("alice"));
    QVERIFY(m_alice->members().pendingInvites()->isEmpty());
    // Inviting a member, or a name that is no name, is refused.
    QVERIFY(!m_alice->members().invite(QStringLiteral("bob")));
    QVERIFY(!m_alice->members().invite(QStringLiteral("bob smith")));
}

void TestMembers::invitationsExpireAndRefuseAlteredCodes()
{
    const QString code = invite(*m_alice, QStringLiteral("bob"));
    QVERIFY(!code.isEmpty());
    QString altered = code;
    altered[altered.size() - 2] = altered[altered.size() - 2] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    auto wrong = Workspace::join(m_location, altered, kBob, Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    QVERIFY(!wrong);
    QVERIFY2(wrong.error().message.contains(QStringLiteral("wrong")), qPrintable(wrong.error().message));
    auto garbage = Workspace::join(m_location, QStringLiteral("hello"), kBob, Actor::Cli, m_clock);
    QVERIFY(!garbage);
    QVERIFY(garbage.error().message.contains(QStringLiteral("not a Signet invitation code")));
    // A second invitation replaces the first.
    const QString second = invite(*m_alice, QStringLiteral("bob"));
    auto replaced = Workspace::join(m_location, code, kBob, Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    QVERIFY(!replaced);
    m_clock.advance(WorkspaceMembers::kInviteLifetime);
    auto expired = Workspace::join(m_location, second, kBob, Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    QVERIFY(!expired);
    QVERIFY2(expired.error().message.contains(QStringLiteral("expired")), qPrintable(expired.error().message));
    QVERIFY(!openError(QStringLiteral("bob"), kBob).isEmpty());
}

void TestMembers::removalWithRekeyLocksTheMemberOut()
{
    auto apiKey = m_alice->apiKeys().create(QStringLiteral("staging"), QStringLiteral("backend"), {});
    QVERIFY(apiKey);
    auto minted = m_alice->tokens().mintRecorded(request(std::nullopt, true));
    QVERIFY(minted);
    QVERIFY(join(invite(*m_alice, QStringLiteral("bob")), kBob));
    QVERIFY(join(invite(*m_alice, QStringLiteral("carol")), kCarol));
    const QString davesCode = invite(*m_alice, QStringLiteral("dave"));

    QVERIFY(m_alice->members().remove(QStringLiteral("bob"), WorkspaceMembers::Rekey::Yes));
    QVERIFY(openError(QStringLiteral("bob"), kBob).contains(QStringLiteral("not a member")));
    auto dave = Workspace::join(m_location, davesCode, "dave", Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    QVERIFY2(!dave, "an invitation made before the rekey holds the old data key: void");

    // Alice's open workspace still holds the old key: it refuses to seal with it.
    auto stale = m_alice->keys().generate(QStringLiteral("staging"), Algorithm::ES256);
    QVERIFY(!stale);
    QVERIFY2(stale.error().message.contains(QStringLiteral("re-keyed")), qPrintable(stale.error().message));

    // Every other member still opens it, and every secret opens under the new key.
    for (const auto& [name, passphrase] :
         {std::pair{QStringLiteral("carol"), kCarol}, std::pair{QStringLiteral("alice"), kAlice}}) {
        auto member = open(name, passphrase);
        QVERIFY2(member, qPrintable(name));
        QVERIFY(member->tokens().mint(request()));
        QVERIFY(member->tokens().mint(request(apiKey->record.id)));
        QVERIFY(member->keys().generate(QStringLiteral("staging"), Algorithm::ES256));
    }
    auto carol = open(QStringLiteral("carol"), kCarol);
    auto consumed = carol->tokens().consume(QStringLiteral("staging"), minted->token);
    QVERIFY(consumed);
    QCOMPARE(*consumed, ConsumeOutcome::Consumed);
    auto events = carol->audit().list({}, 10);
    QVERIFY(events);
    bool rekeyed = false;
    for (const AuditEvent& event : *events)
        rekeyed |= event.action == QLatin1String("member.remove") && event.object == QLatin1String("bob") &&
                   event.details.contains(QStringLiteral("re-keyed"));
    QVERIFY(rekeyed);
}

void TestMembers::removalRefusals()
{
    QVERIFY(join(invite(*m_alice, QStringLiteral("bob")), kBob));
    auto self = m_alice->members().remove(QStringLiteral("alice"), WorkspaceMembers::Rekey::No);
    QVERIFY(!self);
    QVERIFY(self.error().message.contains(QStringLiteral("you are 'alice'")));
    auto unknown = m_alice->members().remove(QStringLiteral("zoe"), WorkspaceMembers::Rekey::No);
    QVERIFY(!unknown);
    QVERIFY(unknown.error().message.contains(QStringLiteral("'zoe' is not a member")));
    // Without --rekey: bob's passphrase opens nothing, the data key stays, alice keeps writing.
    QVERIFY(m_alice->members().remove(QStringLiteral("bob"), WorkspaceMembers::Rekey::No));
    QVERIFY(!openError(QStringLiteral("bob"), kBob).isEmpty());
    QVERIFY(m_alice->keys().generate(QStringLiteral("staging"), Algorithm::ES256));
    // A pending invitation is withdrawn the same way.
    const QString code = invite(*m_alice, QStringLiteral("erin"));
    QVERIFY(m_alice->members().remove(QStringLiteral("erin"), WorkspaceMembers::Rekey::No));
    QVERIFY(!Workspace::join(m_location, code, "erin", Actor::Cli, m_clock, WorkspaceFixture::cheapKdf()));
}

void TestMembers::auditNamesMemberAndMachine()
{
    auto bob = join(invite(*m_alice, QStringLiteral("bob")), kBob);
    QVERIFY(bob);
    QVERIFY(bob->keys().rotate(QStringLiteral("staging"), {}));
    auto bobs = m_alice->audit().list({}, 100, QStringLiteral("bob"));
    QVERIFY(bobs);
    QStringList actions;
    for (const AuditEvent& event : *bobs) {
        QCOMPARE(event.member, QStringLiteral("bob"));
        QCOMPARE(event.machine, QSysInfo::machineHostName());
        actions.append(event.action);
    }
    QVERIFY2(actions.contains(QStringLiteral("member.join")) && actions.contains(QStringLiteral("key.rotate")),
             qPrintable(actions.join(QLatin1Char(' '))));
    auto alices = m_alice->audit().list({}, 100, QStringLiteral("alice"));
    QVERIFY(alices && !alices->isEmpty());
    for (const AuditEvent& event : *alices)
        QVERIFY(event.action != QLatin1String("key.rotate") && event.action != QLatin1String("member.join"));
    // The console's paged view filters the same way.
    AuditPages::Query query;
    query.member = QStringLiteral("bob");
    auto page = AuditPages(*m_alice).page(query, 0, 100);
    QVERIFY(page);
    QCOMPARE(page->size(), bobs->size());
}

void TestMembers::aWorkspaceWithOnePassphraseHasNoMembers()
{
    const QString location = newWorkspaceLocation(m_dir.path(), QStringLiteral("single"));
    // A file workspace made without a member keeps one passphrase; so does an unprotected team one.
    auto created = Workspace::create(location, testsUsePostgreSql() ? std::nullopt : std::optional(QByteArray("pw")),
                                     Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    QVERIFY(!(*created)->hasMembers());
    auto invited = (*created)->members().invite(QStringLiteral("bob"));
    QVERIFY(!invited);
    QVERIFY(invited.error().message.contains(QStringLiteral("has no members")));
    // Its events still say who and where: the login name (or SIGNET_MEMBER) and the machine.
    auto events = (*created)->audit().list();
    QVERIFY(events && !events->isEmpty());
    QCOMPARE(events->first().member, WorkspaceMembers::defaultName());
    QCOMPARE(events->first().machine, QSysInfo::machineHostName());
}

QTEST_GUILESS_MAIN(TestMembers)
#include "tst_members.moc"

// `workspace member init`: the one passphrase (on a file) or no passphrase (a team workspace made
// unprotected) gives way to members; every secret still opens, the old passphrase no longer does.
void TestMembers::aWorkspaceWithOnePassphraseGetsMembers()
{
    const QString location = newWorkspaceLocation(m_dir.path(), QStringLiteral("converted"));
    const std::optional<QByteArray> before =
        testsUsePostgreSql() ? std::nullopt : std::optional(QByteArray("the one passphrase"));
    {
        auto created = Workspace::create(location, before, Actor::Cli, m_clock, WorkspaceFixture::cheapKdf());
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        Workspace& single = **created;
        Project project;
        project.id = QStringLiteral("staging");
        QVERIFY(single.projects().create(project));
        QVERIFY(single.keys().generate(QStringLiteral("staging"), Algorithm::ES256));
        auto apiKey = single.apiKeys().create(QStringLiteral("staging"), QStringLiteral("ci"), {});
        QVERIFY(apiKey);
        QVERIFY(single.tokens().mintRecorded(request(apiKey->record.id)));

        QVERIFY(!single.members().enable(QStringLiteral("not a name"), "x", WorkspaceFixture::cheapKdf()));
        QVERIFY(!single.members().enable(QStringLiteral("carol"), {}, WorkspaceFixture::cheapKdf()));
        QVERIFY(!single.hasMembers()); // refused: nothing changed
        auto enabled = single.members().enable(QStringLiteral("carol"), kCarol, WorkspaceFixture::cheapKdf());
        QVERIFY2(enabled, qPrintable(enabled ? QString() : enabled.error().message));
        QVERIFY(single.hasMembers());
        QVERIFY(single.isProtected());
        QCOMPARE(single.member(), QStringLiteral("carol"));
        // The workspace as opened goes on working, and can invite at once.
        QVERIFY(single.tokens().mintRecorded(request(apiKey->record.id)));
        QVERIFY(!invite(single, QStringLiteral("dave")).isEmpty());
        auto again = single.members().enable(QStringLiteral("erin"), "erin's", WorkspaceFixture::cheapKdf());
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(QStringLiteral("has members already")),
                 qPrintable(again.error().message));
        auto events = single.audit().list();
        QVERIFY(events && !events->isEmpty());
        const auto enabledEvent = std::find_if(events->begin(), events->end(), [](const AuditEvent& event) {
            return event.action == QStringLiteral("member.enable");
        });
        QVERIFY(enabledEvent != events->end());
        QCOMPARE(enabledEvent->member, QStringLiteral("carol"));
    }
    auto protection = Workspace::protection(location);
    QVERIFY(protection);
    QCOMPARE(*protection, Workspace::Protection::Members);
    // The old way in is closed: the old passphrase, or none.
    auto old = Workspace::openAs(location, QStringLiteral("carol"), before.value_or(QByteArray()), Actor::Cli, m_clock);
    QVERIFY(!old);
    auto carol = Workspace::openAs(location, QStringLiteral("carol"), kCarol, Actor::Cli, m_clock);
    QVERIFY2(carol, qPrintable(carol ? QString() : carol.error().message));
    // Every secret still opens under the same data key: the signing key signs, the API key's secret
    // authenticates, the ledger's sealed tokens read back.
    auto keys = (*carol)->apiKeys().list(QStringLiteral("staging"));
    QVERIFY(keys && keys->size() == 1);
    QVERIFY((*carol)->apiKeys().signingSecret(QStringLiteral("staging"), keys->first().id));
    QVERIFY((*carol)->tokens().mintRecorded(request(keys->first().id)));
    auto ledger = (*carol)->tokens().list(QStringLiteral("staging"));
    QVERIFY(ledger);
    QCOMPARE(ledger->size(), 3);
    for (const auto& entry : *ledger)
        QVERIFY((*carol)->tokens().reveal(QStringLiteral("staging"), entry.jti));
}
