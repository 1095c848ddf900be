#include "pages/ProjectPage.h"

#include "UntrustedText.h"
#include "pages/ApiKeysTab.h"
#include "pages/AuditTab.h"
#include "pages/BackendTab.h"
#include "pages/JwksTab.h"
#include "pages/MintTab.h"
#include "pages/OverviewTab.h"
#include "pages/SettingsTab.h"
#include "pages/SigningKeysTab.h"
#include "pages/TokensTab.h"
#include "widgets/CurrentPageHeight.h"
#include "workspace/Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

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
               new BackendTab(workspace, clock, settings, this),
               new AuditTab(workspace, clock, this),
               m_settingsTab = new SettingsTab(workspace, clock, this)};
    const QStringList names = {tr("Overview"), tr("Signing keys"), tr("JWKS"),  tr("API keys"), tr("Mint"),
                               tr("Tokens"),   tr("Backend"),      tr("Audit"), tr("Settings")};
    for (int i = 0; i < m_pages.size(); ++i) {
        m_tabs->addTab(m_pages[i], names[i]);
        connect(m_pages[i], &ProjectTab::actionCompleted, this, &ProjectPage::actionCompleted);
    }
    connect(overview, &OverviewTab::generateKeyRequested, this, &ProjectPage::generateKey);
    connect(overview, &OverviewTab::rotateRequested, this, &ProjectPage::rotateKeys);
    connect(overview, &OverviewTab::exportJwksRequested, this, &ProjectPage::exportJwks);
    connect(overview, &OverviewTab::newApiKeyRequested, this, &ProjectPage::newApiKey);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ProjectPage::onTabChanged);
    followCurrentPageHeight(m_tabs);
}

void ProjectPage::setServerBaseUrl(const QString& baseUrl)
{
    for (ProjectTab* page : std::as_const(m_pages))
        page->setServerBaseUrl(baseUrl);
}

// Leaving the Settings tab with unsaved edits asks first; Cancel goes back to it.
void ProjectPage::onTabChanged(int index)
{
    if (auto* shown = qobject_cast<ProjectTab*>(m_tabs->widget(index)))
        refreshIfStale(shown);
    const int left = std::exchange(m_currentTab, index);
    if (m_settling || left != static_cast<int>(Tab::Settings) || index == left)
        return;
    if (settleUnsavedSettings() == Departure::Stay)
        showTab(Tab::Settings);
}

ProjectPage::Departure ProjectPage::settleUnsavedSettings()
{
    if (!m_settingsTab->isModified() || m_settling)
        return Departure::Proceed;
    m_settling = true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved settings"),
                    tr("The settings of %1 have unsaved changes.").arg(m_titleLabel->text()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedSettingsMessageBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    const int answer = box.exec();
    Departure departure = Departure::Stay;
    if (answer == QMessageBox::Save) {
        m_settingsTab->save(); // says why when it cannot: the edits then stay, and so does the user
        departure = m_settingsTab->isModified() ? Departure::Stay : Departure::Proceed;
    } else if (answer == QMessageBox::Discard) {
        m_settingsTab->revert();
        departure = Departure::Proceed;
    }
    if (departure == Departure::Stay)
        showTab(Tab::Settings);
    m_settling = false;
    return departure;
}

void ProjectPage::generateKey()
{
    showTab(Tab::SigningKeys);
    m_keysTab->generateKey();
}

void ProjectPage::rotateKeys()
{
    if (!m_abilities.rotate)
        return;
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
    // Callers settle unsaved settings first (settleUnsavedSettings); what is left is dropped here.
    m_projectId = projectId;
    m_stale.clear();
    for (ProjectTab* page : std::as_const(m_pages)) {
        if (page == m_tabs->currentWidget())
            page->setProject(projectId);
        else
            refreshLater(page); // as after a change elsewhere: one per turn, or as it comes into view
    }
    updateHeader();
}

void ProjectPage::refresh()
{
    if (m_projectId.isEmpty())
        return;
    updateHeader();
    for (ProjectTab* page : std::as_const(m_pages)) {
        if (page == m_tabs->currentWidget())
            page->refresh();
        else
            refreshLater(page);
    }
}

void ProjectPage::refreshLater(ProjectTab* tab)
{
    if (!m_stale.contains(tab))
        m_stale.append(tab);
    if (!m_refreshScheduled) {
        m_refreshScheduled = true;
        QMetaObject::invokeMethod(this, &ProjectPage::refreshNextStale, Qt::QueuedConnection);
    }
}

void ProjectPage::refreshIfStale(ProjectTab* tab)
{
    if (m_stale.removeOne(tab))
        catchUp(tab);
}

void ProjectPage::catchUp(ProjectTab* tab)
{
    if (tab->project() == m_projectId)
        tab->refresh();
    else
        tab->setProject(m_projectId);
}

void ProjectPage::refreshNextStale()
{
    m_refreshScheduled = false;
    if (m_stale.isEmpty())
        return;
    catchUp(m_stale.takeFirst());
    if (!m_stale.isEmpty()) {
        m_refreshScheduled = true;
        QMetaObject::invokeMethod(this, &ProjectPage::refreshNextStale, Qt::QueuedConnection);
    }
}

void ProjectPage::stepTab(Step step)
{
    const int count = m_tabs->count();
    m_tabs->setCurrentIndex((m_tabs->currentIndex() + (step == Step::Next ? 1 : count - 1)) % count);
}

QLineEdit* ProjectPage::currentFilterField() const
{
    auto* tab = qobject_cast<ProjectTab*>(m_tabs->currentWidget());
    return tab ? tab->filterField() : nullptr;
}

void ProjectPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

void ProjectPage::updateHeader()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return setAbilities({});
    auto keys = m_workspace.keys().list(m_projectId);
    auto apiKeys = m_workspace.apiKeys().list(m_projectId);
    QString algorithm = tr("no active key");
    int published = 0;
    Abilities abilities{.projectActions = true};
    for (const SigningKeyRecord& key : keys.value_or(QList<SigningKeyRecord>())) {
        published += isPublished(key.state);
        if (key.state == KeyState::Active)
            algorithm = algorithmQName(key.algorithm);
        abilities.rotate = abilities.rotate || key.state == KeyState::Active || key.state == KeyState::Next;
    }
    if (!keys) // unknown for now (a busy workspace): keep what was known
        abilities.rotate = m_abilities.rotate;
    setAbilities(abilities);
    m_titleLabel->setText(UntrustedText::visible(project->name));
    m_summaryLabel->setText(tr("%1 · %n published key(s)", nullptr, published).arg(algorithm) +
                            tr(" · %n API key(s)", nullptr, int(apiKeys.value_or(QList<ApiKeyRecord>()).size())));
}

void ProjectPage::setAbilities(const Abilities& abilities)
{
    if (abilities == m_abilities)
        return;
    m_abilities = abilities;
    Q_EMIT abilitiesChanged(abilities);
}

} // namespace Signet
