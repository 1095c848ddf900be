// Provider profiles stored in a workspace: every process opening it follows the same rules, a
// stored profile is checked like a file and never shadows a built-in one, and a project's lifetimes
// stay within its profile's bounds however they are edited.

#include "WorkspaceFixture.h"

#include "support/TestSupport.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/ProjectHealth.h"

#include <QFile>
#include <QTest>

using namespace Signet;
using namespace Signet::Test;

namespace {

QByteArray acmeProfile(const char* tiers = R"({"free":"the free plan","pro":"the paid plan"})")
{
    return QByteArray(R"({"name":"acme","title":"Acme Auth","description":"Acme's session tokens.",
        "documentation":"https://acme.example/docs/tokens","algorithm":"ES256",
        "issuer":"https://auth.acme.example/{project}","audience":"{project}",
        "lifetime":{"default":300,"minimum":60,"maximum":3600},
        "fields":[{"name":"tier","claim":"tier","type":"string","allowed":)") +
           tiers + R"(,"default":"free","words":"tier: the customer's plan"}]})";
}

QString errorOf(const auto& result)
{
    return result ? QString() : result.error().message;
}

} // namespace

class WorkspaceProfilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedProfilesShapeProjectsInEveryProcess()
    {
        WorkspaceFixture f;
        f.create();
        auto stored = f.ws().profiles().store(acmeProfile(), QStringLiteral("acme.json"));
        QVERIFY2(stored, qPrintable(errorOf(stored)));
        QCOMPARE(stored->source, ProfileSource::Workspace);

        auto catalog = f.ws().profiles().catalog();
        QVERIFY(catalog);
        QCOMPARE((*catalog)->profiles().size(), ProfileCatalog::builtIn().profiles().size() + 1);
        const Profile& acme = **(*catalog)->find(QStringLiteral("acme"));
        Project draft;
        draft.id = QStringLiteral("shop");
        auto shaped = profiledProject(acme, draft);
        QVERIFY(shaped);
        auto created = createProfiledProject(f.ws(), acme, *shaped);
        QVERIFY2(created, qPrintable(errorOf(created)));
        QCOMPARE(created->issuer, QStringLiteral("https://auth.acme.example/shop"));

        // Another process (here a second connection) sees the profile and follows its rules.
        auto other = Workspace::open(f.location(), {}, Actor::Cli, f.clock);
        QVERIFY(other);
        const auto followed = (*other)->projects().followedProfile(*created);
        QVERIFY(followed);
        QCOMPARE(followed->title, QStringLiteral("Acme Auth"));
        MintRequest request;
        request.projectId = QStringLiteral("shop");
        QCOMPARE(errorOf(shapeMintRequest(**other, *followed, {{QStringLiteral("tier"), QStringLiteral("gold")}}, false,
                                          request)),
                 QStringLiteral("acme: tier takes free, pro; 'gold' is not one of them"));
        QVERIFY(
            shapeMintRequest(**other, *followed, {{QStringLiteral("tier"), QStringLiteral("pro")}}, false, request));
        auto minted = (*other)->tokens().mintRecorded(request);
        QVERIFY2(minted, qPrintable(errorOf(minted)));
        auto report = f.ws().tokens().verify(QStringLiteral("shop"), minted->token);
        QVERIFY2(report && report->isAccepted(), report ? "" : qPrintable(report.error().message));

        // A replacement reaches the first process too, and a snapshot taken before stays whole.
        const auto before = f.ws().projects().followedProfile(*created);
        QVERIFY((*other)->profiles().store(acmeProfile(R"({"free":"","pro":"","gold":"the new plan"})"),
                                           QStringLiteral("acme.json"), WorkspaceProfiles::Replacing::Yes));
        QTest::qWait(5);
        const auto after = f.ws().projects().followedProfile(*created);
        QVERIFY(after->field(QStringLiteral("tier"))->allowedValue(QStringLiteral("gold")));
        QVERIFY(!before->field(QStringLiteral("tier"))->allowedValue(QStringLiteral("gold")));
        auto audit = f.ws().audit().list({});
        QVERIFY(audit);
        QStringList actions;
        for (const auto& event : *audit)
            actions.append(event.action);
        QVERIFY2(actions.contains(QStringLiteral("profile.store")) &&
                     actions.contains(QStringLiteral("profile.replace")),
                 qPrintable(actions.join(QLatin1Char(' '))));
    }

    void badProfilesAreRefusedAndNothingIsStored()
    {
        WorkspaceFixture f;
        f.create();
        WorkspaceProfiles& profiles = f.ws().profiles();
        QVERIFY(profiles.store(acmeProfile(), QStringLiteral("acme.json")));
        QCOMPARE(errorOf(profiles.store(acmeProfile(), QStringLiteral("acme.json"))),
                 QStringLiteral("the workspace already has a profile 'acme': replace it with --replace, which changes "
                                "the rules of every project following it"));
        QByteArray shadow = acmeProfile();
        shadow.replace(R"("name":"acme")", R"("name":"videosdk")");
        QCOMPARE(errorOf(profiles.store(shadow, QStringLiteral("mine.json"))),
                 QStringLiteral("mine.json: 'videosdk' is a built-in profile; give yours another name"));
        QByteArray broken = acmeProfile();
        broken.replace(R"("type":"string")", R"("type":"colour")");
        const QString brokenError = errorOf(profiles.store(broken, QStringLiteral("broken.json")));
        QVERIFY2(brokenError.startsWith(QStringLiteral("broken.json: fields[0].type")), qPrintable(brokenError));
        QVERIFY(errorOf(profiles.storeFile(f.folder.filePath(QStringLiteral("missing.json"))))
                    .startsWith(QStringLiteral("cannot read")));
        QCOMPARE((*profiles.catalog())->profiles().size(), ProfileCatalog::builtIn().profiles().size() + 1);
        QCOMPARE((*(*profiles.catalog())->find(QStringLiteral("acme")))->field(QStringLiteral("tier"))->allowed.size(),
                 2);

        QCOMPARE(errorOf(profiles.remove(QStringLiteral("videosdk"))),
                 QStringLiteral("'videosdk' is a built-in profile: it cannot be removed"));
        QCOMPARE(errorOf(profiles.remove(QStringLiteral("zoom"))),
                 QStringLiteral("the workspace stores no profile 'zoom'"));
    }

    void aFollowedProfileStaysAndBoundsHold()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().profiles().store(acmeProfile(), QStringLiteral("acme.json")));
        const Profile acme = **(*f.ws().profiles().catalog())->find(QStringLiteral("acme"));
        Project draft;
        draft.id = QStringLiteral("shop");
        auto created = createProfiledProject(f.ws(), acme, *profiledProject(acme, draft));
        QVERIFY(created);

        QCOMPARE(errorOf(f.ws().profiles().remove(QStringLiteral("acme"))),
                 QStringLiteral("the profile 'acme' is followed by project shop: delete it first"));
        // Settings cannot take a profiled project's lifetimes outside its profile's bounds.
        Project edited = *created;
        edited.maxTtl = 7200;
        QCOMPARE(errorOf(f.ws().projects().update(edited)),
                 QStringLiteral("Acme Auth tokens live 60 to 3600 seconds; 7200 is outside"));
        edited.maxTtl = 1800;
        QVERIFY(f.ws().projects().update(edited));
        // A project cannot follow a profile the workspace does not have.
        Project stray;
        stray.id = QStringLiteral("stray");
        stray.profile = QStringLiteral("zoom");
        QVERIFY(errorOf(f.ws().projects().create(stray)).startsWith(QStringLiteral("no profile 'zoom'")));

        QVERIFY(f.ws().projects().remove(QStringLiteral("shop")));
        QVERIFY(f.ws().profiles().remove(QStringLiteral("acme")));
        QVERIFY(!(*f.ws().profiles().catalog())->find(QStringLiteral("acme")));
    }

    void healthFollowsAStoredProfilesSigner()
    {
        WorkspaceFixture f;
        f.create();
        QByteArray byApiKeys = acmeProfile();
        byApiKeys.replace(R"("algorithm":"ES256")", R"("algorithm":"HS256","signer":"api-key-secret")");
        auto stored = f.ws().profiles().store(byApiKeys, QStringLiteral("acme.json"));
        QVERIFY2(stored, qPrintable(errorOf(stored)));
        Project draft;
        draft.id = QStringLiteral("meet");
        auto created = createProfiledProject(f.ws(), *stored, *profiledProject(*stored, draft));
        QVERIFY2(created, qPrintable(errorOf(created)));
        const auto profile = f.ws().projects().followedProfile(*created);
        QVERIFY(profile);
        QVERIFY(!evaluateHealth(*created, profile.get(), {}, f.clock.now(), false)
                     .issues.contains(HealthIssue::NoActiveKey));
        QVERIFY(evaluateHealth(*created, nullptr, {}, f.clock.now(), false).issues.contains(HealthIssue::NoActiveKey));
    }
};

QTEST_GUILESS_MAIN(WorkspaceProfilesTest)
#include "tst_workspaceprofiles.moc"
