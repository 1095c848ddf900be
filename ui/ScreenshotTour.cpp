#include "ScreenshotTour.h"

#include "ConsoleView.h"
#include "MainWindow.h"
#include "Theme.h"
#include "pages/InspectorView.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QThread>

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

// Every tab of the shown project, then the Inspector with a failed and a passed verdict.
int tourViews(MainWindow& window, const QString& folder, const QString& variant,
              const std::pair<QString, QString>& tokens)
{
    ConsoleView* console = window.console();
    const QString projectId = console->currentProject();
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("projectTabWidget"));
    const QStringList names = {QStringLiteral("overview"), QStringLiteral("keys"),    QStringLiteral("jwks"),
                               QStringLiteral("apikeys"),  QStringLiteral("mint"),    QStringLiteral("tokens"),
                               QStringLiteral("audit"),    QStringLiteral("settings")};
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

} // namespace

int takeScreenshots(MainWindow& window, const QString& folder)
{
    QDir().mkpath(folder);
    if (!window.console() || !window.findChild<QTabWidget*>(QStringLiteral("projectTabWidget")))
        return 0;
    const auto tokens = tourTokens(window);
    int written = 0;
    for (const QString& theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
        applyTheme(theme);
        for (const QSize size : {QSize(1600, 1000), QSize(1024, 700)}) {
            window.resize(size);
            window.console()->refresh(); // texts made with the palette's colours are made again
            written += tourViews(window, folder,
                                 QStringLiteral("%1-%2x%3").arg(theme).arg(size.width()).arg(size.height()), tokens);
        }
    }
    return written;
}

} // namespace Signet
