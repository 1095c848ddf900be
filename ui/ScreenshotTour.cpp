#include "ScreenshotTour.h"

#include "ConsoleView.h"
#include "MainWindow.h"
#include "pages/InspectorView.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QThread>

namespace Signet {

int takeScreenshots(MainWindow& window, const QString& folder)
{
    QDir().mkpath(folder);
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("projectTabWidget"));
    if (!tabs)
        return 0;
    const QStringList names = {QStringLiteral("overview"), QStringLiteral("keys"),    QStringLiteral("jwks"),
                               QStringLiteral("apikeys"),  QStringLiteral("mint"),    QStringLiteral("tokens"),
                               QStringLiteral("audit"),    QStringLiteral("settings")};
    int written = 0;
    for (int i = 0; i < names.size() && i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        for (int round = 0; round < 5; ++round) {
            QApplication::processEvents();
            QThread::msleep(20);
        }
        written += window.grab().save(QDir(folder).filePath(names[i] + QStringLiteral(".png"))) ? 1 : 0;
    }
    // The inspector: a token from the first project, tampered (a failed verdict), then as minted.
    ConsoleView* console = window.console();
    const QString projectId = console ? console->currentProject() : QString();
    if (!console || projectId.isEmpty())
        return written;
    MintRequest request;
    request.projectId = projectId;
    request.subject = QStringLiteral("user-1842");
    request.scopes = {};
    auto minted = window.workspace().tokens().mintRecorded(request);
    if (!minted)
        return written;
    QString token = QString::fromStdString(minted->token);
    QString tampered = token;
    const qsizetype at = tampered.indexOf(QLatin1Char('.')) + 8;
    tampered[at] = tampered[at] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    for (const auto& [text, name] : {std::pair{tampered, "inspector"}, {token, "inspector-valid"}}) {
        console->showInspector(text);
        console->inspector()->verify();
        for (int round = 0; round < 5; ++round) {
            QApplication::processEvents();
            QThread::msleep(20);
        }
        written += window.grab().save(QDir(folder).filePath(QLatin1String(name) + QStringLiteral(".png"))) ? 1 : 0;
    }
    return written;
}

} // namespace Signet
