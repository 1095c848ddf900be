#include "dialogs/ImportKeyDialog.h"

#include "crypto/SecureBytes.h"
#include "jose/KeyFile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Signet {

namespace {

// Parsing waits for a pause in typing: an RSA key is validated on every parse.
constexpr int kParseDelayMs = 150;
// The same bound KeyFile::loadFile uses.
constexpr qint64 kMaxKeyFileSize = 1024 * 1024;

Result<QByteArray> readKeyFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxKeyFileSize)
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is larger than a key file can be (1 MiB)").arg(path));
    return file.readAll();
}

} // namespace

ImportKeyDialog::ImportKeyDialog(const QString& projectName, QWidget* parent)
    : QDialog(parent)
    , m_fileRadioButton(new QRadioButton(tr("&File"), this))
    , m_textRadioButton(new QRadioButton(tr("Pas&te"), this))
    , m_fileLineEdit(new QLineEdit(this))
    , m_browsePushButton(new QPushButton(tr("Browse…"), this))
    , m_textEdit(new QPlainTextEdit(this))
    , m_passphraseLineEdit(new QLineEdit(this))
    , m_algorithmComboBox(new QComboBox(this))
    , m_stateComboBox(new QComboBox(this))
    , m_statusLabel(new QLabel(this))
    , m_importPushButton(nullptr)
{
    setObjectName(QStringLiteral("importKeyDialog"));
    setWindowTitle(tr("Import signing key into %1").arg(projectName));
    setUpFields();
    auto* intro =
        new QLabel(tr("Stored encrypted in the workspace; its public half is published in the project's JWKS."), this);
    intro->setWordWrap(true);
    QLayout* grid = buildFieldGrid();
    QDialogButtonBox* buttons = buildButtons();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(8);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addLayout(grid, 1);
    layout->addSpacing(8);
    layout->addWidget(m_statusLabel);
    layout->addSpacing(8);
    layout->addWidget(buttons);

    connectSignals();
    sourceChanged();
    parse();
    resize(640, sizeHint().height());
}

void ImportKeyDialog::setUpFields()
{
    m_fileRadioButton->setObjectName(QStringLiteral("keyFileRadioButton"));
    m_textRadioButton->setObjectName(QStringLiteral("keyTextRadioButton"));
    m_fileLineEdit->setObjectName(QStringLiteral("keyFileLineEdit"));
    m_fileLineEdit->setAccessibleName(tr("Key file"));
    m_browsePushButton->setObjectName(QStringLiteral("keyBrowsePushButton"));
    m_textEdit->setObjectName(QStringLiteral("keyTextEdit"));
    m_textEdit->setAccessibleName(tr("Key text"));
    m_textEdit->setAccessibleDescription(tr("Paste a PEM private key or a private JWK."));
    m_passphraseLineEdit->setObjectName(QStringLiteral("keyPassphraseLineEdit"));
    m_algorithmComboBox->setObjectName(QStringLiteral("keyAlgorithmComboBox"));
    m_stateComboBox->setObjectName(QStringLiteral("keyStateComboBox"));
    m_statusLabel->setObjectName(QStringLiteral("keyStatusLabel"));

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_fileLineEdit->setPlaceholderText(tr("A PEM or JWK file"));
    m_textEdit->setFont(fixed);
    m_textEdit->setPlaceholderText(tr("-----BEGIN PRIVATE KEY-----\n…\n\nor a JWK, or a JWK set with one private key"));
    m_textEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_textEdit->setTabChangesFocus(true);
    m_textEdit->setMinimumHeight(m_textEdit->fontMetrics().lineSpacing() * 8 + 16);
    m_passphraseLineEdit->setEchoMode(QLineEdit::Password);
    m_passphraseLineEdit->setPlaceholderText(tr("Only for an encrypted PEM"));
    m_stateComboBox->addItem(tr("Automatic (active if the project has none, else next)"), -1);
    m_stateComboBox->addItem(tr("Next: published, not yet signing"), int(KeyState::Next));
    m_stateComboBox->addItem(tr("Active: signs from now on"), int(KeyState::Active));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileRadioButton->setChecked(true);
}

// One grid: the source radios and the field labels share a column, so everything lines up.
QLayout* ImportKeyDialog::buildFieldGrid()
{
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(8);
    grid->addWidget(m_fileRadioButton, 0, 0);
    grid->addWidget(m_fileLineEdit, 0, 1);
    grid->addWidget(m_browsePushButton, 0, 2);
    grid->addWidget(m_textRadioButton, 1, 0, Qt::AlignTop);
    grid->addWidget(m_textEdit, 1, 1, 1, 2);
    const auto addRow = [&](int row, const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        grid->addWidget(label, row, 0);
        grid->addWidget(field, row, 1, 1, 2);
    };
    addRow(2, tr("Pass&phrase"), m_passphraseLineEdit);
    addRow(3, tr("&Algorithm"), m_algorithmComboBox);
    addRow(4, tr("Initial &state"), m_stateComboBox);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(1, 1);
    return grid;
}

QDialogButtonBox* ImportKeyDialog::buildButtons()
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importPushButton = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_importPushButton->setObjectName(QStringLiteral("importPushButton"));
    m_importPushButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportKeyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    return buttons;
}

void ImportKeyDialog::connectSignals()
{
    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(kParseDelayMs);
    connect(&m_parseTimer, &QTimer::timeout, this, &ImportKeyDialog::parse);
    connect(m_fileRadioButton, &QRadioButton::toggled, this, &ImportKeyDialog::sourceChanged);
    connect(m_browsePushButton, &QPushButton::clicked, this, &ImportKeyDialog::browse);
    // Any change to what is read schedules a parse.
    connect(m_fileLineEdit, &QLineEdit::textChanged, this, &ImportKeyDialog::scheduleParse);
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, &ImportKeyDialog::scheduleParse);
    connect(m_passphraseLineEdit, &QLineEdit::textChanged, this, &ImportKeyDialog::scheduleParse);
}

void ImportKeyDialog::setExistingKeys(const QList<SigningKeyRecord>& keys)
{
    m_existing = keys;
    scheduleParse();
}

void ImportKeyDialog::setKeyFile(const QString& path)
{
    m_fileRadioButton->setChecked(true);
    m_fileLineEdit->setText(QDir::toNativeSeparators(path));
    parse(); // a file chosen in one go: no need to wait for typing to pause
}

std::optional<ImportKeyRequest> ImportKeyDialog::request() const
{
    if (!m_key || m_algorithmComboBox->currentIndex() < 0)
        return std::nullopt;
    ImportKeyRequest request;
    request.key = *m_key;
    request.algorithm = Algorithm(m_algorithmComboBox->currentData().toInt());
    if (const int state = m_stateComboBox->currentData().toInt(); state >= 0)
        request.state = KeyState(state);
    return request;
}

QString ImportKeyDialog::statusText() const
{
    return m_statusLabel->text();
}

void ImportKeyDialog::accept()
{
    if (m_parseTimer.isActive())
        parse();
    if (!request())
        return;
    QDialog::accept();
}

void ImportKeyDialog::done(int result)
{
    // The parsed key stays for request(); the pasted text and passphrase need not outlive the dialog.
    m_parseTimer.stop();
    {
        const QSignalBlocker textBlocker(m_textEdit);
        const QSignalBlocker passphraseBlocker(m_passphraseLineEdit);
        m_textEdit->clear();
        m_passphraseLineEdit->clear();
    }
    if (result != QDialog::Accepted)
        m_key.reset();
    QDialog::done(result);
}

void ImportKeyDialog::browse()
{
    const QString current = m_fileLineEdit->text().trimmed();
    const QString chosen =
        QFileDialog::getOpenFileName(this, tr("Key file"), current.isEmpty() ? QDir::homePath() : current,
                                     tr("Keys (*.pem *.key *.jwk *.json);;All files (*)"));
    if (!chosen.isEmpty())
        setKeyFile(chosen);
}

void ImportKeyDialog::sourceChanged()
{
    const bool file = source() == Source::File;
    m_fileLineEdit->setEnabled(file);
    m_textEdit->setEnabled(!file);
    (file ? static_cast<QWidget*>(m_fileLineEdit) : m_textEdit)->setFocus();
    scheduleParse();
}

void ImportKeyDialog::scheduleParse()
{
    // Until the new text is read, the old key must not be importable.
    m_key.reset();
    m_parseTimer.start();
    updateState();
}

ImportKeyDialog::Source ImportKeyDialog::source() const
{
    return m_fileRadioButton->isChecked() ? Source::File : Source::Text;
}

void ImportKeyDialog::parse()
{
    m_parseTimer.stop();
    m_key.reset();
    QByteArray text;
    if (source() == Source::File) {
        const QString path = m_fileLineEdit->text().trimmed();
        if (path.isEmpty()) {
            disablePassphrase();
            return showProblem(tr("Choose a key file, or paste a key."));
        }
        auto read = readKeyFile(QDir::fromNativeSeparators(path));
        if (!read) {
            disablePassphrase();
            return showProblem(QStringLiteral("✗ ") + read.error().message);
        }
        text = std::move(*read);
    } else {
        text = m_textEdit->toPlainText().toUtf8();
        if (text.trimmed().isEmpty()) {
            disablePassphrase();
            return showProblem(tr("Paste a PEM private key, a JWK or a JWK set."));
        }
    }
    const bool encrypted = text.contains("ENCRYPTED");
    if (encrypted && !m_passphraseLineEdit->isEnabled()) {
        m_passphraseLineEdit->setEnabled(true);
        m_passphraseLineEdit->setPlaceholderText(tr("The key is encrypted: enter its passphrase"));
        m_passphraseLineEdit->setFocus();
    }
    if (!encrypted)
        disablePassphrase();
    QByteArray passphrase = encrypted ? m_passphraseLineEdit->text().toUtf8() : QByteArray();
    auto loaded = KeyFile::load(text, passphrase);
    Crypto::wipe(text);
    Crypto::wipe(passphrase);
    if (!loaded)
        return showProblem(QStringLiteral("✗ ") + loaded.error().message);

    const Jwk* privateKey = nullptr;
    int privateCount = 0;
    for (const Jwk& key : loaded->keys.keys()) {
        if (key.hasPrivate()) {
            privateKey = &key;
            ++privateCount;
        }
    }
    if (!privateKey)
        return showProblem(tr("✗ %1 holds no private key: a signing key needs its private half").arg(loaded->origin));
    if (privateCount > 1)
        return showProblem(tr("✗ the JWK set holds %1 private keys; import one at a time").arg(privateCount));
    showKey(*privateKey, loaded->origin);
}

void ImportKeyDialog::showKey(const Jwk& key, const QString& origin)
{
    if (key.isSymmetric())
        return showProblem(tr("✗ an HMAC secret cannot be a project signing key (a JWKS cannot publish it)"));
    QList<Algorithm> algorithms;
    for (Algorithm alg : key.compatibleAlgorithms()) {
        if (key.permits(alg, KeyOperation::Sign))
            algorithms.append(alg);
    }
    const std::optional<Algorithm> preferred = key.defaultAlgorithm();
    if (algorithms.isEmpty() || !preferred) {
        const Status permitted = preferred ? key.permits(*preferred, KeyOperation::Sign) : Status();
        const QString why =
            !permitted ? permitted.error().message : tr("no JWS algorithm fits a %1 key").arg(key.description());
        return showProblem(QStringLiteral("✗ ") + why);
    }
    // Without a kid of its own the key is stored under its thumbprint, as KeyService does.
    const QString thumbprint = key.thumbprint();
    const QString kid = key.kid().isEmpty() ? thumbprint : key.kid();
    for (const SigningKeyRecord& existing : std::as_const(m_existing)) {
        if (existing.fingerprint == QStringLiteral("SHA256:") + thumbprint)
            return showProblem(
                tr("✗ this key is already in the project, as %1 (%2)").arg(existing.kid, keyStateName(existing.state)));
        if (existing.kid == kid)
            return showProblem(tr("✗ the project already has another key with kid %1").arg(kid));
    }
    m_key = key;
    fillAlgorithms(algorithms, *preferred);
    m_statusLabel->setText(tr("✓ %1 private key, kid %2%3")
                               .arg(key.description(), kid, key.kid().isEmpty() ? tr(" (its thumbprint)") : QString()));
    m_statusLabel->setToolTip(tr("Read from %1").arg(origin));
    updateState();
}

void ImportKeyDialog::disablePassphrase()
{
    m_passphraseLineEdit->setEnabled(false);
    m_passphraseLineEdit->setPlaceholderText(tr("Only for an encrypted PEM"));
}

void ImportKeyDialog::showProblem(const QString& message)
{
    m_key.reset();
    m_statusLabel->setText(message);
    m_statusLabel->setToolTip(QString());
    fillAlgorithms({}, Algorithm::ES256);
    updateState();
}

void ImportKeyDialog::fillAlgorithms(const QList<Algorithm>& algorithms, Algorithm preferred)
{
    // Keeps the user's choice while they edit, when the new key still allows it.
    const QVariant previous = m_algorithmComboBox->currentData();
    const QSignalBlocker blocker(m_algorithmComboBox);
    m_algorithmComboBox->clear();
    for (Algorithm alg : algorithms)
        m_algorithmComboBox->addItem(QStringLiteral("%1 — %2").arg(algorithmQName(alg), algorithmDescription(alg)),
                                     int(alg));
    int index = previous.isValid() ? m_algorithmComboBox->findData(previous) : -1;
    if (index < 0)
        index = m_algorithmComboBox->findData(int(preferred));
    m_algorithmComboBox->setCurrentIndex(index >= 0 ? index : 0);
}

void ImportKeyDialog::updateState()
{
    const bool usable = m_key.has_value() && !m_parseTimer.isActive();
    m_importPushButton->setEnabled(usable);
    m_algorithmComboBox->setEnabled(m_algorithmComboBox->count() > 1);
}

} // namespace Signet
