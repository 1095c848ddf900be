#include "ScreenshotTour.h"

#include "ConsoleView.h"
#include "MainWindow.h"
#include "Theme.h"
#include "dialogs/NewProjectDialog.h"
#include "pages/InspectorView.h"
#include "pages/ProjectPage.h"
#include "profiles/ProfileCatalog.h"
#include "server/ServerPanel.h"
#include "widgets/JwksUrlSource.h"
#include "widgets/ProfileFieldsForm.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>
#include <QTimer>

namespace Signet {

namespace {

void settle()
{
    for (int round = 0; round < 5; ++round) {
        QApplication::processEvents();
        QThread::msleep(20);
    }
}

bool save(MainWindow& window, const QString& folder, const QString& name, const QString& variant)
{
    settle();
    return window.grab().save(QDir(folder).filePath(name + QLatin1Char('-') + variant + QStringLiteral(".png")));
}

// The window's picture with windows of their own (menus, a dialog) painted over it where they stand on
// the screen; a dialog gets a frame, which no window manager draws under Xvfb.
QPixmap withWindowsOver(MainWindow& window, const QList<QWidget*>& over)
{
    QPixmap picture = window.grab();
    QPainter painter(&picture);
    const QPoint origin = window.mapToGlobal(QPoint(0, 0));
    for (QWidget* widget : over) {
        const QRect where(widget->mapToGlobal(QPoint(0, 0)) - origin, widget->size());
        painter.drawPixmap(where.topLeft(), widget->grab());
        if (widget->isWindow() && !qobject_cast<QMenu*>(widget)) {
            painter.setPen(window.palette().color(QPalette::Shadow));
            painter.drawRect(where.adjusted(-1, -1, 0, 0));
        }
    }
    return picture;
}

// A token from the shown project, and a copy with one character of its claims changed.
std::pair<QString, QString> tourTokens(MainWindow& window)
{
    MintRequest request;
    request.projectId = window.console()->currentProject();
    request.subject = QStringLiteral("user-1842");
    auto minted = window.workspace().tokens().mintRecorded(request);
    if (!minted)
        return {};
    const QString token = QString::fromStdString(minted->token);
    QString tampered = token;
    const qsizetype at = tampered.indexOf(QLatin1Char('.')) + 8;
    tampered[at] = tampered[at] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    return {token, tampered};
}

// The local server running with a few requests in its log: the JWKS, discovery, an unknown project
// and a token request with a wrong secret.
bool startServer(MainWindow& window)
{
    ServerPanel* panel = window.serverPanel();
    if (!panel->start()) {
        // The usual port is taken (another Signet): any free one will do for the pictures.
        window.findChild<QSpinBox*>(QStringLiteral("serverPortSpinBox"))->setValue(0);
        if (!panel->start())
            return false;
    }
    const QString project = panel->baseUrl() + QStringLiteral("/p/") + window.console()->currentProject();
    QNetworkAccessManager network;
    // One after another, a little apart, as a backend starting up asks: the log's times differ.
    const auto answered = [](QNetworkReply* reply) {
        QElapsedTimer waited;
        waited.start();
        while (!reply->isFinished() && waited.elapsed() < 5000) {
            QApplication::processEvents();
            QThread::msleep(5);
        }
        reply->deleteLater();
        QThread::msleep(40);
    };
    for (const QString& path : {QStringLiteral("/.well-known/jwks.json"), QStringLiteral("/.well-known/jwks.json"),
                                QStringLiteral("/.well-known/openid-configuration")})
        answered(network.get(QNetworkRequest(QUrl(project + path))));
    answered(network.get(QNetworkRequest(QUrl(panel->baseUrl() + QStringLiteral("/p/nope/.well-known/jwks.json")))));
    QNetworkRequest token(QUrl(project + QStringLiteral("/oauth/token")));
    token.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    answered(
        network.post(token, QByteArrayLiteral("grant_type=client_credentials&client_id=ak_demo&client_secret=wrong")));
    return true;
}

// The server panel under the JWKS tab (which shows the served URL), then the Inspector verifying a token
// with the local server's JWKS URL. The panel shows only here: the other views keep the window's height.
int tourServer(MainWindow& window, const QString& folder, const QString& variant, const QString& token)
{
    ConsoleView* console = window.console();
    const QString projectId = console->currentProject();
    int written = 0;
    console->projectPage()->showTab(ProjectPage::Tab::Jwks);
    const QSize size = window.size();
    window.serverPanel()->show();
    written += save(window, folder, QStringLiteral("server"), variant) ? 1 : 0;
    window.serverPanel()->hide();
    window.resize(size);
    if (token.isEmpty())
        return written;
    console->showInspector(token);
    auto* source = console->inspector()->findChild<QComboBox*>(QStringLiteral("keySourceComboBox"));
    source->setCurrentIndex(source->findData(int(InspectorView::KeySource::JwksUrl)));
    console->inspector()->findChild<JwksUrlSource*>()->setUrl(window.serverPanel()->baseUrl() + QStringLiteral("/p/") +
                                                              projectId + QStringLiteral("/.well-known/jwks.json"));
    console->inspector()
        ->findChild<QLineEdit*>(QStringLiteral("expectedAudienceLineEdit"))
        ->setText(window.workspace().projects().get(projectId)->audience);
    console->inspector()->verify();
    const auto* fetch = console->inspector()->findChild<JwksUrlSource*>();
    QElapsedTimer waited;
    waited.start();
    while (fetch->isFetching() && waited.elapsed() < 3000)
        settle();
    written += save(window, folder, QStringLiteral("inspector-jwksurl"), variant) ? 1 : 0;
    console->inspector()->findChild<QLineEdit*>(QStringLiteral("expectedAudienceLineEdit"))->clear();
    source->setCurrentIndex(source->findData(int(InspectorView::KeySource::Project)));
    console->selectProject(projectId);
    console->projectPage()->showTab(ProjectPage::Tab::Overview);
    return written;
}

// Every tab of the shown project, then the Inspector with a failed and a passed verdict.
int tourViews(MainWindow& window, const QString& folder, const QString& variant,
              const std::pair<QString, QString>& tokens)
{
    ConsoleView* console = window.console();
    const QString projectId = console->currentProject();
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("projectTabWidget"));
    const QStringList names = {QStringLiteral("overview"), QStringLiteral("keys"),  QStringLiteral("jwks"),
                               QStringLiteral("apikeys"),  QStringLiteral("mint"),  QStringLiteral("tokens"),
                               QStringLiteral("backend"),  QStringLiteral("audit"), QStringLiteral("settings")};
    int written = 0;
    for (int i = 0; i < names.size() && i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        written += save(window, folder, names[i], variant) ? 1 : 0;
    }
    if (tokens.first.isEmpty())
        return written;
    for (const auto& [text, name] : {std::pair{tokens.second, "inspector"}, {tokens.first, "inspector-valid"}}) {
        console->showInspector(text);
        console->inspector()->verify();
        written += save(window, folder, QLatin1String(name), variant) ? 1 : 0;
    }
    console->selectProject(projectId);
    tabs->setCurrentIndex(0);
    return written;
}

const QString kVocalStackProject = QStringLiteral("live-captions");
const QString kVideoSdkProject = QStringLiteral("video-meetings");

// Two projects that follow provider profiles (unless the workspace has them): VocalStack, signed with
// the project's key, and VideoSDK, signed with an API key's secret.
void addProfiledProjects(Workspace& workspace)
{
    const std::pair<QString, QString> projects[] = {{kVocalStackProject, QStringLiteral("vocalstack")},
                                                    {kVideoSdkProject, QStringLiteral("videosdk")}};
    for (const auto& [id, profileName] : projects) {
        if (workspace.projects().get(id))
            continue;
        const Profile& profile = **ProfileCatalog::builtIn().find(profileName);
        Project draft;
        draft.id = id;
        draft.name = id == kVocalStackProject ? QStringLiteral("Live captions") : QStringLiteral("Meetings");
        auto shaped = profiledProject(profile, draft);
        if (shaped && createProfiledProject(workspace, profile, *shaped) &&
            profile.signer == ProfileSigner::ApiKeySecret)
            // The permissions its tokens carry are the scopes the key grants (ProjectVerifier).
            (void)workspace.apiKeys().create(id, QStringLiteral("meeting server"),
                                             {QStringLiteral("allow_join"), QStringLiteral("allow_mod")});
    }
}

// The Mint tab of the VocalStack and the VideoSDK project with their generated fields (VideoSDK with a
// v2 role), a VideoSDK token in the Inspector with its claims explained, and the New project dialog
// with VocalStack chosen.
int tourProfiles(MainWindow& window, const QString& folder, const QString& variant)
{
    ConsoleView* console = window.console();
    const QString projectId = console->currentProject();
    int written = 0;
    console->selectProject(kVocalStackProject);
    console->projectPage()->showTab(ProjectPage::Tab::Mint);
    written += save(window, folder, QStringLiteral("mint-vocalstack"), variant) ? 1 : 0;
    console->projectPage()->showTab(ProjectPage::Tab::Settings);
    written += save(window, folder, QStringLiteral("settings-vocalstack"), variant) ? 1 : 0;
    console->selectProject(kVideoSdkProject);
    console->projectPage()->showTab(ProjectPage::Tab::Mint);
    const auto fieldEditor = [&](const QString& name) {
        return console->projectPage()->findChild<QWidget*>(ProfileFieldsForm::editorName(name));
    };
    if (auto* version = qobject_cast<QSpinBox*>(fieldEditor(QStringLiteral("version"))))
        version->setValue(2);
    if (auto* rtc = console->projectPage()->findChild<QCheckBox*>(
            ProfileFieldsForm::editorName(QStringLiteral("roles")) + QStringLiteral("_rtc")))
        rtc->setChecked(true);
    if (auto* room = qobject_cast<QLineEdit*>(fieldEditor(QStringLiteral("roomId"))))
        room->setText(QStringLiteral("abcd-efgh-ijkl"));
    written += save(window, folder, QStringLiteral("mint-videosdk"), variant) ? 1 : 0;

    const auto keys = window.workspace().apiKeys().list(kVideoSdkProject);
    MintRequest request;
    request.projectId = kVideoSdkProject;
    if (keys && !keys->isEmpty())
        request.apiKeyId = keys->front().id;
    const QList<ProfileInput> inputs = {{QStringLiteral("permissions"), QStringLiteral("allow_join,allow_mod")},
                                        {QStringLiteral("version"), QStringLiteral("2")},
                                        {QStringLiteral("roles"), QStringLiteral("rtc")}};
    if (shapeMintRequest(window.workspace(), **ProfileCatalog::builtIn().find(QStringLiteral("videosdk")), inputs,
                         false, request)) {
        if (auto minted = window.workspace().tokens().mintRecorded(request)) {
            console->refresh(); // takes in the projects made above before the Inspector shows
            console->showInspector(QString::fromStdString(minted->token));
            console->inspector()->verify();
            written += save(window, folder, QStringLiteral("inspector-videosdk"), variant) ? 1 : 0;
        }
    }

    // Over the project the tour started on, as after File → New project from its Overview.
    console->selectProject(projectId);
    console->projectPage()->showTab(ProjectPage::Tab::Overview);
    // An importer that is never called here: the dialog shows its Import… button as the console does.
    NewProjectDialog dialog(
        *window.workspace().profiles().catalog(),
        [&window](const QString&) { return window.workspace().profiles().catalog(); }, &window);
    auto* profiles = dialog.findChild<QComboBox*>(QStringLiteral("profileComboBox"));
    profiles->setCurrentIndex(profiles->findData(QStringLiteral("vocalstack")));
    dialog.findChild<QLineEdit*>(QStringLiteral("projectNameLineEdit"))->setText(QStringLiteral("Speech to text"));
    dialog.findChild<QLineEdit*>(QStringLiteral("projectIdLineEdit"))->setText(QStringLiteral("speech-to-text"));
    dialog.show();
    settle();
    written += withWindowsOver(window, {&dialog})
                       .save(QDir(folder).filePath(QStringLiteral("new-project-") + variant + QStringLiteral(".png")))
                   ? 1
                   : 0;
    dialog.hide();
    return written;
}

// Answers the next modal dialog (the unlock dialog) with `passphrase`, as a person types it.
void typePassphraseWhenAsked(const QByteArray& passphrase, int attempts = 300)
{
    QTimer::singleShot(20, qApp, [passphrase, attempts] {
        QWidget* dialog = QApplication::activeModalWidget();
        auto* field = dialog ? dialog->findChild<QLineEdit*>(QStringLiteral("passphraseLineEdit")) : nullptr;
        auto* unlock = dialog ? dialog->findChild<QPushButton*>(QStringLiteral("unlockPushButton")) : nullptr;
        if (field && unlock && dialog->isVisible()) {
            field->setText(QString::fromUtf8(passphrase));
            unlock->click();
        } else if (attempts > 0) {
            typePassphraseWhenAsked(passphrase, attempts - 1);
        }
    });
}

// The File menu open with Open recent shown. Menus are windows of their own, so they are painted
// over the window's picture where they stand on the screen.
bool saveFileMenu(MainWindow& window, const QString& folder, const QString& variant)
{
    auto* file = window.findChild<QMenu*>(QStringLiteral("fileMenu"));
    auto* recent = window.findChild<QMenu*>(QStringLiteral("recentWorkspacesMenu"));
    if (!file || !recent)
        return false;
    window.menuBar()->setActiveAction(file->menuAction());
    settle();
    file->setActiveAction(recent->menuAction());
    recent->popup(file->mapToGlobal(file->actionGeometry(recent->menuAction()).topRight()));
    settle();
    const QPixmap picture = withWindowsOver(window, {file, recent});
    recent->hide();
    file->hide();
    window.menuBar()->setActiveAction(nullptr);
    settle();
    return picture.save(QDir(folder).filePath(QStringLiteral("file-menu-") + variant + QStringLiteral(".png")));
}

// The lock screen needs a workspace with a passphrase: the tour makes one beside the pictures, opens
// it as a person does (Open recent, the unlock dialog), locks it in each theme and size, and goes back
// to the demo workspace, which Open recent then lists with it.
int tourLockScreen(MainWindow& window, const QString& folder, const QList<QPair<QString, QSize>>& variants)
{
    const QString demo = window.workspace().path();
    const QString locked = QDir(folder).filePath(QStringLiteral("team-vault.signet"));
    const QByteArray passphrase = QByteArrayLiteral("screenshot tour passphrase");
    if (!QFileInfo::exists(locked) &&
        !Workspace::create(locked, passphrase, Actor::Gui, SystemClock::instance()).has_value())
        return 0;
    typePassphraseWhenAsked(passphrase);
    window.openWorkspaceFile(locked);
    if (window.isLocked() || window.workspace().path() != QFileInfo(locked).absoluteFilePath())
        return 0;
    int written = 0;
    for (const auto& [theme, size] : variants) {
        applyTheme(theme);
        window.resize(size);
        const QString variant = QStringLiteral("%1-%2x%3").arg(theme).arg(size.width()).arg(size.height());
        window.lock();
        written += save(window, folder, QStringLiteral("lock"), variant) ? 1 : 0;
        window.findChild<QLineEdit*>(QStringLiteral("unlockLineEdit"))->setText(QString::fromUtf8(passphrase));
        window.unlock();
    }
    window.openWorkspaceFile(demo);
    for (const auto& [theme, size] : variants) {
        applyTheme(theme);
        window.resize(size);
        window.console()->refresh();
        const QString variant = QStringLiteral("%1-%2x%3").arg(theme).arg(size.width()).arg(size.height());
        written += saveFileMenu(window, folder, variant) ? 1 : 0;
    }
    return written;
}

} // namespace

int takeScreenshots(MainWindow& window, const QString& folder)
{
    QDir().mkpath(folder);
    if (!window.console() || !window.findChild<QTabWidget*>(QStringLiteral("projectTabWidget")))
        return 0;
    const auto tokens = tourTokens(window);
    addProfiledProjects(window.workspace());
    const bool serving = startServer(window);
    // Starting the server opens its panel: the views are taken without it (tourServer shows it).
    window.serverPanel()->hide();
    QList<QPair<QString, QSize>> variants;
    for (const QString& theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
        for (const QSize size : {QSize(1600, 1000), QSize(1024, 700)})
            variants.append({theme, size});
    }
    int written = 0;
    for (const auto& [theme, size] : variants) {
        applyTheme(theme);
        window.resize(size);
        window.console()->refresh(); // texts made with the palette's colours are made again
        const QString variant = QStringLiteral("%1-%2x%3").arg(theme).arg(size.width()).arg(size.height());
        written += tourViews(window, folder, variant, tokens);
        written += tourProfiles(window, folder, variant);
        if (serving)
            written += tourServer(window, folder, variant, tokens.first);
    }
    window.serverPanel()->stop();
    // Last: it opens another workspace, which would stop the server.
    written += tourLockScreen(window, folder, variants);
    return written;
}

} // namespace Signet
