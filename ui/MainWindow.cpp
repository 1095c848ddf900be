#include "MainWindow.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QVBoxLayout>

namespace Signet {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Signet"));
    setObjectName(QStringLiteral("mainWindow"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(16);

    auto* title = new QLabel(QStringLiteral("<h2>Signet</h2>"), central);
    auto* body = new QLabel(central);
    body->setObjectName(QStringLiteral("statusLabel"));
    body->setWordWrap(true);
    body->setTextFormat(Qt::RichText);
    body->setText(QStringLiteral(
        "<p>This build has the token engine and the command line: signing keys (RSA, EC, Ed25519, HMAC), "
        "minting, decoding and verifying tokens with a check-by-check report.</p>"
        "<p>Use <code>signet-cli</code> from a terminal, for example:</p>"
        "<pre>signet-cli key generate --alg ES256 -o key.jwk\n"
        "signet-cli token mint --key key.jwk --sub user-1 --ttl 15m\n"
        "signet-cli token verify TOKEN --key key.jwk</pre>"
        "<p>Projects, key rotation and the visual inspector come with the workspace.</p>"));
    layout->addWidget(title);
    layout->addWidget(body);
    layout->addStretch();
    setCentralWidget(central);

    auto* fileMenu = menuBar()->addMenu(QStringLiteral("&File"));
    fileMenu->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    auto* helpMenu = menuBar()->addMenu(QStringLiteral("&Help"));
    helpMenu->addAction(QStringLiteral("&About Signet"), this, [this] {
        QMessageBox::about(this, QStringLiteral("About Signet"),
                           QStringLiteral("<b>Signet %1</b><br>Keys and tokens for auth-enabled services.<br>Qt %2")
                               .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    });
    resize(760, 480);
}

} // namespace Signet
