#include "pages/ProjectPage.h"

#include "pages/ApiKeysTab.h"
#include "pages/AuditTab.h"
#include "pages/JwksTab.h"
#include "pages/MintTab.h"
#include "pages/OverviewTab.h"
#include "pages/SettingsTab.h"
#include "pages/SigningKeysTab.h"
#include "pages/TokensTab.h"
#include "workspace/Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Signet {

ProjectPage::ProjectPage(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_titleLabel(new QLabel(this))
    , m_summaryLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_keysTab(new SigningKeysTab(workspace, clock, this))
    , m_jwksTab(new JwksTab(workspace, clock, settings, this))
{
    setObjectName(QStringLiteral("projectPage"));
    m_tabs->setObjectName(QStringLiteral("projectTabWidget"));
    m_titleLabel->setObjectName(QStringLiteral("projectTitleLabel"));
    m_summaryLabel->setObjectName(QStringLiteral("projectSummaryLabel"));
    QFont title = m_titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.35);
    title.setBold(true);
    m_titleLabel->setFont(title);
    m_tabs->setDocumentMode(true);
    createTabs(workspace, clock, settings);

    auto* header = new QHBoxLayout;
    header->addWidget(m_titleLabel);
    header->addStretch();
    header->addWidget(m_summaryLabel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 4);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    connect(&workspace.keys(), &KeyService::keysChanged, this, &ProjectPage::updateHeader);
    connect(&workspace.apiKeys(), &ApiKeyService::apiKeysChanged, this, &ProjectPage::updateHeader);
    connect(&workspace.projects(), &ProjectService::projectsChanged, this, &ProjectPage::updateHeader);
}

// One tab per Tab value, in that order; their reports and requests go out through the page.
void ProjectPage::createTabs(Workspace& workspace, const Clock& clock, AppSettings& settings)
{
    auto* overview = new OverviewTab(workspace, clock, this);
    m_apiKeysTab = new ApiKeysTab(workspace, clock, settings, this);
    auto* mint = new MintTab(workspace, clock, settings, this);
    connect(mint, &MintTab::inspectTokenRequested, this, &ProjectPage::inspectTokenRequested);
    auto* tokens = new TokensTab(workspace, clock, settings, this);
    connect(tokens, &TokensTab::inspectTokenRequested, this, &ProjectPage::inspectTokenRequested);
    m_pages = {overview,
               m_keysTab,
               m_jwksTab,
               m_apiKeysTab,
               mint,
               tokens,
               new AuditTab(workspace, clock, this),
               new SettingsTab(workspace, clock, this)};
    const QStringList names = {tr("Overview"), tr("Signing keys"), tr("JWKS"),  tr("API keys"),
                               tr("Mint"),     tr("Tokens"),       tr("Audit"), tr("Settings")};
    for (int i = 0; i < m_pages.size(); ++i) {
        m_tabs->addTab(m_pages[i], names[i]);
        connect(m_pages[i], &ProjectTab::actionCompleted, this, &ProjectPage::actionCompleted);
    }
    connect(overview, &OverviewTab::generateKeyRequested, this, &ProjectPage::generateKey);
    connect(overview, &OverviewTab::rotateRequested, this, &ProjectPage::rotateKeys);
    connect(overview, &OverviewTab::exportJwksRequested, this, &ProjectPage::exportJwks);
    connect(overview, &OverviewTab::newApiKeyRequested, this, &ProjectPage::newApiKey);
}

void ProjectPage::generateKey()
{
    showTab(Tab::SigningKeys);
    m_keysTab->generateKey();
}

void ProjectPage::rotateKeys()
{
    showTab(Tab::SigningKeys);
    m_keysTab->rotate(SigningKeysTab::OldKey::Retire);
}

void ProjectPage::exportJwks()
{
    showTab(Tab::Jwks);
    m_jwksTab->exportToFile();
}

void ProjectPage::newApiKey()
{
    showTab(Tab::ApiKeys);
    m_apiKeysTab->createKey();
}

void ProjectPage::setProject(const QString& projectId)
{
    m_projectId = projectId;
    for (ProjectTab* page : std::as_const(m_pages))
        page->setProject(projectId);
    updateHeader();
}

void ProjectPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

void ProjectPage::updateHeader()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return;
    auto keys = m_workspace.keys().list(m_projectId);
    auto apiKeys = m_workspace.apiKeys().list(m_projectId);
    QString algorithm = tr("no active key");
    int published = 0;
    for (const SigningKeyRecord& key : keys.value_or(QList<SigningKeyRecord>())) {
        published += isPublished(key.state);
        if (key.state == KeyState::Active)
            algorithm = algorithmQName(key.algorithm);
    }
    m_titleLabel->setText(project->name);
    m_summaryLabel->setText(tr("%1 · %n published key(s)", nullptr, published).arg(algorithm) +
                            tr(" · %n API key(s)", nullptr, int(apiKeys.value_or(QList<ApiKeyRecord>()).size())));
}

} // namespace Signet
