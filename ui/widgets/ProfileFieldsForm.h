#pragma once

#include "profiles/ProfileRules.h"

#include <QGroupBox>

#include <optional>

class QFormLayout;

namespace Signet {

// A provider profile's fields as a form, generated from the profile: a pick-list or a row of check
// boxes where the field has allowed values (each value's meaning as its tooltip), a range-checked spin
// box for an integer, a check box for a boolean, a line edit for text. Each label is the provider's word
// and the JWT claim it becomes ("lifetime_s → exp − iat"); the provider's own words are the tooltip.
class ProfileFieldsForm : public QGroupBox
{
    Q_OBJECT

public:
    explicit ProfileFieldsForm(QWidget* parent = nullptr);

    // Builds the fields of `profile` with their defaults; none: empty and hidden.
    void setProfile(const std::optional<Profile>& profile);
    [[nodiscard]] bool hasField(ProfileFieldTarget target) const;
    // The fields set to something other than their default, as applyProfile() takes them (what the CLI's
    // --field NAME=VALUE gives): a default never needs what the user did not ask for.
    [[nodiscard]] QList<ProfileInput> inputs() const;
    // A required list with nothing checked (the default would fill it in silently), or nothing.
    [[nodiscard]] QString problem() const;
    // The id shown in the read-only fields the chosen API key fills (VideoSDK's apikey).
    void setApiKeyId(const QString& id);

    // The object name of a field's editor: "profileField_lifetime_s".
    [[nodiscard]] static QString editorName(const QString& field);

Q_SIGNALS:
    void edited();

private:
    struct Entry
    {
        ProfileField field;
        QWidget* editor = nullptr;
    };
    [[nodiscard]] QWidget* editorFor(const ProfileField& field);
    [[nodiscard]] QWidget* choiceEditor(const ProfileField& field);
    [[nodiscard]] QWidget* listEditor(const ProfileField& field);
    [[nodiscard]] QWidget* integerEditor(const ProfileField& field);
    // The text the field's editor holds, as applyProfile() parses it; empty: not set.
    [[nodiscard]] QString text(const Entry& entry) const;
    [[nodiscard]] QString label(const ProfileField& field) const;
    [[nodiscard]] QString help(const ProfileField& field) const;
    void clear();

    std::optional<Profile> m_profile;
    QFormLayout* m_form;
    QList<Entry> m_entries;
};

} // namespace Signet
