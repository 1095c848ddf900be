#pragma once

#include "server/ServerOptions.h"

#include <QDockWidget>

#include <memory>

class QAction;
class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QSpinBox;
class QTableView;

namespace Signet {

class AppSettings;
class Clock;
class LocalServer;
class RequestLogModel;
class Workspace;

// The local dev auth server in the console: start and stop (also from the toolbar's toggle), the
// port, the base URL to copy, the fault switches, and the live request log. The server runs on the
// GUI thread over the console's workspace (it never blocks it); stopping it destroys it, which frees
// the port. Locking the workspace stops it.
class ServerPanel : public QDockWidget
{
    Q_OBJECT

public:
    ServerPanel(AppSettings& settings, const Clock& clock, QWidget* parent = nullptr);
    ~ServerPanel() override;

    // The workspace to serve; none (locked) stops the server and offers nothing to start.
    void setWorkspace(Workspace* workspace);
    // Checkable, checked while the server runs: the toolbar's toggle and the Server menu's entry.
    [[nodiscard]] QAction* toggleAction() const { return m_toggleAction; }
    // The Server menu: the toggle and the panel's visibility.
    [[nodiscard]] QMenu* createMenu(QWidget* parent);
    [[nodiscard]] bool isRunning() const { return m_server != nullptr; }
    // "http://127.0.0.1:8707"; empty while stopped.
    [[nodiscard]] QString baseUrl() const;
    [[nodiscard]] LocalServer* server() const { return m_server.get(); }
    [[nodiscard]] RequestLogModel* requestLog() const { return m_log; }

public Q_SLOTS:
    // Listens on the chosen port; a failure (the port in use) shows in the panel and leaves it stopped.
    bool start();
    void stop();

Q_SIGNALS:
    // The server started (its base URL) or stopped (empty).
    void baseUrlChanged(const QString& baseUrl);
    // A finished action in words, for the window's status bar.
    void actionCompleted(const QString& summary);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildControls();
    void addFaultRows(QFormLayout* form);
    QWidget* buildLog();
    void keepLogScrolledToEnd();
    void applyFaults();
    void updateState();
    [[nodiscard]] ServerFaults faults() const;
    [[nodiscard]] QString faultSummary() const;

    AppSettings& m_settings;
    const Clock& m_clock;
    Workspace* m_workspace = nullptr;
    std::unique_ptr<LocalServer> m_server;
    RequestLogModel* m_log;
    QAction* m_toggleAction;
    QPushButton* m_startPushButton;
    QLabel* m_stateLabel;
    QSpinBox* m_portSpinBox;
    QCheckBox* m_issuerFromUrlCheckBox;
    QLineEdit* m_baseUrlLineEdit;
    QPushButton* m_copyUrlPushButton;
    QLabel* m_errorLabel;
    QSpinBox* m_latencySpinBox;
    QCheckBox* m_failJwksCheckBox;
    QCheckBox* m_staleJwksCheckBox;
    QTableView* m_logTableView;
    QLabel* m_logCountLabel;
    bool m_followLog = true; // the log shows its newest rows unless the user scrolled up
};

} // namespace Signet
