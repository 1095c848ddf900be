#include "ScreenshotTour.h"

#include "MainWindow.h"

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
    const QStringList names = {QStringLiteral("overview"), QStringLiteral("keys"),  QStringLiteral("jwks"),
                               QStringLiteral("apikeys"),  QStringLiteral("audit"), QStringLiteral("settings")};
    int written = 0;
    for (int i = 0; i < names.size() && i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        for (int round = 0; round < 5; ++round) {
            QApplication::processEvents();
            QThread::msleep(20);
        }
        written += window.grab().save(QDir(folder).filePath(names[i] + QStringLiteral(".png"))) ? 1 : 0;
    }
    return written;
}

} // namespace Signet
