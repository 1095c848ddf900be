#pragma once

#include "foundation/Error.h"

#include <QWidget>

#include <functional>

class QAbstractItemModel;
class QAction;
class QKeySequence;
class QLabel;
class QLineEdit;
class QTableView;
class QVBoxLayout;

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
    // The workspace changed elsewhere (another process, or F5): reads again what the tab shows,
    // keeping the selection and whatever the user is typing.
    virtual void refresh() { setProject(m_projectId); }
    // The field Ctrl+F goes to, if the tab has one.
    [[nodiscard]] virtual QLineEdit* filterField() const { return nullptr; }
    // The local server's base URL while it runs, empty while it does not: for tabs that show what it serves.
    void setServerBaseUrl(const QString& baseUrl)
    {
        m_serverBaseUrl = baseUrl;
        serverBaseUrlChanged();
    }

Q_SIGNALS:
    // A finished action in words ("Revoked 9fQ2…x1c"), for the window's status bar.
    void actionCompleted(const QString& summary);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    virtual void serverBaseUrlChanged() {}
    // "http://127.0.0.1:8707/p/ID/.well-known/jwks.json" while the local server runs, else empty.
    [[nodiscard]] QString servedJwksUrl() const;
    void showFailure(const QString& what, const QString& why);
    // A failure from the workspace. When it was busy (another program writing), the box offers Retry,
    // which runs `retry`, once the box has closed; the failed attempt changed nothing.
    void showFailure(const QString& what, const Error& error, const std::function<void()>& retry);
    static QFont fixedFont();
    // The look every record table shares: whole-row single selection, state badges in one column,
    // comfortable rows, no grid.
    static void setUpRecordTable(QTableView* view, QAbstractItemModel* model, int badgeColumn);
    // Columns as wide as their contents plus a gap, so that neighbouring cells do not run into each
    // other; the last one takes the rest of the width.
    static void fitColumnsToContents(QTableView* view);
    // An action on the table's selected row: in its context menu (right-click, the Menu key) and, with
    // `keys`, a shortcut while the table has focus (Ctrl+C copies the row's id).
    QAction* addRowAction(QTableView* table, const QString& text, const QString& objectName, const QKeySequence& keys);
    static void addRowSeparator(QTableView* table);
    // Puts text that is not a secret (an id, a public key) on the clipboard and says so.
    void copyPublicText(const QString& text, const QString& summary);
    // The tab's layout, on the 8 px grid every tab keeps.
    QVBoxLayout* createPageLayout();
    // A record table, and the message that takes its place while the table has no rows.
    static void addRecordTable(QVBoxLayout* layout, QTableView* table, QLabel* emptyLabel);
    // Runs `reload` (which resets the table's model) and selects the same record again, found by its
    // ModelSupport::KeyRole.
    static void keepingSelection(QTableView* table, const std::function<void()>& reload);

    Workspace& m_workspace;
    const Clock& m_clock;
    QString m_projectId;
    QString m_serverBaseUrl;
};

} // namespace Signet
