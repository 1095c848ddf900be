#pragma once

#include "foundation/Error.h"
#include "server/RemoteJwks.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Signet {

class Clock;

// The Inspector's "JWKS URL" key source: a URL, fetched as backends fetch it (RemoteJwks: https, or
// plain http to this machine; anything else over http only after the visible "allow" choice), without
// ever blocking the GUI thread. Says what it is doing: fetching, the error, or which URL and kid it used.
class JwksUrlSource : public QWidget
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<RemoteKeySet>&)>;

    explicit JwksUrlSource(const Clock& clock, QWidget* parent = nullptr);
    ~JwksUrlSource() override;

    // The key set for a token with this kid: `done` runs at once from the cache, else once the fetch
    // ends, unless another fetch() or cancel() came first. False (and `done` not called) without a URL.
    bool fetch(const QString& kid, Done done);
    // Drops the answer of the fetch under way (the verdict moved on to another key source).
    void cancel();
    [[nodiscard]] bool isFetching() const;
    [[nodiscard]] QString url() const;
    void setUrl(const QString& url);
    // The local server's JWKS URL for the project the token seems to belong to; empty while it is not
    // running, which disables the button that fills it in.
    void setLocalServerUrl(const QString& url);
    [[nodiscard]] const QString& localServerUrl() const { return m_localServerUrl; }

Q_SIGNALS:
    // The user asked for the keys (Enter in the URL, or Fetch): verify again.
    void fetchRequested();

private:
    [[nodiscard]] RemoteJwks& remote();
    void updateAllowHttp();
    void deliver(const QFuture<Result<RemoteKeySet>>& future);
    void describe(const Result<RemoteKeySet>& fetched, const QString& kid);

    const Clock& m_clock;
    std::unique_ptr<RemoteJwks> m_remote;        // https, or http on loopback
    std::unique_ptr<RemoteJwks> m_remoteAnyHttp; // made when http to another host is allowed
    QFutureWatcher<Result<RemoteKeySet>> m_watcher;
    Done m_done; // set while an answer is awaited
    QString m_kid;
    QString m_allowedHost; // the host plain http was allowed for
    QString m_localServerUrl;
    QLineEdit* m_urlLineEdit;
    QPushButton* m_fetchPushButton;
    QPushButton* m_localServerPushButton;
    QCheckBox* m_allowHttpCheckBox;
    QLabel* m_statusLabel;
};

} // namespace Signet
