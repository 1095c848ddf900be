#pragma once

#include "pages/ProjectTab.h"
#include "workspace/Records.h"

class QAction;
class QLabel;
class QPushButton;
class QTableView;

namespace Signet {

class ApiKeyTableModel;
class AppSettings;
class ClipboardGuard;

class ApiKeysTab : public ProjectTab
{
    Q_OBJECT

public:
    ApiKeysTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;
    void refresh() override;

public Q_SLOTS:
    void createKey();
    void revokeSelected();
    void copySelectedId();

private:
    void updateState();
    void showSecretOnce(const QString& id, const QString& secret);
    void applyRevocation(const ApiKeyRecord& key);

    AppSettings& m_settings;
    ClipboardGuard* m_clipboard; // clears a copied secret after the delay set in the preferences
    ApiKeyTableModel* m_model;
    QTableView* m_tableView;
    QLabel* m_emptyLabel;
    QPushButton* m_createPushButton;
    QPushButton* m_revokePushButton;
    QAction* m_copyIdAction;
    QAction* m_revokeAction;
};

} // namespace Signet
