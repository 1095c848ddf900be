#pragma once

#include "pages/ProjectTab.h"
#include "workspace/Records.h"

class QLabel;
class QPushButton;

namespace Signet {

struct ProjectHealth;

// The project's state at a glance: its signing key and next rotation, what the JWKS publishes and
// since when, the tokens minted today, its API keys and their last use, the health notes (the same
// ones the JWKS tab and the sidebar dot give), and its settings; with the quick actions.
class OverviewTab : public ProjectTab
{
    Q_OBJECT

public:
    OverviewTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
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

private:
    QWidget* buildCard(const QString& title, QLabel* body, const char* name);
    QLayout* buildActions();
    void showUnreadable(const QString& why);
    [[nodiscard]] QString keyCard(const Project& project, const QList<SigningKeyRecord>& keys) const;
    [[nodiscard]] QString jwksCard(const Project& project, const QList<SigningKeyRecord>& keys) const;
    [[nodiscard]] QString tokensCard() const;
    [[nodiscard]] QString apiKeysCard(const QList<ApiKeyRecord>& apiKeys) const;
    [[nodiscard]] QString healthNotes(const Project& project, const QList<SigningKeyRecord>& keys) const;
    [[nodiscard]] QString settingsTable(const Project& project) const;
    [[nodiscard]] QString quiet(const QString& text) const;

    QLabel* m_keyLabel;
    QLabel* m_jwksLabel;
    QLabel* m_tokensLabel;
    QLabel* m_apiKeysLabel;
    QLabel* m_healthLabel;
    QLabel* m_detailsLabel;
    QPushButton* m_rotatePushButton = nullptr;
    QList<QPushButton*> m_actionButtons;
};

} // namespace Signet
