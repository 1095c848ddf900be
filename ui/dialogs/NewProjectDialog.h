#pragma once

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QDialog>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Signet {

struct Profile;
class ProfileCatalog;

// A new project: its name first, the id derived from it (until the id is edited), issuer, audience and
// scopes, and optionally the provider profile it follows (its issuer, audience, lifetimes and key algorithm).
// Checks as the user types and enables Create only when the project can be made. The caller
// creates it and, when that fails, calls showError() and shows the dialog again with what was typed.
// "Import…" beside the pick-list stores a profile file of the user's in the workspace (importer).
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    // Stores the profile file at the path in the workspace; returns the catalogue that now has it.
    using Importer = std::function<Result<std::shared_ptr<const ProfileCatalog>>(const QString& path)>;

    NewProjectDialog(std::shared_ptr<const ProfileCatalog> catalog, Importer importer, QWidget* parent = nullptr);

    // What was typed; empty issuer and audience are the project's defaults (ProjectService::create).
    [[nodiscard]] Project draft() const;
    // The provider profile chosen, or none.
    [[nodiscard]] const Profile* profile() const;
    // The project to create: the draft as the chosen profile shapes it (profiledProject), or the draft.
    [[nodiscard]] Result<Project> project() const;
    void showError(const QString& message);

    // "Payments API (EU)" -> "payments-api-eu": lower-case letters, digits and single dashes.
    [[nodiscard]] static QString idFromName(const QString& name);
    // Scope names from "payments:read, payments:write" (commas or spaces).
    [[nodiscard]] static QStringList scopeNames(const QString& text);

private:
    void onNameEdited(const QString& name);
    void updateState();
    void onProfileChosen();
    void fillProfiles();
    void importProfile();
    void fitHeight();
    [[nodiscard]] QString problem() const;

    std::shared_ptr<const ProfileCatalog> m_catalog;
    Importer m_importer;
    QComboBox* m_profileComboBox;
    QPushButton* m_importPushButton;
    QLabel* m_profileLabel; // what the profile sets: the provider's description, lifetimes, key
    QLineEdit* m_nameLineEdit;
    QLineEdit* m_idLineEdit;
    QLineEdit* m_issuerLineEdit;
    QLineEdit* m_audienceLineEdit;
    QLineEdit* m_scopesLineEdit;
    QLabel* m_problemLabel;
    QPushButton* m_createPushButton;
    bool m_idEdited = false; // the user typed an id: the name no longer changes it
};

} // namespace Signet
