#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace Signet {

// A duration as a number and a unit (seconds, minutes, hours, days). Changing the unit keeps the
// number: 15 minutes becomes 15 hours, as the user reads it.
class DurationEdit : public QWidget
{
    Q_OBJECT

public:
    // Children are named <name>SpinBox and <name>UnitComboBox, the edit itself <name>DurationEdit.
    DurationEdit(const QString& name, int minimum, QWidget* parent = nullptr);

    [[nodiscard]] qint64 seconds() const;
    // Shows the value in the largest unit that holds it exactly: 900 s as 15 minutes.
    void setSeconds(qint64 seconds);
    // What a screen reader calls the number and the unit ("Lifetime", "Lifetime unit"): the form's
    // label names the edit, not the parts a reader lands on.
    void setAccessibleLabel(const QString& label);

Q_SIGNALS:
    void secondsChanged();

private:
    void nameUnits();
    QSpinBox* m_valueSpinBox;
    QComboBox* m_unitComboBox;
};

} // namespace Signet
