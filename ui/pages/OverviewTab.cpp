#include "pages/OverviewTab.h"

#include "foundation/Duration.h"
#include "workspace/ProjectHealth.h"
#include "workspace/Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Signet {

OverviewTab::OverviewTab(Workspace& workspace, const Clock& clock, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_detailsLabel(new QLabel(this))
    , m_healthLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewTab"));
    m_detailsLabel->setObjectName(QStringLiteral("overviewDetailsLabel"));
    m_healthLabel->setObjectName(QStringLiteral("overviewHealthLabel"));
    m_detailsLabel->setTextFormat(Qt::RichText);
    m_healthLabel->setTextFormat(Qt::RichText);
    m_detailsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_healthLabel->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(16);
    layout->addWidget(m_detailsLabel);
    layout->addWidget(m_healthLabel);
    auto* actions = new QHBoxLayout;
    const std::pair<QString, void (OverviewTab::*)()> quick[] = {
        {tr("Generate key…"), &OverviewTab::generateKeyRequested},
        {tr("Rotate…"), &OverviewTab::rotateRequested},
        {tr("Export JWKS…"), &OverviewTab::exportJwksRequested},
        {tr("New API key…"), &OverviewTab::newApiKeyRequested},
    };
    for (const auto& [text, signal] : quick) {
        auto* button = new QPushButton(text, this);
        connect(button, &QPushButton::clicked, this, signal);
        actions->addWidget(button);
    }
    actions->addStretch();
    layout->addLayout(actions);
    layout->addStretch();
    connect(&workspace.keys(), &KeyService::keysChanged, this, &OverviewTab::reload);
    connect(&workspace.apiKeys(), &ApiKeyService::apiKeysChanged, this, &OverviewTab::reload);
    connect(&workspace.projects(), &ProjectService::projectsChanged, this, &OverviewTab::reload);
}

void OverviewTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void OverviewTab::reload()
{
    auto project = m_workspace.projects().get(m_projectId);
    auto keys = m_workspace.keys().list(m_projectId);
    auto apiKeys = m_workspace.apiKeys().list(m_projectId);
    if (!project || !keys || !apiKeys) {
        m_detailsLabel->setText(tr("This project cannot be read: %1")
                                    .arg((!project ? project.error()
                                          : !keys  ? keys.error()
                                                   : apiKeys.error())
                                             .message.toHtmlEscaped()));
        m_healthLabel->clear();
        return;
    }
    int published = 0, usableApiKeys = 0;
    QString activeKid = tr("none");
    for (const SigningKeyRecord& key : *keys) {
        published += isPublished(key.state);
        if (key.state == KeyState::Active)
            activeKid =
                QStringLiteral("%1 (%2)").arg(key.kid.left(12) + QStringLiteral("…"), algorithmQName(key.algorithm));
    }
    for (const ApiKeyRecord& key : *apiKeys)
        usableApiKeys += key.isUsable(m_clock.now());
    // The label colour follows the palette, so it stays readable in a dark theme.
    const QColor text = palette().color(QPalette::WindowText), window = palette().color(QPalette::Window);
    const QString labelColor =
        QColor((text.red() * 3 + window.red() * 2) / 5, (text.green() * 3 + window.green() * 2) / 5,
               (text.blue() * 3 + window.blue() * 2) / 5)
            .name();
    auto row = [&labelColor](const QString& name, const QString& value) {
        return QStringLiteral(
                   "<tr><td style='padding:4px 24px 4px 0; color:%3'>%1</td><td style='padding:4px 0'>%2</td></tr>")
            .arg(name, value.toHtmlEscaped(), labelColor);
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Project id"), project->id);
    html += row(tr("Issuer (iss)"), project->issuer);
    html += row(tr("Audience (aud)"), project->audience);
    html += row(tr("Token lifetime"),
                tr("%1 by default, at most %2")
                    .arg(Duration::formatSpan(project->defaultTtl), Duration::formatSpan(project->maxTtl)));
    html += row(tr("JWKS cache max-age"), Duration::formatSpan(project->jwksMaxAge));
    html += row(tr("Rotation interval"), Duration::formatSpan(project->rotationInterval));
    html += row(tr("Active key"), activeKid);
    html += row(tr("Signing keys"), tr("%1 published, %2 in all").arg(published).arg(keys->size()));
    html += row(tr("API keys"), tr("%1 usable, %2 in all").arg(usableApiKeys).arg(apiKeys->size()));
    html += QStringLiteral("</table>");
    m_detailsLabel->setText(html);

    const ProjectHealth health = evaluateHealth(*project, *keys, m_clock.now(), m_workspace.isProtected());
    QString warnings;
    for (HealthIssue issue : health.issues)
        warnings += QStringLiteral("<p style='margin:4px 0'>⚠ %1</p>").arg(describe(issue, *project).toHtmlEscaped());
    m_healthLabel->setText(warnings.isEmpty() ? tr("<p>✓ No health warnings.</p>") : warnings);
}

} // namespace Signet
