#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTabWidget;

namespace Signet {

class AppSettings;
class Clock;
class ProjectTab;
class SettingsTab;
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
        Backend,
        Audit,
        Settings
    };

    // What can be done with the project as it stands, so that nothing is offered that cannot work.
    struct Abilities
    {
        bool rotate = false; // an active or a next key to rotate to
        bool projectActions = false;
        friend bool operator==(const Abilities&, const Abilities&) = default;
    };

    ProjectPage(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    void setProject(const QString& projectId);
    [[nodiscard]] const QString& project() const { return m_projectId; }
    [[nodiscard]] const Abilities& abilities() const { return m_abilities; }
    void showTab(Tab tab);
    // Reads the project again in every tab (another process changed the workspace, or F5).
    void refresh();
    // Ctrl+PgDown / Ctrl+PgUp: the next or previous tab, round the ends.
    enum class Step
    {
        Next,
        Previous
    };
    void stepTab(Step step);
    // The current tab's filter field, if it has one.
    [[nodiscard]] QLineEdit* currentFilterField() const;
    // The local server's base URL while it runs (empty when stopped), for the served URLs the tabs show.
    void setServerBaseUrl(const QString& baseUrl);

    // Whoever is about to drop the project's unsaved settings (another project, another tab, quitting,
    // locking) asks first: Save, Discard, or Cancel to stay.
    enum class Departure
    {
        Proceed,
        Stay
    };
    [[nodiscard]] Departure settleUnsavedSettings();

public Q_SLOTS:
    // Each shows its tab first, then starts there (the Overview's buttons and the Keys menu).
    void generateKey();
    void rotateKeys();
    void exportJwks();
    void newApiKey();

Q_SIGNALS:
    void inspectTokenRequested(const QString& token);
    void actionCompleted(const QString& summary);
    void abilitiesChanged(const ProjectPage::Abilities& abilities);

private:
    void createTabs(Workspace& workspace, const Clock& clock, AppSettings& settings);
    void onTabChanged(int index);
    // After another project is chosen or a change elsewhere, the tabs out of view read one per turn
    // of the event loop, so that no turn reads for all of them (on a team workspace each read is a
    // round trip); a tab brought into view reads first.
    void refreshLater(ProjectTab* tab);
    void refreshIfStale(ProjectTab* tab);
    void refreshNextStale();
    // Reads `tab` again, or for the first time for the page's project.
    void catchUp(ProjectTab* tab);
    void updateHeader();
    void setAbilities(const Abilities& abilities);

    Workspace& m_workspace;
    QString m_projectId;
    Abilities m_abilities;
    QLabel* m_titleLabel;
    QLabel* m_summaryLabel;
    QTabWidget* m_tabs;
    QList<ProjectTab*> m_pages;
    SigningKeysTab* m_keysTab;
    JwksTab* m_jwksTab;
    ApiKeysTab* m_apiKeysTab = nullptr;
    SettingsTab* m_settingsTab = nullptr;
    int m_currentTab = 0;
    QList<ProjectTab*> m_stale;
    bool m_refreshScheduled = false; // one queued refreshNextStale() at a time
    bool m_settling = false;         // the unsaved-settings question is open
};

} // namespace Signet
