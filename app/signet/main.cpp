// signet: the desktop console. main() runs the crypto self-test, finds the workspace (--workspace,
// SIGNET_WORKSPACE, the last one, or a new one), unlocks it and opens the main window.

#include "AppSettings.h"
#include "EnglishPlurals.h"
#include "IndicatorStyle.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "Theme.h"
#include "TimingProbe.h"
#include "WorkspaceOpening.h"
#include "crypto/SelfTest.h"
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

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Signet"));
    QApplication::setOrganizationName(QStringLiteral("Signet"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNET_VERSION));
    QApplication::setStyle(new IndicatorStyle); // Fusion, whose check boxes show on the dark theme too
    EnglishPlurals plurals;
    QApplication::installTranslator(&plurals);

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
    // A second Signet window on the same file is warned by the lock file; the CLI and the server take none.
    WorkspaceOpening::Opened opened = QFileInfo::exists(path)
                                          ? WorkspaceOpening::open(path, SystemClock::instance(), nullptr)
                                          : WorkspaceOpening::create(path, SystemClock::instance(), nullptr);
    if (!opened)
        return 0;
    settings.setValue(AppSettings::Key::LastWorkspace, opened.workspace->path());

    MainWindow window(std::move(opened.workspace), settings, SystemClock::instance());
    window.adoptFileLock(std::move(opened.lock));
    if (parser.isSet(measureOption))
        runTimingProbe(window, sinceStart);
    window.show();
    if (parser.isSet(screenshotsOption)) {
        const int written = takeScreenshots(window, parser.value(screenshotsOption));
        return written > 0 ? 0 : 1;
    }
    return QApplication::exec();
}
