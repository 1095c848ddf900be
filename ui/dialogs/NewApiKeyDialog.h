#pragma once

#include "workspace/Records.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Signet {

// A new API key: a name, the scopes it grants (from the project's catalogue, or typed when the project
// has none) and when it expires. Create is enabled once the name is good. The caller creates the key
// and, when that fails, calls showError() and shows the dialog again with what was typed.
class NewApiKeyDialog : public QDialog
{
    Q_OBJECT

public:
    NewApiKeyDialog(const Project& project, QWidget* parent = nullptr);

    [[nodiscard]] QString name() const;
    [[nodiscard]] QStringList scopes() const;
    // Seconds from now; nothing: never expires.
    [[nodiscard]] std::optional<qint64> expiresIn() const;
    void showError(const QString& message);

private:
    void updateState();

    QLineEdit* m_nameLineEdit;
    QList<QCheckBox*> m_scopeCheckBoxes;
    QLineEdit* m_scopesLineEdit = nullptr; // when the project has no catalogue
    QComboBox* m_expiryComboBox;
    QLabel* m_problemLabel;
    QPushButton* m_createPushButton;
};

} // namespace Signet
