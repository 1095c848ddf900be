#include "pages/JwksTab.h"

#include "AppSettings.h"
#include "UntrustedText.h"
#include "foundation/Duration.h"
#include "widgets/JsonHighlighter.h"
#include "workspace/ProjectHealth.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace Signet {

JwksTab::JwksTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_settings(settings)
    , m_summaryLabel(new QLabel(this))
    , m_jsonTextEdit(new QPlainTextEdit(this))
    , m_exportPushButton(new QPushButton(tr("Export…"), this))
    , m_copyPushButton(new QPushButton(tr("Copy"), this))
    , m_warningLabel(new QLabel(this))
    , m_servedLabel(new QLabel(this))
    , m_servedUrlLineEdit(new QLineEdit(this))
    , m_copyServedUrlPushButton(new QPushButton(tr("Copy URL"), this))
{
    m_warningLabel->setObjectName(QStringLiteral("jwksWarningLabel"));
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setStyleSheet(
        QStringLiteral("QLabel { background: rgba(224,154,16,0.15); border: 1px solid rgba(224,154,16,0.6); "
                       "border-radius: 4px; padding: 6px 8px; }"));
    m_warningLabel->hide();
    new JsonHighlighter(m_jsonTextEdit->document());
    setObjectName(QStringLiteral("jwksTab"));
    m_summaryLabel->setObjectName(QStringLiteral("jwksSummaryLabel"));
    m_jsonTextEdit->setObjectName(QStringLiteral("jwksTextEdit"));
    m_jsonTextEdit->setAccessibleName(tr("Published JWKS"));
    m_jsonTextEdit->setAccessibleDescription(tr("The public keys verifiers fetch, as JSON (read-only)."));
    m_exportPushButton->setObjectName(QStringLiteral("exportJwksPushButton"));
    m_copyPushButton->setObjectName(QStringLiteral("copyJwksPushButton"));
    m_jsonTextEdit->setReadOnly(true);
    m_jsonTextEdit->setFont(fixedFont());
    m_jsonTextEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_summaryLabel->setWordWrap(true);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_summaryLabel, 1);
    actions->addWidget(m_copyPushButton);
    actions->addWidget(m_exportPushButton);
    QVBoxLayout* layout = createPageLayout();
    layout->addLayout(actions);
    layout->addLayout(buildServedRow());
    layout->addWidget(m_warningLabel);
    layout->addWidget(m_jsonTextEdit, 1);

    connect(m_exportPushButton, &QPushButton::clicked, this, &JwksTab::exportToFile);
    connect(m_copyPushButton, &QPushButton::clicked, this, &JwksTab::copyToClipboard);
    connect(&workspace.keys(), &KeyService::keysChanged, this, [this](const QString& projectId) {
        if (projectId == m_projectId)
            reload();
    });
}

// Where the local server serves this document, or how to get it served.
QLayout* JwksTab::buildServedRow()
{
    m_servedLabel->setObjectName(QStringLiteral("servedJwksLabel"));
    m_servedLabel->setAccessibleName(tr("Served JWKS URL"));
    m_servedLabel->setWordWrap(true);
    m_servedUrlLineEdit->setObjectName(QStringLiteral("servedJwksUrlLineEdit"));
    m_servedUrlLineEdit->setAccessibleName(tr("Served JWKS URL"));
    m_servedUrlLineEdit->setReadOnly(true);
    m_servedUrlLineEdit->setFont(fixedFont());
    m_copyServedUrlPushButton->setObjectName(QStringLiteral("copyServedJwksUrlPushButton"));
    m_copyServedUrlPushButton->setAccessibleName(tr("Copy the served JWKS URL"));
    connect(m_copyServedUrlPushButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_servedUrlLineEdit->text());
        Q_EMIT actionCompleted(tr("Copied %1").arg(m_servedUrlLineEdit->text()));
    });
    auto* row = new QHBoxLayout;
    row->addWidget(m_servedLabel);
    row->addWidget(m_servedUrlLineEdit, 1);
    row->addWidget(m_copyServedUrlPushButton);
    serverBaseUrlChanged();
    return row;
}

void JwksTab::serverBaseUrlChanged()
{
    const QString url = servedJwksUrl();
    const bool serving = !url.isEmpty();
    m_servedLabel->setText(serving ? tr("Served at")
                                   : tr("Start the local server (Server in the toolbar) to serve this JWKS at a URL "
                                        "on this machine."));
    m_servedLabel->setForegroundRole(serving ? QPalette::WindowText : QPalette::PlaceholderText);
    m_servedLabel->setSizePolicy(serving ? QSizePolicy::Maximum : QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_servedUrlLineEdit->setText(url);
    m_servedUrlLineEdit->setVisible(serving);
    m_copyServedUrlPushButton->setVisible(serving);
}

void JwksTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    serverBaseUrlChanged();
    reload();
}

void JwksTab::reload()
{
    m_document.clear();
    auto document = m_workspace.keys().jwks(m_projectId);
    auto keys = m_workspace.keys().publishedKeys(m_projectId);
    auto records = m_workspace.keys().list(m_projectId);
    auto project = m_workspace.projects().get(m_projectId);
    m_warningLabel->hide();
    if (!document || !keys || !records || !project) {
        m_jsonTextEdit->clear();
        const Error& error = !document  ? document.error()
                             : !keys    ? keys.error()
                             : !records ? records.error()
                                        : project.error();
        m_summaryLabel->setText(tr("The JWKS cannot be built: %1").arg(error.message));
    } else {
        m_document = *document;
        m_jsonTextEdit->setPlainText(
            UntrustedText::visible(QString::fromUtf8(m_document), UntrustedText::LineBreaks::Keep));
        qint64 lastChange = 0;
        for (const SigningKeyRecord& key : *records) {
            for (std::optional<qint64> when : {std::optional<qint64>(key.createdAt), key.activatedAt, key.endedAt})
                lastChange = std::max(lastChange, when.value_or(0));
            if (key.retireAt && *key.retireAt <= m_clock.now())
                lastChange = std::max(lastChange, *key.retireAt);
        }
        m_summaryLabel->setText(
            keys->isEmpty()
                ? tr("Nothing is published yet: generate a signing key first.")
                : tr("%n key(s) published, last changed %1. Consumers may cache this document for %2 (JWKS max-age).",
                     nullptr, int(keys->size()))
                      .arg(Duration::formatRelative(lastChange, m_clock.now()),
                           Duration::formatSpan(project->jwksMaxAge)));
        const RotationSafety safety = rotationSafety(*project, *records, m_clock.now());
        if (!keys->isEmpty() && !safety.safe) {
            m_warningLabel->setText(QStringLiteral("⚠ ") + safety.reason);
            m_warningLabel->show();
        }
    }
    m_exportPushButton->setEnabled(!m_document.isEmpty());
    m_copyPushButton->setEnabled(!m_document.isEmpty());
}

void JwksTab::exportToFile()
{
    QString folder = m_settings.string(AppSettings::Key::LastExportFolder);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export JWKS"),
                                                      QDir(folder).filePath(m_projectId + QStringLiteral("-jwks.json")),
                                                      tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_document) != m_document.size() || !file.commit())
        return showFailure(tr("The JWKS was not exported."), tr("Cannot write %1: %2").arg(path, file.errorString()));
    m_settings.setValue(AppSettings::Key::LastExportFolder, QFileInfo(path).absolutePath());
    (void)m_workspace.audit().record(QStringLiteral("jwks.export"), m_projectId, path);
    Q_EMIT actionCompleted(tr("Exported the JWKS of %1 to %2").arg(m_projectId, path));
}

void JwksTab::copyToClipboard()
{
    QApplication::clipboard()->setText(QString::fromUtf8(m_document));
    Q_EMIT actionCompleted(tr("Copied the JWKS of %1").arg(m_projectId));
}

} // namespace Signet
