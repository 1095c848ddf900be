#include "pages/ApiKeysTab.h"

#include "AppSettings.h"
#include "ClipboardGuard.h"
#include "Failure.h"
#include "UntrustedText.h"
#include "dialogs/NewApiKeyDialog.h"
#include "models/ApiKeyTableModel.h"
#include "models/ModelSupport.h"
#include "widgets/StateBadgeDelegate.h"
#include "workspace/Workspace.h"

#include <QAction>
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
    m_tableView->setAccessibleName(tr("API keys"));
    m_tableView->setAccessibleDescription(tr("Ctrl+C copies the key id; the menu key offers Revoke."));
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

    m_copyIdAction =
        addRowAction(m_tableView, tr("Copy key id"), QStringLiteral("copyApiKeyIdAction"), QKeySequence::Copy);
    addRowSeparator(m_tableView);
    m_revokeAction = addRowAction(m_tableView, tr("Revoke…"), QStringLiteral("revokeApiKeyAction"), {});
    connect(m_copyIdAction, &QAction::triggered, this, &ApiKeysTab::copySelectedId);
    connect(m_revokeAction, &QAction::triggered, this, &ApiKeysTab::revokeSelected);

    connect(m_createPushButton, &QPushButton::clicked, this, &ApiKeysTab::createKey);
    connect(m_revokePushButton, &QPushButton::clicked, this, &ApiKeysTab::revokeSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApiKeysTab::updateState);
    // Sized to every reset's rows: the first key used to come in under the header-wide empty columns.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { fitColumnsToContents(m_tableView); });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApiKeysTab::updateState);
    updateState();
}

void ApiKeysTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    m_model->setProject(projectId);
}

void ApiKeysTab::refresh()
{
    keepingSelection(m_tableView, [this] { m_model->reload(); });
}

void ApiKeysTab::updateState()
{
    const bool empty = m_model->rowCount() == 0;
    m_tableView->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    const ApiKeyRecord* selected = rows.isEmpty() ? nullptr : m_model->keyAt(rows.front().row());
    m_revokePushButton->setEnabled(selected && !selected->revokedAt);
    m_copyIdAction->setEnabled(selected != nullptr);
    m_revokeAction->setEnabled(m_revokePushButton->isEnabled());
}

void ApiKeysTab::copySelectedId()
{
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    const ApiKeyRecord* key = rows.isEmpty() ? nullptr : m_model->keyAt(rows.front().row());
    if (key)
        copyPublicText(key->id, tr("Copied API key id %1").arg(key->id));
}

void ApiKeysTab::createKey()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return showFailure(tr("Cannot create an API key."), project.error().message);
    // The dialog keeps what was typed when creating fails (a busy workspace, a scope the project lost).
    NewApiKeyDialog dialog(*project, this);
    while (dialog.exec() == QDialog::Accepted) {
        auto created = m_workspace.apiKeys().create(m_projectId, dialog.name(), dialog.scopes(), dialog.expiresIn());
        if (!created) {
            dialog.showError(describeFailure(created.error()));
            continue;
        }
        Q_EMIT actionCompleted(tr("Created API key %1 (%2)").arg(created->record.name, created->record.id));
        showSecretOnce(created->record.id, created->secret);
        return;
    }
}

namespace {

// Shows a new API key's secret once. Closing it (Esc, the window's close button) before the secret
// was copied asks first: the secret cannot be shown again.
class SecretOnceDialog : public QDialog
{
public:
    using QDialog::QDialog;
    void noteCopied() { m_copied = true; }

    void reject() override
    {
        if (!m_copied &&
            QMessageBox::question(this, tr("Close without copying?"),
                                  tr("The secret has not been copied. Signet cannot show it again: without it, "
                                     "the key is of no use and has to be revoked.\n\nClose anyway?"),
                                  QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Close)
            return;
        QDialog::reject();
    }

private:
    bool m_copied = false;
};

} // namespace

void ApiKeysTab::showSecretOnce(const QString& id, const QString& secret)
{
    SecretOnceDialog dialog(this);
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
        field->setAccessibleName(label);
        field->setObjectName(objectName);
        field->setReadOnly(true);
        field->setFont(fixedFont());
        field->setMinimumWidth(field->fontMetrics().horizontalAdvance(value) + 24);
        auto* copy = new QPushButton(tr("Copy"), &dialog);
        copy->setObjectName(objectName + QStringLiteral("CopyPushButton"));
        copy->setAccessibleName(tr("Copy %1").arg(label));
        connect(copy, &QPushButton::clicked, &dialog, [this, value, label, &dialog] {
            const int seconds = m_settings.number(AppSettings::Key::ClipboardClearSeconds);
            m_clipboard->copySecret(value, seconds);
            dialog.noteCopied();
            Q_EMIT actionCompleted(
                seconds > 0
                    ? tr("Copied the %1; the clipboard is cleared in %n s", nullptr, seconds).arg(label.toLower())
                    : tr("Copied the %1").arg(label.toLower()));
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
    // The button says the secret is stored: it closes without asking; Esc asks (reject()).
    connect(buttons->button(QDialogButtonBox::Close), &QPushButton::clicked, &dialog, &QDialog::accept);
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
                .arg(UntrustedText::visible(chosen.name), chosen.id)) != QMessageBox::Yes)
        return;
    applyRevocation(chosen);
}

void ApiKeysTab::applyRevocation(const ApiKeyRecord& key)
{
    auto revoked = m_workspace.apiKeys().revoke(key.projectId, key.id);
    if (!revoked)
        return showFailure(tr("The API key was not revoked."), revoked.error(), [=, this] { applyRevocation(key); });
    Q_EMIT actionCompleted(tr("Revoked API key %1").arg(key.name));
}

} // namespace Signet
