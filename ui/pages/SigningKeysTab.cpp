#include "pages/SigningKeysTab.h"

#include "PublicKeyText.h"
#include "dialogs/ExportPublicKeyDialog.h"
#include "dialogs/ImportKeyDialog.h"
#include "foundation/Duration.h"
#include "jose/KeyGeneration.h"
#include "models/ModelSupport.h"
#include "models/SigningKeyTableModel.h"
#include "widgets/RotationTimeline.h"
#include "widgets/StateBadgeDelegate.h"
#include "workspace/ProjectHealth.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Signet {

namespace {

struct GenerateChoice
{
    Algorithm algorithm = Algorithm::ES256;
    int rsaBits = 0;
    std::optional<KeyState> state;
};

// The project's algorithm is that of its active key (else its newest key): a new key defaults to it,
// so that an RS256 project is not handed an ES256 key by accident.
std::optional<GenerateChoice> projectAlgorithm(const QList<SigningKeyRecord>& keys)
{
    const SigningKeyRecord* model = nullptr;
    for (const SigningKeyRecord& key : keys) {
        if (key.state == KeyState::Active || (!model && isPublished(key.state)))
            model = &key;
    }
    if (!model)
        return std::nullopt;
    const qsizetype space = model->keyType.indexOf(QLatin1Char(' '));
    const int bits = model->keyType.startsWith(QLatin1String("RSA")) ? model->keyType.mid(space + 1).toInt() : 0;
    return GenerateChoice{model->algorithm, bits, std::nullopt};
}

std::optional<GenerateChoice> askGenerate(QWidget* parent, const std::optional<GenerateChoice>& projectChoice)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Generate signing key"));
    auto* algorithm = new QComboBox(&dialog);
    algorithm->setObjectName(QStringLiteral("algorithmComboBox"));
    for (Algorithm alg : allAlgorithms()) {
        if (algorithmFamily(alg) != AlgorithmFamily::Hmac)
            algorithm->addItem(QStringLiteral("%1 — %2").arg(algorithmQName(alg), algorithmDescription(alg)), int(alg));
    }
    const Algorithm preferred = projectChoice ? projectChoice->algorithm : Algorithm::ES256;
    algorithm->setCurrentIndex(algorithm->findData(int(preferred)));
    if (projectChoice)
        algorithm->setItemText(algorithm->currentIndex(),
                               algorithm->currentText() + QObject::tr(" (the project's algorithm)"));
    auto* size = new QComboBox(&dialog);
    size->setObjectName(QStringLiteral("sizeComboBox"));
    for (int bits : {2048, 3072, 4096})
        size->addItem(QObject::tr("%1 bits").arg(bits), bits);
    if (projectChoice && projectChoice->rsaBits > 0)
        size->setCurrentIndex(std::max(0, size->findData(projectChoice->rsaBits)));
    auto* state = new QComboBox(&dialog);
    state->setObjectName(QStringLiteral("stateComboBox"));
    state->addItem(QObject::tr("Automatic (active if the project has none, else next)"), -1);
    state->addItem(QObject::tr("Next: published, not yet signing"), int(KeyState::Next));
    state->addItem(QObject::tr("Active: signs from now on"), int(KeyState::Active));
    auto updateSize = [=] {
        const auto family = algorithmFamily(Algorithm(algorithm->currentData().toInt()));
        size->setEnabled(family == AlgorithmFamily::RsaPkcs1 || family == AlgorithmFamily::RsaPss);
    };
    QObject::connect(algorithm, &QComboBox::currentIndexChanged, &dialog, updateSize);
    updateSize();
    auto* form = new QFormLayout;
    form->addRow(QObject::tr("Algorithm"), algorithm);
    form->addRow(QObject::tr("RSA key size"), size);
    form->addRow(QObject::tr("Initial state"), state);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(QObject::tr("Generate"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    GenerateChoice choice;
    choice.algorithm = Algorithm(algorithm->currentData().toInt());
    choice.rsaBits = size->isEnabled() ? size->currentData().toInt() : 0;
    if (state->currentData().toInt() >= 0)
        choice.state = KeyState(state->currentData().toInt());
    return choice;
}

// The key material only (no database): safe to make on a worker thread.
Result<Jwk> makeKeyMaterial(GenerateChoice choice)
{
    return generateKey(choice.algorithm, {.rsaBits = choice.rsaBits});
}

} // namespace

SigningKeysTab::SigningKeysTab(Workspace& workspace, const Clock& clock, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_model(new SigningKeyTableModel(workspace, clock, this))
    , m_tableView(new QTableView(this))
    , m_emptyLabel(new QLabel(tr("No signing keys yet — generate one, or import a PEM or JWK."), this))
    , m_timeline(new RotationTimeline(this))
    , m_busyProgressBar(new QProgressBar(this))
    , m_clockTimer(new QTimer(this))
    , m_generatePushButton(new QPushButton(tr("Generate key…"), this))
    , m_rotatePushButton(new QPushButton(tr("Rotate…"), this))
    , m_rotateRevokePushButton(new QPushButton(tr("Rotate and revoke…"), this))
    , m_revokePushButton(new QPushButton(tr("Revoke…"), this))
    , m_copyPushButton(new QPushButton(tr("Copy kid"), this))
    , m_importPushButton(new QPushButton(tr("Import…"), this))
    , m_exportPushButton(new QPushButton(tr("Export public key…"), this))
{
    m_importPushButton->setObjectName(QStringLiteral("importKeyPushButton"));
    m_exportPushButton->setObjectName(QStringLiteral("exportPublicKeyPushButton"));
    setObjectName(QStringLiteral("signingKeysTab"));
    m_tableView->setObjectName(QStringLiteral("keysTableView"));
    m_tableView->setAccessibleName(tr("Signing keys"));
    m_tableView->setAccessibleDescription(tr("Ctrl+C copies the kid; the menu key offers the public key and Revoke."));
    m_generatePushButton->setObjectName(QStringLiteral("generatePushButton"));
    m_rotatePushButton->setObjectName(QStringLiteral("rotatePushButton"));
    m_rotateRevokePushButton->setObjectName(QStringLiteral("rotateRevokePushButton"));
    m_revokePushButton->setObjectName(QStringLiteral("revokePushButton"));
    m_copyPushButton->setObjectName(QStringLiteral("copyKidPushButton"));
    m_emptyLabel->setObjectName(QStringLiteral("keysEmptyLabel"));

    setUpRecordTable(m_tableView, m_model, SigningKeyTableModel::State);
    m_tableView->setColumnWidth(SigningKeyTableModel::Kid, 130);
    m_tableView->setColumnWidth(SigningKeyTableModel::State, 110);

    auto* actions = new QHBoxLayout;
    for (QPushButton* button : {m_generatePushButton, m_importPushButton, m_rotatePushButton, m_rotateRevokePushButton,
                                m_revokePushButton, m_exportPushButton, m_copyPushButton})
        actions->addWidget(button);
    actions->addStretch();
    // Indeterminate while a key is being generated on the worker thread.
    m_busyProgressBar->setObjectName(QStringLiteral("generatingProgressBar"));
    m_busyProgressBar->setRange(0, 0);
    m_busyProgressBar->setMaximumWidth(140);
    m_busyProgressBar->setTextVisible(false);
    m_busyProgressBar->hide();
    actions->addWidget(m_busyProgressBar);
    QVBoxLayout* layout = createPageLayout();
    layout->addLayout(actions);
    addRecordTable(layout, m_tableView, m_emptyLabel);
    layout->addWidget(m_timeline);
    layout->addStretch();

    connect(m_generatePushButton, &QPushButton::clicked, this, &SigningKeysTab::generateKey);
    connect(m_rotatePushButton, &QPushButton::clicked, this, [this] { rotate(OldKey::Retire); });
    connect(m_rotateRevokePushButton, &QPushButton::clicked, this, [this] { rotate(OldKey::Revoke); });
    connect(m_revokePushButton, &QPushButton::clicked, this, &SigningKeysTab::revokeSelected);
    connect(m_copyPushButton, &QPushButton::clicked, this, &SigningKeysTab::copySelectedKid);
    connect(m_importPushButton, &QPushButton::clicked, this, &SigningKeysTab::importKey);
    connect(m_exportPushButton, &QPushButton::clicked, this, &SigningKeysTab::exportSelectedPublicKey);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SigningKeysTab::updateState);
    // The table's relative times and the timeline read the same clock, every second.
    m_clockTimer->setObjectName(QStringLiteral("keysClockTimer"));
    connect(m_clockTimer, &QTimer::timeout, this, [this] {
        m_model->refreshTimes();
        m_timeline->setNow(m_clock.now());
    });
    m_clockTimer->start(1000);
    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SigningKeysTab::updateState);
    createRowActions();
    updateState();
}

void SigningKeysTab::createRowActions()
{
    m_copyKidAction = addRowAction(m_tableView, tr("Copy kid"), QStringLiteral("copyKidAction"), QKeySequence::Copy);
    m_copyJwkAction = addRowAction(m_tableView, tr("Copy public JWK"), QStringLiteral("copyPublicJwkAction"), {});
    m_copyPemAction =
        addRowAction(m_tableView, tr("Copy public key as PEM"), QStringLiteral("copyPublicPemAction"), {});
    m_exportAction = addRowAction(m_tableView, tr("Export public key…"), QStringLiteral("exportPublicKeyAction"), {});
    addRowSeparator(m_tableView);
    m_revokeAction = addRowAction(m_tableView, tr("Revoke…"), QStringLiteral("revokeKeyAction"), {});
    connect(m_copyKidAction, &QAction::triggered, this, &SigningKeysTab::copySelectedKid);
    connect(m_copyJwkAction, &QAction::triggered, this, [this] { copySelectedPublicKey(PublicKeyFormat::Jwk); });
    connect(m_copyPemAction, &QAction::triggered, this, [this] { copySelectedPublicKey(PublicKeyFormat::Pem); });
    connect(m_exportAction, &QAction::triggered, this, &SigningKeysTab::exportSelectedPublicKey);
    connect(m_revokeAction, &QAction::triggered, this, &SigningKeysTab::revokeSelected);
}

void SigningKeysTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    m_model->setProject(projectId);
    m_tableView->resizeColumnToContents(SigningKeyTableModel::Algorithm);
}

void SigningKeysTab::refresh()
{
    keepingSelection(m_tableView, [this] { m_model->reload(); });
}

QString SigningKeysTab::selectedKid() const
{
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.front().data(ModelSupport::KeyRole).toString();
}

const SigningKeyRecord* SigningKeysTab::selectedKey() const
{
    const QString kid = selectedKid();
    for (const SigningKeyRecord& key : m_model->keys()) {
        if (key.kid == kid)
            return &key;
    }
    return nullptr;
}

void SigningKeysTab::updateState()
{
    const bool empty = m_model->rowCount() == 0;
    m_tableView->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
    m_timeline->setVisible(!empty);
    m_timeline->setKeys(m_model->keys(), m_clock.now());
    // The table is as tall as its rows (at least four), so the timeline sits right under it.
    const int rows = std::max(4, m_model->rowCount());
    m_tableView->setMaximumHeight(m_tableView->horizontalHeader()->height() +
                                  rows * m_tableView->verticalHeader()->defaultSectionSize() + 4);
    bool hasActiveOrNext = false;
    for (const SigningKeyRecord& key : m_model->keys())
        hasActiveOrNext = hasActiveOrNext || key.state == KeyState::Active || key.state == KeyState::Next;
    const SigningKeyRecord* selected = selectedKey();
    m_generatePushButton->setEnabled(!m_generating && !m_projectId.isEmpty());
    m_generatePushButton->setText(m_generating ? tr("Generating…") : tr("Generate key…"));
    m_busyProgressBar->setVisible(m_generating);
    m_rotatePushButton->setEnabled(!m_generating && hasActiveOrNext);
    m_rotateRevokePushButton->setEnabled(!m_generating && hasActiveOrNext);
    m_revokePushButton->setEnabled(selected && selected->state != KeyState::Revoked &&
                                   selected->state != KeyState::Retired);
    m_copyPushButton->setEnabled(selected != nullptr);
    m_exportPushButton->setEnabled(selected != nullptr);
    m_importPushButton->setEnabled(!m_projectId.isEmpty());
    if (m_copyKidAction) {
        for (QAction* action : {m_copyKidAction, m_copyJwkAction, m_copyPemAction, m_exportAction})
            action->setEnabled(selected != nullptr);
        m_revokeAction->setEnabled(m_revokePushButton->isEnabled());
    }
}

void SigningKeysTab::generateKey()
{
    if (m_generating)
        return;
    if (const auto choice = askGenerate(this, projectAlgorithm(m_model->keys())))
        startGeneration(choice->algorithm, choice->rsaBits, choice->state);
}

void SigningKeysTab::startGeneration(Algorithm algorithm, int rsaBits, std::optional<KeyState> state)
{
    if (m_generating)
        return;
    const GenerateChoice choice{algorithm, rsaBits, state};
    // RSA 3072/4096 takes seconds: the key is made on a worker thread, then stored here.
    m_generating = true;
    updateState();
    const QString projectId = m_projectId;
    auto* watcher = new QFutureWatcher<Result<Jwk>>(this);
    connect(watcher, &QFutureWatcher<Result<Jwk>>::finished, this, [this, watcher, projectId, choice] {
        watcher->deleteLater();
        m_generating = false;
        const Result<Jwk> key = watcher->result();
        if (!key) {
            updateState();
            showFailure(tr("The key could not be generated."), key.error().message);
            return;
        }
        updateState();
        storeGenerated(projectId, *key, choice.algorithm, choice.state);
    });
    watcher->setFuture(QtConcurrent::run(makeKeyMaterial, choice));
}

// The key made on the worker thread, into the workspace; a busy workspace keeps it for Retry.
void SigningKeysTab::storeGenerated(const QString& projectId, const Jwk& key, Algorithm algorithm,
                                    std::optional<KeyState> state)
{
    auto stored = m_workspace.keys().addGenerated(projectId, key, algorithm, state);
    if (!stored)
        return showFailure(tr("The key could not be added to %1.").arg(projectId), stored.error(),
                           [=, this] { storeGenerated(projectId, key, algorithm, state); });
    Q_EMIT actionCompleted(
        tr("Generated %1 key %2 (%3)")
            .arg(algorithmQName(stored->algorithm), ModelSupport::shortId(stored->kid), keyStateName(stored->state)));
    Q_EMIT keyGenerated(stored->kid);
}

namespace {

// What the rotate dialog says: exactly what rotate(plan) will do, read from the plan.
QStringList rotationSteps(const RotationPlan& plan, const QList<SigningKeyRecord>& keys, qint64 now)
{
    const bool revokeOld = plan.outgoingFate == RotationPlan::OutgoingFate::Revoke;
    QStringList steps;
    steps.append(
        plan.incoming
            ? QObject::tr("• %1 (next) becomes active.").arg(ModelSupport::shortId(plan.incoming->kid))
            : QObject::tr("• A new %1 key is generated and becomes active.").arg(algorithmQName(plan.newKeyAlgorithm)));
    if (plan.outgoing) {
        const qint64 retireAt = now + plan.retireAfter;
        steps.append(revokeOld
                         ? QObject::tr("• %1 is revoked and leaves the JWKS at once: tokens it signed stop verifying.")
                               .arg(ModelSupport::shortId(plan.outgoing->kid))
                         : QObject::tr("• %1 retires: it stays in the JWKS until %2 (%3), so cached JWKS and tokens it "
                                       "signed keep working.")
                               .arg(ModelSupport::shortId(plan.outgoing->kid), Duration::formatUtc(retireAt),
                                    Duration::formatRelative(retireAt, now)));
    }
    // What will be published afterwards: today's keys, less a revoked one, plus a new one.
    QStringList after;
    for (const SigningKeyRecord& key : keys) {
        if (isPublished(key.state) && !(revokeOld && plan.outgoing && key.kid == plan.outgoing->kid))
            after.append(ModelSupport::shortId(key.kid));
    }
    if (!plan.incoming)
        after.append(QObject::tr("the new key"));
    steps.append(QObject::tr("• The JWKS will contain %n key(s): %1.", nullptr, int(after.size()))
                     .arg(after.join(QStringLiteral(", "))));
    return steps;
}

} // namespace

void SigningKeysTab::rotate(OldKey oldKey)
{
    const bool revokeOld = oldKey == OldKey::Revoke;
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return showFailure(tr("Cannot rotate."), project.error().message);
    // Planned from the workspace as it is now (another window or the CLI may have changed it); the
    // dialog shows the plan, and rotate(plan) refuses if the keys change before it is confirmed.
    RotateOptions options;
    options.revokeOld = revokeOld;
    auto plan = m_workspace.keys().planRotation(m_projectId, options);
    if (!plan)
        return showFailure(tr("Cannot rotate."), plan.error(), [this, oldKey] { rotate(oldKey); });
    auto keys = m_workspace.keys().list(m_projectId);
    if (!keys)
        return showFailure(tr("Cannot rotate."), keys.error(), [this, oldKey] { rotate(oldKey); });
    QStringList steps = rotationSteps(*plan, *keys, m_clock.now());
    const RotationSafety safety = rotationSafety(*project, *keys, m_clock.now());
    if (!safety.safe && !revokeOld)
        steps.append(QStringLiteral("\n⚠ ") + safety.reason);
    QMessageBox box(QMessageBox::Question, revokeOld ? tr("Rotate and revoke") : tr("Rotate signing key"),
                    revokeOld ? tr("Rotate %1 and revoke the current key?").arg(project->name)
                              : tr("Rotate the signing key of %1?").arg(project->name),
                    QMessageBox::Cancel, this);
    box.setInformativeText(steps.join(QLatin1Char('\n')));
    box.addButton(revokeOld ? tr("Rotate and revoke") : tr("Rotate"), QMessageBox::AcceptRole);
    if (box.exec() == QMessageBox::Cancel)
        return;
    applyRotation(*plan, project->name);
}

// Does what the dialog showed, or nothing: rotate(plan) refuses when the keys changed meanwhile.
void SigningKeysTab::applyRotation(const RotationPlan& plan, const QString& projectName)
{
    auto rotated = m_workspace.keys().rotate(plan);
    if (!rotated)
        return showFailure(tr("The rotation did not happen."), rotated.error(),
                           [=, this] { applyRotation(plan, projectName); });
    QString message = tr("Rotated %1: %2 is active").arg(projectName, ModelSupport::shortId(rotated->activated.kid));
    if (rotated->previous)
        message += rotated->previous->state == KeyState::Revoked
                       ? tr("; %1 revoked").arg(ModelSupport::shortId(rotated->previous->kid))
                       : tr("; %1 retires %2")
                             .arg(ModelSupport::shortId(rotated->previous->kid),
                                  Duration::formatRelative(*rotated->previous->retireAt, m_clock.now()));
    Q_EMIT actionCompleted(message);
}

void SigningKeysTab::revokeSelected()
{
    const QString kid = selectedKid();
    if (kid.isEmpty())
        return;
    if (QMessageBox::question(
            this, tr("Revoke key"),
            tr("Revoke %1?\n\nIt leaves the JWKS at once, and tokens it signed stop verifying. This cannot be undone.")
                .arg(kid)) != QMessageBox::Yes)
        return;
    applyRevocation(m_projectId, kid);
}

void SigningKeysTab::applyRevocation(const QString& projectId, const QString& kid)
{
    auto revoked = m_workspace.keys().revoke(projectId, kid);
    if (!revoked)
        return showFailure(tr("The key was not revoked."), revoked.error(),
                           [=, this] { applyRevocation(projectId, kid); });
    Q_EMIT actionCompleted(tr("Revoked %1").arg(ModelSupport::shortId(kid)));
}

void SigningKeysTab::importKey()
{
    auto project = m_workspace.projects().get(m_projectId);
    if (!project)
        return showFailure(tr("Cannot import a key."), project.error().message);
    ImportKeyDialog dialog(project->name, this);
    dialog.setExistingKeys(m_model->keys());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto request = dialog.request();
    if (!request)
        return;
    auto imported = m_workspace.keys().import(m_projectId, request->key, request->algorithm, request->state);
    if (!imported)
        return showFailure(tr("The key was not imported."), imported.error().message);
    Q_EMIT actionCompleted(tr("Imported %1 key %2 (%3)")
                               .arg(algorithmQName(imported->algorithm), ModelSupport::shortId(imported->kid),
                                    keyStateName(imported->state)));
}

void SigningKeysTab::exportSelectedPublicKey()
{
    const QString kid = selectedKid();
    for (const SigningKeyRecord& key : m_model->keys()) {
        if (key.kid != kid)
            continue;
        ExportPublicKeyDialog dialog(key, this);
        connect(&dialog, &ExportPublicKeyDialog::actionCompleted, this, &SigningKeysTab::actionCompleted);
        dialog.exec();
        return;
    }
}

void SigningKeysTab::copySelectedKid()
{
    const QString kid = selectedKid();
    if (kid.isEmpty())
        return;
    copyPublicText(kid, tr("Copied kid %1").arg(kid));
}

void SigningKeysTab::copySelectedPublicKey(PublicKeyFormat format)
{
    const SigningKeyRecord* key = selectedKey();
    if (!key)
        return;
    auto text = PublicKeyText::of(*key);
    if (!text)
        return showFailure(tr("The public key was not copied."), text.error().message);
    const QString kid = ModelSupport::shortId(key->kid);
    if (format == PublicKeyFormat::Jwk)
        copyPublicText(text->jwk, tr("Copied the public JWK of %1").arg(kid));
    else
        copyPublicText(text->pem, tr("Copied the public key of %1 as PEM").arg(kid));
}

} // namespace Signet
