#pragma once

#include "pages/ProjectTab.h"
#include "workspace/Records.h"

#include "foundation/Error.h"

#include <memory>

class QLabel;
class QPushButton;

namespace Signet {

class BackgroundPages;
struct ProjectHealth;

// The project's state at a glance: its signing key and next rotation, what the JWKS publishes and
// since when, the tokens minted today, its API keys and their last use, the health notes (the same
// ones the JWKS tab and the sidebar dot give), and its settings; with the quick actions.
class OverviewTab : public ProjectTab
{
    Q_OBJECT

public:
    OverviewTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
    ~OverviewTab() override;
    void setProject(const QString& projectId) override;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    // Quick actions: the project page routes them to the tab that does the work.
    void generateKeyRequested();
    void rotateRequested();
    void exportJwksRequested();
    void newApiKeyRequested();

protected:
    void serverBaseUrlChanged() override
    {
        if (!m_projectId.isEmpty())
            reload();
    }
    // The cards' quieter text is written in the palette's colours of when it was written.
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildCard(const QString& title, QLabel* body, const char* name);
    QLayout* buildActions();
    void showUnreadable(const QString& why);
    [[nodiscard]] QString keyCard(const Project& project, const QList<SigningKeyRecord>& keys) const;
    [[nodiscard]] QString jwksCard(const Project& project, const QList<SigningKeyRecord>& keys) const;
    // The count of today's tokens walks the project's ledger: it is read on BackgroundPages' thread
    // and shown once read (a newer count asked for drops an older one's answer).
    void countTokensToday();
    [[nodiscard]] QString tokensCard(const Result<int>& today) const;
    [[nodiscard]] QString apiKeysCard(const QList<ApiKeyRecord>& apiKeys) const;
    [[nodiscard]] QString healthNotes(const Project& project, const QList<SigningKeyRecord>& keys) const;
    QLayout* buildSettingsRows();
    [[nodiscard]] static QStringList settingNames();
    void showSettings(const Project& project);
    [[nodiscard]] QString quiet(const QString& text) const;

    QLabel* m_keyLabel;
    QLabel* m_jwksLabel;
    QLabel* m_tokensLabel;
    QLabel* m_apiKeysLabel;
    QLabel* m_healthLabel;
    QLabel* m_detailsLabel;         // why the project cannot be read, in place of its settings
    QList<QLabel*> m_settingNames;  // the settings' names, a row each
    QList<QLabel*> m_settingValues; // and their values
    QPushButton* m_rotatePushButton = nullptr;
    QList<QPushButton*> m_actionButtons;
    std::unique_ptr<BackgroundPages> m_background; // started by the first count
    quint64 m_countGeneration = 0;
    QString m_countedProject; // whose count the tokens card shows
};

} // namespace Signet
