#include "pages/InspectorView.h"

#include "Failure.h"
#include "Theme.h"
#include "foundation/Duration.h"
#include "jose/KeyFile.h"
#include "jose/TokenVerifier.h"
#include "widgets/JsonHighlighter.h"
#include "widgets/TokenHighlighter.h"
#include "workspace/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Signet {

namespace {

QStringList splitList(const QString& text)
{
    QStringList items;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items.append(item.trimmed());
    items.removeAll(QString());
    return items;
}

} // namespace

InspectorView::InspectorView(Workspace& workspace, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_clock(clock)
    , m_tokenTextEdit(new QPlainTextEdit(this))
    , m_problemLabel(new QLabel(this))
    , m_headerTextEdit(new QPlainTextEdit(this))
    , m_claimsTree(new QTreeWidget(this))
    , m_sourceComboBox(new QComboBox(this))
    , m_sourceStack(new QStackedWidget(this))
    , m_projectComboBox(new QComboBox(this))
    , m_keyFileLineEdit(new QLineEdit(this))
    , m_secretLineEdit(new QLineEdit(this))
    , m_secretBase64CheckBox(new QCheckBox(tr("base64"), this))
    , m_issuerLineEdit(new QLineEdit(this))
    , m_audienceLineEdit(new QLineEdit(this))
    , m_algorithmsLineEdit(new QLineEdit(this))
    , m_leewaySpinBox(new QSpinBox(this))
    , m_asOfCheckBox(new QCheckBox(tr("As of"), this))
    , m_asOfDateTimeEdit(new QDateTimeEdit(this))
    , m_consumePushButton(new QPushButton(tr("Verify and consume"), this))
    , m_verifyTimer(new QTimer(this))
    , m_verdictLabel(new QLabel(this))
    , m_checksList(new QListWidget(this))
    , m_countdownLabel(new QLabel(this))
    , m_warningsLabel(new QLabel(this))
    , m_countdownTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("inspectorView"));
    setAcceptDrops(true);
    setUpDecodeFields();
    QWidget* decoded = buildDecodedView();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 8);
    layout->setSpacing(8);
    auto* title = new QLabel(tr("<h3 style='margin:0'>Inspector</h3>"), this);
    layout->addWidget(title);
    layout->addWidget(m_tokenTextEdit);
    layout->addWidget(m_problemLabel);
    layout->addWidget(decoded, 1);
    layout->addWidget(buildVerifyPanel(), 1);

    connect(m_tokenTextEdit, &QPlainTextEdit::textChanged, this, &InspectorView::decode);
    // Verify as you type: the token and every option.
    m_verifyTimer->setSingleShot(true);
    connect(m_verifyTimer, &QTimer::timeout, this, &InspectorView::verify);
    connect(m_tokenTextEdit, &QPlainTextEdit::textChanged, this, &InspectorView::scheduleVerify);
    for (QLineEdit* edit :
         {m_keyFileLineEdit, m_secretLineEdit, m_issuerLineEdit, m_audienceLineEdit, m_algorithmsLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &InspectorView::scheduleVerify);
    for (QComboBox* box : {m_sourceComboBox, m_projectComboBox})
        connect(box, &QComboBox::currentIndexChanged, this, &InspectorView::scheduleVerify);
    connect(m_leewaySpinBox, &QSpinBox::valueChanged, this, &InspectorView::scheduleVerify);
    connect(m_secretBase64CheckBox, &QCheckBox::toggled, this, &InspectorView::scheduleVerify);
    connect(m_asOfCheckBox, &QCheckBox::toggled, this, &InspectorView::scheduleVerify);
    connect(m_asOfDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &InspectorView::scheduleVerify);
    m_countdownTimer->setInterval(1000);
    connect(m_countdownTimer, &QTimer::timeout, this, &InspectorView::updateCountdown);
    connect(&workspace.projects(), &ProjectService::projectsChanged, this, &InspectorView::reloadProjects);
    reloadProjects();
    decode();
}

// The token field and what shows it decoded: its problem, the header, the claims.
void InspectorView::setUpDecodeFields()
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tokenTextEdit->setObjectName(QStringLiteral("tokenTextEdit"));
    m_tokenTextEdit->setPlaceholderText(tr("Paste or drop a token, \"Bearer …\" or a whole Authorization header line"));
    m_tokenTextEdit->setFont(fixed);
    m_tokenTextEdit->setMaximumHeight(110);
    // A token is one long word: breaking it anywhere looks the same as at word boundaries and spares
    // Qt the line-break analysis of the whole text, half the time of an 8 KB paste.
    m_tokenTextEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    new TokenHighlighter(m_tokenTextEdit->document());
    m_problemLabel->setObjectName(QStringLiteral("tokenProblemLabel"));
    m_problemLabel->setWordWrap(true);
    setTone(m_problemLabel, Tone::Error);
    m_headerTextEdit->setObjectName(QStringLiteral("headerTextEdit"));
    m_headerTextEdit->setReadOnly(true);
    m_headerTextEdit->setFont(fixed);
    new JsonHighlighter(m_headerTextEdit->document());
    m_claimsTree->setObjectName(QStringLiteral("claimsTree"));
    m_claimsTree->setHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning"), tr("Note")});
    m_claimsTree->setRootIsDecorated(false);
    m_claimsTree->setAlternatingRowColors(true);
    m_claimsTree->setFont(font());
}

// The header and the claims side by side.
QWidget* InspectorView::buildDecodedView()
{
    auto* header = new QGroupBox(tr("Header"), this);
    (new QVBoxLayout(header))->addWidget(m_headerTextEdit);
    auto* claims = new QGroupBox(tr("Claims"), this);
    (new QVBoxLayout(claims))->addWidget(m_claimsTree);
    auto* decoded = new QSplitter(this);
    decoded->addWidget(header);
    decoded->addWidget(claims);
    decoded->setStretchFactor(1, 2);
    return decoded;
}

QWidget* InspectorView::buildVerifyPanel()
{
    auto* panel = new QGroupBox(tr("Verify"), this);
    QWidget* keySource = buildKeySourceStack();
    QFormLayout* form = buildVerifyForm(keySource);
    auto* layout = new QHBoxLayout(panel);
    layout->addLayout(form, 2);
    layout->addLayout(buildVerdict(), 3);
    return panel;
}

// The key source chooser's pages: a project, a key file, a shared secret, a JWKS URL.
QWidget* InspectorView::buildKeySourceStack()
{
    m_sourceComboBox->setObjectName(QStringLiteral("keySourceComboBox"));
    m_sourceComboBox->addItem(tr("Project"), int(KeySource::Project));
    m_sourceComboBox->addItem(tr("Key file (JWK, JWKS, PEM)"), int(KeySource::File));
    m_sourceComboBox->addItem(tr("Shared secret"), int(KeySource::Secret));
    m_sourceComboBox->addItem(tr("JWKS URL (comes with the local server)"), int(KeySource::JwksUrl));
    m_projectComboBox->setObjectName(QStringLiteral("inspectorProjectComboBox"));
    m_keyFileLineEdit->setObjectName(QStringLiteral("keyFileLineEdit"));
    m_secretLineEdit->setObjectName(QStringLiteral("secretLineEdit"));
    m_secretLineEdit->setEchoMode(QLineEdit::Password);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Key file"), QString(), tr("Keys (*.json *.jwk *.jwks *.pem *.crt)"));
        if (!path.isEmpty())
            m_keyFileLineEdit->setText(path);
    });
    auto page = [this](QList<QWidget*> widgets) {
        auto* w = new QWidget(m_sourceStack);
        auto* l = new QHBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        for (QWidget* child : widgets)
            l->addWidget(child, child == widgets.front() ? 1 : 0);
        return w;
    };
    m_sourceStack->addWidget(page({m_projectComboBox}));
    m_sourceStack->addWidget(page({m_keyFileLineEdit, browse}));
    m_sourceStack->addWidget(page({m_secretLineEdit, m_secretBase64CheckBox}));
    auto* url = new QLabel(tr("Fetching a remote JWKS arrives with the local server."), m_sourceStack);
    url->setEnabled(false);
    m_sourceStack->addWidget(url);
    connect(m_sourceComboBox, &QComboBox::currentIndexChanged, m_sourceStack, &QStackedWidget::setCurrentIndex);
    connect(m_sourceComboBox, &QComboBox::currentIndexChanged, this, [this] {
        m_consumePushButton->setEnabled(KeySource(m_sourceComboBox->currentData().toInt()) == KeySource::Project);
    });
    return m_sourceStack;
}

// What the token must satisfy besides its signature, and the button that verifies it.
QFormLayout* InspectorView::buildVerifyForm(QWidget* keySource)
{
    m_issuerLineEdit->setObjectName(QStringLiteral("expectedIssuerLineEdit"));
    m_issuerLineEdit->setPlaceholderText(tr("the project's, or not checked"));
    m_audienceLineEdit->setObjectName(QStringLiteral("expectedAudienceLineEdit"));
    m_audienceLineEdit->setPlaceholderText(tr("the project's; several: a, b"));
    m_algorithmsLineEdit->setObjectName(QStringLiteral("algorithmsLineEdit"));
    m_algorithmsLineEdit->setPlaceholderText(tr("what the keys allow; or e.g. ES256, RS256"));
    m_leewaySpinBox->setObjectName(QStringLiteral("leewaySpinBox"));
    m_leewaySpinBox->setRange(0, 3600);
    m_leewaySpinBox->setSuffix(tr(" s"));
    m_consumePushButton->setObjectName(QStringLiteral("verifyAndConsumePushButton"));
    m_consumePushButton->setToolTip(tr("Verifies the token and, if it is a valid one-time token, uses it up: a "
                                       "second use is refused. Recorded in the ledger."));
    auto* verifyButton = new QPushButton(tr("Verify again"), this);
    verifyButton->setObjectName(QStringLiteral("verifyPushButton"));
    verifyButton->setToolTip(tr("The verdict follows the token and the options as you type; this checks again "
                                "now."));
    connect(verifyButton, &QPushButton::clicked, this, &InspectorView::verify);
    connect(m_consumePushButton, &QPushButton::clicked, this, &InspectorView::verifyAndConsume);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(verifyButton);
    buttons->addWidget(m_consumePushButton);
    buttons->addStretch();

    auto* form = new QFormLayout;
    form->addRow(tr("Verify with"), m_sourceComboBox);
    form->addRow(QString(), keySource);
    form->addRow(tr("Issuer"), m_issuerLineEdit);
    form->addRow(tr("Audience"), m_audienceLineEdit);
    form->addRow(tr("Algorithms"), m_algorithmsLineEdit);
    form->addRow(tr("Leeway"), m_leewaySpinBox);
    form->addRow(tr("Time"), buildAsOfRow());
    form->addRow(QString(), buttons);
    return form;
}

// Judge the token at another moment (UTC): when was it valid, and with which published keys?
QLayout* InspectorView::buildAsOfRow()
{
    m_asOfCheckBox->setObjectName(QStringLiteral("asOfCheckBox"));
    m_asOfDateTimeEdit->setObjectName(QStringLiteral("asOfDateTimeEdit"));
    m_asOfDateTimeEdit->setTimeSpec(Qt::UTC);
    m_asOfDateTimeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_asOfDateTimeEdit->setDateTime(QDateTime::fromSecsSinceEpoch(m_clock.now(), QTimeZone::utc()));
    m_asOfDateTimeEdit->setEnabled(false);
    connect(m_asOfCheckBox, &QCheckBox::toggled, m_asOfDateTimeEdit, &QWidget::setEnabled);
    auto* asOf = new QHBoxLayout;
    asOf->addWidget(m_asOfCheckBox);
    asOf->addWidget(m_asOfDateTimeEdit, 1);
    return asOf;
}

// The verdict, the checks, the warnings apart, and the countdown to expiry.
QLayout* InspectorView::buildVerdict()
{
    m_verdictLabel->setObjectName(QStringLiteral("verdictLabel"));
    m_checksList->setObjectName(QStringLiteral("checksList"));
    m_verdictLabel->setWordWrap(true);
    // Long reasons wrap rather than run off the panel at 1024 px.
    m_checksList->setWordWrap(true);
    m_checksList->setTextElideMode(Qt::ElideNone);
    m_countdownLabel->setObjectName(QStringLiteral("countdownLabel"));
    m_warningsLabel->setObjectName(QStringLiteral("warningsLabel"));
    m_warningsLabel->setWordWrap(true);
    setTone(m_warningsLabel, Tone::Warning);
    m_warningsLabel->hide();
    auto* verdict = new QVBoxLayout;
    verdict->addWidget(m_verdictLabel);
    verdict->addWidget(m_checksList, 1);
    verdict->addWidget(m_warningsLabel);
    verdict->addWidget(m_countdownLabel);
    return verdict;
}

void InspectorView::setToken(const QString& token)
{
    m_tokenTextEdit->setPlainText(token);
}

void InspectorView::reloadProjects()
{
    const QString current = m_projectComboBox->currentData().toString();
    m_projectComboBox->clear();
    m_projectByIssuer.clear();
    m_suggestedFor.clear();
    for (const Project& project : m_workspace.projects().list().value_or(QList<Project>())) {
        m_projectComboBox->addItem(QStringLiteral("%1 (%2)").arg(project.name, project.id), project.id);
        m_projectByIssuer.insert(project.issuer, project.id);
    }
    const int index = m_projectComboBox->findData(current);
    if (index >= 0)
        m_projectComboBox->setCurrentIndex(index);
}

// Picks the project whose issuer the token names, or else the one that holds its kid. Runs when the
// token's iss or kid changes, not on every keystroke.
void InspectorView::suggestProject()
{
    const JsonValue* iss = m_inspection.claims().find("iss");
    const QString issuer = iss && iss->isString() ? QString::fromStdString(iss->asString()) : QString();
    const QString kid = m_inspection.keyId();
    const QString key = issuer + QLatin1Char('\n') + kid;
    if (key == m_suggestedFor)
        return;
    m_suggestedFor = key;
    QString projectId = m_projectByIssuer.value(issuer);
    if (projectId.isEmpty() && !kid.isEmpty()) {
        for (int i = 0; i < m_projectComboBox->count() && projectId.isEmpty(); ++i) {
            const QString id = m_projectComboBox->itemData(i).toString();
            for (const SigningKeyRecord& record : m_workspace.keys().list(id).value_or(QList<SigningKeyRecord>())) {
                if (record.kid == kid)
                    projectId = id;
            }
        }
    }
    const int index = m_projectComboBox->findData(projectId);
    if (index >= 0)
        m_projectComboBox->setCurrentIndex(index);
}

void InspectorView::decode()
{
    m_inspection = TokenInspection::inspect(m_tokenTextEdit->toPlainText(), m_clock.now());
    m_problemLabel->setText(m_inspection.problems().isEmpty() || m_inspection.token().isEmpty()
                                ? QString()
                                : QStringLiteral("✗ ") + m_inspection.problems().front().describe());
    m_headerTextEdit->setPlainText(m_inspection.prettyHeader());
    m_claimsTree->clear();
    for (const ClaimNote& note : m_inspection.claimNotes()) {
        // Long values are shortened in the row; the whole value is in the tooltip.
        constexpr qsizetype kShown = 160;
        const QString shown = note.value.size() > kShown ? note.value.left(kShown) + QStringLiteral("…") : note.value;
        auto* item = new QTreeWidgetItem({note.name, shown, note.meaning, note.note});
        if (shown.size() != note.value.size())
            item->setToolTip(1, note.value.left(4000));
        // NumericDates also in local time, beside the UTC one (unless local time is UTC).
        const JsonValue* value = m_inspection.claims().find(note.name.toStdString());
        if (value && value->isNumber() && !note.note.isEmpty() && note.note.contains(QLatin1String("UTC"))) {
            const QDateTime local = QDateTime::fromSecsSinceEpoch(Duration::toSeconds(value->asNumber()));
            if (local.offsetFromUtc() != 0)
                item->setText(3, note.note + QStringLiteral(" · ") +
                                     local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t")));
        }
        m_claimsTree->addTopLevelItem(item);
    }
    if (!m_inspection.rawPayload().isEmpty())
        m_claimsTree->addTopLevelItem(new QTreeWidgetItem(
            {tr("(payload)"), QString::fromUtf8(m_inspection.rawPayload()), tr("not a JSON object")}));
    for (int column = 0; column < 3; ++column)
        m_claimsTree->resizeColumnToContents(column);
    m_checksList->clear();
    m_verdictLabel->clear();
    if (m_inspection.hasClaims())
        suggestProject();
    updateCountdown();
    m_countdownTimer->start();
}

void InspectorView::scheduleVerify()
{
    if (m_inspection.token().isEmpty()) {
        m_verifyTimer->stop();
        return;
    }
    if (!m_sinceVerify.isValid() || m_sinceVerify.elapsed() >= kVerifyInterval.count())
        verify();
    else
        m_verifyTimer->start(kVerifyInterval);
}

void InspectorView::verify()
{
    runVerification(Consumption::Check);
}

void InspectorView::verifyAndConsume()
{
    m_verifyTimer->stop();
    runVerification(Consumption::Consume);
}

void InspectorView::runVerification(Consumption consumption)
{
    m_sinceVerify.start();
    m_verdictAt = m_clock.now();
    if (m_inspection.token().isEmpty()) {
        m_verdictLabel->clear();
        m_checksList->clear();
        return;
    }
    const auto options = verifyOptions();
    if (!options)
        return showRefusal(options.error().message);
    const std::string token = m_inspection.token().toStdString();
    switch (KeySource(m_sourceComboBox->currentData().toInt())) {
    case KeySource::Project:
        return verifyWithProject(token, *options, consumption);
    case KeySource::File:
        return verifyWithKeyFile(token, *options);
    case KeySource::Secret:
        return verifyWithSecret(token, *options);
    case KeySource::JwksUrl:
        return showRefusal(tr("Fetching a remote JWKS arrives with the local server."));
    }
}

// What the form asks of the token besides a good signature.
Result<VerifyOptions> InspectorView::verifyOptions() const
{
    VerifyOptions options;
    options.leeway = m_leewaySpinBox->value();
    for (const QString& name : splitList(m_algorithmsLineEdit->text())) {
        const auto alg = algorithmFromName(name);
        if (!alg)
            return fail(ErrorCode::InvalidArgument, tr("✗ \"%1\" is not a JWS algorithm").arg(name));
        options.algorithms.append(*alg);
    }
    if (!m_issuerLineEdit->text().trimmed().isEmpty())
        options.issuer = m_issuerLineEdit->text().trimmed();
    options.audiences = splitList(m_audienceLineEdit->text());
    if (m_asOfCheckBox->isChecked())
        options.at = m_asOfDateTimeEdit->dateTime().toSecsSinceEpoch();
    return options;
}

void InspectorView::verifyWithProject(const std::string& token, const VerifyOptions& options, Consumption consumption)
{
    const QString projectId = m_projectComboBox->currentData().toString();
    auto result = m_workspace.tokens().verify(projectId, token, options, consumption);
    if (!result) {
        return showRefusal(tr("✗ Cannot verify with project %1: %2").arg(projectId, describeFailure(result.error())));
    }
    showVerdict(result->report, result->consumed ? describe(*result->consumed) : QString());
}

void InspectorView::verifyWithKeyFile(const std::string& token, const VerifyOptions& options)
{
    auto loaded = KeyFile::loadFile(m_keyFileLineEdit->text().trimmed());
    if (!loaded)
        return showRefusal(tr("✗ %1").arg(loaded.error().message));
    verifyWithKeys(token, std::move(loaded->keys), options);
}

void InspectorView::verifyWithSecret(const std::string& token, const VerifyOptions& options)
{
    QByteArray secret = m_secretLineEdit->text().toUtf8();
    if (m_secretBase64CheckBox->isChecked()) {
        // base64url first (what JWKs use), then standard base64.
        auto decoded = QByteArray::fromBase64Encoding(secret, QByteArray::Base64UrlEncoding |
                                                                  QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            decoded = QByteArray::fromBase64Encoding(secret, QByteArray::AbortOnBase64DecodingErrors);
        Crypto::wipe(secret);
        if (!decoded)
            return showRefusal(tr("✗ The secret is not valid base64 or base64url."));
        secret = std::move(decoded.decoded);
    }
    JwkSet keys({Jwk::fromSecret(Crypto::SecureBytes(secret))});
    Crypto::wipe(secret);
    verifyWithKeys(token, std::move(keys), options);
}

void InspectorView::verifyWithKeys(const std::string& token, JwkSet keys, const VerifyOptions& options)
{
    auto verifier = TokenVerifier::create(std::move(keys), options, m_clock);
    if (!verifier)
        return showRefusal(tr("✗ %1").arg(verifier.error().message));
    showVerdict(verifier->verify(std::string_view(token)), QString());
}

// Why there is no verdict: said in the verdict line, with no checks left from an earlier token.
void InspectorView::showRefusal(const QString& why)
{
    m_verdictLabel->setText(why);
    m_checksList->clear();
    m_warningsLabel->hide();
}

void InspectorView::showVerdict(const VerificationReport& report, const QString& consumption)
{
    const bool consumedOk = consumption.isEmpty() || consumption.startsWith(QLatin1String("consumed"));
    const bool valid = report.isValid() && consumedOk;
    m_verdictLabel->setText(valid ? tr("<b style='color:%1'>✓ VALID</b>").arg(toneColor(Tone::Success).name())
                                  : tr("<b style='color:%1'>✗ INVALID</b>").arg(toneColor(Tone::Error).name()));
    m_checksList->clear();
    auto add = [this](const QString& mark, const QString& text, const QColor& colour) {
        auto* item = new QListWidgetItem(mark + QLatin1Char(' ') + text, m_checksList);
        item->setForeground(colour);
    };
    const QColor red = toneColor(Tone::Error), green = toneColor(Tone::Success),
                 grey = palette().color(QPalette::PlaceholderText);
    if (!consumedOk)
        add(QStringLiteral("✗"), tr("one-time: %1").arg(consumption), red);
    // Failures first: they are what the reader is looking for.
    for (Outcome wanted : {Outcome::Failed, Outcome::Passed, Outcome::Skipped}) {
        for (const Check& check : report.checks()) {
            if (check.outcome != wanted)
                continue;
            add(wanted == Outcome::Failed   ? QStringLiteral("✗")
                : wanted == Outcome::Passed ? QStringLiteral("✓")
                                            : QStringLiteral("–"),
                report.message(check),
                wanted == Outcome::Failed   ? red
                : wanted == Outcome::Passed ? green
                                            : grey);
        }
    }
    if (consumedOk && !consumption.isEmpty())
        add(QStringLiteral("✓"), tr("one-time: %1").arg(consumption), green);
    // Security warnings apart from the checks: they do not decide the verdict, they inform it.
    QStringList warnings;
    for (const TokenWarning& warning : report.warnings())
        warnings.append(QStringLiteral("⚠ ") + warning.describe());
    m_warningsLabel->setText(warnings.join(QLatin1Char('\n')));
    m_warningsLabel->setVisible(!warnings.isEmpty());
}

void InspectorView::updateCountdown()
{
    // The verdict's "expires in 14 min" ages with the clock: check again every so often.
    constexpr qint64 kVerdictFreshness = 15;
    if (m_verdictAt > 0 && m_clock.now() - m_verdictAt >= kVerdictFreshness && !m_verdictLabel->text().isEmpty())
        verify();
    const JsonValue* exp = m_inspection.claims().find("exp");
    if (!exp || !exp->isNumber()) {
        m_countdownLabel->setText(m_inspection.hasClaims() ? tr("No expiry: this token never expires.") : QString());
        return;
    }
    const qint64 when = Duration::toSeconds(exp->asNumber());
    const qint64 now = m_clock.now();
    m_countdownLabel->setText(
        when > now ? tr("Expires %1 (%2)").arg(Duration::formatRelative(when, now), Duration::formatUtc(when))
                   : tr("Expired %1 (%2)").arg(Duration::formatRelative(when, now), Duration::formatUtc(when)));
}

void InspectorView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasText())
        event->acceptProposedAction();
}

void InspectorView::dropEvent(QDropEvent* event)
{
    setToken(event->mimeData()->text());
    event->acceptProposedAction();
}

} // namespace Signet
