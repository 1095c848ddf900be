#pragma once

#include "pages/ProjectTab.h"
#include "profiles/Profile.h"
#include "workspace/TokenRules.h"
#include "workspace/TokenService.h"

#include <QFuture>

#include <string>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace Signet {

class AppSettings;
class ClipboardGuard;
class DurationEdit;
class ProfileFieldsForm;

// Mints a scoped test token from the project: its active key or an API key's secret, with a live
// preview of the claims, and the result ready to copy as a token, a Bearer header or a curl command.
// A project that follows a provider profile gets the profile's fields instead of what the provider's
// tokens do not carry, and its request is shaped as the CLI shapes it (shapeMintRequest).
class MintTab : public ProjectTab
{
    Q_OBJECT

public:
    MintTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent = nullptr);
    ~MintTab() override;
    void setProject(const QString& projectId) override;
    void refresh() override;
    [[nodiscard]] const std::string& lastToken() const { return m_token; }

public Q_SLOTS:
    void mint();

Q_SIGNALS:
    void inspectTokenRequested(const QString& token);

private:
    void setUpFields();
    QLayout* buildRequestForm();
    QLayout* buildLifetimeRow();
    QWidget* buildPreview();
    QWidget* buildResult();
    void connectSignals();
    void connectResultButtons();
    void reloadSources();
    void reloadScopes(const QList<Scope>& scopes);
    // The project's profile: its fields shown, the rows its tokens do not use hidden.
    void applyProfile(const Project& project);
    void showApiKeyId();
    void updatePreview();
    void updateCountdown();
    void copy(const QString& text, const QString& what);
    void setRecording(bool recording);
    [[nodiscard]] QString curlTarget() const;
    void onRecorded(const MintedToken& minted, const Status& recorded);
    [[nodiscard]] static QString reservedClaimProblem(const QString& name, ReservedClaim claim);
    // The request the form describes, or the problem that keeps it from being minted.
    [[nodiscard]] Result<MintRequest> request() const;
    [[nodiscard]] Status shapeForProfile(MintRequest& request) const;

    AppSettings& m_settings;
    ClipboardGuard* m_clipboard;
    QFormLayout* m_form = nullptr;
    QLayout* m_lifetimeRow = nullptr;
    ProfileFieldsForm* m_profileForm;
    std::optional<Profile> m_profile;
    QString m_unknownProfile; // the project follows a profile this console does not know
    QComboBox* m_sourceComboBox;
    QLineEdit* m_subjectLineEdit;
    QLineEdit* m_audienceLineEdit;
    QListWidget* m_scopesList;
    DurationEdit* m_lifetimeEdit;
    QCheckBox* m_notBeforeCheckBox;
    DurationEdit* m_notBeforeEdit;
    QCheckBox* m_oneTimeCheckBox;
    QPlainTextEdit* m_claimsTextEdit;
    QLabel* m_problemLabel;
    QPlainTextEdit* m_previewTextEdit;
    QPushButton* m_mintPushButton;
    QTextBrowser* m_resultBrowser;
    QLabel* m_countdownLabel;
    QList<QPushButton*> m_resultButtons;
    QTimer* m_countdownTimer;
    QFuture<Status> m_recording; // the minted token's ledger row, being committed
    std::string m_token;
    qint64 m_expiresAt = 0;
    qint64 m_maxTtl = 0;
};

} // namespace Signet
