#include "ClipboardGuard.h"

#include "crypto/Digest.h"
#include "crypto/SecureBytes.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

namespace Signet {

namespace {

QByteArray hashOf(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    QByteArray hash = Crypto::sha256(utf8);
    Crypto::wipe(utf8);
    return hash;
}

} // namespace

ClipboardGuard::ClipboardGuard(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    // "Cleared in 30 s" means 30 s: a coarse timer may run 5 % late.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (clearIfUnchanged())
            Q_EMIT cleared();
        else
            Q_EMIT superseded();
    });
}

ClipboardGuard::~ClipboardGuard()
{
    // Leaving a secret behind because its window closed first would defeat the guard.
    if (m_timer.isActive() && QGuiApplication::instance())
        clearIfUnchanged();
}

void ClipboardGuard::copySecret(const QString& text, int clearAfterSeconds)
{
    copySecret(text, std::chrono::seconds(clearAfterSeconds));
}

void ClipboardGuard::copySecret(const QString& text, std::chrono::milliseconds clearAfter)
{
    m_timer.stop();
    auto* data = new QMimeData;
    data->setText(text);
    // Asks KDE's Klipper (and clipboard managers that honour the hint) not to keep it in history.
    data->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(data);
    if (clearAfter <= std::chrono::milliseconds::zero()) {
        m_hash.clear();
        return;
    }
    m_hash = hashOf(text);
    m_timer.start(clearAfter);
}

void ClipboardGuard::clearNow()
{
    if (clearIfUnchanged())
        Q_EMIT cleared();
}

bool ClipboardGuard::clearIfUnchanged()
{
    m_timer.stop();
    if (m_hash.isEmpty())
        return false;
    QClipboard* clipboard = QGuiApplication::clipboard();
    const bool unchanged = hashOf(clipboard->text()) == m_hash;
    m_hash.clear();
    if (unchanged)
        clipboard->clear();
    return unchanged;
}

} // namespace Signet
