#include "pages/BackendTab.h"

#include "AppSettings.h"
#include "workspace/BackendSnippets.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/TokenKit.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace Signet {

BackendTab::BackendTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_settings(settings)
    , m_languageComboBox(new QComboBox(this))
    , m_installLabel(new QLabel(this))
    , m_codeTextEdit(new QPlainTextEdit(this))
    , m_copyPushButton(new QPushButton(tr("Copy code"), this))
    , m_kitPushButton(new QPushButton(tr("Save test kit…"), this))
    , m_noteLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("backendTab"));
    m_languageComboBox->setObjectName(QStringLiteral("snippetLanguageComboBox"));
    m_languageComboBox->setAccessibleName(tr("Backend language"));
    for (SnippetLanguage language : allSnippetLanguages()) {
        const QString title = language == SnippetLanguage::NodeJsonwebtoken ? tr("Node: jsonwebtoken + jwks-rsa")
                              : language == SnippetLanguage::NodeJose       ? tr("Node: jose")
                                                                            : tr("Python: PyJWT");
        m_languageComboBox->addItem(title, snippetLanguageName(language));
    }
    m_installLabel->setObjectName(QStringLiteral("snippetInstallLabel"));
    m_installLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codeTextEdit->setObjectName(QStringLiteral("snippetTextEdit"));
    m_codeTextEdit->setAccessibleName(tr("Verification code"));
    m_codeTextEdit->setAccessibleDescription(
        tr("Code a backend pastes to verify this project's tokens, filled in with its JWKS URL, issuer, audience, "
           "algorithm and profile rules (read-only)."));
    m_codeTextEdit->setReadOnly(true);
    m_codeTextEdit->setFont(fixedFont());
    m_codeTextEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_copyPushButton->setObjectName(QStringLiteral("copySnippetPushButton"));
    m_kitPushButton->setObjectName(QStringLiteral("saveTestKitPushButton"));
    m_kitPushButton->setToolTip(tr("A JSON pack: one token the backend must accept, and labelled tokens it must "
                                   "reject (expired, wrong audience, alg none, broken profile rules, …)."));
    m_noteLabel->setObjectName(QStringLiteral("snippetNoteLabel"));
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* top = new QHBoxLayout;
    top->addWidget(m_languageComboBox);
    top->addWidget(m_installLabel, 1);
    top->addWidget(m_copyPushButton);
    top->addWidget(m_kitPushButton);
    QVBoxLayout* layout = createPageLayout();
    layout->addLayout(top);
    layout->addWidget(m_noteLabel);
    layout->addWidget(m_codeTextEdit, 1);

    connect(m_languageComboBox, &QComboBox::currentIndexChanged, this, &BackendTab::reload);
    connect(m_copyPushButton, &QPushButton::clicked, this, &BackendTab::copySnippet);
    connect(m_kitPushButton, &QPushButton::clicked, this, &BackendTab::saveTestKit);
    connect(&workspace.keys(), &KeyService::keysChanged, this, [this](const QString& projectId) {
        if (projectId == m_projectId)
            reload();
    });
}

QString BackendTab::serverBase() const
{
    if (!m_serverBaseUrl.isEmpty())
        return m_serverBaseUrl;
    const int port = m_settings.number(AppSettings::Key::ServerPort);
    return port > 0 ? QStringLiteral("http://127.0.0.1:%1").arg(port) : defaultServerBase();
}

void BackendTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void BackendTab::serverBaseUrlChanged()
{
    if (!m_projectId.isEmpty())
        reload();
}

void BackendTab::reload()
{
    const auto language = snippetLanguageFromName(m_languageComboBox->currentData().toString());
    auto snippet = language ? backendSnippet(m_workspace, m_projectId, *language, serverBase())
                            : Result<BackendSnippet>(fail(ErrorCode::Internal, tr("no language chosen")));
    const bool ready = snippet.has_value();
    m_copyPushButton->setEnabled(ready);
    m_kitPushButton->setEnabled(ready);
    if (!ready) {
        m_installLabel->clear();
        m_codeTextEdit->clear();
        m_noteLabel->setText(tr("No code yet: %1").arg(snippet.error().message));
        return;
    }
    m_installLabel->setText(snippet->install);
    m_codeTextEdit->setPlainText(snippet->code);
    auto project = m_workspace.projects().get(m_projectId);
    const QString checks = project && !project->profile.isEmpty()
                               ? tr("The code requires exp and checks the %1 profile's rules.").arg(project->profile)
                               : tr("The code requires exp.");
    m_noteLabel->setText(
        m_serverBaseUrl.isEmpty()
            ? tr("For the local server at %1 (start it with Server in the toolbar). %2").arg(serverBase(), checks)
            : tr("For the local server running at %1. %2").arg(serverBase(), checks));
}

void BackendTab::copySnippet()
{
    QApplication::clipboard()->setText(m_codeTextEdit->toPlainText());
    Q_EMIT actionCompleted(tr("Copied the %1 code for %2").arg(m_languageComboBox->currentText(), m_projectId));
}

void BackendTab::saveTestKit()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the test kit of %1").arg(m_projectId),
                                                      QDir::home().filePath(m_projectId + QStringLiteral("-kit.json")),
                                                      tr("JSON (*.json)"));
    if (!path.isEmpty())
        saveTestKitTo(path);
}

bool BackendTab::saveTestKitTo(const QString& path)
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project) {
        showFailure(tr("The test kit was not made"), project.error().message);
        return false;
    }
    const QString base = serverBase();
    const QString issuer = servedIssuer(m_workspace, *project, base);
    auto kit =
        makeTokenKit(m_workspace, m_projectId,
                     issuer == project->issuer ? std::nullopt : std::optional<QString>(issuer), std::nullopt, m_clock);
    if (!kit) {
        showFailure(tr("The test kit was not made"), kit.error().message);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(tokenKitJson(*kit, base + QStringLiteral("/p/") + m_projectId +
                                          QStringLiteral("/.well-known/jwks.json"))) < 0 ||
        !file.commit()) {
        showFailure(tr("The test kit was not saved"), file.errorString());
        return false;
    }
    Q_EMIT actionCompleted(tr("Saved a test kit of %1 tokens to %2: accept the first, reject the others")
                               .arg(kit->tokens.size())
                               .arg(QDir::toNativeSeparators(path)));
    return true;
}

} // namespace Signet
