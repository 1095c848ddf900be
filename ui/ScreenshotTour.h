#pragma once

#include <QString>

namespace Signet {

class MainWindow;

// Saves a PNG of each main view (every project tab, the Inspector, the Server panel with a few requests
// in its log, the Mint tab of projects that follow provider profiles, a VideoSDK token explained in the
// Inspector, the New project dialog with a profile chosen, the Inspector verifying with the local server's JWKS URL,
// the lock screen of a workspace with a passphrase made for it, and the File menu with Open recent) into a folder, for
// ./dev screenshots: in the light and the dark theme, at 1600x1000 and 1024x700, named like keys-dark-1024x700.png.
// Returns the number of images written.
int takeScreenshots(MainWindow& window, const QString& folder);

} // namespace Signet
