#pragma once

#include <QTranslator>

namespace Signet {

// English plurals for the texts written with %n: "%n key(s)" reads "1 key" and "3 keys". Qt leaves
// "(s)" as written unless a translation gives the plural forms; Signet ships no translations, and this
// is the one every English text needs.
class EnglishPlurals : public QTranslator
{
    Q_OBJECT

public:
    using QTranslator::QTranslator;

    [[nodiscard]] bool isEmpty() const override { return false; }
    [[nodiscard]] QString translate(const char* context, const char* sourceText, const char* disambiguation = nullptr,
                                    int n = -1) const override;
};

} // namespace Signet
