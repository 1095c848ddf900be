#include "dialogs/ExportPublicKeyDialog.h"

#include "PublicKeyText.h"
#include "UntrustedText.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace Signet {

namespace {

QLabel* fixedLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString shortKid(const QString& kid)
{
    return kid.size() > 12 ? kid.left(4) + QStringLiteral("…") + kid.right(4) : kid;
}

} // namespace

ExportPublicKeyDialog::ExportPublicKeyDialog(const SigningKeyRecord& key, QWidget* parent)
    : QDialog(parent)
    , m_record(key)
    , m_pemRadioButton(new QRadioButton(tr("PEM (SPKI)"), this))
    , m_jwkRadioButton(new QRadioButton(tr("JWK"), this))
    , m_textEdit(new QPlainTextEdit(this))
    , m_problemLabel(new QLabel(this))
    , m_copyPushButton(new QPushButton(tr("Copy"), this))
    , m_savePushButton(new QPushButton(tr("Save…"), this))
{
    setObjectName(QStringLiteral("exportPublicKeyDialog"));
    setWindowTitle(tr("Public key %1").arg(shortKid(key.kid)));
    m_pemRadioButton->setObjectName(QStringLiteral("exportPemRadioButton"));
    m_jwkRadioButton->setObjectName(QStringLiteral("exportJwkRadioButton"));
    m_textEdit->setObjectName(QStringLiteral("exportTextEdit"));
    m_textEdit->setAccessibleName(tr("Public key"));
    m_problemLabel->setObjectName(QStringLiteral("exportProblemLabel"));
    m_copyPushButton->setObjectName(QStringLiteral("exportCopyPushButton"));
    m_savePushButton->setObjectName(QStringLiteral("exportSavePushButton"));
    encodePublicKey();

    QLayout* form = buildKeyForm();
    setUpTextEdit();
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setText(m_problem);
    m_problemLabel->setVisible(!m_problem.isEmpty());
    QDialogButtonBox* buttons = buildButtons();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_textEdit, 1);
    layout->addWidget(m_problemLabel);
    layout->addSpacing(8);
    layout->addWidget(buttons);
    showFormat();
}

// Both texts up front from the record's public JWK, or why there are none.
void ExportPublicKeyDialog::encodePublicKey()
{
    auto text = PublicKeyText::of(m_record);
    if (!text) {
        m_problem = text.error().message;
        return;
    }
    m_pem = text->pem;
    m_jwk = text->jwk;
}

// What the key is, and the format to export it in.
QLayout* ExportPublicKeyDialog::buildKeyForm()
{
    auto* form = new QFormLayout;
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(8);
    form->addRow(tr("Key id"), fixedLabel(UntrustedText::visible(m_record.kid), this));
    form->addRow(tr("Key"), new QLabel(QStringLiteral("%1 · %2 · %3")
                                           .arg(algorithmQName(m_record.algorithm), m_record.keyType,
                                                keyStateName(m_record.state)),
                                       this));
    form->addRow(tr("Fingerprint"), fixedLabel(m_record.fingerprint, this));

    auto* formats = new QButtonGroup(this);
    formats->addButton(m_pemRadioButton);
    formats->addButton(m_jwkRadioButton);
    m_pemRadioButton->setChecked(true);
    auto* formatRow = new QHBoxLayout;
    formatRow->setSpacing(16);
    formatRow->addWidget(m_pemRadioButton);
    formatRow->addWidget(m_jwkRadioButton);
    formatRow->addStretch();
    form->addRow(tr("Format"), formatRow);
    return form;
}

void ExportPublicKeyDialog::setUpTextEdit()
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_textEdit->setFont(fixed);
    m_textEdit->setReadOnly(true);
    // An RSA modulus is one 342-character JSON line: wrap it anywhere rather than hide it.
    m_textEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    // Wide enough for a PEM line (64 characters) and a JWK's "x" or "n" line without scrolling.
    const QFontMetrics metrics(fixed);
    m_textEdit->setMinimumSize(metrics.horizontalAdvance(QLatin1Char('M')) * 72 + 32, metrics.lineSpacing() * 12 + 16);
}

QDialogButtonBox* ExportPublicKeyDialog::buildButtons()
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copyPushButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_savePushButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyPushButton, &QPushButton::clicked, this, &ExportPublicKeyDialog::copy);
    connect(m_savePushButton, &QPushButton::clicked, this, &ExportPublicKeyDialog::save);
    connect(m_pemRadioButton, &QRadioButton::toggled, this, &ExportPublicKeyDialog::showFormat);
    return buttons;
}

QString ExportPublicKeyDialog::text(Format format) const
{
    return format == Format::Pem ? m_pem : m_jwk;
}

ExportPublicKeyDialog::Format ExportPublicKeyDialog::format() const
{
    return m_jwkRadioButton->isChecked() ? Format::Jwk : Format::Pem;
}

void ExportPublicKeyDialog::setFormat(Format format)
{
    (format == Format::Pem ? m_pemRadioButton : m_jwkRadioButton)->setChecked(true);
}

QString ExportPublicKeyDialog::formatName(Format format)
{
    return format == Format::Pem ? QStringLiteral("PEM") : QStringLiteral("JWK");
}

QString ExportPublicKeyDialog::suggestedFileName(Format format) const
{
    // A kid is any string; keep only what every file system accepts.
    QString kid;
    for (QChar c : m_record.kid) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            kid += c;
        else if ((c == QLatin1Char('-') || c == QLatin1Char('_')) && !kid.isEmpty())
            kid += c;
        if (kid.size() == 12)
            break;
    }
    QString base = m_record.projectId;
    if (!kid.isEmpty())
        base += (base.isEmpty() ? QString() : QStringLiteral("-")) + kid;
    if (base.isEmpty())
        base = QStringLiteral("public-key");
    return base + (format == Format::Pem ? QStringLiteral(".pem") : QStringLiteral(".jwk"));
}

Status ExportPublicKeyDialog::saveTo(const QString& path, Format format) const
{
    if (!m_problem.isEmpty())
        return fail(ErrorCode::InvalidInput, m_problem);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, tr("cannot write %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = text(format).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(ErrorCode::Io, tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void ExportPublicKeyDialog::copy()
{
    if (!m_problem.isEmpty())
        return;
    QApplication::clipboard()->setText(text(format()));
    Q_EMIT actionCompleted(tr("Copied the public key of %1 as %2").arg(shortKid(m_record.kid), formatName(format())));
}

void ExportPublicKeyDialog::save()
{
    const Format chosen = format();
    const QString filter = chosen == Format::Pem ? tr("PEM public keys (*.pem)") : tr("JSON Web Keys (*.jwk *.json)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save public key"),
                                                      QDir::home().filePath(suggestedFileName(chosen)), filter);
    if (path.isEmpty())
        return;
    if (auto saved = saveTo(path, chosen); !saved) {
        m_problemLabel->setText(saved.error().message);
        m_problemLabel->setVisible(true);
        return;
    }
    m_problemLabel->setVisible(!m_problem.isEmpty());
    Q_EMIT actionCompleted(
        tr("Saved the public key of %1 to %2").arg(shortKid(m_record.kid), QDir::toNativeSeparators(path)));
}

void ExportPublicKeyDialog::showFormat()
{
    m_textEdit->setPlainText(
        m_problem.isEmpty() ? UntrustedText::visible(text(format()), UntrustedText::LineBreaks::Keep) : QString());
    m_copyPushButton->setEnabled(m_problem.isEmpty());
    m_savePushButton->setEnabled(m_problem.isEmpty());
}

} // namespace Signet
