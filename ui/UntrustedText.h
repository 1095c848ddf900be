#pragma once

#include "foundation/VisibleText.h"

#include <QString>
#include <QVariant>

// Text that came from outside Signet's own code: a token, a key file, a JWKS, or a workspace that
// another program (or an attacker with the file) wrote. Shown as is, a control character, DEL, a C1
// control or a bidi override can hide or reorder what stands around it ("VALID" spelt backwards, a
// kid that reads as another). The console shows such characters visibly, as the CLI's presenter
// prints them: both use foundation/VisibleText.
namespace Signet::UntrustedText {

using LineBreaks = Signet::LineBreaks;

[[nodiscard]] bool isHazardous(char32_t c);
[[nodiscard]] QString visible(QStringView text, LineBreaks lineBreaks = LineBreaks::Escape);
// For rich text (QLabel with HTML): visible, then HTML-escaped.
[[nodiscard]] QString visibleHtml(QStringView text, LineBreaks lineBreaks = LineBreaks::Escape);
// A model's cell: a string (or string list) made visible, anything else as it is.
[[nodiscard]] QVariant visibleCell(const QVariant& value, LineBreaks lineBreaks = LineBreaks::Escape);

} // namespace Signet::UntrustedText
