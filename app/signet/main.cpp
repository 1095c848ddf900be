// signet: the desktop console. main() runs the crypto self-test, finds the workspace (--workspace,
// SIGNET_WORKSPACE, the last one, or a new one), unlocks it and opens the main window.

#include "AppSettings.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "Theme.h"
#include "TimingProbe.h"
#include "crypto/SelfTest.h"
#include "dialogs/WorkspaceDialogs.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>

using namespace Signet;

namespace {

QString chooseWorkspacePath(const QCommandLineParser& parser, const QCommandLineOption& option,
                            const AppSettings& settings)
{
    if (parser.isSet(option))
        return parser.value(option);
    if (!qEnvironmentVariableIsEmpty("SIGNET_WORKSPACE"))
        return qEnvironmentVariable("SIGNET_WORKSPACE");
    const QString last = settings.string(AppSettings::Key::LastWorkspace);
    return !last.isEmpty() && QFileInfo::exists(last) ? last : Workspace::defaultPath();
}

std::unique_ptr<Workspace> createWorkspace(const QString& path)
{
    CreateWorkspaceDialog dialog(path);
    while (dialog.exec() == QDialog::Accepted) {
        auto created = Workspace::create(dialog.path(), dialog.passphrase(), Actor::Gui);
        if (created)
            return std::move(*created);
        QMessageBox::warning(&dialog, dialog.windowTitle(),
                             QObject::tr("The workspace was not created.\n\n%1").arg(created.error().message));
    }
    return nullptr;
}

std::unique_ptr<Workspace> openWorkspace(const QString& path)
{
    auto isProtected = Workspace::isProtected(path);
    if (!isProtected) {
        QMessageBox::critical(nullptr, QStringLiteral("Signet"),
                              QObject::tr("Cannot open %1.\n\n%2").arg(path, isProtected.error().message));
        return nullptr;
    }
    if (!*isProtected) {
        auto opened = Workspace::open(path, {}, Actor::Gui);
        if (opened)
            return std::move(*opened);
        QMessageBox::critical(nullptr, QStringLiteral("Signet"),
                              QObject::tr("Cannot open %1.\n\n%2").arg(path, opened.error().message));
        return nullptr;
    }
    UnlockDialog dialog(path);
    while (dialog.exec() == QDialog::Accepted) {
        auto opened = Workspace::open(path, dialog.passphrase(), Actor::Gui);
        if (opened)
            return std::move(*opened);
        dialog.showError(opened.error().message);
    }
    return nullptr;
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Signet"));
    QApplication::setOrganizationName(QStringLiteral("Signet"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNET_VERSION));
    QApplication::setStyle(QStringLiteral("Fusion"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Signet: keys and tokens for auth-enabled services"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"), QStringLiteral("Workspace file to open or create."), QStringLiteral("FILE"));
    parser.addOption(workspaceOption);
    const QCommandLineOption screenshotsOption(QStringLiteral("screenshots"),
                                               QStringLiteral("Save a PNG of each view into DIR and quit."),
                                               QStringLiteral("DIR"));
    parser.addOption(screenshotsOption);
    const QCommandLineOption measureOption(
        QStringLiteral("measure"),
        QStringLiteral("Print start-up and GUI-stall timings, then quit (for ./dev bench)."));
    parser.addOption(measureOption);
    parser.process(app);

    // Known-answer tests before any key is trusted to this OpenSSL build.
    if (const auto selfTest = Crypto::runSelfTest(); !selfTest) {
        QMessageBox::critical(nullptr, QStringLiteral("Signet"), selfTest.error().message);
        return 1;
    }

    AppSettings settings;
    applyTheme(settings.string(AppSettings::Key::Theme));
    const QString path = chooseWorkspacePath(parser, workspaceOption, settings);
    std::unique_ptr<Workspace> workspace = QFileInfo::exists(path) ? openWorkspace(path) : createWorkspace(path);
    if (!workspace)
        return 0;
    settings.setValue(AppSettings::Key::LastWorkspace, workspace->path());

    MainWindow window(std::move(workspace), settings, SystemClock::instance());
    if (parser.isSet(measureOption))
        runTimingProbe(window, sinceStart);
    window.show();
    if (parser.isSet(screenshotsOption)) {
        const int written = takeScreenshots(window, parser.value(screenshotsOption));
        return written > 0 ? 0 : 1;
    }
    return QApplication::exec();
}
