#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Signet {

// Keeps a team workspace's PostgreSQL connection: when a statement finds it gone (the server
// restarted, an administrator ended the session, the network dropped) it makes it again, at once and
// then after 0.25 s, 0.5 s, … up to every 8 s. With an event loop it tries on its own and notices a
// connection that dropped while idle; without one (the CLI) each statement tries when the wait is
// over. The front ends show state() and retryIn().
class ConnectionKeeper : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Connected,
        Lost
    };
    Q_ENUM(State)

    static constexpr std::chrono::milliseconds kFirstDelay{250};
    static constexpr std::chrono::milliseconds kLongestDelay{8000};

    // `reconnect` makes the connection again (false: still down, with why); `isOpen` says without
    // I/O whether the driver still holds a live connection. `where`: HOST/DB, for people.
    ConnectionKeeper(QString where, std::function<bool(QString& why)> reconnect, std::function<bool()> isOpen,
                     QObject* parent = nullptr);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const QString& where() const { return m_where; }
    // While lost: how long until the next try (zero: at the next statement).
    [[nodiscard]] std::chrono::milliseconds retryIn() const;
    // While lost: why the last try failed (or the connection was lost).
    [[nodiscard]] const QString& lastError() const { return m_lastError; }
    // What a statement that could not run says.
    [[nodiscard]] QString lostMessage() const;

    // A statement found the connection gone.
    void markLost(const QString& why);
    // Tries to reconnect if the wait is over; whether connected.
    bool tryReconnect();

Q_SIGNALS:
    void stateChanged(Signet::ConnectionKeeper::State state);

private:
    void schedule();

    QString m_where;
    std::function<bool(QString&)> m_reconnect;
    std::function<bool()> m_isOpen;
    State m_state = State::Connected;
    QString m_lastError;
    std::chrono::milliseconds m_delay = kFirstDelay;
    std::chrono::steady_clock::time_point m_nextTry;
    QTimer m_retryTimer;
    QTimer m_watchTimer;
    bool m_trying = false;
};

} // namespace Signet
