#pragma once

#include <QWidget>

class QAbstractItemModel;
class QTableView;

namespace Signet {

class Clock;
class Workspace;

// A tab of the project page. Tabs report finished actions as status messages and failures in a
// message box that says what failed and why.
class ProjectTab : public QWidget
{
    Q_OBJECT

public:
    ProjectTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr)
        : QWidget(parent)
        , m_workspace(workspace)
        , m_clock(clock)
    {}
    virtual void setProject(const QString& projectId) = 0;
    [[nodiscard]] const QString& project() const { return m_projectId; }

Q_SIGNALS:
    // A finished action in words ("Revoked 9fQ2…x1c"), for the window's status bar.
    void actionCompleted(const QString& summary);

protected:
    void showFailure(const QString& what, const QString& why);
    static QFont fixedFont();
    // The look every record table shares: whole-row single selection, state badges in one column,
    // comfortable rows, no grid.
    static void setUpRecordTable(QTableView* view, QAbstractItemModel* model, int badgeColumn);

    Workspace& m_workspace;
    const Clock& m_clock;
    QString m_projectId;
};

} // namespace Signet
