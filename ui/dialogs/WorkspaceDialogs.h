#pragma once

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Signet {

// First run: where the workspace goes, and a passphrase (or, explicitly, none).
class CreateWorkspaceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CreateWorkspaceDialog(const QString& path, QWidget* parent = nullptr);

    [[nodiscard]] QString path() const;
    // No value: an unprotected workspace.
    [[nodiscard]] std::optional<QByteArray> passphrase() const;

private:
    void updateState();

    QLineEdit* m_pathLineEdit;
    QLineEdit* m_passphraseLineEdit;
    QLineEdit* m_confirmLineEdit;
    QCheckBox* m_unprotectedCheckBox;
    QLabel* m_problemLabel;
    QPushButton* m_createPushButton;
};

// Unlocks a protected workspace. The caller checks the passphrase and calls showError() to retry.
// A workspace with members asks who is opening it too (`member` is the name offered).
class UnlockDialog : public QDialog
{
    Q_OBJECT

public:
    explicit UnlockDialog(const QString& path, std::optional<QString> member = std::nullopt, QWidget* parent = nullptr);

    // Empty where the workspace has no members.
    [[nodiscard]] QString member() const;
    [[nodiscard]] QByteArray passphrase() const;
    void showError(const QString& message);

private:
    void updateState();

    QLineEdit* m_memberLineEdit = nullptr;
    QLineEdit* m_passphraseLineEdit;
    QLabel* m_errorLabel;
    QPushButton* m_unlockPushButton = nullptr;
};

} // namespace Signet
