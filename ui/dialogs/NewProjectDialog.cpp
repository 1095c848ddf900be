#include "dialogs/NewProjectDialog.h"

#include "Theme.h"
#include "foundation/Duration.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/FieldRules.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/ProjectService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Signet {

NewProjectDialog::NewProjectDialog(std::shared_ptr<const ProfileCatalog> catalog, Importer importer, QWidget* parent)
    : QDialog(parent)
    , m_catalog(std::move(catalog))
    , m_importer(std::move(importer))
    , m_profileComboBox(new QComboBox(this))
    , m_importPushButton(new QPushButton(tr("&Import…"), this))
    , m_profileLabel(new QLabel(this))
    , m_nameLineEdit(new QLineEdit(this))
    , m_idLineEdit(new QLineEdit(this))
    , m_issuerLineEdit(new QLineEdit(this))
    , m_audienceLineEdit(new QLineEdit(this))
    , m_scopesLineEdit(new QLineEdit(this))
    , m_problemLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("newProjectDialog"));
    setWindowTitle(tr("New project"));
    m_profileComboBox->setObjectName(QStringLiteral("profileComboBox"));
    m_profileComboBox->setAccessibleName(tr("Provider profile"));
    m_profileLabel->setObjectName(QStringLiteral("profileLabel"));
    m_profileLabel->setWordWrap(true);
    m_profileLabel->setForegroundRole(QPalette::PlaceholderText);
    m_importPushButton->setObjectName(QStringLiteral("importProfilePushButton"));
    m_importPushButton->setToolTip(tr("Add a provider profile of your own (a NAME.json file, see 'signet-cli profile "
                                      "show --json') to this workspace"));
    m_importPushButton->setVisible(bool(m_importer));
    fillProfiles();
    m_nameLineEdit->setObjectName(QStringLiteral("projectNameLineEdit"));
    m_idLineEdit->setObjectName(QStringLiteral("projectIdLineEdit"));
    m_issuerLineEdit->setObjectName(QStringLiteral("issuerLineEdit"));
    m_audienceLineEdit->setObjectName(QStringLiteral("audienceLineEdit"));
    m_scopesLineEdit->setObjectName(QStringLiteral("scopesLineEdit"));
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_nameLineEdit->setPlaceholderText(tr("Payments API"));
    m_idLineEdit->setPlaceholderText(tr("payments-api"));
    m_scopesLineEdit->setPlaceholderText(tr("optional; e.g. orders:read, orders:write"));
    m_idLineEdit->setToolTip(tr("Tokens, JWKS URLs and the CLI refer to the project by its id; it never changes."));
    m_scopesLineEdit->setToolTip(tr("The permissions API keys and tokens may carry; editable later in Settings."));
    m_problemLabel->setWordWrap(true);
    setTone(m_problemLabel, Tone::Error);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_nameLineEdit);
    form->addRow(tr("&Id"), m_idLineEdit);
    auto* profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileComboBox, 1);
    profileRow->addWidget(m_importPushButton);
    auto* profileLabel = new QLabel(tr("&Provider profile"), this);
    profileLabel->setBuddy(m_profileComboBox); // a row of a layout gets no buddy of its own
    form->addRow(profileLabel, profileRow);
    form->addRow(QString(), m_profileLabel);
    form->addRow(tr("I&ssuer (iss)"), m_issuerLineEdit);
    form->addRow(tr("&Audience (aud)"), m_audienceLineEdit);
    form->addRow(tr("S&copes"), m_scopesLineEdit);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_createPushButton = buttons->button(QDialogButtonBox::Ok);
    m_createPushButton->setText(tr("Create"));
    m_createPushButton->setObjectName(QStringLiteral("createProjectPushButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_nameLineEdit, &QLineEdit::textEdited, this, &NewProjectDialog::onNameEdited);
    connect(m_idLineEdit, &QLineEdit::textEdited, this, [this] { m_idEdited = true; });
    connect(m_profileComboBox, &QComboBox::currentIndexChanged, this, &NewProjectDialog::onProfileChosen);
    connect(m_importPushButton, &QPushButton::clicked, this, &NewProjectDialog::importProfile);
    for (QLineEdit* edit : {m_nameLineEdit, m_idLineEdit, m_issuerLineEdit, m_audienceLineEdit, m_scopesLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    resize(560, sizeHint().height());
    onProfileChosen(); // fits the height to the text under the pick-list
}

// Built-in profiles first, then the workspace's own, marked as such.
void NewProjectDialog::fillProfiles()
{
    const QString chosen = m_profileComboBox->currentData().toString();
    const QSignalBlocker quiet(m_profileComboBox);
    m_profileComboBox->clear();
    m_profileComboBox->addItem(tr("None"));
    m_profileComboBox->setItemData(0, tr("A project of your own: issuer, audience and lifetimes as you set them."),
                                   Qt::ToolTipRole);
    for (const Profile& profile : m_catalog->profiles()) {
        const QString title =
            profile.source == ProfileSource::BuiltIn ? profile.title : tr("%1 (this workspace's)").arg(profile.title);
        m_profileComboBox->addItem(title, profile.name);
        m_profileComboBox->setItemData(m_profileComboBox->count() - 1, profile.description, Qt::ToolTipRole);
    }
    m_profileComboBox->setCurrentIndex(std::max(0, m_profileComboBox->findData(chosen)));
}

void NewProjectDialog::importProfile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import provider profile"), QString(),
                                                      tr("Profiles (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    auto catalog = m_importer(path);
    if (!catalog)
        return showError(catalog.error().message);
    const QStringList before = [this] {
        QStringList names;
        for (int i = 1; i < m_profileComboBox->count(); ++i)
            names.append(m_profileComboBox->itemData(i).toString());
        return names;
    }();
    m_catalog = std::move(*catalog);
    fillProfiles();
    for (const Profile& profile : m_catalog->profiles()) {
        if (!before.contains(profile.name))
            m_profileComboBox->setCurrentIndex(m_profileComboBox->findData(profile.name));
    }
    onProfileChosen();
}

QString NewProjectDialog::idFromName(const QString& name)
{
    static const QRegularExpression notSlug(QStringLiteral("[^a-z0-9]+"));
    QString id = name.toLower().replace(notSlug, QStringLiteral("-"));
    while (id.startsWith(QLatin1Char('-')))
        id.remove(0, 1);
    id.truncate(64);
    while (id.endsWith(QLatin1Char('-')))
        id.chop(1);
    return id;
}

QStringList NewProjectDialog::scopeNames(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

void NewProjectDialog::onNameEdited(const QString& name)
{
    if (!m_idEdited)
        m_idLineEdit->setText(idFromName(name));
}

Project NewProjectDialog::draft() const
{
    Project project;
    project.id = m_idLineEdit->text().trimmed();
    project.name = m_nameLineEdit->text().trimmed();
    project.issuer = m_issuerLineEdit->text().trimmed();
    project.audience = m_audienceLineEdit->text().trimmed();
    for (const QString& scope : scopeNames(m_scopesLineEdit->text()))
        project.scopes.append({scope, QString()});
    return project;
}

const Profile* NewProjectDialog::profile() const
{
    const QString name = m_profileComboBox->currentData().toString();
    if (name.isEmpty())
        return nullptr;
    auto found = m_catalog->find(name);
    return found ? *found : nullptr;
}

Result<Project> NewProjectDialog::project() const
{
    const Profile* chosen = profile();
    if (!chosen)
        return draft();
    return profiledProject(*chosen, draft());
}

// What the profile decides, in a line under the pick-list; the issuer and audience fields show the
// profile's values (for the id typed) as their placeholders, and stay editable where the profile lets them.
void NewProjectDialog::onProfileChosen()
{
    const Profile* chosen = profile();
    if (!chosen) {
        m_profileLabel->setText(tr("Issuer, audience and lifetimes as you set them; generate a key afterwards."));
        fitHeight();
        m_issuerLineEdit->setEnabled(true);
        m_audienceLineEdit->setEnabled(true);
        return updateState();
    }
    QStringList facts{chosen->description};
    facts.append(tr("Tokens live %1 by default (%2 to %3)%4; signed with %5.")
                     .arg(Duration::formatSpan(chosen->lifetime.defaultSeconds),
                          Duration::formatSpan(chosen->lifetime.minimumSeconds),
                          Duration::formatSpan(chosen->lifetime.maximumSeconds),
                          chosen->oneTime ? tr(", one-time by default") : QString(),
                          chosen->signer == ProfileSigner::ApiKeySecret
                              ? tr("an API key's secret (HS256): create or import one afterwards")
                              : tr("a new %1 key, generated now").arg(algorithmQName(chosen->algorithm))));
    m_profileLabel->setText(facts.join(QLatin1Char('\n')));
    m_profileLabel->setToolTip(chosen->documentation);
    fitHeight();
    // A provider whose tokens carry no iss/aud, or always the same iss: nothing to type there.
    m_issuerLineEdit->setEnabled(chosen->issuer && chosen->issuerOverridable);
    m_audienceLineEdit->setEnabled(chosen->audience.has_value());
    if (!m_issuerLineEdit->isEnabled())
        m_issuerLineEdit->clear();
    if (!m_audienceLineEdit->isEnabled())
        m_audienceLineEdit->clear();
    updateState();
}

// As tall as the wrapped profile text needs at the dialog's width (a size hint knows no wrapping).
void NewProjectDialog::fitHeight()
{
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (height() != needed)
        resize(width(), needed);
}

QString NewProjectDialog::problem() const
{
    const Project project = draft();
    if (project.id.isEmpty())
        return tr("Give the project a name or an id.");
    if (auto valid = ProjectService::validateId(project.id); !valid)
        return valid.error().message;
    if (auto valid = FieldRules::checkName(tr("the name"), project.name); !valid)
        return valid.error().message;
    if (!project.issuer.isEmpty()) {
        if (auto valid = FieldRules::checkIssuer(project.issuer); !valid)
            return valid.error().message;
    }
    if (!project.audience.isEmpty()) {
        if (auto valid = FieldRules::checkClaimText(tr("the audience"), project.audience); !valid)
            return valid.error().message;
    }
    QStringList seen;
    for (const Scope& scope : project.scopes) {
        if (seen.contains(scope.name))
            return tr("the scope '%1' is listed twice").arg(scope.name);
        seen.append(scope.name);
    }
    if (auto shaped = this->project(); !shaped)
        return shaped.error().message;
    return {};
}

void NewProjectDialog::updateState()
{
    const QString id = m_idLineEdit->text().trimmed();
    const QString shownId = id.isEmpty() ? QStringLiteral("<id>") : id;
    if (const Profile* chosen = profile()) {
        const auto placeholder = [&](const std::optional<QString>& value, const QString& claim) {
            return value ? fillProfileTemplate(*value, defaultServerBase(), shownId)
                         : tr("none: %1 tokens carry no %2").arg(chosen->title, claim);
        };
        m_issuerLineEdit->setPlaceholderText(placeholder(chosen->issuer, QStringLiteral("iss")));
        m_audienceLineEdit->setPlaceholderText(placeholder(chosen->audience, QStringLiteral("aud")));
    } else {
        m_issuerLineEdit->setPlaceholderText(QStringLiteral("https://signet.local/p/") + shownId);
        m_audienceLineEdit->setPlaceholderText(id.isEmpty() ? tr("the id") : id);
    }
    const QString reason = problem();
    // Nothing typed yet is not an error to show in red.
    const bool untouched = m_nameLineEdit->text().isEmpty() && m_idLineEdit->text().isEmpty();
    m_problemLabel->setText(reason.isEmpty() || untouched ? QString() : QStringLiteral("⚠ ") + reason);
    m_createPushButton->setEnabled(reason.isEmpty());
}

void NewProjectDialog::showError(const QString& message)
{
    m_problemLabel->setText(QStringLiteral("⚠ ") + message);
}

} // namespace Signet
