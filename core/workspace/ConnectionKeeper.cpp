#include "workspace/ConnectionKeeper.h"

#include <QAbstractEventDispatcher>

#include <algorithm>

namespace Signet {

namespace {

// Timers need an event loop; a thread without one (the ledger writer's, the CLI's main thread before
// any loop) relies on statements to try again.
bool hasEventLoop()
{
    return QAbstractEventDispatcher::instance() != nullptr;
}

} // namespace

ConnectionKeeper::ConnectionKeeper(QString where, std::function<bool(QString&)> reconnect, std::function<bool()> isOpen,
                                   QObject* parent)
    : QObject(parent)
    , m_where(std::move(where))
    , m_reconnect(std::move(reconnect))
    , m_isOpen(std::move(isOpen))
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &ConnectionKeeper::tryReconnect);
    // Asks the driver's state only (no I/O): Qt's driver marks the connection bad when its socket
    // notifier reads the server's goodbye, so an idle console hears of a loss within a second.
    m_watchTimer.setInterval(std::chrono::seconds(1));
    connect(&m_watchTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Connected && !m_isOpen())
            markLost(tr("the server closed the connection"));
    });
    if (hasEventLoop())
        m_watchTimer.start();
}

std::chrono::milliseconds ConnectionKeeper::retryIn() const
{
    if (m_state == State::Connected)
        return std::chrono::milliseconds(0);
    const auto left = m_nextTry - std::chrono::steady_clock::now();
    return std::max(std::chrono::milliseconds(0), std::chrono::ceil<std::chrono::milliseconds>(left));
}

QString ConnectionKeeper::lostMessage() const
{
    return tr("the connection to the team workspace %1 was lost; reconnecting… (%2)").arg(m_where, m_lastError);
}

void ConnectionKeeper::markLost(const QString& why)
{
    m_lastError = why.trimmed();
    if (m_state == State::Lost)
        return;
    m_state = State::Lost;
    m_delay = kFirstDelay;
    m_nextTry = std::chrono::steady_clock::now(); // the first try at once: a restarted server is often back
    schedule();
    Q_EMIT stateChanged(m_state);
}

bool ConnectionKeeper::tryReconnect()
{
    if (m_state == State::Connected)
        return true;
    if (m_trying)
        return false;
    if (std::chrono::steady_clock::now() < m_nextTry) {
        if (!m_retryTimer.isActive()) // a timer may fire a little early: it waits for the rest
            schedule();
        return false;
    }
    m_trying = true;
    QString why;
    const bool connected = m_reconnect(why);
    m_trying = false;
    if (connected) {
        m_state = State::Connected;
        m_lastError.clear();
        m_retryTimer.stop();
        Q_EMIT stateChanged(m_state);
        return true;
    }
    m_lastError = why.trimmed();
    m_nextTry = std::chrono::steady_clock::now() + m_delay;
    m_delay = std::min(m_delay * 2, kLongestDelay);
    schedule();
    Q_EMIT stateChanged(m_state); // the same state, a new wait: the front ends count down again
    return false;
}

void ConnectionKeeper::schedule()
{
    if (hasEventLoop())
        m_retryTimer.start(retryIn());
}

} // namespace Signet
