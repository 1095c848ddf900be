#pragma once

#include "pages/ProjectTab.h"

class QCheckBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Signet {

class AuditTableModel;

// The project's audit log: sortable, filterable by any text.
class AuditTab : public ProjectTab
{
    Q_OBJECT

public:
    AuditTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;
    void refresh() override;
    [[nodiscard]] QLineEdit* filterField() const override { return m_filterLineEdit; }

private:
    AuditTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filterLineEdit;
    QCheckBox* m_allProjectsCheckBox;
    QTableView* m_tableView;
};

} // namespace Signet
