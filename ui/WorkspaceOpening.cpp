#include "WorkspaceOpening.h"

#include "dialogs/WorkspaceDialogs.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace Signet::WorkspaceOpening {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WorkspaceOpening", text);
}

void sayNotOpened(const QString& path, const QString& why, QWidget* parent)
{
    QMessageBox box(QMessageBox::Critical, QStringLiteral("Signet"), tr("Cannot open %1.\n\n%2").arg(path, why),
                    QMessageBox::Ok, parent);
    box.setObjectName(QStringLiteral("workspaceNotOpenedMessageBox"));
    box.exec();
}

std::unique_ptr<Workspace> openUnlocked(const QString& path, const Clock& clock, QWidget* parent)
{
    auto isProtected = Workspace::isProtected(path);
    if (!isProtected) {
        sayNotOpened(path, isProtected.error().message, parent);
        return nullptr;
    }
    if (!*isProtected) {
        auto opened = Workspace::open(path, {}, Actor::Gui, clock);
        if (opened)
            return std::move(*opened);
        sayNotOpened(path, opened.error().message, parent);
        return nullptr;
    }
    UnlockDialog dialog(path, parent);
    while (dialog.exec() == QDialog::Accepted) {
        QByteArray passphrase = dialog.passphrase();
        auto opened = Workspace::open(path, passphrase, Actor::Gui, clock);
        passphrase.fill('\0');
        if (opened)
            return std::move(*opened);
        dialog.showError(opened.error().message);
    }
    return nullptr;
}

} // namespace

Opened open(const QString& path, const Clock& clock, QWidget* parent)
{
    // Before the passphrase: no point typing it for a file the user then decides to leave alone.
    auto lock = WorkspaceLock::claim(path, parent);
    if (!lock)
        return {};
    auto workspace = openUnlocked(path, clock, parent);
    if (!workspace)
        return {};
    return {std::move(workspace), std::move(lock)};
}

Opened create(const QString& suggestedPath, const Clock& clock, QWidget* parent)
{
    CreateWorkspaceDialog dialog(suggestedPath, parent);
    while (dialog.exec() == QDialog::Accepted) {
        auto created = Workspace::create(dialog.path(), dialog.passphrase(), Actor::Gui, clock);
        if (!created) {
            QMessageBox::warning(&dialog, dialog.windowTitle(),
                                 tr("The workspace was not created.\n\n%1").arg(created.error().message));
            continue;
        }
        // A new file: no other window can have it open, so this never asks.
        auto lock = WorkspaceLock::claim((*created)->path(), parent);
        return {std::move(*created), std::move(lock)};
    }
    return {};
}

} // namespace Signet::WorkspaceOpening
