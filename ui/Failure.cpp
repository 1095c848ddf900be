#include "Failure.h"

#include "workspace/WorkspaceBusy.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace Signet {

QString describeFailure(const Error& error)
{
    if (isBusy(error))
        return QCoreApplication::translate(
            "Signet", "The workspace is busy: another program (signet-cli, the local server or another Signet "
                      "window) is writing to it. Nothing was changed; retry in a moment.");
    return error.message;
}

BusyAnswer askRetryWhenBusy(QWidget* parent, const QString& what)
{
    QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("Signet", "Workspace busy"), what,
                    QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("workspaceBusyMessageBox"));
    box.setInformativeText(describeFailure(Error{ErrorCode::Io, QStringLiteral("database is locked")}));
    QPushButton* retry = box.addButton(QCoreApplication::translate("Signet", "Retry"), QMessageBox::AcceptRole);
    box.setDefaultButton(retry);
    box.exec();
    return box.clickedButton() == retry ? BusyAnswer::Retry : BusyAnswer::Cancel;
}

} // namespace Signet
