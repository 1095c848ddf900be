#include "widgets/RotationTimeline.h"

#include "models/ModelSupport.h"
#include "widgets/StateBadgeDelegate.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>

#include <algorithm>

namespace Signet {

namespace {
constexpr int kLaneHeight = 22;
constexpr int kHeaderHeight = 24;
constexpr int kLabelWidth = 128;
constexpr int kMargin = 8;

// When a key stopped being active: its successor's activation (the next key activated after it).
std::optional<qint64> endOfActivity(const SigningKeyRecord& key, const QList<SigningKeyRecord>& all)
{
    if (!key.activatedAt)
        return std::nullopt;
    std::optional<qint64> successor;
    for (const SigningKeyRecord& other : all) {
        if (&other == &key || !other.activatedAt || *other.activatedAt < *key.activatedAt || other.kid == key.kid)
            continue;
        if (*other.activatedAt == *key.activatedAt && other.createdAt <= key.createdAt)
            continue;
        if (!successor || *other.activatedAt < *successor)
            successor = *other.activatedAt;
    }
    return successor;
}
} // namespace

RotationTimeline::RotationTimeline(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("rotationTimeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QList<RotationTimeline::Span> RotationTimeline::spansOf(const SigningKeyRecord& key, const QList<SigningKeyRecord>& all,
                                                        qint64 now)
{
    QList<Span> spans;
    const qint64 ended = key.endedAt.value_or(now);
    const qint64 activation = key.activatedAt.value_or(key.state == KeyState::Next ? now : ended);
    // A next key has its bar from its first second: it is published, waiting to sign.
    if (key.createdAt < activation || key.state == KeyState::Next)
        spans.append({KeyState::Next, key.createdAt, std::min(activation, ended), key.state == KeyState::Next});
    if (key.activatedAt) {
        const std::optional<qint64> stopped = endOfActivity(key, all);
        const qint64 activeEnd = key.state == KeyState::Active
                                     ? now
                                     : stopped.value_or(key.retireAt ? std::min(*key.retireAt, ended) : ended);
        spans.append({KeyState::Active, *key.activatedAt, std::max(*key.activatedAt, std::min(activeEnd, ended)),
                      key.state == KeyState::Active});
        if (key.retireAt &&
            (key.state == KeyState::Retiring || key.state == KeyState::Retired || key.state == KeyState::Revoked)) {
            const qint64 retireEnd = key.state == KeyState::Revoked ? std::min(*key.retireAt, ended) : *key.retireAt;
            if (activeEnd < retireEnd)
                spans.append({KeyState::Retiring, activeEnd, retireEnd, false});
        }
    }
    return spans;
}

void RotationTimeline::setKeys(const QList<SigningKeyRecord>& keys, qint64 now)
{
    m_keys = keys;
    m_now = now;
    updateRange();
    updateGeometry();
    update();
}

void RotationTimeline::setNow(qint64 now)
{
    if (now == m_now)
        return;
    m_now = now;
    updateRange();
    update();
}

// From the oldest key's creation (the past holds what happened, not an empty day) to the last
// retirement, with room on the right for what is still to come and a small margin at both ends.
void RotationTimeline::updateRange()
{
    qint64 first = m_now, last = m_now;
    for (const SigningKeyRecord& key : std::as_const(m_keys)) {
        first = std::min(first, key.createdAt);
        if (key.retireAt)
            last = std::max(last, *key.retireAt);
    }
    constexpr qint64 kHour = 3600;
    last = std::max({last, m_now + (m_now - first) / 3, m_now + kHour});
    const qint64 margin = std::max<qint64>(60, (last - first) / 20);
    m_start = first - margin;
    m_end = last + margin;
}

QString RotationTimeline::laneLabel(const SigningKeyRecord& key)
{
    return ModelSupport::shortId(key.kid);
}

QString RotationTimeline::retirementLabel(qint64 retireAt) const
{
    return tr("retires %1").arg(ModelSupport::relativeTime(retireAt, m_now).toString());
}

QSize RotationTimeline::sizeHint() const
{
    return {600,
            kHeaderHeight + kMargin + static_cast<int>(std::max<qsizetype>(1, m_keys.size())) * kLaneHeight + kMargin};
}

QSize RotationTimeline::minimumSizeHint() const
{
    return {320, sizeHint().height()};
}

double RotationTimeline::xOf(qint64 when, const QRect& area) const
{
    const double span = std::max<double>(1, double(m_end - m_start));
    return area.left() + (double(when - m_start) / span) * area.width();
}

void RotationTimeline::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect area(kLabelWidth, kHeaderHeight, width() - kLabelWidth - kMargin, height() - kHeaderHeight - kMargin);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    paintHeader(painter, area, small);
    if (m_keys.isEmpty())
        return;
    for (int lane = 0; lane < m_keys.size(); ++lane)
        paintLane(painter, area, lane, small);
    paintNowLine(painter, area, small);
}

// The title, and the dates at both ends (or, without keys, that there are none).
void RotationTimeline::paintHeader(QPainter& painter, const QRect& area, const QFont& small) const
{
    painter.setFont(small);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(0, 0, kLabelWidth, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
                     tr("Rotation timeline"));
    if (m_keys.isEmpty()) {
        painter.drawText(area, Qt::AlignCenter, tr("No keys yet"));
        return;
    }
    auto dateText = [](qint64 when) {
        return QDateTime::fromSecsSinceEpoch(when, QTimeZone::utc()).toString(QStringLiteral("MMM d, HH:mm"));
    };
    // The start date gives way to the "now" label when they would overlap.
    if (xOf(m_now, area) - area.left() > 130)
        painter.drawText(QRectF(area.left(), 0, 160, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         dateText(m_start));
    painter.drawText(QRectF(area.right() - 160, 0, 160, kHeaderHeight), Qt::AlignVCenter | Qt::AlignRight,
                     dateText(m_end));
}

// One key: its kid, the spans of its states, and how it ended (retirement or revocation).
void RotationTimeline::paintLane(QPainter& painter, const QRect& area, int lane, const QFont& small) const
{
    const SigningKeyRecord& key = m_keys[lane];
    const int top = area.top() + lane * kLaneHeight;
    painter.setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, top, kLabelWidth - 8, kLaneHeight), Qt::AlignVCenter | Qt::AlignLeft, laneLabel(key));
    paintSpans(painter, area, key, top);
    if (key.retireAt && (key.state == KeyState::Retiring || key.state == KeyState::Retired))
        paintRetirement(painter, area, key, top, small);
    if (key.state == KeyState::Revoked && key.endedAt) {
        const double x = xOf(*key.endedAt, area);
        painter.setPen(QPen(StateBadgeDelegate::colorFor(QStringLiteral("revoked")), 2));
        painter.drawLine(QPointF(x - 4, top + 6), QPointF(x + 4, top + kLaneHeight - 6));
        painter.drawLine(QPointF(x + 4, top + 6), QPointF(x - 4, top + kLaneHeight - 6));
    }
}

void RotationTimeline::paintSpans(QPainter& painter, const QRect& area, const SigningKeyRecord& key, int top) const
{
    for (const Span& span : spansOf(key, m_keys, m_now)) {
        const double x1 = xOf(span.from, area);
        // Ongoing states run on to the right edge: an active key signs until it is rotated.
        const double x2 = span.openEnded ? area.right() - 8.0 : std::max(x1 + 2, xOf(span.to, area));
        QColor color = StateBadgeDelegate::colorFor(keyStateName(span.state));
        QPainterPath bar;
        bar.addRoundedRect(QRectF(x1 + 0.5, top + 5.5, x2 - x1 - 1, kLaneHeight - 11), 3, 3);
        if (span.state == KeyState::Next) {
            // Published, not yet signing: a pale bar with the state's colour as its outline, which
            // shows on the dark theme too (translucent alone, it faded into the background).
            QColor fill = color;
            fill.setAlpha(70);
            painter.fillPath(bar, fill);
            const bool dark = palette().color(QPalette::Window).lightness() < 128;
            painter.strokePath(bar, QPen(dark ? color.lighter(150) : color, 1.5));
            color.setAlpha(160); // the arrow
        } else {
            painter.fillPath(bar, color);
        }
        if (span.openEnded) {
            QPolygonF arrow{QPointF(x2, top + 4), QPointF(x2 + 6, top + kLaneHeight / 2.0),
                            QPointF(x2, top + kLaneHeight - 4)};
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawPolygon(arrow);
        }
    }
}

// A diamond where the key leaves the JWKS, labelled on whichever side has room.
void RotationTimeline::paintRetirement(QPainter& painter, const QRect& area, const SigningKeyRecord& key, int top,
                                       const QFont& small) const
{
    const qint64 retireAt = *key.retireAt;
    const double x = xOf(retireAt, area);
    const double mid = top + kLaneHeight / 2.0;
    QPolygonF diamond{QPointF(x, mid - 6), QPointF(x + 6, mid), QPointF(x, mid + 6), QPointF(x - 6, mid)};
    const QColor retiring = StateBadgeDelegate::colorFor(QStringLiteral("retiring"));
    painter.setPen(QPen(palette().color(QPalette::WindowText), 1));
    painter.setBrush(retiring);
    painter.drawPolygon(diamond);
    painter.setFont(small);
    const QString label = retirementLabel(retireAt);
    const int labelWidth = painter.fontMetrics().horizontalAdvance(label) + 4;
    const bool roomRight = x + 10 + labelWidth < area.right();
    const QRectF where(roomRight ? x + 10 : x - 10 - labelWidth, top, labelWidth, kLaneHeight);
    QColor text = palette().color(QPalette::WindowText);
    if (!roomRight) {
        // Over the key's retiring bar, which runs up to the diamond: dark text on its orange (6:1), as
        // light text on it fell to 2.7:1 on the dark theme. Where the bar is too short for the label,
        // the label gets a patch of the window's colour.
        double barStart = x;
        for (const Span& span : spansOf(key, m_keys, m_now)) {
            if (span.state == KeyState::Retiring)
                barStart = xOf(span.from, area);
        }
        if (where.left() >= barStart) {
            text = QColor(0x1f, 0x1f, 0x1f);
        } else {
            const double textHeight = painter.fontMetrics().height();
            const double inset = (where.height() - textHeight) / 2;
            QPainterPath patch;
            patch.addRoundedRect(where.adjusted(-3, inset, 3, -inset), 3, 3);
            painter.fillPath(patch, palette().color(QPalette::Window));
        }
    }
    painter.setPen(text);
    painter.drawText(where, Qt::AlignVCenter, label);
}

void RotationTimeline::paintNowLine(QPainter& painter, const QRect& area, const QFont& small) const
{
    const double nowX = xOf(m_now, area);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
    painter.drawLine(QPointF(nowX, area.top() - 4), QPointF(nowX, area.bottom()));
    painter.setFont(small);
    // The link colour keeps AA contrast as text on both themes; the highlight colour did not on the dark.
    painter.setPen(palette().color(QPalette::Link));
    painter.drawText(QRectF(nowX - 30, 0, 60, kHeaderHeight), Qt::AlignCenter, tr("now"));
}

} // namespace Signet
