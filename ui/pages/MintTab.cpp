#include "pages/MintTab.h"

#include "AppSettings.h"
#include "ClipboardGuard.h"
#include "Failure.h"
#include "Theme.h"
#include "UntrustedText.h"
#include "foundation/Duration.h"
#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "models/ModelSupport.h"
#include "profiles/ProfileCatalog.h"
#include "widgets/DurationEdit.h"
#include "widgets/JsonHighlighter.h"
#include "widgets/ProfileFieldsForm.h"
#include "widgets/TokenSegments.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/TokenRules.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceBusy.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Signet {

namespace {
const QString kActiveKey = QStringLiteral("active");

QString coloured(const std::string& token)
{
    QStringList parts = QString::fromStdString(token).split(QLatin1Char('.'));
    for (int i = 0; i < parts.size() && i < 3; ++i)
        parts[i] = QStringLiteral("<span style='color:%1'>%2</span>")
                       .arg(TokenSegments::segmentColor(i).name(), parts[i].toHtmlEscaped());
    return QStringLiteral("<div style='font-family:monospace'>%1</div>").arg(parts.join(QStringLiteral(".")));
}
} // namespace

MintTab::MintTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_settings(settings)
    , m_clipboard(new ClipboardGuard(this))
    , m_profileForm(new ProfileFieldsForm(this))
    , m_sourceComboBox(new QComboBox(this))
    , m_subjectLineEdit(new QLineEdit(this))
    , m_audienceLineEdit(new QLineEdit(this))
    , m_scopesList(new QListWidget(this))
    , m_lifetimeEdit(new DurationEdit(QStringLiteral("lifetime"), 1, this))
    , m_notBeforeCheckBox(new QCheckBox(tr("Not before, after a delay of"), this))
    , m_notBeforeEdit(new DurationEdit(QStringLiteral("notBefore"), 1, this))
    , m_oneTimeCheckBox(new QCheckBox(tr("One-time token (can be consumed once)"), this))
    , m_claimsTextEdit(new QPlainTextEdit(this))
    , m_problemLabel(new QLabel(this))
    , m_previewTextEdit(new QPlainTextEdit(this))
    , m_mintPushButton(new QPushButton(tr("Mint token"), this))
    , m_resultBrowser(new QTextBrowser(this))
    , m_countdownLabel(new QLabel(this))
    , m_countdownTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mintTab"));
    setUpFields();
    // The token beside the request that makes it, so that both stay in view in a 1024×700 window.
    auto* output = new QVBoxLayout;
    output->addWidget(buildPreview(), 1);
    output->addWidget(buildResult());
    auto* top = new QHBoxLayout;
    top->addLayout(buildRequestForm(), 1);
    top->addLayout(output, 1);
    createPageLayout()->addLayout(top, 1);
    connectSignals();
}

void MintTab::setUpFields()
{
    m_sourceComboBox->setObjectName(QStringLiteral("mintSourceComboBox"));
    m_subjectLineEdit->setObjectName(QStringLiteral("mintSubjectLineEdit"));
    m_audienceLineEdit->setObjectName(QStringLiteral("mintAudienceLineEdit"));
    m_scopesList->setObjectName(QStringLiteral("mintScopesList"));
    m_scopesList->setAccessibleName(tr("Scopes"));
    m_scopesList->setSpacing(1); // check boxes a row apart, not sharing an edge
    m_scopesList->setAccessibleDescription(tr("Checked scopes go into the token's scope claim."));
    m_lifetimeEdit->setAccessibleLabel(tr("Lifetime"));
    m_notBeforeEdit->setAccessibleLabel(tr("Not before, delay"));
    m_oneTimeCheckBox->setObjectName(QStringLiteral("mintOneTimeCheckBox"));
    m_notBeforeCheckBox->setObjectName(QStringLiteral("mintNotBeforeCheckBox"));
    m_claimsTextEdit->setObjectName(QStringLiteral("mintClaimsTextEdit"));
    m_problemLabel->setObjectName(QStringLiteral("mintProblemLabel"));
    m_previewTextEdit->setObjectName(QStringLiteral("mintPreviewTextEdit"));
    m_mintPushButton->setObjectName(QStringLiteral("mintPushButton"));
    m_resultBrowser->setObjectName(QStringLiteral("mintResultBrowser"));
    m_countdownLabel->setObjectName(QStringLiteral("mintCountdownLabel"));
    // An example, not a default (the audience field's grey text is the default it takes): no sub unless typed.
    m_subjectLineEdit->setPlaceholderText(tr("none; e.g. user-1"));
    m_claimsTextEdit->setPlaceholderText(tr("{\"tenant\": \"acme\"}"));
    m_claimsTextEdit->setFont(fixedFont());
    m_claimsTextEdit->setMaximumHeight(80);
    new JsonHighlighter(m_claimsTextEdit->document());
    m_previewTextEdit->setReadOnly(true);
    // A long kid or issuer wraps rather than hiding behind a sideways scroll bar in a small window, and
    // fills the line first (at a word boundary, "kid": stood alone above its value).
    m_previewTextEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    m_previewTextEdit->setMinimumWidth(m_previewTextEdit->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 30);
    m_previewTextEdit->setFont(fixedFont());
    new JsonHighlighter(m_previewTextEdit->document());
    m_problemLabel->setWordWrap(true);
    setTone(m_problemLabel, Tone::Error);
    m_notBeforeEdit->setEnabled(false);
    m_resultBrowser->setMaximumHeight(112);
    m_resultBrowser->setPlaceholderText(tr("The token shows here once it is minted and recorded in the ledger."));
    m_lifetimeEdit->setSeconds(15 * 60);
    m_notBeforeEdit->setSeconds(60);
    m_countdownTimer->setInterval(1000);
}

QLayout* MintTab::buildRequestForm()
{
    auto* notBefore = new QHBoxLayout;
    notBefore->addWidget(m_notBeforeCheckBox);
    notBefore->addWidget(m_notBeforeEdit);
    notBefore->addStretch();
    auto* form = m_form = new QFormLayout;
    form->addRow(tr("Signed with"), m_sourceComboBox);
    form->addRow(m_profileForm);
    form->addRow(tr("Subject (sub)"), m_subjectLineEdit);
    form->addRow(tr("Audience (aud)"), m_audienceLineEdit);
    form->addRow(tr("Scopes"), m_scopesList);
    m_lifetimeRow = buildLifetimeRow();
    form->addRow(tr("Lifetime"), m_lifetimeRow);
    form->addRow(QString(), notBefore);
    form->addRow(QString(), m_oneTimeCheckBox);
    form->addRow(tr("Extra claims"), m_claimsTextEdit);
    auto* column = new QVBoxLayout;
    column->addLayout(form);
    column->addWidget(m_problemLabel);
    column->addWidget(m_mintPushButton, 0, Qt::AlignLeft);
    // Room to spare goes below the button, not between the rows (a profile hides some of them): a
    // stretch factor, or the expanding claims field pulls the form's rows apart.
    column->addStretch(1);
    return column;
}

// The lifetime field, and under it a button per common lifetime (beside it, they made the form too
// wide for the preview to keep its width in a small window).
QLayout* MintTab::buildLifetimeRow()
{
    auto* field = new QHBoxLayout;
    field->addWidget(m_lifetimeEdit);
    field->addStretch();
    auto* row = new QHBoxLayout;
    for (const auto& [label, seconds] : {std::pair{tr("30 s"), 30},
                                         {tr("2 min"), 120},
                                         {tr("15 min"), 900},
                                         {tr("1 h"), 3600},
                                         {tr("1 day"), 86400}}) {
        auto* preset = new QPushButton(label, this);
        preset->setObjectName(QStringLiteral("preset%1PushButton").arg(seconds));
        preset->setAccessibleName(tr("Lifetime %1").arg(label));
        // As wide as the label: a row of small buttons, not of wide ones.
        preset->setMinimumWidth(preset->fontMetrics().horizontalAdvance(label) + 16);
        preset->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
        connect(preset, &QPushButton::clicked, this,
                [this, seconds = seconds] { m_lifetimeEdit->setSeconds(seconds); });
        row->addWidget(preset);
    }
    row->addStretch();
    auto* rows = new QVBoxLayout;
    rows->addLayout(field);
    rows->addLayout(row);
    return rows;
}

QWidget* MintTab::buildPreview()
{
    auto* preview = new QGroupBox(tr("Preview"), this);
    (new QVBoxLayout(preview))->addWidget(m_previewTextEdit);
    return preview;
}

// The minted token, the buttons that copy or open it, and its countdown.
QWidget* MintTab::buildResult()
{
    auto* result = new QGroupBox(tr("Minted token"), this);
    auto* resultLayout = new QVBoxLayout(result);
    resultLayout->addWidget(m_resultBrowser);
    // Two buttons a row: the column is narrow in a small window.
    auto* resultButtons = new QGridLayout;
    const std::pair<QString, QString> buttons[] = {
        {tr("Copy"), QStringLiteral("mintCopyTokenPushButton")},
        {tr("Copy as Authorization: Bearer"), QStringLiteral("copyBearerPushButton")},
        {tr("Copy as curl"), QStringLiteral("copyCurlPushButton")},
        {tr("Open in Inspector"), QStringLiteral("mintOpenInInspectorPushButton")}};
    for (const auto& [text, name] : buttons) {
        auto* button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setEnabled(false);
        resultButtons->addWidget(button, int(m_resultButtons.size()) / 2, int(m_resultButtons.size()) % 2);
        m_resultButtons.append(button);
    }
    resultLayout->addLayout(resultButtons);
    resultLayout->addWidget(m_countdownLabel);
    return result;
}

void MintTab::connectSignals()
{
    connectResultButtons();
    connect(m_mintPushButton, &QPushButton::clicked, this, &MintTab::mint);
    connect(m_notBeforeCheckBox, &QCheckBox::toggled, m_notBeforeEdit, &QWidget::setEnabled);
    // Every field of the request changes the preview.
    for (QLineEdit* edit : {m_subjectLineEdit, m_audienceLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &MintTab::updatePreview);
    connect(m_claimsTextEdit, &QPlainTextEdit::textChanged, this, &MintTab::updatePreview);
    connect(m_scopesList, &QListWidget::itemChanged, this, &MintTab::updatePreview);
    connect(m_sourceComboBox, &QComboBox::currentIndexChanged, this, &MintTab::updatePreview);
    connect(m_lifetimeEdit, &DurationEdit::secondsChanged, this, &MintTab::updatePreview);
    connect(m_notBeforeEdit, &DurationEdit::secondsChanged, this, &MintTab::updatePreview);
    connect(m_notBeforeCheckBox, &QCheckBox::toggled, this, &MintTab::updatePreview);
    connect(m_oneTimeCheckBox, &QCheckBox::toggled, this, &MintTab::updatePreview);
    connect(m_profileForm, &ProfileFieldsForm::edited, this, &MintTab::updatePreview);
    connect(m_sourceComboBox, &QComboBox::currentIndexChanged, this, &MintTab::showApiKeyId);
    connect(&m_workspace.keys(), &KeyService::keysChanged, this, &MintTab::reloadSources);
    connect(&m_workspace.apiKeys(), &ApiKeyService::apiKeysChanged, this, &MintTab::reloadSources);
    connect(m_countdownTimer, &QTimer::timeout, this, &MintTab::updateCountdown);
}

void MintTab::connectResultButtons()
{
    connect(m_resultButtons[0], &QPushButton::clicked, this,
            [this] { copy(QString::fromStdString(m_token), tr("the token")); });
    connect(m_resultButtons[1], &QPushButton::clicked, this, [this] {
        copy(QStringLiteral("Authorization: Bearer ") + QString::fromStdString(m_token),
             tr("the Authorization header"));
    });
    connect(m_resultButtons[2], &QPushButton::clicked, this, [this] {
        copy(QStringLiteral("curl -H 'Authorization: Bearer %1' %2").arg(QString::fromStdString(m_token), curlTarget()),
             tr("a curl command"));
    });
    connect(m_resultButtons[3], &QPushButton::clicked, this,
            [this] { Q_EMIT inspectTokenRequested(QString::fromStdString(m_token)); });
}

void MintTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    m_scopesList->clear();
    auto project = m_workspace.projects().get(projectId);
    if (project) {
        m_lifetimeEdit->setSeconds(project->defaultTtl);
        applyProfile(*project);
    }
    refresh();
}

void MintTab::refresh()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (project) {
        m_maxTtl = project->maxTtl;
        m_audienceLineEdit->setPlaceholderText(project->audience);
        reloadScopes(project->scopes);
    }
    reloadSources();
}

void MintTab::applyProfile(const Project& project)
{
    m_profile.reset();
    m_unknownProfile.clear();
    if (!project.profile.isEmpty()) {
        if (const auto found = m_workspace.projects().followedProfile(project))
            m_profile = *found;
        else
            m_unknownProfile = project.profile;
    }
    m_profileForm->setProfile(m_profile);
    // What the provider's tokens do not carry is not asked for; the profile's own fields say the rest.
    const bool subject = !m_profile || m_profile->subject;
    const bool audience = !m_profile || m_profile->audience;
    const bool lifetime = !m_profileForm->hasField(ProfileFieldTarget::Lifetime);
    const bool oneTime = !m_profileForm->hasField(ProfileFieldTarget::OneTime);
    m_form->setRowVisible(m_subjectLineEdit, subject);
    m_form->setRowVisible(m_audienceLineEdit, audience);
    m_form->setRowVisible(m_lifetimeRow, lifetime);
    m_form->setRowVisible(m_scopesList, !m_profile || !project.scopes.isEmpty());
    m_form->setRowVisible(m_oneTimeCheckBox, oneTime);
    if (!subject)
        m_subjectLineEdit->clear();
    if (!audience)
        m_audienceLineEdit->clear();
    m_oneTimeCheckBox->setChecked(m_profile && m_profile->oneTime);
    m_sourceComboBox->clear(); // the sources the profile signs with (reloadSources)
}

// The project's scope catalogue, keeping the scopes already ticked.
void MintTab::reloadScopes(const QList<Scope>& scopes)
{
    QStringList ticked;
    for (int i = 0; i < m_scopesList->count(); ++i) {
        if (m_scopesList->item(i)->checkState() == Qt::Checked)
            ticked.append(m_scopesList->item(i)->data(Qt::UserRole).toString());
    }
    const QSignalBlocker blocker(m_scopesList);
    m_scopesList->clear();
    for (const Scope& scope : scopes) {
        auto* item = new QListWidgetItem(
            scope.description.isEmpty() ? scope.name : QStringLiteral("%1 — %2").arg(scope.name, scope.description),
            m_scopesList);
        item->setData(Qt::UserRole, scope.name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(scope.name) ? Qt::Checked : Qt::Unchecked);
    }
    // As tall as its scopes, up to four rows (then it scrolls): the rows below stay in a small window.
    const int rows = std::clamp(int(m_scopesList->count()), 1, 4);
    const int rowHeight =
        m_scopesList->count() > 0 ? m_scopesList->sizeHintForRow(0) : m_scopesList->fontMetrics().height() + 4;
    m_scopesList->setFixedHeight(rows * (rowHeight + 2 * m_scopesList->spacing()) + 2 * m_scopesList->frameWidth() + 2);
}

void MintTab::reloadSources()
{
    const QString current = m_sourceComboBox->currentData().toString();
    const QSignalBlocker blocker(m_sourceComboBox);
    m_sourceComboBox->clear();
    // A profile signs one way: with the project's active key, or with an API key's secret (VideoSDK).
    const bool projectKey = !m_profile || m_profile->signer == ProfileSigner::ProjectKey;
    const bool apiKey = !m_profile || m_profile->signer == ProfileSigner::ApiKeySecret;
    for (const SigningKeyRecord& key : m_workspace.keys().list(m_projectId).value_or(QList<SigningKeyRecord>())) {
        if (key.state == KeyState::Active && projectKey)
            m_sourceComboBox->addItem(
                tr("Active key %1 (%2)").arg(ModelSupport::shortId(key.kid), algorithmQName(key.algorithm)),
                kActiveKey);
    }
    for (const ApiKeyRecord& key : m_workspace.apiKeys().list(m_projectId).value_or(QList<ApiKeyRecord>())) {
        if (!key.isUsable(m_clock.now()) || !apiKey)
            continue;
        // Short enough for a 1024 px window ("… — HS25" was all it showed); the whole id in the tooltip.
        m_sourceComboBox->addItem(
            tr("API key %1 (%2, HS256)").arg(UntrustedText::visible(key.name), ModelSupport::shortId(key.id)), key.id);
        m_sourceComboBox->setItemData(m_sourceComboBox->count() - 1, key.id, Qt::ToolTipRole);
    }
    const int index = m_sourceComboBox->findData(current);
    if (index >= 0)
        m_sourceComboBox->setCurrentIndex(index);
    showApiKeyId();
    updatePreview();
}

void MintTab::showApiKeyId()
{
    const QString source = m_sourceComboBox->currentData().toString();
    m_profileForm->setApiKeyId(source == kActiveKey ? QString() : source);
}

Result<MintRequest> MintTab::request() const
{
    MintRequest request;
    request.projectId = m_projectId;
    if (!m_unknownProfile.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    tr("This project follows the profile '%1', which this console does not know; mint its "
                       "tokens with signet-cli token mint --profiles FOLDER.")
                        .arg(m_unknownProfile));
    if (m_sourceComboBox->count() == 0 && m_profile && m_profile->signer == ProfileSigner::ApiKeySecret)
        return fail(ErrorCode::InvalidArgument, tr("%1 tokens are signed with an API key's secret: create or import "
                                                   "an API key (API keys tab) first.")
                                                    .arg(m_profile->title));
    if (m_sourceComboBox->count() == 0 && m_profile)
        return fail(ErrorCode::InvalidArgument, tr("%1 tokens are signed with the project's active %2 key: "
                                                   "generate one first.")
                                                    .arg(m_profile->title, algorithmQName(m_profile->algorithm)));
    if (m_sourceComboBox->count() == 0)
        return fail(ErrorCode::InvalidArgument,
                    tr("Nothing to sign with: generate a signing key or create an API key first."));
    if (m_sourceComboBox->currentData().toString() != kActiveKey)
        request.apiKeyId = m_sourceComboBox->currentData().toString();
    request.subject = m_subjectLineEdit->text().trimmed();
    for (const QString& aud : m_audienceLineEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        request.audience.append(aud.trimmed());
    for (int i = 0; i < m_scopesList->count(); ++i) {
        if (m_scopesList->item(i)->checkState() == Qt::Checked)
            request.scopes.append(m_scopesList->item(i)->data(Qt::UserRole).toString());
    }
    if (m_form->isRowVisible(m_lifetimeRow))
        request.lifetime = m_lifetimeEdit->seconds(); // else the profile's lifetime field says
    if (request.lifetime && m_maxTtl > 0 && *request.lifetime > m_maxTtl)
        return fail(ErrorCode::InvalidArgument,
                    tr("The lifetime is over the project's maximum of %1.").arg(Duration::formatSpan(m_maxTtl)));
    if (m_notBeforeCheckBox->isChecked())
        request.notBeforeDelay = m_notBeforeEdit->seconds();
    request.oneTime = m_oneTimeCheckBox->isChecked();
    const QByteArray claims = m_claimsTextEdit->toPlainText().trimmed().toUtf8();
    if (!claims.isEmpty()) {
        auto parsed = StrictJson::parseObject(std::string_view(claims.constData(), std::size_t(claims.size())));
        if (!parsed)
            return fail(ErrorCode::InvalidInput, tr("Extra claims: %1").arg(parsed.error().describe()));
        for (const auto& [name, value] : parsed->members()) {
            if (const auto reserved = reservedClaim(name))
                return fail(ErrorCode::InvalidArgument, reservedClaimProblem(QString::fromStdString(name), *reserved));
        }
        request.extraClaims = std::move(*parsed);
    }
    if (m_profile) {
        if (auto shaped = shapeForProfile(request); !shaped)
            return std::unexpected(shaped.error());
    }
    return request;
}

// The profile's fields, rules and registered claims on the request, as `token mint` applies them.
Status MintTab::shapeForProfile(MintRequest& request) const
{
    if (const QString problem = m_profileForm->problem(); !problem.isEmpty())
        return fail(ErrorCode::InvalidArgument, problem);
    // Without a one-time field, the check box is the CLI's --one-time (ticked by the profile's default).
    const bool oneTimeFlag = m_form->isRowVisible(m_oneTimeCheckBox) && m_oneTimeCheckBox->isChecked();
    request.oneTime = false;
    return shapeMintRequest(m_workspace, *m_profile, m_profileForm->inputs(), oneTimeFlag, request);
}

// Why an extra claim may not be set by hand, and where its value comes from instead.
QString MintTab::reservedClaimProblem(const QString& name, ReservedClaim claim)
{
    QString source;
    switch (claim) {
    case ReservedClaim::Issuer:
        source = tr("the project's issuer (Settings)");
        break;
    case ReservedClaim::Subject:
        source = tr("the Subject field");
        break;
    case ReservedClaim::Audience:
        source = tr("the Audience field");
        break;
    case ReservedClaim::Expiry:
        source = tr("the Lifetime");
        break;
    case ReservedClaim::NotBefore:
        source = tr("the Not before delay");
        break;
    case ReservedClaim::IssuedAt:
        source = tr("the time of minting");
        break;
    case ReservedClaim::TokenId:
        source = tr("the ledger, which gives each token its own id");
        break;
    case ReservedClaim::Scope:
        source = tr("the Scopes list");
        break;
    case ReservedClaim::ApiKey:
        source = tr("the API key chosen under Signed with");
        break;
    }
    return tr("Extra claims: \"%1\" is set by Signet from %2; remove it here.").arg(name, source);
}

void MintTab::updatePreview()
{
    const auto req = request();
    m_problemLabel->setText(req ? QString() : req.error().message);
    m_mintPushButton->setEnabled(req.has_value() && !m_recording.isRunning());
    auto project = m_workspace.projects().get(m_projectId);
    if (!req || !project) {
        m_previewTextEdit->clear();
        return;
    }
    // What TokenService will write, with placeholders for the values fixed at minting.
    JsonValue claims = JsonValue::object();
    const QString issuer = req->issuer.value_or(project->issuer); // a profile may leave it out
    if (!issuer.isEmpty())
        claims.set("iss", JsonValue::string(issuer.toStdString()));
    if (!req->subject.isEmpty())
        claims.set("sub", JsonValue::string(req->subject.toStdString()));
    const QStringList audience = req->audience.isEmpty() ? QStringList{project->audience} : req->audience;
    JsonValue::Array aud;
    for (const QString& a : audience)
        aud.push_back(JsonValue::string(a.toStdString()));
    if (!req->withoutAudience)
        claims.set("aud", aud.size() == 1 ? aud.front() : JsonValue::array(aud));
    claims.set("iat", JsonValue::string("(now)"));
    if (req->notBeforeDelay)
        claims.set("nbf",
                   JsonValue::string(
                       QStringLiteral("(now + %1)").arg(Duration::formatSpan(*req->notBeforeDelay)).toStdString()));
    claims.set("exp",
               JsonValue::string(QStringLiteral("(now + %1)").arg(Duration::formatSpan(*req->lifetime)).toStdString()));
    claims.set("jti", JsonValue::string("(a new ULID at mint)"));
    if (!req->scopes.isEmpty())
        claims.set("scope", JsonValue::string(req->scopes.join(QLatin1Char(' ')).toStdString()));
    if (req->apiKeyId)
        claims.set("apikey", JsonValue::string(req->apiKeyId->toStdString()));
    for (const auto& [name, value] : req->extraClaims.members())
        claims.set(name, value);
    // The header: the active key's algorithm and kid, or HS256 with the API key's id.
    JsonValue header = JsonValue::object();
    if (req->apiKeyId) {
        header.set("alg", JsonValue::string("HS256"));
        header.set("kid", JsonValue::string(req->apiKeyId->toStdString()));
    } else if (auto key = m_workspace.keys().activeSigningKey(m_projectId)) {
        header.set("alg",
                   JsonValue::string(std::string(algorithmName(key->defaultAlgorithm().value_or(Algorithm::ES256)))));
        header.set("kid", JsonValue::string(key->kidUtf8()));
    }
    header.set("typ", JsonValue::string("JWT"));
    m_previewTextEdit->setPlainText(QStringLiteral("// header\n") +
                                    QString::fromStdString(JsonWriter::write(header, JsonWriter::Style::Indented)) +
                                    QStringLiteral("\n// claims\n") +
                                    QString::fromStdString(JsonWriter::write(claims, JsonWriter::Style::Indented)) +
                                    (req->oneTime ? tr("\n\none-time: recorded as unused until consumed") : QString()));
}

MintTab::~MintTab()
{
    // The worker waits inside the workspace's ledger writer, which goes with the workspace; it returns
    // within the writer's busy timeout.
    m_recording.waitForFinished();
}

void MintTab::mint()
{
    if (m_recording.isRunning())
        return;
    const auto req = request();
    if (!req)
        return showFailure(tr("The token was not minted."), req.error().message);
    auto minted = m_workspace.tokens().mint(*req);
    if (!minted)
        return showFailure(tr("The token was not minted."), minted.error(), [this] { mint(); });
    // A token is shown only once its ledger row is committed. The ledger writer waits for another
    // program's write lock on its own thread; this waits for the writer off the GUI thread.
    setRecording(true);
    TokenService& tokens = m_workspace.tokens();
    m_recording = QtConcurrent::run([&tokens] { return tokens.flush(); });
    m_recording.then(this, [this, minted = *minted](const Status& recorded) { onRecorded(minted, recorded); });
}

void MintTab::setRecording(bool recording)
{
    m_mintPushButton->setText(recording ? tr("Recording in the ledger…") : tr("Mint token"));
    if (recording)
        m_mintPushButton->setEnabled(false);
    else
        updatePreview(); // enables Mint when the form is valid
}

void MintTab::onRecorded(const MintedToken& minted, const Status& recorded)
{
    setRecording(false);
    if (!recorded) {
        const QString what = tr("The token was not recorded, so it is not shown.");
        const QString why = tr("Every token that leaves Signet is in the ledger; this one could not be written "
                               "there and is dropped. %1")
                                .arg(describeFailure(recorded.error()));
        if (isBusy(recorded.error()))
            return showFailure(what, recorded.error(), [this] { mint(); });
        return showFailure(what, why);
    }
    m_token = minted.token;
    m_expiresAt = minted.entry.expiresAt;
    m_resultBrowser->setHtml(coloured(m_token));
    for (QPushButton* button : std::as_const(m_resultButtons))
        button->setEnabled(true);
    updateCountdown();
    m_countdownTimer->start();
    Q_EMIT actionCompleted(tr("Minted a token for %1 (jti %2)").arg(minted.entry.projectId, minted.entry.jti));
}

void MintTab::updateCountdown()
{
    if (m_token.empty())
        return;
    const qint64 now = m_clock.now();
    m_countdownLabel->setText(m_expiresAt > now ? tr("expires %1").arg(Duration::formatRelative(m_expiresAt, now))
                                                : tr("expired %1").arg(Duration::formatRelative(m_expiresAt, now)));
}

// Where the curl example sends the token: the project's audience when it is a URL (the API the token
// is for), else the issuer's origin, which is at least the project's own.
QString MintTab::curlTarget() const
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return QStringLiteral("https://localhost/");
    const QUrl audience(project->audience, QUrl::StrictMode);
    if (audience.isValid() &&
        (audience.scheme() == QLatin1String("https") || audience.scheme() == QLatin1String("http")))
        return audience.toString();
    const QUrl issuer(project->issuer);
    return issuer.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString() + QLatin1Char('/');
}

void MintTab::copy(const QString& text, const QString& what)
{
    m_clipboard->copySecret(text, m_settings.number(AppSettings::Key::ClipboardClearSeconds));
    Q_EMIT actionCompleted(tr("Copied %1").arg(what));
}

} // namespace Signet
