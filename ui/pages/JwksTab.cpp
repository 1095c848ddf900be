#include "pages/JwksTab.h"

#include "AppSettings.h"
#include "foundation/Duration.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
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
{
    setObjectName(QStringLiteral("jwksTab"));
    m_summaryLabel->setObjectName(QStringLiteral("jwksSummaryLabel"));
    m_jsonTextEdit->setObjectName(QStringLiteral("jwksTextEdit"));
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
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addLayout(actions);
    layout->addWidget(m_jsonTextEdit, 1);

    connect(m_exportPushButton, &QPushButton::clicked, this, &JwksTab::exportToFile);
    connect(m_copyPushButton, &QPushButton::clicked, this, &JwksTab::copyToClipboard);
    connect(&workspace.keys(), &KeyService::keysChanged, this, [this](const QString& projectId) {
        if (projectId == m_projectId)
            reload();
    });
}

void JwksTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void JwksTab::reload()
{
    m_document.clear();
    auto document = m_workspace.keys().jwks(m_projectId);
    auto keys = m_workspace.keys().publishedKeys(m_projectId);
    auto project = m_workspace.projects().get(m_projectId);
    if (!document || !keys || !project) {
        m_jsonTextEdit->clear();
        m_summaryLabel->setText(tr("The JWKS cannot be built: %1")
                                    .arg(!document ? document.error().message
                                         : !keys   ? keys.error().message
                                                   : project.error().message));
    } else {
        m_document = *document;
        m_jsonTextEdit->setPlainText(QString::fromUtf8(m_document));
        m_summaryLabel->setText(
            keys->isEmpty() ? tr("Nothing is published yet: generate a signing key first.")
                            : tr("%n key(s) published. Consumers may cache this document for %1 (JWKS max-age).",
                                 nullptr, int(keys->size()))
                                  .arg(Duration::formatSpan(project->jwksMaxAge)));
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
    Q_EMIT statusMessage(tr("Exported the JWKS of %1 to %2").arg(m_projectId, path));
}

void JwksTab::copyToClipboard()
{
    QApplication::clipboard()->setText(QString::fromUtf8(m_document));
    Q_EMIT statusMessage(tr("Copied the JWKS of %1").arg(m_projectId));
}

} // namespace Signet
