#pragma once

#include "pages/ProjectTab.h"
#include "workspace/KeyService.h"
#include "workspace/Records.h"

#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace Signet {

class RotationTimeline;
class SigningKeyTableModel;

class SigningKeysTab : public ProjectTab
{
    Q_OBJECT

public:
    // What a rotation does with the key that was active.
    enum class OldKey
    {
        Retire, // stays published until tokens it signed and cached JWKS have expired
        Revoke, // leaves the JWKS at once
    };

    SigningKeysTab(Workspace& workspace, const Clock& clock, QWidget* parent = nullptr);
    void setProject(const QString& projectId) override;
    void refresh() override;

Q_SIGNALS:
    void keyGenerated(const QString& kid);

public Q_SLOTS:
    void generateKey();
    // Generates without asking (RSA sizes 2048/3072/4096); emits keyGenerated when stored.
    void startGeneration(Algorithm algorithm, int rsaBits, std::optional<KeyState> state);
    void rotate(OldKey oldKey = OldKey::Retire);
    void revokeSelected();
    void copySelectedKid();
    void importKey();
    void exportSelectedPublicKey();

private:
    enum class PublicKeyFormat
    {
        Jwk,
        Pem
    };
    // The row's public key on the clipboard, as a JWK or as PEM, announced in the status bar.
    void copySelectedPublicKey(PublicKeyFormat format);
    void updateState();
    void storeGenerated(const QString& projectId, const Jwk& key, Algorithm algorithm, std::optional<KeyState> state);
    void applyRotation(const RotationPlan& plan, const QString& projectName);
    void applyRevocation(const QString& projectId, const QString& kid);
    [[nodiscard]] QString selectedKid() const;
    [[nodiscard]] const SigningKeyRecord* selectedKey() const;
    void createRowActions();

    SigningKeyTableModel* m_model;
    QTableView* m_tableView;
    QLabel* m_emptyLabel;
    RotationTimeline* m_timeline;
    QProgressBar* m_busyProgressBar;
    QTimer* m_clockTimer;
    QPushButton* m_generatePushButton;
    QPushButton* m_rotatePushButton;
    QPushButton* m_rotateRevokePushButton;
    QPushButton* m_revokePushButton;
    QPushButton* m_copyPushButton;
    QPushButton* m_importPushButton;
    QPushButton* m_exportPushButton;
    QAction* m_copyKidAction = nullptr;
    QAction* m_copyJwkAction = nullptr;
    QAction* m_copyPemAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_revokeAction = nullptr;
    bool m_generating = false;
};

} // namespace Signet
