#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Signet {

// Where a team workspace lives on PostgreSQL: host, port, database, user and TLS mode, shown as the
// postgresql:// URL the CLI takes (without the password), and the password, which only the URL
// handed to the opening carries: it is never shown nor kept in the settings.
class TeamWorkspaceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TeamWorkspaceDialog(QWidget* parent = nullptr);

    // Fills the fields from a URL (a recent team workspace, which is kept without its password).
    void setLocation(const QString& url);
    // The URL to open, with the password when one was entered.
    [[nodiscard]] QString url() const;
    // The same without the password: for people and for Open recent.
    [[nodiscard]] QString displayUrl() const;
    void showError(const QString& message);

private:
    void updateState();
    [[nodiscard]] QString build(bool withPassword) const;

    QLineEdit* m_hostLineEdit;
    QSpinBox* m_portSpinBox;
    QLineEdit* m_databaseLineEdit;
    QLineEdit* m_userLineEdit;
    QLineEdit* m_passwordLineEdit;
    QComboBox* m_sslModeComboBox;
    QLineEdit* m_urlLineEdit;
    QLabel* m_problemLabel;
    QPushButton* m_openPushButton;
};

} // namespace Signet
