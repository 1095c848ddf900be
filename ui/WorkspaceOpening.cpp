#include "WorkspaceOpening.h"

#include "dialogs/TeamWorkspaceDialog.h"
#include "dialogs/WorkspaceDialogs.h"
#include "workspace/WorkspaceLocation.h"

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

// A team workspace's URL may carry its password: people see it without.
QString shown(const QString& path)
{
    auto location = WorkspaceLocation::parse(path);
    return location ? location->display() : path;
}

std::unique_ptr<Workspace> openUnlocked(const QString& path, const Clock& clock, QWidget* parent)
{
    auto protection = Workspace::protection(path);
    if (!protection) {
        sayNotOpened(shown(path), protection.error().message, parent);
        return nullptr;
    }
    if (*protection == Workspace::Protection::None) {
        auto opened = Workspace::open(path, {}, Actor::Gui, clock);
        if (opened)
            return std::move(*opened);
        sayNotOpened(shown(path), opened.error().message, parent);
        return nullptr;
    }
    const bool members = *protection == Workspace::Protection::Members;
    UnlockDialog dialog(shown(path), members ? std::optional(WorkspaceMembers::defaultName()) : std::nullopt, parent);
    while (dialog.exec() == QDialog::Accepted) {
        QByteArray passphrase = dialog.passphrase();
        auto opened = members ? Workspace::openAs(path, dialog.member(), passphrase, Actor::Gui, clock)
                              : Workspace::open(path, passphrase, Actor::Gui, clock);
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
    // Before the passphrase: no point typing it for a file the user then decides to leave alone. A
    // team workspace takes no lock file: its members work on it at once.
    std::unique_ptr<WorkspaceLock> lock;
    if (auto location = WorkspaceLocation::parse(path); !location || location->kind == WorkspaceLocation::Kind::File) {
        lock = WorkspaceLock::claim(path, parent);
        if (!lock)
            return {};
    }
    auto workspace = openUnlocked(path, clock, parent);
    if (!workspace)
        return {};
    return {std::move(workspace), std::move(lock)};
}

Opened openTeam(const QString& suggested, const Clock& clock, QWidget* parent)
{
    TeamWorkspaceDialog dialog(parent);
    if (!suggested.isEmpty())
        dialog.setLocation(suggested);
    while (dialog.exec() == QDialog::Accepted) {
        // Asked here, so that a wrong host or password is said in the dialog that can fix it.
        auto isProtected = Workspace::isProtected(dialog.url());
        if (!isProtected) {
            dialog.showError(isProtected.error().message);
            continue;
        }
        auto workspace = openUnlocked(dialog.url(), clock, &dialog);
        if (workspace)
            return {std::move(workspace), nullptr};
    }
    return {};
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
