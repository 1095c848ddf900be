#include "pages/SettingsTab.h"

#include "Theme.h"
#include "foundation/Duration.h"
#include "widgets/DurationEdit.h"
#include "workspace/FieldRules.h"
#include "workspace/Workspace.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Signet {

namespace {

enum ScopeColumn
{
    ScopeName,
    ScopeDescription,
    ScopeColumnCount
};

// Whether two projects differ in anything this tab edits.
bool sameSettings(const Project& a, const Project& b)
{
    return a.name == b.name && a.issuer == b.issuer && a.audience == b.audience && a.defaultTtl == b.defaultTtl &&
           a.maxTtl == b.maxTtl && a.jwksMaxAge == b.jwksMaxAge && a.rotationInterval == b.rotationInterval &&
           a.scopes == b.scopes;
}

// ProjectService words its reasons for the CLI ("the scope 'x' is listed twice"); here they stand alone.
QString asSentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text.endsWith(QLatin1Char('.')) ? text : text + QLatin1Char('.');
}

} // namespace

SettingsTab::SettingsTab(Workspace& workspace, const Clock& clock, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_content(new QWidget(this))
    , m_nameLineEdit(new QLineEdit(this))
    , m_issuerLineEdit(new QLineEdit(this))
    , m_audienceLineEdit(new QLineEdit(this))
    , m_defaultTtl(new DurationEdit(QStringLiteral("defaultTtl"), 1, this))
    , m_maxTtl(new DurationEdit(QStringLiteral("maxTtl"), 1, this))
    , m_jwksMaxAge(new DurationEdit(QStringLiteral("jwksMaxAge"), 0, this))
    , m_rotationInterval(new DurationEdit(QStringLiteral("rotationInterval"), 1, this))
    , m_scopesTableWidget(new QTableWidget(0, ScopeColumnCount, this))
    , m_addScopePushButton(new QPushButton(tr("Add scope"), this))
    , m_editScopePushButton(new QPushButton(tr("Edit"), this))
    , m_removeScopePushButton(new QPushButton(tr("Remove"), this))
    , m_issuerProblemLabel(new QLabel(this))
    , m_profileNoteLabel(new QLabel(this))
    , m_problemLabel(new QLabel(this))
    , m_unsavedLabel(new QLabel(tr("● Unsaved changes"), this))
    , m_revertPushButton(new QPushButton(tr("Revert"), this))
    , m_savePushButton(new QPushButton(tr("Save"), this))
{
    setObjectName(QStringLiteral("settingsTab"));
    m_content->setObjectName(QStringLiteral("settingsContent"));
    m_nameLineEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_issuerLineEdit->setObjectName(QStringLiteral("issuerLineEdit"));
    m_audienceLineEdit->setObjectName(QStringLiteral("audienceLineEdit"));
    m_scopesTableWidget->setObjectName(QStringLiteral("scopesTableWidget"));
    m_scopesTableWidget->setAccessibleName(tr("Scopes"));
    m_scopesTableWidget->setAccessibleDescription(
        tr("The scopes tokens of this project may carry, each with a description."));
    m_defaultTtl->setAccessibleLabel(tr("Default token lifetime"));
    m_maxTtl->setAccessibleLabel(tr("Longest token lifetime"));
    m_jwksMaxAge->setAccessibleLabel(tr("JWKS cache age"));
    m_rotationInterval->setAccessibleLabel(tr("Rotation interval"));
    m_addScopePushButton->setObjectName(QStringLiteral("addScopePushButton"));
    m_editScopePushButton->setObjectName(QStringLiteral("editScopePushButton"));
    m_removeScopePushButton->setObjectName(QStringLiteral("removeScopePushButton"));
    m_problemLabel->setObjectName(QStringLiteral("settingsProblemLabel"));
    m_issuerProblemLabel->setObjectName(QStringLiteral("issuerProblemLabel"));
    m_issuerProblemLabel->setWordWrap(true);
    setTone(m_issuerProblemLabel, Tone::Error);
    m_issuerProblemLabel->hide();
    m_unsavedLabel->setObjectName(QStringLiteral("settingsUnsavedLabel"));
    m_revertPushButton->setObjectName(QStringLiteral("revertSettingsPushButton"));
    m_savePushButton->setObjectName(QStringLiteral("saveSettingsPushButton"));

    m_issuerLineEdit->setFont(fixedFont());
    m_audienceLineEdit->setFont(fixedFont());
    m_savePushButton->setDefault(true);
    buildLayout();

    for (QLineEdit* edit : {m_nameLineEdit, m_issuerLineEdit, m_audienceLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &SettingsTab::updateState);
    for (DurationEdit* edit : {m_defaultTtl, m_maxTtl, m_jwksMaxAge, m_rotationInterval})
        connect(edit, &DurationEdit::secondsChanged, this, &SettingsTab::updateState);
    connect(m_scopesTableWidget, &QTableWidget::itemChanged, this, &SettingsTab::updateState);
    connect(m_scopesTableWidget, &QTableWidget::itemSelectionChanged, this, &SettingsTab::updateState);
    connect(m_addScopePushButton, &QPushButton::clicked, this, &SettingsTab::addScope);
    connect(m_editScopePushButton, &QPushButton::clicked, this, &SettingsTab::editScope);
    connect(m_removeScopePushButton, &QPushButton::clicked, this, &SettingsTab::removeSelectedScopes);
    connect(m_revertPushButton, &QPushButton::clicked, this, &SettingsTab::revert);
    connect(m_savePushButton, &QPushButton::clicked, this, &SettingsTab::save);
    connect(&workspace.projects(), &ProjectService::projectsChanged, this, &SettingsTab::onProjectsChanged);
    updateState();
}

void SettingsTab::buildLayout()
{
    auto* columns = new QHBoxLayout(m_content);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(16);
    // The settings get the wider column: an issuer URL is longer than a scope's name.
    columns->addLayout(createSettingsColumn(), 3);
    columns->addWidget(createScopesGroup(), 2);
    // Small windows scroll rather than squeeze the form.
    auto* scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_content);

    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* footer = new QHBoxLayout;
    footer->setSpacing(8);
    footer->addWidget(m_problemLabel, 1);
    footer->addWidget(m_unsavedLabel);
    footer->addSpacing(8);
    footer->addWidget(m_revertPushButton);
    footer->addWidget(m_savePushButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(16);
    layout->addWidget(scroll, 1);
    layout->addLayout(footer);
}

QLayout* SettingsTab::createSettingsColumn()
{
    m_issuerLineEdit->setToolTip(
        tr("The iss claim of tokens minted for this project, and the issuer verifiers expect."));
    m_audienceLineEdit->setToolTip(tr("The aud claim used when a mint request names no audience."));

    auto* identity = new QGroupBox(tr("Project"), this);
    auto* identityForm = new QFormLayout(identity);
    identityForm->addRow(tr("Name"), m_nameLineEdit);
    identityForm->addRow(tr("Issuer (iss)"), m_issuerLineEdit);
    identityForm->addRow(QString(), m_issuerProblemLabel);
    identityForm->addRow(tr("Default audience (aud)"), m_audienceLineEdit);

    auto* lifetimes = new QGroupBox(tr("Lifetimes"), this);
    auto* lifetimesForm = new QFormLayout(lifetimes);
    auto addDuration = [&](const QString& label, DurationEdit* edit, const QString& toolTip) {
        edit->setToolTip(toolTip);
        lifetimesForm->addRow(label, edit);
    };
    // First in the group: the bounds the lifetimes below must keep.
    m_profileNoteLabel->setObjectName(QStringLiteral("profileNoteLabel"));
    m_profileNoteLabel->setWordWrap(true);
    lifetimesForm->addRow(m_profileNoteLabel);
    addDuration(tr("Default token lifetime"), m_defaultTtl, tr("Used when a mint request asks for no lifetime."));
    addDuration(tr("Maximum token lifetime"), m_maxTtl, tr("No token of this project lives longer."));
    addDuration(tr("JWKS cache max-age"), m_jwksMaxAge, tr("How long consumers may cache the JWKS (0: not at all)."));
    addDuration(tr("Rotation interval"), m_rotationInterval,
                tr("How long a key may stay active before the project is flagged for rotation."));
    auto* overlapNote = new QLabel(tr("A retiring key stays published for the longer of the maximum token lifetime "
                                      "and the JWKS max-age, so tokens it signed keep verifying."),
                                   lifetimes);
    overlapNote->setWordWrap(true);
    overlapNote->setForegroundRole(QPalette::PlaceholderText);
    lifetimesForm->addRow(overlapNote);

    // One label column for both groups, so their fields line up.
    QList<QWidget*> labels;
    int labelWidth = 0;
    for (QFormLayout* form : {identityForm, lifetimesForm}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels.append(item->widget());
                labelWidth = std::max(labelWidth, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget* label : std::as_const(labels))
        label->setMinimumWidth(labelWidth);
    auto* column = new QVBoxLayout;
    column->setSpacing(16);
    column->addWidget(identity);
    column->addWidget(lifetimes);
    column->addStretch();
    return column;
}

QWidget* SettingsTab::createScopesGroup()
{
    auto* scopes = new QGroupBox(tr("Scopes"), this);
    auto* scopesHint = new QLabel(tr("The permissions API keys and tokens of this project may carry: single words "
                                     "such as orders:read. Double-click a cell to edit it."),
                                  scopes);
    scopesHint->setWordWrap(true);
    m_scopesTableWidget->setHorizontalHeaderLabels({tr("Name"), tr("Description")});
    m_scopesTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_scopesTableWidget->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                         QAbstractItemView::AnyKeyPressed);
    m_scopesTableWidget->verticalHeader()->hide();
    m_scopesTableWidget->verticalHeader()->setDefaultSectionSize(30);
    m_scopesTableWidget->horizontalHeader()->setStretchLastSection(true);
    // The name as wide as the longest one; the description takes the rest (a fixed 200 px cut it
    // off at 1024 px).
    m_scopesTableWidget->horizontalHeader()->setSectionResizeMode(ScopeName, QHeaderView::ResizeToContents);
    m_scopesTableWidget->setAlternatingRowColors(true);
    m_scopesTableWidget->setShowGrid(false);
    m_scopesTableWidget->setTabKeyNavigation(false);
    auto* scopeActions = new QHBoxLayout;
    scopeActions->addWidget(m_addScopePushButton);
    scopeActions->addWidget(m_editScopePushButton);
    scopeActions->addWidget(m_removeScopePushButton);
    scopeActions->addStretch();
    auto* scopesLayout = new QVBoxLayout(scopes);
    scopesLayout->setSpacing(8);
    scopesLayout->addWidget(scopesHint);
    scopesLayout->addWidget(m_scopesTableWidget, 1);
    scopesLayout->addLayout(scopeActions);
    return scopes;
}

void SettingsTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    revert();
}

void SettingsTab::refresh()
{
    onProjectsChanged(); // unsaved edits stay; a change made elsewhere is pointed out
}

std::optional<Project> SettingsTab::draft() const
{
    if (!m_stored)
        return std::nullopt;
    Project project = *m_stored;
    project.name = m_nameLineEdit->text();
    project.issuer = m_issuerLineEdit->text();
    project.audience = m_audienceLineEdit->text();
    project.defaultTtl = m_defaultTtl->seconds();
    project.maxTtl = m_maxTtl->seconds();
    project.jwksMaxAge = m_jwksMaxAge->seconds();
    project.rotationInterval = m_rotationInterval->seconds();
    project.scopes.clear();
    for (int row = 0; row < m_scopesTableWidget->rowCount(); ++row) {
        const QTableWidgetItem* name = m_scopesTableWidget->item(row, ScopeName);
        const QTableWidgetItem* description = m_scopesTableWidget->item(row, ScopeDescription);
        project.scopes.append({name ? name->text() : QString(), description ? description->text() : QString()});
    }
    return project;
}

void SettingsTab::load(const Project& project)
{
    m_loading = true;
    m_nameLineEdit->setText(project.name);
    m_issuerLineEdit->setText(project.issuer);
    m_audienceLineEdit->setText(project.audience);
    // A URL too long for its field shows its start ("https://…"), not its end.
    for (QLineEdit* edit : {m_nameLineEdit, m_issuerLineEdit, m_audienceLineEdit})
        edit->setCursorPosition(0);
    m_defaultTtl->setSeconds(project.defaultTtl);
    m_maxTtl->setSeconds(project.maxTtl);
    m_profile = m_workspace.projects().followedProfile(project);
    m_profileNoteLabel->setVisible(m_profile != nullptr);
    if (m_profile)
        m_profileNoteLabel->setText(tr("This project follows the %1 profile: its tokens live %2 to %3.")
                                        .arg(m_profile->title, Duration::formatSpan(m_profile->lifetime.minimumSeconds),
                                             Duration::formatSpan(m_profile->lifetime.maximumSeconds)));
    m_jwksMaxAge->setSeconds(project.jwksMaxAge);
    m_rotationInterval->setSeconds(project.rotationInterval);
    m_scopesTableWidget->setRowCount(0);
    for (const Scope& scope : project.scopes) {
        const int row = m_scopesTableWidget->rowCount();
        m_scopesTableWidget->insertRow(row);
        auto* name = new QTableWidgetItem(scope.name);
        name->setFont(fixedFont());
        m_scopesTableWidget->setItem(row, ScopeName, name);
        m_scopesTableWidget->setItem(row, ScopeDescription, new QTableWidgetItem(scope.description));
    }
    m_stored = project;
    m_changedElsewhere = false;
    m_loading = false;
    updateState();
}

void SettingsTab::revert()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project) {
        m_stored.reset();
        m_loading = true;
        for (QLineEdit* edit : {m_nameLineEdit, m_issuerLineEdit, m_audienceLineEdit})
            edit->clear();
        m_scopesTableWidget->setRowCount(0);
        m_loading = false;
        updateState();
        if (!m_projectId.isEmpty())
            m_problemLabel->setText(tr("This project cannot be read: %1").arg(project.error().message));
        return;
    }
    load(*project);
}

void SettingsTab::onProjectsChanged()
{
    if (m_projectId.isEmpty())
        return;
    auto project = m_workspace.projects().get(m_projectId);
    const std::optional<Project> edited = draft();
    // Our own save lands here too: the stored project then equals the draft.
    if (!m_modified || (project && edited && sameSettings(*project, *edited))) {
        revert();
        return;
    }
    if (project && m_stored && !sameSettings(*project, *m_stored)) {
        m_changedElsewhere = true;
        updateState();
    }
}

void SettingsTab::save()
{
    const std::optional<Project> project = draft();
    if (!project || !problem(*project).isEmpty())
        return;
    if (auto updated = m_workspace.projects().update(*project); !updated)
        return showFailure(tr("The settings of %1 were not saved.").arg(project->id), updated.error(),
                           [this] { save(); });
    // update() announced the change; onProjectsChanged() has taken the saved settings as the stored ones.
    Q_EMIT actionCompleted(tr("Saved the settings of %1").arg(project->name));
}

void SettingsTab::addScope()
{
    const int row = m_scopesTableWidget->rowCount();
    m_loading = true; // one update once the row is complete
    m_scopesTableWidget->insertRow(row);
    auto* name = new QTableWidgetItem;
    name->setFont(fixedFont());
    m_scopesTableWidget->setItem(row, ScopeName, name);
    m_scopesTableWidget->setItem(row, ScopeDescription, new QTableWidgetItem);
    m_loading = false;
    m_scopesTableWidget->setCurrentItem(name);
    m_scopesTableWidget->editItem(name);
    updateState();
}

void SettingsTab::editScope()
{
    QTableWidgetItem* item = m_scopesTableWidget->currentItem();
    if (!item)
        return;
    m_scopesTableWidget->editItem(item);
}

void SettingsTab::removeSelectedScopes()
{
    QList<int> rows;
    for (const QModelIndex& index : m_scopesTableWidget->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_scopesTableWidget->removeRow(row);
    updateState();
}

QString SettingsTab::problem(const Project& draft) const
{
    if (draft.name.trimmed().isEmpty())
        return tr("Give the project a name.");
    if (const QString issuer = issuerProblem(draft.issuer); !issuer.isEmpty())
        return issuer;
    if (draft.audience.isEmpty())
        return tr("The default audience cannot be empty: tokens carry it as aud.");
    if (draft.audience != draft.audience.trimmed())
        return tr("The default audience has spaces at its start or end; verifiers would not match it.");
    if (draft.defaultTtl > draft.maxTtl) // said in the units the user picked, not in seconds
        return tr("The default token lifetime (%1) exceeds the maximum (%2).")
            .arg(Duration::formatSpan(draft.defaultTtl), Duration::formatSpan(draft.maxTtl));
    if (m_profile) {
        const ProfileLifetime& bounds = m_profile->lifetime;
        for (const auto& [what, seconds] :
             {std::pair{tr("default"), draft.defaultTtl}, {tr("maximum"), draft.maxTtl}}) {
            if (seconds < bounds.minimumSeconds || seconds > bounds.maximumSeconds)
                return tr("%1 tokens live %2 to %3; the %4 lifetime (%5) is outside.")
                    .arg(m_profile->title, Duration::formatSpan(bounds.minimumSeconds),
                         Duration::formatSpan(bounds.maximumSeconds), what, Duration::formatSpan(seconds));
        }
    }
    if (auto valid = ProjectService::validate(draft); !valid)
        return asSentence(valid.error().message);
    return {};
}

// Said right under the issuer field, as it is typed.
QString SettingsTab::issuerProblem(const QString& issuer)
{
    if (issuer.isEmpty())
        return tr("The issuer cannot be empty: tokens carry it as iss.");
    if (issuer != issuer.trimmed())
        return tr("The issuer has spaces at its start or end; verifiers would not match it.");
    if (auto valid = FieldRules::checkIssuer(issuer); !valid)
        return asSentence(valid.error().message);
    return {};
}

void SettingsTab::updateState()
{
    if (m_loading)
        return;
    const std::optional<Project> edited = draft();
    const bool modified = edited && m_stored && !sameSettings(*edited, *m_stored);
    const QString reason = edited ? problem(*edited) : QString();
    const QString issuer = edited ? issuerProblem(edited->issuer) : QString();
    m_issuerProblemLabel->setText(issuer.isEmpty() ? QString() : QStringLiteral("⚠ ") + issuer);
    m_issuerProblemLabel->setVisible(!issuer.isEmpty());
    if (!reason.isEmpty() && reason == issuer)
        m_problemLabel->setText(tr("⚠ Correct the issuer to save."));
    else if (!reason.isEmpty())
        m_problemLabel->setText(QStringLiteral("⚠ ") + reason);
    else if (m_changedElsewhere)
        m_problemLabel->setText(tr("This project was changed elsewhere: Save overwrites those changes, Revert "
                                   "shows them."));
    else
        m_problemLabel->clear();
    m_unsavedLabel->setVisible(modified);
    m_savePushButton->setEnabled(modified && reason.isEmpty());
    m_revertPushButton->setEnabled(modified);
    const bool loaded = m_stored.has_value();
    m_content->setEnabled(loaded);
    const bool selected = loaded && !m_scopesTableWidget->selectionModel()->selectedIndexes().isEmpty();
    m_editScopePushButton->setEnabled(selected);
    m_removeScopePushButton->setEnabled(selected);
    if (modified != m_modified) {
        m_modified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

} // namespace Signet
