#pragma once

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLayout;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace Signet {

// A signing key's public half, as PEM (SPKI) or as a JWK, to copy or save for a verifier that does
// not fetch the JWKS. Only the record's public JWK is read: the private key stays sealed.
class ExportPublicKeyDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Format
    {
        Pem,
        Jwk
    };

    explicit ExportPublicKeyDialog(const SigningKeyRecord& key, QWidget* parent = nullptr);

    // The exported text, ending in a newline; empty when the record's public JWK cannot be read.
    [[nodiscard]] QString text(Format format) const;
    [[nodiscard]] Format format() const;
    void setFormat(Format format);
    // Why there is nothing to export, or empty.
    [[nodiscard]] const QString& problem() const { return m_problem; }

    // "payments-9fQ2x1cA.pem", "payments-9fQ2x1cA.jwk": safe whatever characters the kid holds.
    [[nodiscard]] QString suggestedFileName(Format format) const;
    // Writes text(format) atomically (QSaveFile).
    Status saveTo(const QString& path, Format format) const;

public Q_SLOTS:
    void copy();
    void save();

Q_SIGNALS:
    // "Copied the public key of 9fQ2…x1c as PEM", for the window's status bar.
    void actionCompleted(const QString& summary);

private:
    void encodePublicKey();
    QLayout* buildKeyForm();
    void setUpTextEdit();
    QDialogButtonBox* buildButtons();
    void showFormat();
    [[nodiscard]] static QString formatName(Format format);

    SigningKeyRecord m_record;
    QString m_pem;
    QString m_jwk;
    QString m_problem;
    QRadioButton* m_pemRadioButton;
    QRadioButton* m_jwkRadioButton;
    QPlainTextEdit* m_textEdit;
    QLabel* m_problemLabel;
    QPushButton* m_copyPushButton;
    QPushButton* m_savePushButton;
};

} // namespace Signet
