#include "pages/ProjectTab.h"

#include <QFontDatabase>
#include <QMessageBox>

namespace Signet {

void ProjectTab::showFailure(const QString& what, const QString& why)
{
    QMessageBox::warning(this, what, QStringLiteral("%1\n\n%2").arg(what, why));
}

QFont ProjectTab::fixedFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

} // namespace Signet
