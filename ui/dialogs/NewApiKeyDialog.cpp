#include "dialogs/NewApiKeyDialog.h"

#include "Theme.h"
#include "dialogs/NewProjectDialog.h"
#include "workspace/FieldRules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Signet {

NewApiKeyDialog::NewApiKeyDialog(const Project& project, QWidget* parent)
    : QDialog(parent)
    , m_nameLineEdit(new QLineEdit(this))
    , m_expiryComboBox(new QComboBox(this))
    , m_problemLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("newApiKeyDialog"));
    setWindowTitle(tr("New API key for %1").arg(project.name));
    m_nameLineEdit->setObjectName(QStringLiteral("apiKeyNameLineEdit"));
    m_nameLineEdit->setPlaceholderText(tr("e.g. payments backend"));
    m_nameLineEdit->setToolTip(tr("Who or what uses the key, so that you know what to revoke."));
    m_expiryComboBox->setObjectName(QStringLiteral("apiKeyExpiryComboBox"));
    m_expiryComboBox->addItem(tr("Never"), 0);
    m_expiryComboBox->addItem(tr("1 day"), 86400);
    m_expiryComboBox->addItem(tr("30 days"), 30 * 86400);
    m_expiryComboBox->addItem(tr("90 days"), 90 * 86400);
    m_expiryComboBox->addItem(tr("1 year"), 365 * 86400);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    setTone(m_problemLabel, Tone::Error);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_nameLineEdit);
    for (const Scope& scope : project.scopes) {
        auto* box = new QCheckBox(
            scope.description.isEmpty() ? scope.name : QStringLiteral("%1 — %2").arg(scope.name, scope.description),
            this);
        box->setProperty("scope", scope.name);
        box->setObjectName(QStringLiteral("scopeCheckBox_") + scope.name);
        m_scopeCheckBoxes.append(box);
        form->addRow(m_scopeCheckBoxes.size() == 1 ? tr("Scopes") : QString(), box);
    }
    if (m_scopeCheckBoxes.isEmpty()) {
        m_scopesLineEdit = new QLineEdit(this);
        m_scopesLineEdit->setObjectName(QStringLiteral("apiKeyScopesLineEdit"));
        m_scopesLineEdit->setPlaceholderText(tr("any words, e.g. reports:read (the project has no scope catalogue)"));
        form->addRow(tr("&Scopes"), m_scopesLineEdit);
    }
    form->addRow(tr("&Expires"), m_expiryComboBox);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_createPushButton = buttons->button(QDialogButtonBox::Ok);
    m_createPushButton->setText(tr("Create"));
    m_createPushButton->setObjectName(QStringLiteral("createApiKeyDialogPushButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_nameLineEdit, &QLineEdit::textChanged, this, &NewApiKeyDialog::updateState);
    resize(480, sizeHint().height());
    updateState();
}

QString NewApiKeyDialog::name() const
{
    return m_nameLineEdit->text().trimmed();
}

QStringList NewApiKeyDialog::scopes() const
{
    if (m_scopesLineEdit)
        return NewProjectDialog::scopeNames(m_scopesLineEdit->text());
    QStringList chosen;
    for (QCheckBox* box : m_scopeCheckBoxes) {
        if (box->isChecked())
            chosen.append(box->property("scope").toString());
    }
    return chosen;
}

std::optional<qint64> NewApiKeyDialog::expiresIn() const
{
    const int seconds = m_expiryComboBox->currentData().toInt();
    return seconds > 0 ? std::optional<qint64>(seconds) : std::nullopt;
}

void NewApiKeyDialog::updateState()
{
    QString reason;
    if (name().isEmpty())
        reason = tr("Name the key after who or what will use it.");
    else if (auto valid = FieldRules::checkName(tr("the name"), name()); !valid)
        reason = valid.error().message;
    m_problemLabel->setText(reason.isEmpty() || m_nameLineEdit->text().isEmpty() ? QString()
                                                                                 : QStringLiteral("⚠ ") + reason);
    m_createPushButton->setEnabled(reason.isEmpty());
}

void NewApiKeyDialog::showError(const QString& message)
{
    m_problemLabel->setText(QStringLiteral("⚠ ") + message);
}

} // namespace Signet
