#pragma once

#include "workspace/Records.h"

#include <QWidget>

class QPainter;

namespace Signet {

// One lane per signing key with coloured spans for next, active and retiring, a "now" line and
// retire-at markers, so a user sees when it is safe to stop publishing an old key.
class RotationTimeline : public QWidget
{
    Q_OBJECT

public:
    explicit RotationTimeline(QWidget* parent = nullptr);

    void setKeys(const QList<SigningKeyRecord>& keys, qint64 now);
    // The clock moved on: the now line and "retires in" follow, as the key table's cells do.
    void setNow(qint64 now);
    // What a lane says, public for tests: the kid as the key table shortens it, and the retirement
    // in the key table's words.
    [[nodiscard]] static QString laneLabel(const SigningKeyRecord& key);
    [[nodiscard]] QString retirementLabel(qint64 retireAt) const;

    // A span of a key's life, as painted; public for tests.
    struct Span
    {
        KeyState state;
        qint64 from;
        qint64 to;
        bool openEnded; // still going on at the right edge
    };
    static QList<Span> spansOf(const SigningKeyRecord& key, const QList<SigningKeyRecord>& all, qint64 now);
    [[nodiscard]] std::pair<qint64, qint64> range() const { return {m_start, m_end}; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    [[nodiscard]] double xOf(qint64 when, const QRect& area) const;
    void paintHeader(QPainter& painter, const QRect& area, const QFont& small) const;
    void paintLane(QPainter& painter, const QRect& area, int lane, const QFont& small) const;
    void paintSpans(QPainter& painter, const QRect& area, const SigningKeyRecord& key, int top) const;
    void paintRetirement(QPainter& painter, const QRect& area, const SigningKeyRecord& key, int top,
                         const QFont& small) const;
    void paintNowLine(QPainter& painter, const QRect& area, const QFont& small) const;
    void updateRange();

    QList<SigningKeyRecord> m_keys;
    qint64 m_now = 0;
    qint64 m_start = 0;
    qint64 m_end = 0;
};

} // namespace Signet
