#pragma once

#include "jose/Jwk.h"
#include "workspace/Records.h"

#include <QDialog>
#include <QTimer>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace Signet {

// What the user chose: the caller hands it to KeyService::import.
struct ImportKeyRequest
{
    Jwk key; // has its private half
    Algorithm algorithm = Algorithm::ES256;
    std::optional<KeyState> state; // none: active if the project has no active key, else next
};

// Imports a signing key: a PEM private key, a JWK, or a JWK set holding exactly one private key,
// from a file or pasted. The key is read as the user types, and the status line says what it is or,
// word for word, why KeyFile refused it. The dialog only reads; the caller does the import.
class ImportKeyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportKeyDialog(const QString& projectName, QWidget* parent = nullptr);

    // The project's keys, so that a key already in it is refused here rather than after Import.
    void setExistingKeys(const QList<SigningKeyRecord>& keys);
    // Reads the key file at `path` (as Browse… does).
    void setKeyFile(const QString& path);

    // The key, algorithm and state chosen; nothing while the key is unusable or after Cancel.
    [[nodiscard]] std::optional<ImportKeyRequest> request() const;
    [[nodiscard]] QString statusText() const;

public Q_SLOTS:
    void accept() override;
    void done(int result) override;

private:
    enum class Source
    {
        File,
        Text
    };

    void setUpFields();
    QLayout* buildFieldGrid();
    QDialogButtonBox* buildButtons();
    void connectSignals();
    void browse();
    void sourceChanged();
    void scheduleParse();
    void parse();
    void disablePassphrase();
    void showProblem(const QString& message);
    void showKey(const Jwk& key, const QString& origin);
    void fillAlgorithms(const QList<Algorithm>& algorithms, Algorithm preferred);
    void updateState();
    [[nodiscard]] Source source() const;

    QRadioButton* m_fileRadioButton;
    QRadioButton* m_textRadioButton;
    QLineEdit* m_fileLineEdit;
    QPushButton* m_browsePushButton;
    QPlainTextEdit* m_textEdit;
    QLineEdit* m_passphraseLineEdit;
    QComboBox* m_algorithmComboBox;
    QComboBox* m_stateComboBox;
    QLabel* m_statusLabel;
    QPushButton* m_importPushButton;
    QTimer m_parseTimer;
    QList<SigningKeyRecord> m_existing;
    std::optional<Jwk> m_key;
};

} // namespace Signet
