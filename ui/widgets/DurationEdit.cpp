#include "widgets/DurationEdit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

#include <algorithm>

namespace Signet {

namespace {

constexpr qint64 kUnits[] = {1, 60, 3600, 86400};
constexpr int kMaximumValue = 999'999;

} // namespace

DurationEdit::DurationEdit(const QString& name, int minimum, QWidget* parent)
    : QWidget(parent)
    , m_valueSpinBox(new QSpinBox(this))
    , m_unitComboBox(new QComboBox(this))
{
    setObjectName(name + QStringLiteral("DurationEdit"));
    m_valueSpinBox->setObjectName(name + QStringLiteral("SpinBox"));
    m_unitComboBox->setObjectName(name + QStringLiteral("UnitComboBox"));
    m_valueSpinBox->setRange(minimum, kMaximumValue);
    m_valueSpinBox->setAlignment(Qt::AlignRight);
    m_valueSpinBox->setMinimumWidth(m_valueSpinBox->fontMetrics().horizontalAdvance(QStringLiteral("9999999")) + 32);
    for (const qint64 unit : kUnits)
        m_unitComboBox->addItem(QString(), unit);
    nameUnits();
    setFocusProxy(m_valueSpinBox);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_valueSpinBox);
    layout->addWidget(m_unitComboBox);
    layout->addStretch();
    connect(m_valueSpinBox, &QSpinBox::valueChanged, this, &DurationEdit::nameUnits);
    connect(m_valueSpinBox, &QSpinBox::valueChanged, this, &DurationEdit::secondsChanged);
    connect(m_unitComboBox, &QComboBox::currentIndexChanged, this, &DurationEdit::secondsChanged);
}

qint64 DurationEdit::seconds() const
{
    return qint64(m_valueSpinBox->value()) * m_unitComboBox->currentData().toLongLong();
}

void DurationEdit::setSeconds(qint64 seconds)
{
    int unit = 0;
    for (int i = int(std::size(kUnits)) - 1; i > 0 && seconds != 0; --i) {
        if (seconds % kUnits[i] == 0) {
            unit = i;
            break;
        }
    }
    const qint64 before = this->seconds();
    {
        const QSignalBlocker blockValue(m_valueSpinBox); // one secondsChanged, not two
        const QSignalBlocker blockUnit(m_unitComboBox);
        m_unitComboBox->setCurrentIndex(unit);
        m_valueSpinBox->setValue(static_cast<int>(std::clamp<qint64>(seconds / kUnits[unit], 0, kMaximumValue)));
    }
    nameUnits();
    if (this->seconds() != before)
        Q_EMIT secondsChanged();
}

// "1 day", "2 days": the units read with the number beside them.
void DurationEdit::nameUnits()
{
    const bool one = m_valueSpinBox->value() == 1;
    const QString names[] = {one ? tr("second") : tr("seconds"), one ? tr("minute") : tr("minutes"),
                             one ? tr("hour") : tr("hours"), one ? tr("day") : tr("days")};
    for (int i = 0; i < m_unitComboBox->count() && i < int(std::size(names)); ++i)
        m_unitComboBox->setItemText(i, names[i]);
}

void DurationEdit::setAccessibleLabel(const QString& label)
{
    setAccessibleName(label);
    m_valueSpinBox->setAccessibleName(label);
    m_unitComboBox->setAccessibleName(tr("%1 unit").arg(label));
}

} // namespace Signet
