#include "dialogs/WorkspaceDialogs.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Signet {

CreateWorkspaceDialog::CreateWorkspaceDialog(const QString& path, QWidget* parent)
    : QDialog(parent)
    , m_pathLineEdit(new QLineEdit(path, this))
    , m_passphraseLineEdit(new QLineEdit(this))
    , m_confirmLineEdit(new QLineEdit(this))
    , m_unprotectedCheckBox(new QCheckBox(tr("No passphrase (unprotected, for throwaway use)"), this))
    , m_problemLabel(new QLabel(this))
    , m_createPushButton(nullptr)
{
    setWindowTitle(tr("Create a Signet workspace"));
    setObjectName(QStringLiteral("createWorkspaceDialog"));
    m_pathLineEdit->setObjectName(QStringLiteral("pathLineEdit"));
    m_pathLineEdit->setAccessibleName(tr("Workspace file"));
    m_passphraseLineEdit->setObjectName(QStringLiteral("passphraseLineEdit"));
    m_confirmLineEdit->setObjectName(QStringLiteral("confirmLineEdit"));
    m_unprotectedCheckBox->setObjectName(QStringLiteral("unprotectedCheckBox"));
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_passphraseLineEdit->setEchoMode(QLineEdit::Password);
    m_confirmLineEdit->setEchoMode(QLineEdit::Password);
    m_problemLabel->setWordWrap(true);

    auto* intro =
        new QLabel(tr("A workspace keeps your projects, signing keys, API keys and minted tokens in one file. "
                      "Private keys and secrets in it are encrypted with a key protected by your passphrase."),
                   this);
    intro->setWordWrap(true);

    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(this, tr("Workspace file"), m_pathLineEdit->text(),
                                                            tr("Signet workspaces (*.signet)"));
        if (!chosen.isEmpty())
            m_pathLineEdit->setText(chosen);
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_pathLineEdit, 1);
    pathRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("File"), pathRow);
    form->addRow(tr("Passphrase"), m_passphraseLineEdit);
    form->addRow(tr("Repeat"), m_confirmLineEdit);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createPushButton = buttons->addButton(tr("Create workspace"), QDialogButtonBox::AcceptRole);
    m_createPushButton->setObjectName(QStringLiteral("createPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_unprotectedCheckBox);
    layout->addWidget(m_problemLabel);
    layout->addWidget(buttons);

    for (QLineEdit* edit : {m_pathLineEdit, m_passphraseLineEdit, m_confirmLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &CreateWorkspaceDialog::updateState);
    connect(m_unprotectedCheckBox, &QCheckBox::toggled, this, &CreateWorkspaceDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

void CreateWorkspaceDialog::updateState()
{
    const bool unprotected = m_unprotectedCheckBox->isChecked();
    m_passphraseLineEdit->setEnabled(!unprotected);
    m_confirmLineEdit->setEnabled(!unprotected);
    QString problem;
    if (m_pathLineEdit->text().trimmed().isEmpty())
        problem = tr("Choose where to keep the workspace file.");
    else if (unprotected)
        problem = tr("⚠ Unprotected: anyone who can read the file can read every key and secret in it.");
    else if (m_passphraseLineEdit->text().isEmpty())
        problem = tr("Choose a passphrase; you will need it each time Signet opens this workspace.");
    else if (m_passphraseLineEdit->text() != m_confirmLineEdit->text())
        problem = tr("The passphrases do not match.");
    m_problemLabel->setText(problem);
    const bool ready = !m_pathLineEdit->text().trimmed().isEmpty() &&
                       (unprotected || (!m_passphraseLineEdit->text().isEmpty() &&
                                        m_passphraseLineEdit->text() == m_confirmLineEdit->text()));
    m_createPushButton->setEnabled(ready);
}

QString CreateWorkspaceDialog::path() const
{
    return m_pathLineEdit->text().trimmed();
}

std::optional<QByteArray> CreateWorkspaceDialog::passphrase() const
{
    if (m_unprotectedCheckBox->isChecked())
        return std::nullopt;
    return m_passphraseLineEdit->text().toUtf8();
}

UnlockDialog::UnlockDialog(const QString& path, std::optional<QString> member, QWidget* parent)
    : QDialog(parent)
    , m_passphraseLineEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
{
    setWindowTitle(tr("Unlock workspace"));
    setObjectName(QStringLiteral("unlockDialog"));
    m_passphraseLineEdit->setObjectName(QStringLiteral("passphraseLineEdit"));
    m_passphraseLineEdit->setEchoMode(QLineEdit::Password);
    m_passphraseLineEdit->setAccessibleName(tr("Passphrase"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    auto* label =
        new QLabel(member ? tr("Unlock %1 as one of its members").arg(path) : tr("Passphrase for %1").arg(path), this);
    label->setWordWrap(true);
    auto* form = new QFormLayout;
    if (member) {
        m_memberLineEdit = new QLineEdit(*member, this);
        m_memberLineEdit->setObjectName(QStringLiteral("memberLineEdit"));
        m_memberLineEdit->setAccessibleName(tr("Member"));
        m_memberLineEdit->setAccessibleDescription(
            tr("Your name in this workspace, as the member who invited you wrote it"));
        form->addRow(tr("Member"), m_memberLineEdit);
        form->addRow(tr("Passphrase"), m_passphraseLineEdit);
        connect(m_memberLineEdit, &QLineEdit::textChanged, this, &UnlockDialog::updateState);
    } else {
        label->setBuddy(m_passphraseLineEdit);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_unlockPushButton = buttons->addButton(tr("Unlock"), QDialogButtonBox::AcceptRole);
    m_unlockPushButton->setObjectName(QStringLiteral("unlockPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    if (m_memberLineEdit)
        layout->addLayout(form);
    else
        layout->addWidget(m_passphraseLineEdit);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
    // The name is usually right already: the passphrase is what is left to type.
    (m_memberLineEdit && m_memberLineEdit->text().trimmed().isEmpty() ? m_memberLineEdit : m_passphraseLineEdit)
        ->setFocus();
    updateState();
    resize(480, sizeHint().height());
}

QString UnlockDialog::member() const
{
    return m_memberLineEdit ? m_memberLineEdit->text().trimmed() : QString();
}

QByteArray UnlockDialog::passphrase() const
{
    return m_passphraseLineEdit->text().toUtf8();
}

void UnlockDialog::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_passphraseLineEdit->selectAll();
    m_passphraseLineEdit->setFocus();
}

void UnlockDialog::updateState()
{
    m_unlockPushButton->setEnabled(!m_memberLineEdit || !member().isEmpty());
}

} // namespace Signet
