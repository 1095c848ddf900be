#pragma once

#include "pages/ProjectTab.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Signet {

class AppSettings;

// Exactly what will be published: the JWKS document, with export and copy.
class JwksTab : public ProjectTab
{
    Q_OBJECT

public:
    JwksTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;

public Q_SLOTS:
    void reload();
    void exportToFile();
    void copyToClipboard();

private:
    AppSettings& m_settings;
    QByteArray m_document;
    QLabel* m_summaryLabel;
    QPlainTextEdit* m_jsonTextEdit;
    QPushButton* m_exportPushButton;
    QPushButton* m_copyPushButton;
    QLabel* m_warningLabel;
};

} // namespace Signet
