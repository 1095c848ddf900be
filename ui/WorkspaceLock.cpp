#include "WorkspaceLock.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSysInfo>

namespace Signet {

WorkspaceLock::WorkspaceLock(std::unique_ptr<QLockFile> file)
    : m_file(std::move(file))
{}

WorkspaceLock::~WorkspaceLock() = default;

QString WorkspaceLock::lockPath(const QString& workspacePath)
{
    return QFileInfo(workspacePath).absoluteFilePath() + QStringLiteral(".lock");
}

bool WorkspaceLock::isHeld() const
{
    return m_file && m_file->isLocked();
}

std::unique_ptr<WorkspaceLock> WorkspaceLock::claim(const QString& workspacePath, QWidget* parent)
{
    auto file = std::make_unique<QLockFile>(lockPath(workspacePath));
    // Held for as long as the window is open: never stale by age, only when its process is gone.
    file->setStaleLockTime(0);
    if (file->tryLock(0) || file->error() != QLockFile::LockFailedError)
        return std::unique_ptr<WorkspaceLock>(new WorkspaceLock(file->isLocked() ? std::move(file) : nullptr));
    qint64 pid = 0;
    QString host, application;
    file->getLockInfo(&pid, &host, &application);
    QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("WorkspaceLock", "Workspace already open"),
                    QCoreApplication::translate("WorkspaceLock",
                                                "%1 is already open in another Signet window (pid %2%3).\n\n"
                                                "Both windows would show each other's saved changes within a "
                                                "second, but not each other's unsaved edits. Open it here too?")
                        .arg(QFileInfo(workspacePath).fileName())
                        .arg(pid)
                        .arg(host.isEmpty() || host == QSysInfo::machineHostName()
                                 ? QString()
                                 : QCoreApplication::translate("WorkspaceLock", " on %1").arg(host)),
                    QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("workspaceInUseMessageBox"));
    QPushButton* openAnyway =
        box.addButton(QCoreApplication::translate("WorkspaceLock", "Open anyway"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != openAnyway)
        return nullptr;
    return std::unique_ptr<WorkspaceLock>(new WorkspaceLock(nullptr));
}

} // namespace Signet
