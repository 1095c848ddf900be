#include "MainWindow.h"
#include "crypto/SelfTest.h"

#include <QApplication>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Signet"));
    QApplication::setOrganizationName(QStringLiteral("Signet"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNET_VERSION));

    // Known-answer tests before any key is trusted to this OpenSSL build.
    if (const auto selfTest = Signet::Crypto::runSelfTest(); !selfTest) {
        QMessageBox::critical(nullptr, QStringLiteral("Signet"), selfTest.error().message);
        return 1;
    }

    Signet::MainWindow window;
    window.show();
    return QApplication::exec();
}
