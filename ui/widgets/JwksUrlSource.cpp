#include "widgets/JwksUrlSource.h"

#include "Theme.h"
#include "UntrustedText.h"
#include "foundation/Duration.h"
#include "models/ModelSupport.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Signet {

namespace {

// Plain http to a host that is not this machine: keys that could be swapped on the way.
bool needsHttpAllowance(const QUrl& url)
{
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 && !url.host().isEmpty() &&
           !isLoopbackHost(url.host());
}

QUrl parsed(const QString& text)
{
    return QUrl(text.trimmed(), QUrl::StrictMode);
}

} // namespace

JwksUrlSource::JwksUrlSource(const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_remote(std::make_unique<RemoteJwks>(RemoteJwksOptions{}, clock))
    , m_urlLineEdit(new QLineEdit(this))
    , m_fetchPushButton(new QPushButton(tr("Fetch"), this))
    , m_localServerPushButton(new QPushButton(tr("Use local server"), this))
    , m_allowHttpCheckBox(new QCheckBox(this))
    , m_statusLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("jwksUrlSource"));
    m_urlLineEdit->setObjectName(QStringLiteral("jwksUrlLineEdit"));
    m_urlLineEdit->setAccessibleName(tr("JWKS URL"));
    m_urlLineEdit->setPlaceholderText(tr("https://issuer.example/.well-known/jwks.json"));
    m_urlLineEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_urlLineEdit->setClearButtonEnabled(true);
    m_fetchPushButton->setObjectName(QStringLiteral("fetchJwksPushButton"));
    m_fetchPushButton->setAccessibleName(tr("Fetch the JWKS"));
    m_fetchPushButton->setToolTip(tr("Fetches the key set (or takes it from the cache while it is fresh) and "
                                     "verifies the token with it."));
    m_localServerPushButton->setObjectName(QStringLiteral("useLocalServerJwksPushButton"));
    m_localServerPushButton->setAccessibleName(tr("Use the local server's JWKS URL"));
    m_allowHttpCheckBox->setObjectName(QStringLiteral("allowHttpCheckBox"));
    m_allowHttpCheckBox->setAccessibleName(tr("Allow plain http"));
    m_allowHttpCheckBox->setToolTip(tr("Keys fetched over plain http can be swapped by anyone on the way: a forged "
                                       "token would then verify. Allow it only on a network you trust."));
    setTone(m_allowHttpCheckBox, Tone::Warning);
    m_statusLabel->setObjectName(QStringLiteral("jwksUrlStatusLabel"));
    m_statusLabel->setAccessibleName(tr("JWKS URL status"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setLocalServerUrl({});

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_fetchPushButton);
    buttons->addWidget(m_localServerPushButton);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_urlLineEdit);
    layout->addLayout(buttons);
    layout->addWidget(m_allowHttpCheckBox);
    layout->addWidget(m_statusLabel);
    layout->addStretch(); // a wrapped status asks for more height than it takes: the rest goes below

    // Typing a URL fetches nothing (every prefix would be a failed fetch): Enter or Fetch does.
    connect(m_urlLineEdit, &QLineEdit::returnPressed, this, &JwksUrlSource::fetchRequested);
    connect(m_fetchPushButton, &QPushButton::clicked, this, &JwksUrlSource::fetchRequested);
    connect(m_urlLineEdit, &QLineEdit::textChanged, this, &JwksUrlSource::updateAllowHttp);
    connect(m_allowHttpCheckBox, &QCheckBox::toggled, this, [this](bool allowed) {
        m_allowedHost = allowed ? parsed(m_urlLineEdit->text()).host() : QString();
        Q_EMIT fetchRequested();
    });
    connect(m_localServerPushButton, &QPushButton::clicked, this, [this] {
        setUrl(m_localServerUrl);
        Q_EMIT fetchRequested();
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] { deliver(m_watcher.future()); });
    updateAllowHttp();
}

JwksUrlSource::~JwksUrlSource() = default;

QString JwksUrlSource::url() const
{
    return m_urlLineEdit->text().trimmed();
}

void JwksUrlSource::setUrl(const QString& url)
{
    m_urlLineEdit->setText(url);
    m_urlLineEdit->setCursorPosition(0); // a URL too long for the field shows where it goes: its host
}

void JwksUrlSource::setLocalServerUrl(const QString& url)
{
    m_localServerUrl = url;
    m_localServerPushButton->setEnabled(!url.isEmpty());
    m_localServerPushButton->setToolTip(url.isEmpty() ? tr("Start the local server to verify against its JWKS URL.")
                                                      : tr("Use %1").arg(url));
}

// The allowance shows only for plain http to another host, and holds for the host it was given for.
void JwksUrlSource::updateAllowHttp()
{
    const QUrl url = parsed(m_urlLineEdit->text());
    const bool needed = needsHttpAllowance(url);
    m_allowHttpCheckBox->setVisible(needed);
    if (!needed)
        return;
    m_allowHttpCheckBox->setText(tr("Allow plain http to %1 (keys could be swapped on the way)").arg(url.host()));
    if (m_allowHttpCheckBox->isChecked() && url.host() != m_allowedHost)
        m_allowHttpCheckBox->setChecked(false);
}

RemoteJwks& JwksUrlSource::remote()
{
    const QUrl url = parsed(m_urlLineEdit->text());
    if (!needsHttpAllowance(url) || !m_allowHttpCheckBox->isChecked() || url.host() != m_allowedHost)
        return *m_remote;
    if (!m_remoteAnyHttp) {
        RemoteJwksOptions options;
        options.fetch.plainHttp = PlainHttp::Allowed;
        m_remoteAnyHttp = std::make_unique<RemoteJwks>(options, m_clock);
    }
    return *m_remoteAnyHttp;
}

bool JwksUrlSource::isFetching() const
{
    return m_done != nullptr;
}

void JwksUrlSource::cancel()
{
    m_done = nullptr;
}

bool JwksUrlSource::fetch(const QString& kid, Done done)
{
    cancel();
    const QString text = url();
    if (text.isEmpty()) {
        m_statusLabel->setText(tr("Enter the URL of a JWKS, or take the local server's."));
        clearTone(m_statusLabel);
        return false;
    }
    const QUrl target = parsed(text);
    m_done = std::move(done);
    m_kid = kid;
    auto future = remote().keysFor(target, kid);
    if (future.isFinished())
        return deliver(future), true; // from the cache, or refused at once
    m_statusLabel->setText(tr("Fetching %1 …").arg(UntrustedText::visible(displayUrl(target))));
    clearTone(m_statusLabel);
    // The watcher follows this future only: an earlier one that ends later answers nobody.
    m_watcher.setFuture(future);
    return true;
}

void JwksUrlSource::deliver(const QFuture<Result<RemoteKeySet>>& future)
{
    if (!m_done)
        return; // cancelled, or answered from the cache since
    Result<RemoteKeySet> fetched = fail(ErrorCode::Internal, tr("the fetch was cancelled"));
    if (future.isFinished() && !future.isCanceled() && future.resultCount() == 1)
        fetched = future.result();
    Done done = std::exchange(m_done, nullptr);
    describe(fetched, m_kid);
    done(fetched);
}

// Which URL and kid the verdict used, and how fresh the keys are; or why there are none.
void JwksUrlSource::describe(const Result<RemoteKeySet>& fetched, const QString& kid)
{
    if (!fetched) {
        m_statusLabel->setText(QStringLiteral("✗ ") + UntrustedText::visible(fetched.error().message));
        setTone(m_statusLabel, Tone::Error);
        return;
    }
    const qint64 now = m_clock.now();
    QString text = tr("Keys from %1 (%n key(s), ", nullptr, int(fetched->keys->size()))
                       .arg(UntrustedText::visible(displayUrl(fetched->url)));
    text += fetched->fromCache ? tr("cached, fetched %1)").arg(Duration::formatRelative(fetched->fetchedAt, now))
                               : tr("fetched just now)");
    if (!fetched->discoveredFrom.isEmpty())
        text += tr(", named by %1").arg(UntrustedText::visible(displayUrl(fetched->discoveredFrom)));
    // The kid shortened as the tables show it; whole in the tooltip.
    const QString shownKid = UntrustedText::visible(ModelSupport::shortId(kid));
    if (!kid.isEmpty())
        text += fetched->kidLookup == KidLookup::Found ? tr(" · kid %1 found").arg(shownKid)
                                                       : tr(" · kid %1 not in the set").arg(shownKid);
    else
        text += tr(" · the token names no kid");
    m_statusLabel->setText(text);
    m_statusLabel->setToolTip(kid.isEmpty() ? QString() : tr("kid %1").arg(UntrustedText::visible(kid)));
    clearTone(m_statusLabel);
}

} // namespace Signet
