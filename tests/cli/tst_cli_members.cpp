// signet-cli and a workspace's members: init with a first member, an invitation printed once and
// used once by 'workspace join', who did what in 'audit --by', and removal with --rekey after which
// the removed member's passphrase opens nothing while the others' still do. Runs on a file
// workspace and, as tst_cli_members_postgresql, on a team workspace.

#include "CliRunner.h"
#include "support/TestStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Signet::Test;

class TestCliMembers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invitationJoinAuditAndRekey();
    void usageErrors();
    void aWorkspaceWithOnePassphraseGetsMembers();

private:
    // signet-cli --workspace W --member NAME --passphrase-file (NAME's) ARGS
    RunResult as(const QString& member, const QStringList& arguments) const;
    QString passphraseFile(const QString& member) const { return m_dir.filePath(member + QStringLiteral(".pass")); }

    QTemporaryDir m_dir;
    QString m_workspace;
};

void TestCliMembers::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qunsetenv("SIGNET_WORKSPACE");
    qunsetenv("SIGNET_PASSPHRASE");
    qunsetenv("SIGNET_MEMBER");
    m_workspace = newWorkspaceLocation(m_dir.path(), QStringLiteral("team"));
    for (const char* member : {"alice", "bob", "carol"})
        QVERIFY(writeFile(passphraseFile(QString::fromLatin1(member)), QByteArray(member) + " passphrase\n"));
}

RunResult TestCliMembers::as(const QString& member, const QStringList& arguments) const
{
    return runCli(QStringList{QStringLiteral("--workspace"), m_workspace, QStringLiteral("--member"), member,
                              QStringLiteral("--passphrase-file"), passphraseFile(member)} +
                  arguments);
}

void TestCliMembers::invitationJoinAuditAndRekey()
{
    const RunResult created = as(QStringLiteral("alice"), words("init"));
    SIGNET_EXPECT_SUCCESS(created);
    QVERIFY2(created.stdoutText().contains(QStringLiteral("its first member is 'alice'")),
             qPrintable(created.describe()));
    SIGNET_EXPECT_SUCCESS(as(QStringLiteral("alice"), words("project create staging")));
    SIGNET_EXPECT_SUCCESS(as(QStringLiteral("alice"), words("key generate -p staging --alg ES256")));

    const auto inviteCode = [this](const QString& name) {
        const RunResult invited = as(QStringLiteral("alice"), words("workspace member add") << name);
        const QRegularExpressionMatch code =
            QRegularExpression(QStringLiteral("^code: (sgi1\\.\\S+)$"), QRegularExpression::MultilineOption)
                .match(invited.stdoutText());
        return invited.exitCode == 0 && code.hasMatch() ? code.captured(1) : invited.describe();
    };
    const QString bobsCode = inviteCode(QStringLiteral("bob"));
    QVERIFY2(bobsCode.startsWith(QStringLiteral("sgi1.")), qPrintable(bobsCode));
    const RunResult listed = as(QStringLiteral("alice"), words("workspace member list"));
    SIGNET_EXPECT_SUCCESS(listed);
    QVERIFY2(listed.stdoutText().contains(QStringLiteral("member (you)")) &&
                 listed.stdoutText().contains(QStringLiteral("invited, until")),
             qPrintable(listed.describe()));

    // Bob chooses his passphrase; the code is then spent.
    const RunResult joined = runCli(QStringList{
        QStringLiteral("--workspace"), m_workspace, QStringLiteral("--passphrase-file"),
        passphraseFile(QStringLiteral("bob")), QStringLiteral("workspace"), QStringLiteral("join"), bobsCode});
    SIGNET_EXPECT_SUCCESS(joined);
    QVERIFY2(joined.stdoutText().contains(QStringLiteral("as 'bob'")), qPrintable(joined.describe()));
    SIGNET_EXPECT_ERROR(runCli(QStringList{QStringLiteral("--workspace"), m_workspace,
                                           QStringLiteral("--passphrase-file"), passphraseFile(QStringLiteral("carol")),
                                           QStringLiteral("workspace"), QStringLiteral("join"), bobsCode}),
                        2, QStringLiteral("used, replaced or withdrawn"));
    SIGNET_EXPECT_SUCCESS(as(QStringLiteral("bob"), words("key rotate -p staging")));
    SIGNET_EXPECT_SUCCESS(as(QStringLiteral("bob"), words("token mint -p staging")));

    // audit --by: only Bob's doings, each naming him and his machine.
    const QJsonArray bobs =
        QJsonDocument::fromJson(as(QStringLiteral("alice"), words("audit --by bob --json")).out).array();
    QStringList actions;
    for (const QJsonValue& value : bobs) {
        QCOMPARE(value.toObject().value(QStringLiteral("member")).toString(), QStringLiteral("bob"));
        QVERIFY(!value.toObject().value(QStringLiteral("machine")).toString().isEmpty());
        actions.append(value.toObject().value(QStringLiteral("action")).toString());
    }
    QVERIFY2(actions.contains(QStringLiteral("member.join")) && actions.contains(QStringLiteral("key.rotate")),
             qPrintable(actions.join(QLatin1Char(' '))));
    QVERIFY(!actions.contains(QStringLiteral("project.create"))); // Alice's
    const RunResult table = as(QStringLiteral("alice"), words("audit"));
    QVERIFY2(table.stdoutText().contains(QStringLiteral("WHO")) && table.stdoutText().contains(QStringLiteral("bob@")),
             qPrintable(table.describe()));

    // Carol joins too; then Bob is removed with a new data key.
    const QString carolsCode = inviteCode(QStringLiteral("carol"));
    SIGNET_EXPECT_SUCCESS(runCli(QStringList{
        QStringLiteral("--workspace"), m_workspace, QStringLiteral("--passphrase-file"),
        passphraseFile(QStringLiteral("carol")), QStringLiteral("workspace"), QStringLiteral("join"), carolsCode}));
    const QString davesCode = inviteCode(QStringLiteral("dave"));
    const RunResult removed = as(QStringLiteral("alice"), words("workspace member remove bob --rekey"));
    SIGNET_EXPECT_SUCCESS(removed);
    QVERIFY2(removed.stdoutText().contains(QStringLiteral("replaced the data key")), qPrintable(removed.describe()));
    SIGNET_EXPECT_ERROR(as(QStringLiteral("bob"), words("project list")), 2, QStringLiteral("'bob' is not a member"));
    SIGNET_EXPECT_ERROR(runCli(QStringList{QStringLiteral("--workspace"), m_workspace,
                                           QStringLiteral("--passphrase-file"), passphraseFile(QStringLiteral("bob")),
                                           QStringLiteral("workspace"), QStringLiteral("join"), davesCode}),
                        2, QStringLiteral("not valid"));
    for (const char* member : {"alice", "carol"}) {
        SIGNET_EXPECT_SUCCESS(as(QString::fromLatin1(member), words("token mint -p staging")));
        SIGNET_EXPECT_SUCCESS(as(QString::fromLatin1(member), words("jwks export -p staging")));
    }
    // Each member's own passphrase only: Alice's does not open the workspace as Carol.
    SIGNET_EXPECT_ERROR(
        runCli(QStringList{QStringLiteral("--workspace"), m_workspace, QStringLiteral("--member"),
                           QStringLiteral("carol"), QStringLiteral("--passphrase-file"),
                           passphraseFile(QStringLiteral("alice")), QStringLiteral("project"), QStringLiteral("list")}),
        2, QStringLiteral("wrong passphrase for member 'carol'"));
}

void TestCliMembers::usageErrors()
{
    SIGNET_EXPECT_ERROR(runCli(words("workspace member")), 2, QStringLiteral("which command"));
    SIGNET_EXPECT_ERROR(runCli(words("workspace member frobnicate")), 2,
                        QStringLiteral("unknown command 'frobnicate'"));
    SIGNET_EXPECT_ERROR(as(QStringLiteral("alice"), words("workspace member add")), 2, QStringLiteral("NAME"));
    SIGNET_EXPECT_ERROR(as(QStringLiteral("alice"), words("workspace member add bob smith")), 2,
                        QStringLiteral("NAME"));
    SIGNET_EXPECT_ERROR(as(QStringLiteral("alice"), words("workspace member add ../x")), 2,
                        QStringLiteral("is not a member name"));
    SIGNET_EXPECT_ERROR(as(QStringLiteral("alice"), words("workspace member remove alice")), 2,
                        QStringLiteral("you are 'alice'"));
    SIGNET_EXPECT_ERROR(
        runCli(QStringList{QStringLiteral("--workspace"), m_workspace, QStringLiteral("--passphrase-file"),
                           passphraseFile(QStringLiteral("bob")), QStringLiteral("workspace"), QStringLiteral("join"),
                           QStringLiteral("not-a-code")}),
        2, QStringLiteral("not a Signet invitation code"));
    SIGNET_EXPECT_ERROR(runCli(QStringList{QStringLiteral("--member")}), 2, QStringLiteral("--member needs a NAME"));
}

// A file workspace made with one passphrase (a team workspace made without one) gets members:
// 'workspace member init NAME' takes NAME's passphrase (here the same file as before), after which
// only NAME's name and passphrase open it.
void TestCliMembers::aWorkspaceWithOnePassphraseGetsMembers()
{
    const QString single = newWorkspaceLocation(m_dir.path(), QStringLiteral("single"));
    const bool team = testsUsePostgreSql();
    const QString dana = m_dir.filePath(QStringLiteral("dana.pass"));
    QVERIFY(writeFile(dana, "dana passphrase\n"));
    const QStringList before =
        team ? QStringList{QStringLiteral("--workspace"), single}
             : QStringList{QStringLiteral("--workspace"), single, QStringLiteral("--passphrase-file"), dana};
    SIGNET_EXPECT_SUCCESS(runCli(before + (team ? words("init --no-passphrase") : words("init"))));
    SIGNET_EXPECT_SUCCESS(runCli(before + words("project create staging")));
    SIGNET_EXPECT_SUCCESS(runCli(before + words("key generate -p staging --alg ES256")));
    SIGNET_EXPECT_ERROR(runCli(before + words("workspace member add bob")), 2, QStringLiteral("workspace member init"));
    SIGNET_EXPECT_ERROR(runCli(before + words("workspace member init ../x")), 2,
                        QStringLiteral("is not a member name"));

    const QStringList asDana{QStringLiteral("--workspace"),       single,
                             QStringLiteral("--member"),          QStringLiteral("dana"),
                             QStringLiteral("--passphrase-file"), dana};
    const RunResult enabled =
        runCli(before + QStringList{QStringLiteral("--passphrase-file"), dana} + words("workspace member init dana"));
    SIGNET_EXPECT_SUCCESS(enabled);
    QVERIFY2(enabled.stdoutText().contains(QStringLiteral("now has members: you are 'dana'")),
             qPrintable(enabled.describe()));
    const RunResult listed = runCli(asDana + words("workspace member list"));
    SIGNET_EXPECT_SUCCESS(listed);
    QVERIFY2(listed.stdoutText().contains(QStringLiteral("dana")), qPrintable(listed.describe()));
    // Her key still signs: the data key is the one it was.
    SIGNET_EXPECT_SUCCESS(runCli(asDana + words("token mint -p staging --sub u1")));
    // The old way in is closed; once is enough.
    SIGNET_EXPECT_ERROR(runCli(before + words("key list -p staging")), 2,
                        team ? QStringLiteral("is protected") : QStringLiteral("is not a member"));
    SIGNET_EXPECT_ERROR(runCli(asDana + words("workspace member init dana")), 2, QStringLiteral("has members already"));
}

QTEST_GUILESS_MAIN(TestCliMembers)
#include "tst_cli_members.moc"
