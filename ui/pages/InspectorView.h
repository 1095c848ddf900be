#pragma once

#include "Theme.h"
#include "jose/TokenInspection.h"
#include "workspace/TokenService.h"

#include <QElapsedTimer>

#include <QColor>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <chrono>
#include <utility>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;
class QTextBrowser;
class QTimer;
class QTreeWidget;
class QPushButton;

namespace Signet {

class Clock;
class JwkSet;
class JwksUrlSource;
class TokenEdit;
struct Profile;
class Workspace;
struct VerifyOptions;

// The token inspector: paste any token (bare, "Bearer …" or a whole Authorization line), read it
// decoded as you type, and verify it against a project, a key file or a shared secret. The verdict is
// the core's report as a checklist, failures first, with security warnings apart.
class InspectorView : public QWidget
{
    Q_OBJECT

public:
    enum class KeySource
    {
        Project,
        File,
        Jwks, // a JWK set as verifiers fetch it, pasted or read from a file: public keys only
        Secret,
        JwksUrl
    };

    InspectorView(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);

    void setToken(const QString& token);
    // The local server's base URL while it runs (empty when stopped): the JWKS URL source offers it.
    void setServerBaseUrl(const QString& baseUrl);
    // The one-click fix for a token wrapped when copied: the whitespace inside it goes, and the
    // Inspector says what went ("removed 2 line breaks and 3 spaces"). Ctrl+Z brings it back.
    void removeWhitespace();
    [[nodiscard]] const TokenInspection& inspection() const { return m_inspection; }

    // How often verifying as you type runs at most; a change after a pause verifies at once.
    static constexpr std::chrono::milliseconds kVerifyInterval{150};

public Q_SLOTS:
    // Checks the token without using it up (what typing does, debounced).
    void verify();
    // The deliberate one: verifies and, when valid, uses up a one-time token (project keys only).
    void verifyAndConsume();
    void reloadProjects();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;
    // The checks' colours are the palette's of when they were shown: a new theme judges again, at once.
    void changeEvent(QEvent* event) override;

private:
    // The project list, read when first needed: when the Inspector shows or has a token to judge.
    void ensureProjects();
    void decode();
    // Verifies as the user types: at once after a pause, else once the typing settles.
    void scheduleVerify();
    void runVerification(Consumption consumption);
    void suggestProject();
    void updateCountdown();
    [[nodiscard]] Result<VerifyOptions> verifyOptions() const;
    void verifyWithProject(const std::string& token, const VerifyOptions& options, Consumption consumption);
    void verifyWithKeyFile(const std::string& token, const VerifyOptions& options);
    void verifyWithJwks(const std::string& token, const VerifyOptions& options);
    void verifyWithSecret(const std::string& token, const VerifyOptions& options);
    void verifyWithJwksUrl(const std::string& token, const VerifyOptions& options);
    void updateLocalJwksUrl();
    void verifyWithKeys(const std::string& token, JwkSet keys, const VerifyOptions& options);
    void showRefusal(const QString& why);
    // The headline follows `accepted`: a valid token that the ledger refuses (used up, not the one
    // minted) is not accepted. The ledger's line stands apart from the report's checks.
    enum class Acceptance
    {
        Accepted,
        Refused
    };
    void showVerdict(const VerificationReport& report, const std::optional<Check>& ledger, Acceptance acceptance);
    void showHeadline(const QString& text, std::optional<Tone> tone);
    void showChecks(const QList<std::pair<QString, QColor>>& lines);
    void clearVerdict();
    void showClaims();
    void rebuildClaims(const QList<QStringList>& rows);
    // False when the rows differ in shape from those shown (then they are rebuilt).
    bool updateClaimsInPlace(const QList<QStringList>& rows);
    struct ColumnFit
    {
        int before = 0; // the widest of the changed cells before the change (0: none changed)
        int after = 0;  // and after it
    };
    // How much of a claims column its widest cell may leave empty before the column narrows.
    static constexpr double kColumnSlack = 0.9;
    void fitColumn(int column, const ColumnFit& fit);
    void explainForProfile(const Profile& profile, const QString& claim, QStringList& row) const;
    void showWhitespaceFix();
    void setUpDecodeFields();
    QWidget* buildDecodedView();
    QWidget* buildVerifyPanel();
    QWidget* buildKeySourceStack();
    QWidget* buildJwksPage();
    QLayout* buildTokenProblemRow();
    QFormLayout* buildVerifyForm(QWidget* keySource);
    QLayout* buildAsOfRow();
    QWidget* buildVerdict();

    Workspace& m_workspace;
    const Clock& m_clock;
    TokenInspection m_inspection;
    TokenEdit* m_tokenEdit;
    QLabel* m_problemLabel;
    QPushButton* m_removeWhitespacePushButton;
    QLabel* m_whitespaceNoteLabel;
    QPlainTextEdit* m_headerTextEdit;
    QTreeWidget* m_claimsTree;
    QComboBox* m_sourceComboBox;
    QStackedWidget* m_sourceStack;
    QComboBox* m_projectComboBox;
    QLineEdit* m_keyFileLineEdit;
    QPlainTextEdit* m_jwksTextEdit;
    QLineEdit* m_secretLineEdit;
    QCheckBox* m_secretBase64CheckBox;
    JwksUrlSource* m_jwksUrlSource;
    QString m_serverBaseUrl;
    QLineEdit* m_issuerLineEdit;
    QLineEdit* m_audienceLineEdit;
    QLineEdit* m_algorithmsLineEdit;
    QSpinBox* m_leewaySpinBox;
    QCheckBox* m_asOfCheckBox;
    QDateTimeEdit* m_asOfDateTimeEdit;
    QPushButton* m_consumePushButton;
    QTimer* m_verifyTimer;
    QElapsedTimer m_sinceVerify;
    qint64 m_verdictAt = 0; // when the shown verdict was reached (its relative times go stale)
    QLabel* m_verdictLabel;
    std::optional<Tone> m_headlineTone; // the verdict line's tone; none for a reason or nothing
    QListWidget* m_checksList;
    QLabel* m_countdownLabel;
    QLabel* m_warningsLabel;
    QTimer* m_countdownTimer;
    QHash<QString, QString> m_projectByIssuer; // built when the project list changes
    bool m_projectsStale = true;               // the list changed (or was never read) since it was read
    QString m_suggestedFor;                    // the iss/kid the current suggestion was made for
    QString m_shownHeader;                     // what the header field shows
    QList<QStringList> m_shownClaims;          // the claims tree's rows: four columns, tooltips, explanations
    bool m_verdictCurrent = false;             // the verdict shown is for the token in the field
};

} // namespace Signet
