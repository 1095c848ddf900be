#pragma once

#include "pages/ProjectTab.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Signet {

class AppSettings;

// Exactly what will be published: the JWKS document, with export and copy, and its URL on the local
// server while that runs.
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

protected:
    void serverBaseUrlChanged() override;

private:
    QLayout* buildServedRow();

    AppSettings& m_settings;
    QByteArray m_document;
    QLabel* m_summaryLabel;
    QPlainTextEdit* m_jsonTextEdit;
    QPushButton* m_exportPushButton;
    QPushButton* m_copyPushButton;
    QLabel* m_warningLabel;
    QLabel* m_servedLabel;
    QLineEdit* m_servedUrlLineEdit;
    QPushButton* m_copyServedUrlPushButton;
};

} // namespace Signet
