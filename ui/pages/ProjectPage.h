#pragma once

#include <QWidget>

class QLabel;
class QTabWidget;

namespace Signet {

class AppSettings;
class Clock;
class ProjectTab;
class SigningKeysTab;
class JwksTab;
class ApiKeysTab;
class Workspace;

// One project: a header line with what matters at a glance, and its tabs.
class ProjectPage : public QWidget
{
    Q_OBJECT

public:
    enum class Tab
    {
        Overview,
        SigningKeys,
        Jwks,
        ApiKeys,
        Mint,
        Tokens,
        Audit,
        Settings
    };

    ProjectPage(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    void setProject(const QString& projectId);
    [[nodiscard]] const QString& project() const { return m_projectId; }
    void showTab(Tab tab);

public Q_SLOTS:
    // Each shows its tab first, then starts there (the Overview's buttons and the Keys menu).
    void generateKey();
    void rotateKeys();
    void exportJwks();
    void newApiKey();

Q_SIGNALS:
    void inspectTokenRequested(const QString& token);
    void actionCompleted(const QString& summary);

private:
    void createTabs(Workspace& workspace, const Clock& clock, AppSettings& settings);
    void updateHeader();

    Workspace& m_workspace;
    QString m_projectId;
    QLabel* m_titleLabel;
    QLabel* m_summaryLabel;
    QTabWidget* m_tabs;
    QList<ProjectTab*> m_pages;
    SigningKeysTab* m_keysTab;
    JwksTab* m_jwksTab;
    ApiKeysTab* m_apiKeysTab = nullptr;
};

} // namespace Signet
