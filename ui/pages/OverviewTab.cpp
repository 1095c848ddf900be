#include "pages/OverviewTab.h"

#include "UntrustedText.h"
#include "foundation/Duration.h"
#include "models/LedgerTableModel.h"
#include "models/ModelSupport.h"
#include "workspace/BackgroundPages.h"
#include "workspace/ProjectHealth.h"
#include "workspace/Workspace.h"

#include <QDateTime>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace Signet {

namespace {

QString keyLine(const SigningKeyRecord& key)
{
    return QStringLiteral("<span style='font-family:monospace'>%1</span> · %2")
        .arg(UntrustedText::visibleHtml(ModelSupport::shortId(key.kid)), algorithmQName(key.algorithm));
}

} // namespace

OverviewTab::OverviewTab(Workspace& workspace, const Clock& clock, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_keyLabel(new QLabel(this))
    , m_jwksLabel(new QLabel(this))
    , m_tokensLabel(new QLabel(this))
    , m_apiKeysLabel(new QLabel(this))
    , m_healthLabel(new QLabel(this))
    , m_detailsLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewTab"));
    auto* content = new QWidget(this);
    auto* grid = new QGridLayout;
    grid->setSpacing(16);
    grid->addWidget(buildCard(tr("Signing key"), m_keyLabel, "overviewKeyLabel"), 0, 0);
    grid->addWidget(buildCard(tr("Published JWKS"), m_jwksLabel, "overviewJwksLabel"), 0, 1);
    grid->addWidget(buildCard(tr("Tokens"), m_tokensLabel, "overviewTokensLabel"), 1, 0);
    grid->addWidget(buildCard(tr("API keys"), m_apiKeysLabel, "overviewApiKeysLabel"), 1, 1);
    grid->addWidget(buildCard(tr("Health"), m_healthLabel, "overviewHealthLabel"), 2, 0, 1, 2);
    QWidget* settings = buildCard(tr("Settings"), m_detailsLabel, "overviewDetailsLabel");
    qobject_cast<QVBoxLayout*>(settings->layout())->insertLayout(2, buildSettingsRows());
    grid->addWidget(settings, 3, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(16, 16, 16, 16);
    column->setSpacing(16);
    column->addLayout(buildActions());
    column->addLayout(grid);
    column->addStretch();
    // A small window scrolls rather than squeezes the cards.
    auto* scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    connect(&workspace.keys(), &KeyService::keysChanged, this, &OverviewTab::reload);
    connect(&workspace.apiKeys(), &ApiKeyService::apiKeysChanged, this, &OverviewTab::reload);
    connect(&workspace.projects(), &ProjectService::projectsChanged, this, &OverviewTab::reload);
    // A token minted here is committed by the ledger writer within its commit window: count again then.
    connect(&workspace.tokens(), &TokenService::ledgerChanged, this, [this](const QString& projectId) {
        reload();
        if (projectId == m_projectId)
            QTimer::singleShot(LedgerTableModel::kCommitSettle, this, [this, projectId] {
                if (projectId == m_projectId)
                    countTokensToday();
            });
    });
}

OverviewTab::~OverviewTab() = default;

// A titled panel, its body rich text in the palette's colours.
QWidget* OverviewTab::buildCard(const QString& title, QLabel* body, const char* name)
{
    auto* card = new QFrame(this);
    card->setFrameShape(QFrame::StyledPanel);
    card->setAccessibleName(title);
    auto* heading = new QLabel(title, card);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    body->setObjectName(QLatin1String(name));
    body->setParent(card);
    body->setTextFormat(Qt::RichText);
    body->setWordWrap(true);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    body->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    body->setAccessibleName(title);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(4);
    layout->addWidget(heading);
    layout->addWidget(body, 1);
    return card;
}

QStringList OverviewTab::settingNames()
{
    return {tr("Project id"), tr("Issuer (iss)"), tr("Audience (aud)"), tr("Token lifetime"), tr("Rotation interval")};
}

// The project's settings, a name and a value a row. Labels in a grid rather than an HTML table in one
// label: a table is laid out again for every size the label is asked, a tenth of a second a project.
QLayout* OverviewTab::buildSettingsRows()
{
    auto* rows = new QGridLayout;
    rows->setHorizontalSpacing(24);
    rows->setVerticalSpacing(4);
    const QStringList names = settingNames();
    for (int row = 0; row < names.size(); ++row) {
        auto* name = new QLabel(this);
        name->setTextFormat(Qt::RichText);
        auto* value = new QLabel(this);
        value->setTextFormat(Qt::PlainText); // the project's own words: shown as they are, never as markup
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setAccessibleName(names[row]);
        rows->addWidget(name, row, 0, Qt::AlignTop | Qt::AlignLeft);
        rows->addWidget(value, row, 1, Qt::AlignTop); // the column's whole width, so wrapping takes the height it needs
        m_settingNames.append(name);
        m_settingValues.append(value);
    }
    rows->setColumnStretch(1, 1);
    return rows;
}

QLayout* OverviewTab::buildActions()
{
    auto* actions = new QHBoxLayout;
    const std::tuple<QString, const char*, void (OverviewTab::*)()> quick[] = {
        {tr("Generate key…"), "overviewGenerateKeyPushButton", &OverviewTab::generateKeyRequested},
        {tr("Rotate…"), "overviewRotatePushButton", &OverviewTab::rotateRequested},
        {tr("Export JWKS…"), "overviewExportJwksPushButton", &OverviewTab::exportJwksRequested},
        {tr("New API key…"), "overviewNewApiKeyPushButton", &OverviewTab::newApiKeyRequested},
    };
    for (const auto& [text, name, signal] : quick) {
        auto* button = new QPushButton(text, this);
        button->setObjectName(QLatin1String(name));
        button->setEnabled(false); // until a project is read
        connect(button, &QPushButton::clicked, this, signal);
        actions->addWidget(button);
        m_actionButtons.append(button);
    }
    m_rotatePushButton = m_actionButtons[1];
    actions->addStretch();
    return actions;
}

void OverviewTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void OverviewTab::showUnreadable(const QString& why)
{
    ++m_countGeneration; // a count under way does not fill the card in again
    m_countedProject.clear();
    for (QLabel* label : {m_keyLabel, m_jwksLabel, m_tokensLabel, m_apiKeysLabel, m_healthLabel})
        label->clear();
    m_detailsLabel->setText(tr("This project cannot be read: %1").arg(why.toHtmlEscaped()));
    m_detailsLabel->show();
    for (QLabel* label : std::as_const(m_settingNames) + m_settingValues)
        label->hide();
    for (QPushButton* button : std::as_const(m_actionButtons))
        button->setEnabled(false);
}

void OverviewTab::reload()
{
    auto project = m_workspace.projects().get(m_projectId);
    auto keys = m_workspace.keys().list(m_projectId);
    auto apiKeys = m_workspace.apiKeys().list(m_projectId);
    if (!project || !keys || !apiKeys)
        return showUnreadable((!project ? project.error() : !keys ? keys.error() : apiKeys.error()).message);
    bool canRotate = false;
    for (const SigningKeyRecord& key : *keys)
        canRotate = canRotate || key.state == KeyState::Active || key.state == KeyState::Next;
    for (QPushButton* button : std::as_const(m_actionButtons))
        button->setEnabled(button != m_rotatePushButton || canRotate);
    m_rotatePushButton->setToolTip(canRotate ? QString()
                                             : tr("Generate or import a key first: there is none to rotate."));
    m_keyLabel->setText(keyCard(*project, *keys));
    m_jwksLabel->setText(jwksCard(*project, *keys));
    countTokensToday();
    m_apiKeysLabel->setText(apiKeysCard(*apiKeys));
    m_healthLabel->setText(healthNotes(*project, *keys));
    showSettings(*project);
}

void OverviewTab::changeEvent(QEvent* event)
{
    ProjectTab::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_projectId.isEmpty())
        QMetaObject::invokeMethod(this, &OverviewTab::reload, Qt::QueuedConnection);
}

// Text in the palette's quieter colour (between text and window, so it stays readable when dark).
QString OverviewTab::quiet(const QString& text) const
{
    const QColor fore = palette().color(QPalette::WindowText), back = palette().color(QPalette::Window);
    const QColor mixed((fore.red() * 3 + back.red()) / 4, (fore.green() * 3 + back.green()) / 4,
                       (fore.blue() * 3 + back.blue()) / 4);
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(mixed.name(), text);
}

QString OverviewTab::keyCard(const Project& project, const QList<SigningKeyRecord>& keys) const
{
    const qint64 now = m_clock.now();
    const SigningKeyRecord* active = nullptr;
    const SigningKeyRecord* next = nullptr;
    for (const SigningKeyRecord& key : keys) {
        if (key.state == KeyState::Active)
            active = &key;
        else if (key.state == KeyState::Next && !next)
            next = &key;
    }
    if (!active)
        return tr("<b>No active key</b><br>%1")
            .arg(quiet(tr("Nothing can be minted. Generate a key, or rotate to the "
                          "next one.")));
    const qint64 since = active->activatedAt.value_or(active->createdAt);
    const qint64 due = since + project.rotationInterval;
    QString html =
        keyLine(*active) + QStringLiteral("<br>") + quiet(tr("active for %1").arg(Duration::formatSpan(now - since)));
    html +=
        QStringLiteral("<br>") + (due > now ? tr("Next rotation due %1").arg(Duration::formatRelative(due, now))
                                            : tr("<b>Rotation overdue</b> by %1").arg(Duration::formatSpan(now - due)));
    html += QStringLiteral("<br>") +
            (next ? tr("Next key ready: %1").arg(keyLine(*next)) : quiet(tr("No next key published yet")));
    return html;
}

QString OverviewTab::jwksCard(const Project& project, const QList<SigningKeyRecord>& keys) const
{
    const qint64 now = m_clock.now();
    int published = 0;
    qint64 lastChange = 0;
    for (const SigningKeyRecord& key : keys) {
        published += isPublished(key.state);
        for (std::optional<qint64> when : {std::optional<qint64>(key.createdAt), key.activatedAt, key.endedAt})
            lastChange = std::max(lastChange, when.value_or(0));
    }
    const QString url = project.issuer + QStringLiteral("/.well-known/jwks.json");
    if (published == 0)
        return tr("Nothing published yet") + QStringLiteral("<br>") + quiet(UntrustedText::visibleHtml(url));
    // While the local server runs, the URL a backend on this machine can fetch now.
    const QString served = servedJwksUrl();
    const QString local =
        served.isEmpty()
            ? QString()
            : QStringLiteral("<br>") +
                  tr("Local server: %1")
                      .arg(QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(served.toHtmlEscaped()));
    return tr("%n key(s) published", nullptr, published) + QStringLiteral("<br>") +
           QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(UntrustedText::visibleHtml(url)) +
           local + QStringLiteral("<br>") +
           quiet(tr("changed %1 · cached up to %2")
                     .arg(Duration::formatRelative(lastChange, now), Duration::formatSpan(project.jwksMaxAge)));
}

void OverviewTab::countTokensToday()
{
    // Another project's count is not left showing while this one's is read.
    if (m_countedProject != m_projectId) {
        m_countedProject = m_projectId;
        m_tokensLabel->setText(quiet(tr("Counting today's tokens…")));
    }
    if (!m_background)
        m_background = std::make_unique<BackgroundPages>(m_workspace.location()); // path() has no password
    const qint64 now = m_clock.now();
    const QDateTime midnight(QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()).date(), QTime(0, 0),
                             QTimeZone::utc());
    m_background->countIssuedSince(m_projectId, midnight.toSecsSinceEpoch())
        .then(this, [this, generation = ++m_countGeneration](const Result<int>& today) {
            if (generation == m_countGeneration)
                m_tokensLabel->setText(tokensCard(today));
        });
}

QString OverviewTab::tokensCard(const Result<int>& today) const
{
    if (!today)
        return quiet(tr("The ledger cannot be read now."));
    return tr("<b>%n</b> minted today", nullptr, *today) + QStringLiteral("<br>") +
           quiet(tr("since 00:00 UTC; the Tokens tab lists them all"));
}

QString OverviewTab::apiKeysCard(const QList<ApiKeyRecord>& apiKeys) const
{
    const qint64 now = m_clock.now();
    int usable = 0;
    const ApiKeyRecord* lastUsed = nullptr;
    for (const ApiKeyRecord& key : apiKeys) {
        usable += key.isUsable(now);
        if (key.lastUsedAt && (!lastUsed || *key.lastUsedAt > *lastUsed->lastUsedAt))
            lastUsed = &key;
    }
    if (apiKeys.isEmpty())
        return tr("None yet") + QStringLiteral("<br>") + quiet(tr("Create one per backend or teammate."));
    return tr("%1 usable of %2").arg(usable).arg(apiKeys.size()) + QStringLiteral("<br>") +
           (lastUsed ? tr("last used %1 (%2)")
                           .arg(Duration::formatRelative(*lastUsed->lastUsedAt, now),
                                UntrustedText::visibleHtml(lastUsed->name))
                     : quiet(tr("never used yet")));
}

// The sidebar dot's issues and the JWKS tab's rotation warning, in the same words.
QString OverviewTab::healthNotes(const Project& project, const QList<SigningKeyRecord>& keys) const
{
    const qint64 now = m_clock.now();
    QStringList notes;
    for (HealthIssue issue : evaluateHealth(project, m_workspace.projects().followedProfile(project).get(), keys, now,
                                            m_workspace.isProtected())
                                 .issues)
        notes.append(describe(issue, project));
    if (const RotationSafety safety = rotationSafety(project, keys, now);
        !safety.safe && !notes.contains(safety.reason))
        notes.append(safety.reason);
    if (notes.isEmpty())
        return tr("✓ No health warnings.");
    // One line a note, and no line break after the last (an empty line at the card's foot).
    QStringList lines;
    for (const QString& note : std::as_const(notes))
        lines.append(QStringLiteral("⚠ %1").arg(UntrustedText::visibleHtml(note)));
    return lines.join(QStringLiteral("<br>"));
}

void OverviewTab::showSettings(const Project& project)
{
    m_detailsLabel->clear();
    m_detailsLabel->hide();
    const QString values[] = {project.id, project.issuer, project.audience,
                              tr("%1 by default, at most %2")
                                  .arg(Duration::formatSpan(project.defaultTtl), Duration::formatSpan(project.maxTtl)),
                              Duration::formatSpan(project.rotationInterval)};
    const QStringList names = settingNames();
    for (int row = 0; row < m_settingValues.size(); ++row) {
        m_settingNames[row]->setText(quiet(names[row])); // in the palette's colours of now
        m_settingNames[row]->show();
        m_settingValues[row]->setText(UntrustedText::visible(values[row]));
        m_settingValues[row]->show();
    }
}

} // namespace Signet
