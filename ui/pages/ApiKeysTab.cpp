#include "pages/ApiKeysTab.h"

#include "AppSettings.h"
#include "ClipboardGuard.h"
#include "models/ApiKeyTableModel.h"
#include "models/ModelSupport.h"
#include "widgets/StateBadgeDelegate.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Signet {

ApiKeysTab::ApiKeysTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_settings(settings)
    , m_clipboard(new ClipboardGuard(this))
    , m_model(new ApiKeyTableModel(workspace, clock, this))
    , m_tableView(new QTableView(this))
    , m_emptyLabel(
          new QLabel(tr("No API keys yet — create one for each backend or teammate that calls this project."), this))
    , m_createPushButton(new QPushButton(tr("New API key…"), this))
    , m_revokePushButton(new QPushButton(tr("Revoke…"), this))
{
    setObjectName(QStringLiteral("apiKeysTab"));
    m_tableView->setObjectName(QStringLiteral("apiKeysTableView"));
    m_createPushButton->setObjectName(QStringLiteral("createApiKeyPushButton"));
    m_revokePushButton->setObjectName(QStringLiteral("revokeApiKeyPushButton"));
    setUpRecordTable(m_tableView, m_model, ApiKeyTableModel::Status);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_createPushButton);
    actions->addWidget(m_revokePushButton);
    actions->addStretch();
    QVBoxLayout* layout = createPageLayout();
    layout->addLayout(actions);
    addRecordTable(layout, m_tableView, m_emptyLabel);

    connect(m_createPushButton, &QPushButton::clicked, this, &ApiKeysTab::createKey);
    connect(m_revokePushButton, &QPushButton::clicked, this, &ApiKeysTab::revokeSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApiKeysTab::updateState);
    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApiKeysTab::updateState);
    updateState();
}

void ApiKeysTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    m_model->setProject(projectId);
    m_tableView->resizeColumnsToContents();
}

void ApiKeysTab::updateState()
{
    const bool empty = m_model->rowCount() == 0;
    m_tableView->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    const ApiKeyRecord* selected = rows.isEmpty() ? nullptr : m_model->keyAt(rows.front().row());
    m_revokePushButton->setEnabled(selected && !selected->revokedAt);
}

void ApiKeysTab::createKey()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return showFailure(tr("Cannot create an API key."), project.error().message);
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New API key for %1").arg(project->name));
    auto* name = new QLineEdit(&dialog);
    name->setObjectName(QStringLiteral("apiKeyNameLineEdit"));
    name->setPlaceholderText(tr("e.g. payments backend"));
    auto* expiry = new QComboBox(&dialog);
    expiry->setObjectName(QStringLiteral("apiKeyExpiryComboBox"));
    expiry->addItem(tr("Never"), 0);
    expiry->addItem(tr("1 day"), 86400);
    expiry->addItem(tr("30 days"), 30 * 86400);
    expiry->addItem(tr("90 days"), 90 * 86400);
    expiry->addItem(tr("1 year"), 365 * 86400);
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), name);
    QList<QCheckBox*> scopeBoxes;
    for (const Scope& scope : project->scopes) {
        auto* box = new QCheckBox(
            scope.description.isEmpty() ? scope.name : QStringLiteral("%1 — %2").arg(scope.name, scope.description),
            &dialog);
        box->setProperty("scope", scope.name);
        scopeBoxes.append(box);
        form->addRow(scopeBoxes.size() == 1 ? tr("Scopes") : QString(), box);
    }
    if (scopeBoxes.isEmpty())
        form->addRow(tr("Scopes"), new QLabel(tr("The project has no scope catalogue (Settings)."), &dialog));
    form->addRow(tr("Expires"), expiry);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QStringList scopes;
    for (QCheckBox* box : scopeBoxes) {
        if (box->isChecked())
            scopes.append(box->property("scope").toString());
    }
    const int seconds = expiry->currentData().toInt();
    auto created = m_workspace.apiKeys().create(m_projectId, name->text(), scopes,
                                                seconds > 0 ? std::optional<qint64>(seconds) : std::nullopt);
    if (!created)
        return showFailure(tr("The API key was not created."), created.error().message);
    Q_EMIT actionCompleted(tr("Created API key %1 (%2)").arg(created->record.name, created->record.id));
    showSecretOnce(created->record.id, created->secret);
}

void ApiKeysTab::showSecretOnce(const QString& id, const QString& secret)
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("apiKeySecretDialog"));
    dialog.setWindowTitle(tr("Your new API key"));
    auto* warning =
        new QLabel(tr("⚠ Copy the secret now. Signet shows it only this once; afterwards it is stored encrypted "
                      "and never displayed again."),
                   &dialog);
    warning->setWordWrap(true);
    auto* form = new QFormLayout;
    auto addField = [&](const QString& label, const QString& value, const QString& objectName) {
        auto* field = new QLineEdit(value, &dialog);
        field->setObjectName(objectName);
        field->setReadOnly(true);
        field->setFont(fixedFont());
        field->setMinimumWidth(field->fontMetrics().horizontalAdvance(value) + 24);
        auto* copy = new QPushButton(tr("Copy"), &dialog);
        connect(copy, &QPushButton::clicked, &dialog, [this, value] {
            m_clipboard->copySecret(value, m_settings.number(AppSettings::Key::ClipboardClearSeconds));
        });
        auto* row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(copy);
        form->addRow(label, row);
    };
    addField(tr("Key id"), id, QStringLiteral("apiKeyIdLineEdit"));
    addField(tr("Secret"), secret, QStringLiteral("apiKeySecretLineEdit"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    buttons->button(QDialogButtonBox::Close)->setText(tr("I have stored it"));
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::accept);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(warning);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog.exec();
}

void ApiKeysTab::revokeSelected()
{
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    const ApiKeyRecord* key = rows.isEmpty() ? nullptr : m_model->keyAt(rows.front().row());
    if (!key)
        return;
    const ApiKeyRecord chosen = *key;
    if (QMessageBox::question(
            this, tr("Revoke API key"),
            tr("Revoke %1 (%2)?\n\nIt stops working at once, and tokens signed with its secret stop verifying.")
                .arg(chosen.name, chosen.id)) != QMessageBox::Yes)
        return;
    auto revoked = m_workspace.apiKeys().revoke(m_projectId, chosen.id);
    if (!revoked)
        return showFailure(tr("The API key was not revoked."), revoked.error().message);
    Q_EMIT actionCompleted(tr("Revoked API key %1").arg(chosen.name));
}

} // namespace Signet
