#pragma once

#include "pages/ProjectTab.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Signet {

class AppSettings;

// What a backend needs to verify this project's tokens: ready-to-paste code (Node jsonwebtoken +
// jwks-rsa, Node jose, Python PyJWT) filled in with the project's JWKS URL, issuer, audience and
// algorithm and its profile's rules, with a copy button; and the test kit of tokens to accept and
// reject, saved as a JSON pack.
class BackendTab : public ProjectTab
{
    Q_OBJECT

public:
    BackendTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;

public Q_SLOTS:
    void reload();
    void copySnippet();
    void saveTestKit();
    // Writes the kit to `path` (what saveTestKit does once a file is chosen); false after saying why.
    bool saveTestKitTo(const QString& path);

protected:
    void serverBaseUrlChanged() override;

private:
    // Where the local server answers: while it runs, its URL; else the URL it will have.
    [[nodiscard]] QString serverBase() const;

    AppSettings& m_settings;
    QComboBox* m_languageComboBox;
    QLabel* m_installLabel;
    QPlainTextEdit* m_codeTextEdit;
    QPushButton* m_copyPushButton;
    QPushButton* m_kitPushButton;
    QLabel* m_noteLabel;
};

} // namespace Signet
