#include "pages/InspectorView.h"

#include "Failure.h"
#include "ProjectProfile.h"
#include "Theme.h"
#include "UntrustedText.h"
#include "foundation/Duration.h"
#include "jose/KeyFile.h"
#include "jose/TokenVerifier.h"
#include "profiles/ProfileRules.h"
#include "widgets/GroupBoxBand.h"
#include "widgets/JsonHighlighter.h"
#include "widgets/JwksUrlSource.h"
#include "widgets/StaticTextDelegate.h"
#include "widgets/TokenEdit.h"
#include "workspace/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
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
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

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

QString counted(int count, const char* one, const char* many)
{
    return count == 1 ? QObject::tr(one) : QObject::tr(many).arg(count);
}

// "2 line breaks and 3 spaces": the whitespace inside a token, as removing it takes it out.
QString describeWhitespace(QStringView token)
{
    int lineBreaks = 0, spaces = 0, tabs = 0, others = 0;
    for (qsizetype i = 0; i < token.size(); ++i) {
        const QChar c = token[i];
        if (c == QLatin1Char('\r') && i + 1 < token.size() && token[i + 1] == QLatin1Char('\n'))
            continue; // CR LF is one line break
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            ++lineBreaks;
        else if (c == QLatin1Char(' '))
            ++spaces;
        else if (c == QLatin1Char('\t'))
            ++tabs;
        else if (c.isSpace())
            ++others;
    }
    QStringList parts;
    if (lineBreaks > 0)
        parts.append(counted(lineBreaks, "1 line break", "%1 line breaks"));
    if (spaces > 0)
        parts.append(counted(spaces, "1 space", "%1 spaces"));
    if (tabs > 0)
        parts.append(counted(tabs, "1 tab", "%1 tabs"));
    if (others > 0)
        parts.append(counted(others, "1 other blank character", "%1 other blank characters"));
    const QString last = parts.takeLast();
    return parts.isEmpty() ? last : parts.join(QStringLiteral(", ")) + QObject::tr(" and ") + last;
}

} // namespace

InspectorView::InspectorView(Workspace& workspace, const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_clock(clock)
    , m_tokenEdit(new TokenEdit(this))
    , m_problemLabel(new QLabel(this))
    , m_removeWhitespacePushButton(new QPushButton(tr("Remove whitespace"), this))
    , m_whitespaceNoteLabel(new QLabel(this))
    , m_headerTextEdit(new QPlainTextEdit(this))
    , m_claimsTree(new QTreeWidget(this))
    , m_sourceComboBox(new QComboBox(this))
    , m_sourceStack(new QStackedWidget(this))
    , m_projectComboBox(new QComboBox(this))
    , m_keyFileLineEdit(new QLineEdit(this))
    , m_jwksTextEdit(new QPlainTextEdit(this))
    , m_secretLineEdit(new QLineEdit(this))
    , m_secretBase64CheckBox(new QCheckBox(tr("base64"), this))
    , m_jwksUrlSource(new JwksUrlSource(clock, this))
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
    // Where the token breaks goes beside the title, not on a row of its own that stood empty for every
    // well-formed token (the header and claims need the height in a small window).
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(16);
    titleRow->addWidget(title, 0, Qt::AlignTop);
    titleRow->addLayout(buildTokenProblemRow(), 1);
    layout->addLayout(titleRow);
    layout->addWidget(m_tokenEdit);
    layout->addWidget(decoded, 1);
    layout->addWidget(buildVerifyPanel(), 1);

    connect(m_tokenEdit, &TokenEdit::textChanged, this, &InspectorView::decode);
    // Verify as you type: the token and every option.
    m_verifyTimer->setSingleShot(true);
    connect(m_verifyTimer, &QTimer::timeout, this, &InspectorView::verify);
    connect(m_tokenEdit, &TokenEdit::textChanged, this, &InspectorView::scheduleVerify);
    connect(m_jwksTextEdit, &QPlainTextEdit::textChanged, this, &InspectorView::scheduleVerify);
    for (QLineEdit* edit :
         {m_keyFileLineEdit, m_secretLineEdit, m_issuerLineEdit, m_audienceLineEdit, m_algorithmsLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &InspectorView::scheduleVerify);
    for (QComboBox* box : {m_sourceComboBox, m_projectComboBox})
        connect(box, &QComboBox::currentIndexChanged, this, &InspectorView::scheduleVerify);
    // The claims read in the terms of the project's provider profile, if it follows one.
    connect(m_projectComboBox, &QComboBox::currentIndexChanged, this, &InspectorView::showClaims);
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
    // The token field lays out and paints only the lines in view (a text document laid out all 8 KB
    // of a pasted token, a third of the time to the verdict).
    m_tokenEdit->setObjectName(QStringLiteral("tokenTextEdit"));
    m_tokenEdit->setAccessibleName(tr("Token"));
    m_tokenEdit->setAccessibleDescription(tr("Paste a token; it is decoded and checked as you type."));
    m_tokenEdit->setPlaceholderText(tr("Paste or drop a token, \"Bearer …\" or a whole Authorization header line"));
    m_tokenEdit->setFont(fixed);
    m_tokenEdit->setMaximumHeight(110);
    // A scroll bar that comes and goes would change the width, and with it where the token wraps.
    m_tokenEdit->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_problemLabel->setObjectName(QStringLiteral("tokenProblemLabel"));
    m_problemLabel->setWordWrap(true);
    setTone(m_problemLabel, Tone::Error);
    m_headerTextEdit->setObjectName(QStringLiteral("headerTextEdit"));
    m_headerTextEdit->setReadOnly(true);
    m_headerTextEdit->setFont(fixed);
    m_headerTextEdit->setWordWrapMode(QTextOption::WrapAnywhere); // a long kid fills its line, as in Mint
    new JsonHighlighter(m_headerTextEdit->document());
    m_claimsTree->setObjectName(QStringLiteral("claimsTree"));
    m_claimsTree->setAccessibleName(tr("Claims"));
    m_claimsTree->setHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning"), tr("Note")});
    m_claimsTree->setRootIsDecorated(false);
    m_claimsTree->setAlternatingRowColors(true);
    // Every row is one line (values are shortened, line breaks escaped): the view need not ask each
    // row its height when it lays them out.
    m_claimsTree->setUniformRowHeights(true);
    m_claimsTree->setItemDelegate(new StaticTextDelegate(m_claimsTree));
    m_claimsTree->setFont(font());
}

// Where the token breaks and, for whitespace inside it, the fix offered (never applied unasked).
QLayout* InspectorView::buildTokenProblemRow()
{
    m_removeWhitespacePushButton->setObjectName(QStringLiteral("removeWhitespacePushButton"));
    m_removeWhitespacePushButton->setToolTip(
        tr("Takes out the spaces and line breaks inside the token (a token wrapped when copied) and says what "
           "it took out. Ctrl+Z in the token field puts them back."));
    m_removeWhitespacePushButton->hide();
    connect(m_removeWhitespacePushButton, &QPushButton::clicked, this, &InspectorView::removeWhitespace);
    m_whitespaceNoteLabel->setObjectName(QStringLiteral("whitespaceNoteLabel"));
    m_whitespaceNoteLabel->setWordWrap(true);
    m_whitespaceNoteLabel->hide();
    auto* problem = new QHBoxLayout;
    problem->addWidget(m_problemLabel, 1);
    problem->addWidget(m_removeWhitespacePushButton);
    auto* rows = new QVBoxLayout;
    rows->setSpacing(4);
    rows->addLayout(problem);
    rows->addWidget(m_whitespaceNoteLabel);
    return rows;
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
    // Room to spare goes below the buttons, not between the rows.
    auto* column = new QVBoxLayout;
    column->addLayout(form);
    column->addStretch(1);
    auto* layout = new QHBoxLayout(panel);
    layout->addLayout(column, 2);
    layout->addWidget(buildVerdict(), 3);
    return panel;
}

// The key source chooser's pages: a project, a key file, a shared secret, a JWKS URL.
QWidget* InspectorView::buildKeySourceStack()
{
    m_sourceComboBox->setObjectName(QStringLiteral("keySourceComboBox"));
    m_sourceComboBox->addItem(tr("Project"), int(KeySource::Project));
    m_sourceComboBox->addItem(tr("Key file (JWK, JWKS, PEM)"), int(KeySource::File));
    m_sourceComboBox->addItem(tr("JWKS (public keys, pasted or from a file)"), int(KeySource::Jwks));
    m_sourceComboBox->addItem(tr("Shared secret"), int(KeySource::Secret));
    m_sourceComboBox->addItem(tr("JWKS URL (fetched as a backend fetches it)"), int(KeySource::JwksUrl));
    m_projectComboBox->setObjectName(QStringLiteral("inspectorProjectComboBox"));
    // Named for itself: its list is read only once the Inspector is first used.
    m_projectComboBox->setAccessibleName(tr("Project to verify with"));
    m_keyFileLineEdit->setObjectName(QStringLiteral("keyFileLineEdit"));
    m_secretLineEdit->setObjectName(QStringLiteral("secretLineEdit"));
    m_keyFileLineEdit->setAccessibleName(tr("Key file"));
    m_secretLineEdit->setAccessibleName(tr("Shared secret"));
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
    m_sourceStack->addWidget(buildJwksPage());
    m_sourceStack->addWidget(page({m_secretLineEdit, m_secretBase64CheckBox}));
    m_sourceStack->addWidget(m_jwksUrlSource);
    // Enter in the URL or Fetch verifies at once; the verdict follows the fetch.
    connect(m_jwksUrlSource, &JwksUrlSource::fetchRequested, this, &InspectorView::verify);
    connect(m_projectComboBox, &QComboBox::currentIndexChanged, this, &InspectorView::updateLocalJwksUrl);
    connect(m_sourceComboBox, &QComboBox::currentIndexChanged, m_sourceStack, &QStackedWidget::setCurrentIndex);
    // The stack as tall as the page shown, not as its tallest page (the URL's rows would push the
    // project's one line apart from the rest of the form).
    auto fitShownPage = [this](int shown) {
        for (int i = 0; i < m_sourceStack->count(); ++i)
            m_sourceStack->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                                    i == shown ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_sourceStack->updateGeometry();
    };
    connect(m_sourceStack, &QStackedWidget::currentChanged, this, fitShownPage);
    fitShownPage(m_sourceStack->currentIndex());
    connect(m_sourceComboBox, &QComboBox::currentIndexChanged, this, [this] {
        const auto source = KeySource(m_sourceComboBox->currentData().toInt());
        m_consumePushButton->setEnabled(source == KeySource::Project);
        // Only a project brings its own issuer and audience; other keys check what is typed here.
        const bool project = source == KeySource::Project;
        m_issuerLineEdit->setPlaceholderText(project ? tr("the project's, or not checked") : tr("not checked"));
        m_audienceLineEdit->setPlaceholderText(project ? tr("the project's; several: a, b")
                                                       : tr("needed when the token has aud; several: a, b"));
        // The local server's URL for the token's project, when there is nothing else to fetch.
        if (source == KeySource::JwksUrl && m_jwksUrlSource->url().isEmpty())
            m_jwksUrlSource->setUrl(m_jwksUrlSource->localServerUrl());
    });
    return m_sourceStack;
}

// A JWKS as a backend fetches it: pasted, or read from a file into the same field.
QWidget* InspectorView::buildJwksPage()
{
    m_jwksTextEdit->setObjectName(QStringLiteral("inspectorJwksTextEdit"));
    m_jwksTextEdit->setAccessibleName(tr("JWK set"));
    m_jwksTextEdit->setAccessibleDescription(tr("Paste a JWK set (public keys only) to verify the token with."));
    m_jwksTextEdit->setPlaceholderText(tr("Paste a JWK set: {\"keys\": [...]}"));
    m_jwksTextEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jwksTextEdit->setMaximumHeight(90);
    auto* open = new QPushButton(tr("Open…"), m_sourceStack);
    open->setObjectName(QStringLiteral("openJwksPushButton"));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("JWKS file"), QString(), tr("JWK sets (*.json *.jwks)"));
        QFile file(path);
        constexpr qint64 kMaxJwksFile = 1 << 20; // what KeyFile reads at most
        if (!path.isEmpty() && file.open(QIODevice::ReadOnly) && file.size() <= kMaxJwksFile)
            m_jwksTextEdit->setPlainText(QString::fromUtf8(file.readAll()));
    });
    auto* page = new QWidget(m_sourceStack);
    auto* layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_jwksTextEdit, 1);
    layout->addWidget(open, 0, Qt::AlignTop);
    return page;
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
QWidget* InspectorView::buildVerdict()
{
    m_verdictLabel->setObjectName(QStringLiteral("verdictLabel"));
    m_checksList->setObjectName(QStringLiteral("checksList"));
    m_checksList->setAccessibleName(tr("Checks"));
    m_checksList->setAccessibleDescription(tr("Each check of the verification, failures first."));
    m_verdictLabel->setWordWrap(true);
    m_verdictLabel->setTextFormat(Qt::PlainText); // the reason may quote a kid or a file's content
    // Long reasons wrap rather than run off the panel at 1024 px.
    m_checksList->setWordWrap(true);
    m_checksList->setTextElideMode(Qt::ElideNone);
    m_countdownLabel->setObjectName(QStringLiteral("countdownLabel"));
    m_warningsLabel->setObjectName(QStringLiteral("warningsLabel"));
    m_warningsLabel->setWordWrap(true);
    setTone(m_warningsLabel, Tone::Warning);
    m_warningsLabel->hide();
    // On a band of its own: a new verdict repaints the band, not the whole Verify group box.
    auto* band = new GroupBoxBand(this);
    auto* verdict = new QVBoxLayout(band);
    verdict->setContentsMargins(0, 0, 0, 0);
    verdict->addWidget(m_verdictLabel);
    verdict->addWidget(m_checksList, 1);
    verdict->addWidget(m_warningsLabel);
    verdict->addWidget(m_countdownLabel);
    return band;
}

void InspectorView::setToken(const QString& token)
{
    // One edit replacing the text, as a paste is: Ctrl+Z brings the previous token back. The view
    // shows the token's start, its header.
    m_tokenEdit->replaceAll(token, TokenEdit::Caret::AtStart);
}

// A thousand projects take a few milliseconds to list: read while the Inspector is hidden and has no
// token, they would only slow the window's start.
void InspectorView::reloadProjects()
{
    m_projectsStale = true;
    if (!isVisible() && m_inspection.token().isEmpty())
        return;
    ensureProjects();
    // What follows the project chosen: the claims in its profile's terms, and the verdict.
    showClaims();
    scheduleVerify();
}

// Quietly: the caller decides what follows (decoding a token suggests a project and verifies anyway).
void InspectorView::ensureProjects()
{
    if (!m_projectsStale)
        return;
    m_projectsStale = false;
    const QSignalBlocker quiet(m_projectComboBox);
    const QString current = m_projectComboBox->currentData().toString();
    m_projectComboBox->clear();
    m_projectByIssuer.clear();
    m_suggestedFor.clear();
    for (const Project& project : m_workspace.projects().list().value_or(QList<Project>())) {
        m_projectComboBox->addItem(UntrustedText::visible(QStringLiteral("%1 (%2)").arg(project.name, project.id)),
                                   project.id);
        m_projectByIssuer.insert(project.issuer, project.id);
    }
    const int index = m_projectComboBox->findData(current);
    if (index >= 0)
        m_projectComboBox->setCurrentIndex(index);
    updateLocalJwksUrl();
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
            // A token signed with an API key's secret names the key (VideoSDK's carry no iss).
            for (const ApiKeyRecord& record : m_workspace.apiKeys().list(id).value_or(QList<ApiKeyRecord>())) {
                if (record.id == kid)
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
    m_inspection = TokenInspection::inspect(m_tokenEdit->toPlainText(), m_clock.now());
    if (!m_inspection.token().isEmpty())
        ensureProjects(); // the token's project is suggested from the list
    m_problemLabel->setText(m_inspection.problems().isEmpty() || m_inspection.token().isEmpty()
                                ? QString()
                                : QStringLiteral("✗ ") + m_inspection.problems().front().describe());
    showWhitespaceFix();
    // A keystroke in the signature leaves the header and the claims as they were: setting them again
    // would lay out and paint both for nothing.
    const QString header = UntrustedText::visible(m_inspection.prettyHeader(), UntrustedText::LineBreaks::Keep);
    if (header != m_shownHeader) {
        m_shownHeader = header;
        m_headerTextEdit->setPlainText(header);
    }
    showClaims();
    // The verdict shown is now for another token: verifying at once replaces it, waiting clears it.
    m_verdictCurrent = false;
    // Claims that do not parse (altered in transit) leave the header's kid to find the project by.
    if (m_inspection.hasClaims() || !m_inspection.keyId().isEmpty())
        suggestProject();
    updateCountdown();
    m_countdownTimer->start();
}

// What the claim means to the provider whose profile the project follows: the provider's word for the
// field it comes from as the meaning, the provider's documentation as its tooltip, and a line per value
// the profile explains ("allow_mod: may toggle other participants' webcam and mic").
void InspectorView::explainForProfile(const Profile& profile, const QString& claim, QStringList& row) const
{
    const JsonValue* value = m_inspection.claims().find(claim.toStdString());
    if (!value)
        return;
    if (const ProfileField* field = profile.fieldForClaim(claim)) {
        row[2] = tr("%1 %2: %3").arg(profile.title, field->name, field->description);
        row[5] = QStringLiteral("%1: “%2”").arg(profile.title, field->words);
        for (const QString& line : explainClaim(profile, claim, *value)) {
            if (line != field->description)
                row.append(line);
        }
        return;
    }
    const JsonValue* issuedAt = m_inspection.claims().find("iat");
    if (claim != QLatin1String("exp") || !value->isInteger() || !issuedAt || !issuedAt->isInteger())
        return;
    for (const ProfileField& field : profile.fields) {
        if (field.target == ProfileFieldTarget::Lifetime)
            row.append(tr("%1 %2 = %3 (exp − iat)")
                           .arg(profile.title, field.name)
                           .arg(value->asInteger() - issuedAt->asInteger()));
    }
}

// The claims as rows (name, value, meaning, note; the whole value as the tooltip; the meaning's tooltip;
// lines that explain the value), rebuilt only when they differ from the rows shown.
void InspectorView::showClaims()
{
    const std::optional<Profile> profile = projectProfile(m_workspace, m_projectComboBox->currentData().toString());
    QList<QStringList> rows;
    for (const ClaimNote& note : m_inspection.claimNotes()) {
        // Long values are shortened in the row, to keep the meaning and note columns in view (and a
        // long value from being laid out on every paste); the whole value is in the tooltip.
        constexpr qsizetype kShown = 80;
        const QString shown = note.value.size() > kShown ? note.value.left(kShown) + QStringLiteral("…") : note.value;
        // Names and values are the token's: control and bidi characters show as escapes.
        QStringList row{UntrustedText::visible(note.name), UntrustedText::visible(shown), note.meaning,
                        UntrustedText::visible(note.note),
                        shown.size() != note.value.size() ? note.value.left(4000) : QString()};
        // NumericDates also in local time, beside the UTC one (unless local time is UTC).
        const JsonValue* value = m_inspection.claims().find(note.name.toStdString());
        if (value && value->isNumber() && !note.note.isEmpty() && note.note.contains(QLatin1String("UTC"))) {
            const QDateTime local = QDateTime::fromSecsSinceEpoch(Duration::toSeconds(value->asNumber()));
            if (local.offsetFromUtc() != 0)
                row[3] = note.note + QStringLiteral(" · ") + local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
        }
        row.append(QString());
        if (profile)
            explainForProfile(*profile, note.name, row);
        rows.append(row);
    }
    if (!m_inspection.rawPayload().isEmpty())
        rows.append({tr("(payload)"), UntrustedText::visible(QString::fromUtf8(m_inspection.rawPayload())),
                     tr("not a JSON object"), QString(), QString(), QString()});
    if (rows == m_shownClaims)
        return;
    // A new token of the same shape (the same claims, each with as many explanations) changes the cells
    // that differ and nothing else: rebuilding the items lays out, measures and paints every row again.
    if (!updateClaimsInPlace(rows))
        rebuildClaims(rows);
    m_shownClaims = rows;
}

// Rows: name, value, meaning, note, the whole value (the value's tooltip, made visible only when set:
// most pastes leave it as it was), the meaning's tooltip, then explanation lines.
void InspectorView::rebuildClaims(const QList<QStringList>& rows)
{
    m_claimsTree->clear();
    for (const QStringList& row : rows) {
        auto* item = new QTreeWidgetItem(row.mid(0, 4));
        if (!row[4].isEmpty())
            item->setToolTip(1, UntrustedText::visible(row[4]));
        if (!row[5].isEmpty())
            item->setToolTip(2, row[5]);
        for (const QString& line : row.mid(6))
            new QTreeWidgetItem(item, {QString(), QString(), line});
        m_claimsTree->addTopLevelItem(item);
    }
    m_claimsTree->expandAll();
    for (int column = 0; column < 3; ++column)
        m_claimsTree->resizeColumnToContents(column);
}

bool InspectorView::updateClaimsInPlace(const QList<QStringList>& rows)
{
    if (rows.size() != m_shownClaims.size() || m_claimsTree->topLevelItemCount() != rows.size())
        return false;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != m_shownClaims[i].size())
            return false;
    }
    const QAbstractItemModel* model = m_claimsTree->model();
    ColumnFit fit[3];
    auto setCell = [&](QTreeWidgetItem* item, const QModelIndex& index, const QString& text) {
        const int column = index.column();
        if (column < 3)
            fit[column].before = std::max(fit[column].before, m_claimsTree->sizeHintForIndex(index).width());
        item->setText(column, text);
        if (column < 3)
            fit[column].after = std::max(fit[column].after, m_claimsTree->sizeHintForIndex(index).width());
    };
    for (int i = 0; i < int(rows.size()); ++i) {
        const QStringList& row = rows[i];
        const QStringList& shown = m_shownClaims[i];
        QTreeWidgetItem* item = m_claimsTree->topLevelItem(i);
        for (int column = 0; column < 4; ++column) {
            if (row[column] != shown[column])
                setCell(item, model->index(i, column), row[column]);
        }
        if (row[4] != shown[4])
            item->setToolTip(1, UntrustedText::visible(row[4]));
        if (row[5] != shown[5])
            item->setToolTip(2, row[5]);
        for (int line = 6; line < int(row.size()); ++line) {
            if (row[line] != shown[line])
                setCell(item->child(line - 6), model->index(line - 6, 2, model->index(i, 0)), row[line]);
        }
    }
    for (int column = 0; column < 3; ++column)
        fitColumn(column, fit[column]);
    return true;
}

// The column as wide as its widest cell, as resizeColumnToContents makes it, measuring only the cells
// that changed: measuring every row is most of the cost of showing a new token's claims. A widest cell
// that narrows a little leaves the column as it is, so that the columns do not jitter while a value
// is typed (and the whole tree is not laid out and painted again for it).
void InspectorView::fitColumn(int column, const ColumnFit& fit)
{
    const int width = m_claimsTree->columnWidth(column);
    if (fit.after > width)
        m_claimsTree->setColumnWidth(column, fit.after); // the other cells are no wider than it was
    else if (fit.before >= width * kColumnSlack && fit.after < width * kColumnSlack)
        m_claimsTree->resizeColumnToContents(column); // it may have held the column: which is widest now?
}

void InspectorView::clearVerdict()
{
    m_verdictLabel->clear();
    m_checksList->clear();
    m_warningsLabel->hide();
}

// The fix is offered only for whitespace inside the token; its note stays until the token changes.
void InspectorView::showWhitespaceFix()
{
    m_removeWhitespacePushButton->setVisible(TokenInspection::whitespaceAt(m_inspection.token()).has_value());
    m_whitespaceNoteLabel->clear();
    m_whitespaceNoteLabel->hide();
}

void InspectorView::removeWhitespace()
{
    const QString token = m_inspection.token();
    if (!TokenInspection::whitespaceAt(token))
        return;
    const QString removed = describeWhitespace(token);
    m_tokenEdit->replaceAll(TokenInspection::withoutWhitespace(token)); // one edit: Ctrl+Z undoes it
    m_whitespaceNoteLabel->setText(tr("Removed %1 from inside the token (Ctrl+Z puts them back).").arg(removed));
    m_whitespaceNoteLabel->show();
}

void InspectorView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_inspection.token().isEmpty())
        QMetaObject::invokeMethod(this, &InspectorView::verify, Qt::QueuedConnection);
}

void InspectorView::scheduleVerify()
{
    if (m_inspection.token().isEmpty()) {
        m_verifyTimer->stop();
        clearVerdict();
        return;
    }
    if (!m_sinceVerify.isValid() || m_sinceVerify.elapsed() >= kVerifyInterval.count()) {
        verify();
        return;
    }
    // No verdict of an earlier token stays up while this one waits for its turn.
    if (!m_verdictCurrent)
        clearVerdict();
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
    m_jwksUrlSource->cancel(); // a fetch still under way answers a verification that is no longer current
    m_sinceVerify.start();
    m_verdictAt = m_clock.now();
    m_verdictCurrent = true;
    if (m_inspection.token().isEmpty())
        return clearVerdict();
    const auto options = verifyOptions();
    if (!options)
        return showRefusal(options.error().message);
    const std::string token = m_inspection.token().toStdString();
    switch (KeySource(m_sourceComboBox->currentData().toInt())) {
    case KeySource::Project:
        return verifyWithProject(token, *options, consumption);
    case KeySource::File:
        return verifyWithKeyFile(token, *options);
    case KeySource::Jwks:
        return verifyWithJwks(token, *options);
    case KeySource::Secret:
        return verifyWithSecret(token, *options);
    case KeySource::JwksUrl:
        return verifyWithJwksUrl(token, *options);
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
    showVerdict(result->report, result->ledger, result->isAccepted() ? Acceptance::Accepted : Acceptance::Refused);
}

void InspectorView::verifyWithKeyFile(const std::string& token, const VerifyOptions& options)
{
    auto loaded = KeyFile::loadFile(m_keyFileLineEdit->text().trimmed());
    if (!loaded)
        return showRefusal(tr("✗ %1").arg(loaded.error().message));
    verifyWithKeys(token, std::move(loaded->keys), options);
}

// What a backend would fetch: a JWK set of public keys. One with private members or a symmetric key
// is refused with the core's reason (KeyFile::checkPublicSet), as the CLI's --jwks refuses it.
void InspectorView::verifyWithJwks(const std::string& token, const VerifyOptions& options)
{
    QByteArray text = m_jwksTextEdit->toPlainText().toUtf8();
    if (text.trimmed().isEmpty())
        return showRefusal(tr("Paste a JWK set ({\"keys\": [...]}) or open a JWKS file."));
    auto loaded = KeyFile::load(text);
    Crypto::wipe(text);
    if (!loaded)
        return showRefusal(tr("✗ %1").arg(loaded.error().message));
    if (loaded->format != KeyFile::Format::JwkSet)
        return showRefusal(tr("✗ expected a JWK set ({\"keys\": [...]}), found %1").arg(loaded->origin));
    if (auto publicOnly = KeyFile::checkPublicSet(*loaded); !publicOnly)
        return showRefusal(tr("✗ %1").arg(publicOnly.error().message));
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

// Keys fetched as a backend fetches them. The verdict waits for the fetch without blocking the GUI; a
// newer verification (another token, option or key source) drops the answer of this one.
void InspectorView::verifyWithJwksUrl(const std::string& token, const VerifyOptions& options)
{
    const QString kid = m_inspection.keyId();
    const bool started = m_jwksUrlSource->fetch(kid, [this, token, options, kid](const Result<RemoteKeySet>& fetched) {
        if (!fetched)
            return showRefusal(tr("✗ %1").arg(fetched.error().message));
        auto verifier = TokenVerifier::create(*fetched->keys, options, m_clock);
        if (!verifier)
            return showRefusal(tr("✗ %1").arg(verifier.error().message));
        VerificationReport report = verifier->verify(std::string_view(token));
        if (!kid.isEmpty() && fetched->kidLookup != KidLookup::Found)
            report.explainFailure(CheckId::Key, fetched->missingKidReason(kid));
        showVerdict(report, std::nullopt, report.isValid() ? Acceptance::Accepted : Acceptance::Refused);
    });
    if (!started)
        return showRefusal(tr("Enter the JWKS URL to verify with, then press Enter or Fetch."));
    if (m_jwksUrlSource->isFetching())
        showRefusal(tr("Fetching the JWKS …"));
}

void InspectorView::setServerBaseUrl(const QString& baseUrl)
{
    m_serverBaseUrl = baseUrl;
    updateLocalJwksUrl();
}

void InspectorView::updateLocalJwksUrl()
{
    const QString projectId = m_projectComboBox->currentData().toString();
    m_jwksUrlSource->setLocalServerUrl(m_serverBaseUrl.isEmpty() || projectId.isEmpty()
                                           ? QString()
                                           : m_serverBaseUrl + QStringLiteral("/p/") + projectId +
                                                 QStringLiteral("/.well-known/jwks.json"));
}

void InspectorView::verifyWithKeys(const std::string& token, JwkSet keys, const VerifyOptions& options)
{
    auto verifier = TokenVerifier::create(std::move(keys), options, m_clock);
    if (!verifier)
        return showRefusal(tr("✗ %1").arg(verifier.error().message));
    const VerificationReport report = verifier->verify(std::string_view(token));
    showVerdict(report, std::nullopt, report.isValid() ? Acceptance::Accepted : Acceptance::Refused);
}

// Why there is no verdict: said in the verdict line, with no checks left from an earlier token.
void InspectorView::showRefusal(const QString& why)
{
    showHeadline(UntrustedText::visible(why), std::nullopt);
    m_checksList->clear();
    m_warningsLabel->hide();
}

void InspectorView::showVerdict(const VerificationReport& report, const std::optional<Check>& ledger,
                                Acceptance acceptance)
{
    if (acceptance == Acceptance::Accepted)
        showHeadline(tr("✓ VALID"), Tone::Success);
    else
        showHeadline(tr("✗ INVALID"), Tone::Error);
    const QColor red = toneColor(Tone::Error), green = toneColor(Tone::Success),
                 grey = palette().color(QPalette::PlaceholderText), text = palette().color(QPalette::Text);
    QList<std::pair<QString, QColor>> lines;
    auto add = [&lines](Outcome outcome, const QString& message, const QColor& colour) {
        const QString mark = outcome == Outcome::Failed   ? QStringLiteral("✗")
                             : outcome == Outcome::Passed ? QStringLiteral("✓")
                                                          : QStringLiteral("–");
        lines.append({mark + QLatin1Char(' ') + UntrustedText::visible(message), colour});
    };
    // The ledger's one-time line, apart from the token's checks: first when it refuses the token, else
    // after the failures, where a note such as "used at …" is not missed.
    auto addLedger = [&] {
        add(ledger->outcome, checkName(ledger->id) + QStringLiteral(": ") + ledger->reason,
            ledger->outcome == Outcome::Failed   ? red
            : ledger->outcome == Outcome::Passed ? green
                                                 : text);
    };
    if (ledger && ledger->outcome == Outcome::Failed)
        addLedger();
    // Failures first: they are what the reader is looking for.
    for (Outcome wanted : {Outcome::Failed, Outcome::Passed, Outcome::Skipped}) {
        if (wanted == Outcome::Passed && ledger && ledger->outcome != Outcome::Failed)
            addLedger();
        for (const Check& check : report.checks()) {
            if (check.outcome == wanted)
                add(wanted, report.message(check),
                    wanted == Outcome::Failed   ? red
                    : wanted == Outcome::Passed ? green
                                                : grey);
        }
    }
    showChecks(lines);
    // Security warnings apart from the checks: they do not decide the verdict, they inform it.
    QStringList warnings;
    for (const TokenWarning& warning : report.warnings())
        warnings.append(QStringLiteral("⚠ ") + UntrustedText::visible(warning.describe()));
    m_warningsLabel->setText(warnings.join(QLatin1Char('\n')));
    m_warningsLabel->setVisible(!warnings.isEmpty());
}

// The verdict line: a verdict bold in its tone, a reason why there is none in the text's colour. Plain
// text with a bold font rather than rich text: a word-wrapped rich label lays out a text document at
// every size hint, a third of painting a new verdict.
void InspectorView::showHeadline(const QString& text, std::optional<Tone> tone)
{
    if (tone != m_headlineTone) {
        m_headlineTone = tone;
        QFont bold = m_verdictLabel->font();
        bold.setBold(tone.has_value());
        m_verdictLabel->setFont(bold);
        if (tone)
            setTone(m_verdictLabel, *tone);
        else
            clearTone(m_verdictLabel);
    }
    m_verdictLabel->setText(text);
}

// The checks, each in its colour. The same checks again (a keystroke that leaves the verdict as it was)
// keep their items: rebuilding a word-wrapped list lays out and paints every row again.
void InspectorView::showChecks(const QList<std::pair<QString, QColor>>& lines)
{
    bool same = m_checksList->count() == lines.size();
    for (int i = 0; same && i < lines.size(); ++i) {
        const QListWidgetItem* item = m_checksList->item(i);
        same = item->text() == lines[i].first && item->foreground().color() == lines[i].second;
    }
    if (same)
        return;
    m_checksList->clear();
    for (const auto& [line, colour] : lines)
        (new QListWidgetItem(line, m_checksList))->setForeground(colour);
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

void InspectorView::showEvent(QShowEvent* event)
{
    ensureProjects();
    QWidget::showEvent(event);
}

void InspectorView::dropEvent(QDropEvent* event)
{
    setToken(event->mimeData()->text());
    event->acceptProposedAction();
}

} // namespace Signet
