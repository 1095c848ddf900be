#pragma once

#include <QObject>
#include <QPointer>
#include <QSqlDriver>

namespace Signet {

// Hears a team workspace's change notifications (PostgresNotifications) on one PostgreSQL
// connection. Qt's driver reads them when the event loop sees the connection's socket; drain() reads
// them at once, for a thread without an event loop and for readers that must not wait for one.
// Only other connections' changes count: this connection's own writes are Database::ownWriteCount().
class ChangeNotifications : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Records,
        Configuration
    };
    Q_ENUM(Kind)

    // Subscribes `driver` (open) to the change channel; false when the driver refuses.
    static bool subscribe(QSqlDriver* driver);
    explicit ChangeNotifications(QSqlDriver* driver, QObject* parent = nullptr);

    // Reads what the connection has received but Qt has not handed on yet (costs a non-blocking read).
    void drain();
    // Moves with every notification from another connection, and when some may have been missed.
    [[nodiscard]] qint64 heard() const { return m_heard; }
    // The same for changes to the configuration only (projects, keys, API keys, profiles): the ledger
    // rows every token adds leave it alone.
    [[nodiscard]] qint64 heardConfiguration() const { return m_heardConfiguration; }
    // The connection was lost and made again: whatever was sent meanwhile is treated as a change to
    // everything, and the new connection subscribes again.
    bool resubscribe();

Q_SIGNALS:
    void changed(Signet::ChangeNotifications::Kind kind);

private:
    void onNotification(const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload);

    QPointer<QSqlDriver> m_driver;
    qint64 m_heard = 0;
    qint64 m_heardConfiguration = 0;
};

} // namespace Signet
