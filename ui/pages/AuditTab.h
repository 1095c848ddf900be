#pragma once

#include "pages/ProjectTab.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace Signet {

class AuditTableModel;

// The project's audit log (or the whole workspace's): sortable and filterable by any text, read a
// page at a time as it scrolls.
class AuditTab : public ProjectTab
{
    Q_OBJECT

public:
    AuditTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;
    void refresh() override;
    [[nodiscard]] QLineEdit* filterField() const override { return m_filterLineEdit; }

private:
    void resizeColumns();
    // The member filter's choices: everyone, then each name the log holds (kept when still there).
    void refreshMembers();

    AuditTableModel* m_model;
    QTimer* m_filterTimer; // the filter applies once typing pauses
    QLineEdit* m_filterLineEdit;
    QComboBox* m_memberComboBox;
    QCheckBox* m_allProjectsCheckBox;
    QTableView* m_tableView;
};

} // namespace Signet
