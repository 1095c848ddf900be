#pragma once

class QStackedWidget;
class QTabWidget;

namespace Signet {

// Makes the pages of a stack (or of a tab widget) ask for no height while they are not shown, so that
// the stack is as tall at least as the page it shows, not as its tallest page. The Mint form's height
// made the JWKS tab scroll under the open server panel of a 700 px window. Widths stay as they are:
// the sidebar does not move when another tab is shown.
void followCurrentPageHeight(QStackedWidget* stack);
void followCurrentPageHeight(QTabWidget* tabs);

} // namespace Signet
