#include "widgets/ProfileFieldsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <limits>

namespace Signet {

namespace {

// A default as the text its editor shows (the profile's own rendering of a value).
QString display(const JsonValue& value)
{
    return fieldInputText(value).value_or(QString());
}

bool defaultHolds(const ProfileField& field, const QString& value)
{
    if (!field.defaultValue || !field.defaultValue->isArray())
        return false;
    for (const JsonValue& item : field.defaultValue->items()) {
        if (item.isString() && QString::fromStdString(item.asString()) == value)
            return true;
    }
    return false;
}

} // namespace

ProfileFieldsForm::ProfileFieldsForm(QWidget* parent)
    : QGroupBox(parent)
    , m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("profileFieldsForm"));
    // Pick-lists and numbers as wide as their values; only text fields take the row.
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    hide();
}

QString ProfileFieldsForm::editorName(const QString& field)
{
    return QStringLiteral("profileField_") + field;
}

void ProfileFieldsForm::clear()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_entries.clear();
}

void ProfileFieldsForm::setProfile(const std::optional<Profile>& profile)
{
    clear();
    m_profile = profile;
    setVisible(profile.has_value());
    if (!profile)
        return;
    setTitle(tr("%1 fields").arg(profile->title));
    setToolTip(profile->description);
    for (const ProfileField& field : profile->fields) {
        QWidget* editor = editorFor(field);
        editor->setObjectName(editorName(field.name));
        editor->setAccessibleName(field.name);
        editor->setToolTip(help(field));
        editor->setWhatsThis(help(field));
        auto* name = new QLabel(label(field), this);
        name->setToolTip(help(field));
        name->setWhatsThis(help(field));
        name->setBuddy(editor);
        m_form->addRow(name, editor);
        m_entries.append({field, editor});
    }
}

bool ProfileFieldsForm::hasField(ProfileFieldTarget target) const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [target](const Entry& entry) { return entry.field.target == target; });
}

// "lifetime_s → exp − iat": the provider's word, and what it becomes in the token; just "roomId" for a
// claim of the same name ("roomId → roomId" said nothing twice).
QString ProfileFieldsForm::label(const ProfileField& field) const
{
    QString becomes;
    switch (field.target) {
    case ProfileFieldTarget::Claim:
    case ProfileFieldTarget::ApiKeyId:
        becomes = field.claim.isEmpty() ? field.name : field.claim;
        break;
    case ProfileFieldTarget::Lifetime:
        becomes = QStringLiteral("exp − iat");
        break;
    case ProfileFieldTarget::OneTime:
        becomes = tr("one-time");
        break;
    }
    return becomes == field.name ? field.name : QStringLiteral("%1 → %2").arg(field.name, becomes);
}

// Signet's explanation, the bounds, and the provider's own documentation of the field.
QString ProfileFieldsForm::help(const ProfileField& field) const
{
    QString html = QStringLiteral("<p>%1</p>").arg(field.description.toHtmlEscaped());
    if (field.minimum || field.maximum)
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("From %1 to %2.")
                             .arg(field.minimum ? QString::number(*field.minimum) : tr("any"),
                                  field.maximum ? QString::number(*field.maximum) : tr("any")));
    if (!field.words.isEmpty())
        html +=
            QStringLiteral("<p><i>%1: “%2”</i></p>").arg(m_profile->title.toHtmlEscaped(), field.words.toHtmlEscaped());
    return html;
}

QWidget* ProfileFieldsForm::editorFor(const ProfileField& field)
{
    if (field.target == ProfileFieldTarget::ApiKeyId) {
        // Set by Signet from the key that signs, not typed: read-only text, not a field.
        auto* id = new QLabel(tr("the chosen API key's id"), this);
        id->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return id;
    }
    if (!field.allowed.isEmpty())
        return field.type == ProfileFieldType::StringList ? listEditor(field) : choiceEditor(field);
    switch (field.type) {
    case ProfileFieldType::Integer:
        return integerEditor(field);
    case ProfileFieldType::Boolean: {
        auto* check = new QCheckBox(this);
        check->setChecked(field.defaultValue && field.defaultValue->isBool() && field.defaultValue->asBool());
        connect(check, &QCheckBox::toggled, this, &ProfileFieldsForm::edited);
        return check;
    }
    case ProfileFieldType::String:
    case ProfileFieldType::StringList:
        break;
    }
    auto* edit = new QLineEdit(this);
    if (field.defaultValue)
        edit->setPlaceholderText(display(*field.defaultValue));
    else if (field.type == ProfileFieldType::StringList)
        edit->setPlaceholderText(tr("a, b"));
    connect(edit, &QLineEdit::textChanged, this, &ProfileFieldsForm::edited);
    return edit;
}

// One of the allowed values, or none when the field may be left out.
QWidget* ProfileFieldsForm::choiceEditor(const ProfileField& field)
{
    auto* box = new QComboBox(this);
    if (!field.required && !field.defaultValue)
        box->addItem(tr("(not set)"), QString());
    for (const ProfileValue& allowed : field.allowed) {
        box->addItem(allowed.value, allowed.value);
        box->setItemData(box->count() - 1, allowed.meaning, Qt::ToolTipRole);
    }
    if (field.defaultValue)
        box->setCurrentIndex(std::max(0, box->findData(display(*field.defaultValue))));
    connect(box, &QComboBox::currentIndexChanged, this, &ProfileFieldsForm::edited);
    return box;
}

// A check box per allowed value, in a row.
QWidget* ProfileFieldsForm::listEditor(const ProfileField& field)
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    for (const ProfileValue& allowed : field.allowed) {
        auto* check = new QCheckBox(allowed.value, row);
        check->setObjectName(editorName(field.name) + QLatin1Char('_') + allowed.value);
        check->setProperty("profileValue", allowed.value);
        check->setToolTip(allowed.meaning);
        check->setChecked(defaultHolds(field, allowed.value));
        connect(check, &QCheckBox::toggled, this, &ProfileFieldsForm::edited);
        layout->addWidget(check);
    }
    layout->addStretch();
    return row;
}

// Within the field's bounds (a lifetime within the profile's); a field that may be left out has a
// "not set" step below its minimum.
QWidget* ProfileFieldsForm::integerEditor(const ProfileField& field)
{
    auto* spin = new QSpinBox(this);
    qint64 minimum = field.minimum.value_or(std::numeric_limits<int>::min() + 1);
    qint64 maximum = field.maximum.value_or(std::numeric_limits<int>::max());
    if (field.target == ProfileFieldTarget::Lifetime) {
        minimum = std::max(minimum, m_profile->lifetime.minimumSeconds);
        maximum = std::min(maximum, m_profile->lifetime.maximumSeconds);
        spin->setSuffix(tr(" s"));
    }
    if (!field.required && !field.defaultValue) {
        --minimum;
        spin->setSpecialValueText(tr("(not set)"));
    }
    spin->setRange(int(std::max<qint64>(minimum, std::numeric_limits<int>::min())),
                   int(std::min<qint64>(maximum, std::numeric_limits<int>::max())));
    spin->setValue(field.defaultValue && field.defaultValue->isInteger() ? int(field.defaultValue->asInteger())
                                                                         : spin->minimum());
    connect(spin, &QSpinBox::valueChanged, this, &ProfileFieldsForm::edited);
    return spin;
}

QString ProfileFieldsForm::text(const Entry& entry) const
{
    if (auto* box = qobject_cast<QComboBox*>(entry.editor))
        return box->currentData().toString();
    if (auto* spin = qobject_cast<QSpinBox*>(entry.editor))
        return !spin->specialValueText().isEmpty() && spin->value() == spin->minimum() ? QString()
                                                                                       : QString::number(spin->value());
    if (auto* check = qobject_cast<QCheckBox*>(entry.editor))
        return check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (entry.field.target == ProfileFieldTarget::ApiKeyId)
        return {}; // never an input: the API key chosen under Signed with
    if (auto* edit = qobject_cast<QLineEdit*>(entry.editor))
        return edit->text().trimmed();
    QStringList checked;
    for (const QCheckBox* check : entry.editor->findChildren<QCheckBox*>()) {
        if (check->isChecked())
            checked.append(check->property("profileValue").toString());
    }
    return checked.join(QLatin1Char(','));
}

QList<ProfileInput> ProfileFieldsForm::inputs() const
{
    QList<ProfileInput> inputs;
    for (const Entry& entry : m_entries) {
        const QString value = text(entry);
        if (value.isEmpty())
            continue;
        if (entry.field.defaultValue) {
            auto parsed = parseFieldValue(entry.field, value);
            if (parsed && *parsed == *entry.field.defaultValue)
                continue;
        }
        inputs.append({entry.field.name, value});
    }
    return inputs;
}

QString ProfileFieldsForm::problem() const
{
    for (const Entry& entry : m_entries) {
        if (entry.field.required && entry.field.type == ProfileFieldType::StringList &&
            !entry.field.allowed.isEmpty() && text(entry).isEmpty())
            return tr("%1: %2 is required: check at least one of them").arg(m_profile->name, entry.field.name);
    }
    return {};
}

void ProfileFieldsForm::setApiKeyId(const QString& id)
{
    for (const Entry& entry : std::as_const(m_entries)) {
        if (entry.field.target == ProfileFieldTarget::ApiKeyId)
            static_cast<QLabel*>(entry.editor)->setText(id.isEmpty() ? tr("the chosen API key's id") : id);
    }
}

} // namespace Signet
