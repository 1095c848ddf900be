#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace Signet {

// Puts a secret on the clipboard and takes it off again after a while, unless the user has copied
// something else meanwhile. Only a SHA-256 of the secret is kept to recognise it; the text itself
// is not held any longer than the copy takes. A pending secret is also cleared when the guard goes.
class ClipboardGuard : public QObject
{
    Q_OBJECT

public:
    explicit ClipboardGuard(QObject* parent = nullptr);
    ~ClipboardGuard() override;

    // clearAfterSeconds == 0: copy and never clear.
    void copySecret(const QString& text, int clearAfterSeconds);
    void copySecret(const QString& text, std::chrono::milliseconds clearAfter);

    [[nodiscard]] bool isPending() const { return m_timer.isActive(); }
    [[nodiscard]] std::chrono::milliseconds remaining() const { return m_timer.remainingTimeAsDuration(); }

public Q_SLOTS:
    // Clears now if the clipboard still holds the secret; forgets it either way.
    void clearNow();

Q_SIGNALS:
    // The secret was taken off the clipboard.
    void cleared();
    // The delay ran out but the clipboard held something else, so it was left alone.
    void superseded();

private:
    bool clearIfUnchanged();

    QTimer m_timer;
    QByteArray m_hash;
};

} // namespace Signet
