#pragma once

#include "pages/ProjectTab.h"
#include "workspace/Records.h"

#include <memory>
#include <optional>

class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Signet {

class DurationEdit;
struct Profile;

// Edits a project's settings: identity, lifetimes and the scope catalogue. Validates as the user
// types, saves through ProjectService::update (which audits) and shows when edits are unsaved.
class SettingsTab : public ProjectTab
{
    Q_OBJECT

public:
    SettingsTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
    // Loads the project, discarding unsaved edits; ask isModified() first to keep them.
    void setProject(const QString& projectId) override;
    void refresh() override;

    [[nodiscard]] bool isModified() const { return m_modified; }
    // The settings as edited (valid or not); nothing when no project is loaded.
    [[nodiscard]] std::optional<Project> draft() const;

public Q_SLOTS:
    void save();
    // Restores the stored settings, dropping unsaved edits.
    void revert();
    void addScope();
    void editScope();
    void removeSelectedScopes();

Q_SIGNALS:
    void modifiedChanged(bool modified);

private:
    void buildLayout();
    QLayout* createSettingsColumn();
    QWidget* createScopesGroup();
    void load(const Project& project);
    void onProjectsChanged();
    void updateState();
    [[nodiscard]] QString problem(const Project& draft) const;
    [[nodiscard]] static QString issuerProblem(const QString& issuer);

    std::optional<Project> m_stored;
    std::shared_ptr<const Profile> m_profile; // the one the project follows, whose bounds hold
    bool m_modified = false;
    bool m_changedElsewhere = false;
    bool m_loading = false;
    QWidget* m_content; // everything but the Save/Revert bar
    QLineEdit* m_nameLineEdit;
    QLineEdit* m_issuerLineEdit;
    QLineEdit* m_audienceLineEdit;
    DurationEdit* m_defaultTtl;
    DurationEdit* m_maxTtl;
    DurationEdit* m_jwksMaxAge;
    DurationEdit* m_rotationInterval;
    QTableWidget* m_scopesTableWidget;
    QPushButton* m_addScopePushButton;
    QPushButton* m_editScopePushButton;
    QPushButton* m_removeScopePushButton;
    QLabel* m_issuerProblemLabel;
    QLabel* m_profileNoteLabel; // what the followed profile allows
    QLabel* m_problemLabel;
    QLabel* m_unsavedLabel;
    QPushButton* m_revertPushButton;
    QPushButton* m_savePushButton;
};

} // namespace Signet
