#include "workspace/ChangeNotifications.h"

#include "workspace/PostgresNotifications.h"

#include <QMetaMethod>
#include <QVariant>

namespace Signet {

bool ChangeNotifications::subscribe(QSqlDriver* driver)
{
    const QString channel = QLatin1String(kChangeChannel);
    if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications))
        return false;
    // A driver reopened after a lost connection still lists the old subscription; LISTEN again.
    if (driver->subscribedToNotifications().contains(channel))
        driver->unsubscribeFromNotification(channel);
    return driver->subscribeToNotification(channel);
}

ChangeNotifications::ChangeNotifications(QSqlDriver* driver, QObject* parent)
    : QObject(parent)
    , m_driver(driver)
{
    connect(driver,
            qOverload<const QString&, QSqlDriver::NotificationSource, const QVariant&>(&QSqlDriver::notification), this,
            &ChangeNotifications::onNotification);
}

void ChangeNotifications::drain()
{
    // Qt's PostgreSQL driver has no public "check now"; its socket notifier's slot is what the event
    // loop would call (without an argument since Qt 6). Should a later Qt rename it, the event loop
    // still delivers, later.
    QSqlDriver* driver = m_driver.data();
    const QMetaObject* meta = driver ? driver->metaObject() : nullptr;
    if (!meta)
        return;
    if (const int slot = meta->indexOfSlot("_q_handleNotification()"); slot >= 0)
        meta->method(slot).invoke(driver, Qt::DirectConnection);
    else if (const int old = meta->indexOfSlot("_q_handleNotification(int)"); old >= 0)
        meta->method(old).invoke(driver, Qt::DirectConnection, Q_ARG(int, 0));
}

bool ChangeNotifications::resubscribe()
{
    ++m_heard;
    ++m_heardConfiguration;
    const bool subscribed = subscribe(m_driver);
    Q_EMIT changed(Kind::Configuration);
    return subscribed;
}

void ChangeNotifications::onNotification(const QString& name, QSqlDriver::NotificationSource source,
                                         const QVariant& payload)
{
    if (name != QLatin1String(kChangeChannel) || source == QSqlDriver::SelfSource)
        return;
    ++m_heard;
    const bool configuration = payload.toString() == QLatin1String(kConfigurationPayload);
    m_heardConfiguration += configuration;
    Q_EMIT changed(configuration ? Kind::Configuration : Kind::Records);
}

} // namespace Signet
