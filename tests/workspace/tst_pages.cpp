// Reading long lists a page at a time: the ledger and the audit log through LedgerPages and
// AuditPages, the same pages read on a thread of their own (BackgroundPages), and every project's keys
// in one read (KeyService::listByProject), as the console reads them.

#include "WorkspaceFixture.h"

#include "workspace/AuditPages.h"
#include "workspace/BackgroundPages.h"
#include "workspace/LedgerPages.h"
#include "workspace/WorkspaceInternals.h"

#include <QTest>
#include <QThread>

using namespace Signet;
using namespace Signet::Test;

namespace {

const QString kPayments = QStringLiteral("payments");

void mint(Workspace& ws, const QString& subject, bool oneTime = false)
{
    MintRequest request;
    request.projectId = kPayments;
    request.subject = subject;
    request.oneTime = oneTime;
    if (!ws.tokens().mintRecorded(request))
        qFatal("no token");
}

QStringList subjects(const QList<LedgerEntry>& entries)
{
    QStringList out;
    for (const LedgerEntry& entry : entries)
        out.append(entry.subject);
    return out;
}

QStringList actions(const QList<AuditEvent>& events)
{
    QStringList out;
    for (const AuditEvent& event : events)
        out.append(event.action);
    return out;
}

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList out;
    for (const char* text : texts)
        out.append(QString::fromLatin1(text));
    return out;
}

template<typename T> T waitFor(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class PagesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The ledger's rows read by LedgerPages are those TokenService lists: one row mapping for both.
    void ledgerPagesReadWhatTokenServiceLists()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kPayments, Algorithm::ES256));
        for (const char* subject : {"alice", "bob", "carol"}) {
            mint(f.ws(), QString::fromLatin1(subject), subject[0] == 'b');
            f.clock.advance(1);
        }
        const auto listed = f.ws().tokens().list(kPayments);
        const auto paged = LedgerPages(f.ws()).page({kPayments, {}}, 0, 10, f.clock.now());
        QVERIFY(listed && paged);
        QCOMPARE(paged->size(), listed->size());
        for (int i = 0; i < paged->size(); ++i) {
            const LedgerEntry &a = (*paged)[i], &b = (*listed)[i];
            QCOMPARE(a.jti, b.jti);
            QCOMPARE(a.subject, b.subject);
            QCOMPARE(a.kid, b.kid);
            QCOMPARE(a.algorithm, b.algorithm);
            QCOMPARE(a.audience, b.audience);
            QCOMPARE(a.scopes, b.scopes);
            QCOMPARE(a.issuedAt, b.issuedAt);
            QCOMPARE(a.expiresAt, b.expiresAt);
            QCOMPARE(a.oneTime, b.oneTime);
            QCOMPARE(a.consumedAt, b.consumedAt);
        }
        QCOMPARE(subjects(*paged), strings({"carol", "bob", "alice"}));
        // The text filter ignores case on both stores.
        const auto carol = LedgerPages(f.ws()).page({kPayments, QStringLiteral("CaRoL")}, 0, 10, f.clock.now());
        QCOMPARE(subjects(*carol), strings({"carol"}));
    }

    void auditPagesFilterSortAndPage()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kPayments, Algorithm::ES256));
        Project other;
        other.id = QStringLiteral("video");
        QVERIFY(f.ws().projects().create(other));
        AuditPages pages(f.ws());

        const auto whole = pages.page({}, 0, 100);
        QVERIFY(whole);
        QCOMPARE(actions(*whole), strings({"project.create", "key.generate", "project.create", "workspace.create"}));
        const auto payments = pages.page({kPayments, {}}, 0, 100);
        QCOMPARE(actions(*payments), strings({"key.generate", "project.create"}));
        const auto oldestFirst =
            pages.page({kPayments, {}, AuditPages::SortKey::Time, AuditPages::Direction::Ascending}, 0, 100);
        QCOMPARE(actions(*oldestFirst), strings({"project.create", "key.generate"}));
        const auto filtered = pages.page({{}, QStringLiteral("KEY.gen")}, 0, 100);
        QCOMPARE(actions(*filtered), strings({"key.generate"}));
        // A LIKE wildcard typed is a character to match, not a wildcard.
        QCOMPARE(pages.page({{}, QStringLiteral("%")}, 0, 100)->size(), 0);
        const auto byProject =
            pages.page({{}, {}, AuditPages::SortKey::Project, AuditPages::Direction::Descending}, 0, 1);
        QCOMPARE(byProject->size(), 1);
        QCOMPARE(byProject->front().projectId, QStringLiteral("video"));
        // The workspace's own events have no project: first when ascending, on both stores.
        const auto noProjectFirst =
            pages.page({{}, {}, AuditPages::SortKey::Project, AuditPages::Direction::Ascending}, 0, 1);
        QCOMPARE(actions(*noProjectFirst), strings({"workspace.create"}));
        QCOMPARE(actions(*pages.page({}, 1, 2)), strings({"key.generate", "project.create"}));
    }

    // Pages read on the reader's own thread, through its own read-only connection, match those read here.
    void backgroundPagesReadOnTheirOwnThread()
    {
        WorkspaceFixture f;
        f.create();
        QVERIFY(f.ws().keys().generate(kPayments, Algorithm::ES256));
        for (const char* subject : {"alice", "bob", "carol"}) {
            mint(f.ws(), QString::fromLatin1(subject));
            f.clock.advance(1);
        }
        BackgroundPages background(f.location());
        const LedgerPages::Query query{kPayments, QStringLiteral("o"), LedgerPages::SortKey::Subject,
                                       LedgerPages::Direction::Ascending};
        const auto ledger = waitFor(background.ledgerPage(query, 0, 10, f.clock.now()));
        QVERIFY(ledger);
        QCOMPARE(subjects(*ledger), strings({"bob", "carol"}));
        QCOMPARE(subjects(*ledger), subjects(*LedgerPages(f.ws()).page(query, 0, 10, f.clock.now())));
        const auto audit = waitFor(background.auditPage({kPayments, {}}, 0, 10));
        QVERIFY(audit);
        QCOMPARE(actions(*audit), actions(*AuditPages(f.ws()).page({kPayments, {}}, 0, 10)));
        // What is committed later is read by the next page.
        mint(f.ws(), QStringLiteral("dora"));
        QCOMPARE(waitFor(background.ledgerPage({kPayments, {}}, 0, 10, f.clock.now()))->size(), 4);
    }

    void backgroundPagesReportAMissingFile()
    {
        QTemporaryDir folder;
        BackgroundPages background(folder.filePath(QStringLiteral("gone.signet")));
        const auto page = waitFor(background.ledgerPage({kPayments, {}}, 0, 10, 0));
        QVERIFY(!page);
        QCOMPARE(page.error().code, ErrorCode::NotFound);
    }

    // The connection BackgroundPages uses never writes.
    void readOnlyConnectionsRefuseWrites()
    {
        WorkspaceFixture f;
        f.create();
        auto reader = Database::openReadOnly(f.location());
        QVERIFY(reader);
        QVERIFY((*reader)->isReadOnly());
        QVERIFY((*reader)->scalar(QStringLiteral("SELECT count(*) FROM projects")));
        const auto write = (*reader)->run(QStringLiteral("DELETE FROM projects"));
        QVERIFY(!write);
        QVERIFY2(write.error().message.contains(QStringLiteral("read-only")), qPrintable(write.error().message));
        QCOMPARE(f.ws().projects().list()->size(), 1);
    }

    // Every project's keys in one read, the same as a read per project.
    void keysOfEveryProjectInOneRead()
    {
        WorkspaceFixture f;
        f.create();
        Project other;
        other.id = QStringLiteral("video");
        QVERIFY(f.ws().projects().create(other));
        Project empty;
        empty.id = QStringLiteral("empty");
        QVERIFY(f.ws().projects().create(empty));
        QVERIFY(f.ws().keys().generate(kPayments, Algorithm::ES256));
        f.clock.advance(10);
        QVERIFY(f.ws().keys().generate(kPayments, Algorithm::ES256, 0, KeyState::Next));
        QVERIFY(f.ws().keys().generate(QStringLiteral("video"), Algorithm::ES256));
        const auto all = f.ws().keys().listByProject();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QVERIFY(!all->contains(QStringLiteral("empty")));
        for (const QString& id : {kPayments, QStringLiteral("video")}) {
            const auto one = f.ws().keys().list(id);
            QVERIFY(one);
            QCOMPARE(all->value(id).size(), one->size());
            for (int i = 0; i < one->size(); ++i) {
                QCOMPARE(all->value(id)[i].kid, (*one)[i].kid);
                QCOMPARE(all->value(id)[i].state, (*one)[i].state);
            }
        }
    }
};

QTEST_GUILESS_MAIN(PagesTest)
#include "tst_pages.moc"
