#include "IndicatorStyle.h"

#include <QStyleFactory>
#include <QStyleOption>

namespace Signet {

namespace {

QColor mixed(const QColor& from, const QColor& to, double share)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * share),
                            float(from.greenF() + (to.greenF() - from.greenF()) * share),
                            float(from.blueF() + (to.blueF() - from.blueF()) * share));
}

} // namespace

IndicatorStyle::IndicatorStyle()
    : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
{}

QColor IndicatorStyle::frameColor(const QPalette& palette)
{
    return mixed(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.6);
}

void IndicatorStyle::drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                                   const QWidget* widget) const
{
    // Fusion outlines a check box in window.darker(140).lighter(110) and a radio button in
    // window.darker(150); its window colour is used for nothing else there, so it is set to the
    // colour those formulas turn into the frame colour. (Item views draw their check through the
    // check box primitive.)
    int darkerBy = 0;
    if (element == PE_IndicatorCheckBox)
        darkerBy = 140 * 100 / 110;
    else if (element == PE_IndicatorRadioButton)
        darkerBy = 150;
    if (darkerBy == 0 || option == nullptr)
        return QProxyStyle::drawPrimitive(element, option, painter, widget);
    const QColor frame = frameColor(option->palette);
    std::unique_ptr<QStyleOption> copy;
    if (const auto* button = qstyleoption_cast<const QStyleOptionButton*>(option))
        copy = std::make_unique<QStyleOptionButton>(*button);
    else
        copy = std::make_unique<QStyleOption>(*option);
    copy->palette.setColor(QPalette::Window, frame.lighter(darkerBy));
    QProxyStyle::drawPrimitive(element, copy.get(), painter, widget);
}

} // namespace Signet
