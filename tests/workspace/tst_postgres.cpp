// The ground a team workspace stands on: the tests' private PostgreSQL cluster starts, Qt SQL's
// PostgreSQL driver (Debian's libqt6sql6-psql) connects to it, and a NOTIFY sent by one connection
// reaches another through QSqlDriver's notification subscription, which is how consoles and servers
// will hear of each other's changes.

#include "support/PostgresCluster.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Signet::Test;

class PostgresTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_cluster = PostgresCluster::start(error);
        QVERIFY2(m_cluster, qPrintable(error));
        QVERIFY2(m_cluster->createDatabase(QStringLiteral("signet_test"), error), qPrintable(error));
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
                 "Qt's PostgreSQL driver is missing: install libqt6sql6-psql (./dev deps does)");
    }

    void driverConnectsAndNotificationsArrive()
    {
        QSqlDatabase listener = connection(QStringLiteral("listener"));
        QSqlDatabase writer = connection(QStringLiteral("writer"));
        QVERIFY2(listener.open(), qPrintable(listener.lastError().text()));
        QVERIFY2(writer.open(), qPrintable(writer.lastError().text()));
        QSqlQuery version(writer);
        QVERIFY(version.exec(QStringLiteral("SHOW server_version_num")) && version.next());
        QVERIFY2(version.value(0).toInt() >= 130000, qPrintable(version.value(0).toString()));

        QVERIFY(listener.driver()->hasFeature(QSqlDriver::EventNotifications));
        QVERIFY(listener.driver()->subscribeToNotification(QStringLiteral("signet_changes")));
        QSignalSpy heard(listener.driver(), &QSqlDriver::notification);
        QSqlQuery notify(writer);
        QVERIFY2(notify.exec(QStringLiteral("NOTIFY signet_changes, 'projects'")),
                 qPrintable(notify.lastError().text()));
        QTRY_COMPARE_WITH_TIMEOUT(heard.size(), 1, 5000);
        QCOMPARE(heard.first().at(0).toString(), QStringLiteral("signet_changes"));
        QCOMPARE(heard.first().at(2).toString(), QStringLiteral("projects"));
    }

    void cleanupTestCase()
    {
        for (const QString& name : QSqlDatabase::connectionNames())
            QSqlDatabase::removeDatabase(name);
        m_cluster.reset();
    }

private:
    QSqlDatabase connection(const QString& name) const
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(PostgresCluster::host());
        db.setPort(m_cluster->port());
        db.setUserName(PostgresCluster::user());
        db.setDatabaseName(QStringLiteral("signet_test"));
        return db;
    }

    std::unique_ptr<PostgresCluster> m_cluster;
};

QTEST_GUILESS_MAIN(PostgresTest)
#include "tst_postgres.moc"
