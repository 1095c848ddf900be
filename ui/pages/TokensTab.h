#pragma once

#include "pages/ProjectTab.h"

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Signet {

class AppSettings;
class ClipboardGuard;
class LedgerTableModel;

// The project's token ledger: what was minted, for whom, until when, and whether a one-time token
// was used. A token's text is revealed (audited) only to copy it or to open it in the Inspector.
class TokensTab : public ProjectTab
{
    Q_OBJECT

public:
    TokensTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;
    void refresh() override;
    [[nodiscard]] QLineEdit* filterField() const override { return m_filterLineEdit; }

public Q_SLOTS:
    void copySelected();
    void copySelectedJti();
    void openSelectedInInspector();

Q_SIGNALS:
    void inspectTokenRequested(const QString& token);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateState();
    void showProfileWords();
    void resizeColumns();
    // The selected entry's token text through the audited reveal; empty (and reported) on failure.
    [[nodiscard]] QString revealSelected(const QString& failure);

    AppSettings& m_settings;
    ClipboardGuard* m_clipboard; // clears a copied token after the delay set in the preferences
    LedgerTableModel* m_model;
    QTimer* m_filterTimer; // the filter applies once typing pauses
    QTimer* m_clockTimer;  // keeps "in 14 min" and the one-time states current
    QLineEdit* m_filterLineEdit;
    QTableView* m_tableView;
    QLabel* m_emptyLabel;
    QPushButton* m_copyPushButton;
    QPushButton* m_inspectPushButton;
    QAction* m_copyJtiAction;
    QAction* m_copyTokenAction;
    QAction* m_inspectAction;
    bool m_columnsStale = false; // rows came while the tab was hidden: sized when it shows
};

} // namespace Signet
