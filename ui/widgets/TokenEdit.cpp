#include "widgets/TokenEdit.h"

#include "widgets/TokenEditAccessible.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QStyleHints>

#include <algorithm>
#include <cmath>

namespace Signet {

namespace {

constexpr int kMargin = 4;            // around the text, as a text document's margin
constexpr qsizetype kUndoDepth = 100; // edits kept for Ctrl+Z (each keeps the text, a few KB)

// Line breaks as a text document keeps them: CR LF, CR and the Unicode separators become LF.
QString normalised(QString text)
{
    if (!text.contains(QLatin1Char('\r')) && !text.contains(QChar::LineSeparator) &&
        !text.contains(QChar::ParagraphSeparator))
        return text;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    text.replace(QChar::LineSeparator, QLatin1Char('\n'));
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    return text;
}

// A word, for Ctrl+arrows and double-clicks: a token's segment, or a run of anything but dots and blanks.
bool isWordCharacter(QChar c)
{
    return c != QLatin1Char('.') && !c.isSpace();
}

// Printable ASCII and spaces: one glyph each, as the font maps them.
bool isPlainAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

} // namespace

TokenEdit::TokenEdit(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    installTokenEditAccessibility();
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    viewport()->setCursor(Qt::IBeamCursor);
    verticalScrollBar()->setSingleStep(1);
    updateMetrics();
}

void TokenEdit::replaceAll(const QString& text, Caret caret)
{
    replace(0, m_text.size(), normalised(text), EditKind::Other, caret);
}

void TokenEdit::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    viewport()->update();
}

void TokenEdit::setCursorPosition(qsizetype position)
{
    moveCursor(position, QTextCursor::MoveAnchor);
}

void TokenEdit::setSelection(qsizetype anchor, qsizetype position)
{
    m_anchor = std::clamp<qsizetype>(anchor, 0, m_text.size());
    moveCursor(position, QTextCursor::KeepAnchor);
}

QString TokenEdit::selectedText() const
{
    return m_text.mid(selectionStart(), selectionEnd() - selectionStart());
}

void TokenEdit::insert(const QString& text)
{
    replace(selectionStart(), selectionEnd(), normalised(text), EditKind::Other);
}

QColor TokenEdit::colorAt(qsizetype position) const
{
    const int segment = m_segments.segmentAt(position);
    return segment < 0 ? palette().color(QPalette::Text) : TokenSegments::segmentColor(segment);
}

QRect TokenEdit::cursorRect(qsizetype position) const
{
    const qsizetype line = lineOf(position);
    const qreal x = kMargin + qreal(position - m_lines[line].start) * m_cellWidth;
    const int y = kMargin + int(line - verticalScrollBar()->value()) * m_lineHeight;
    return QRect(int(std::floor(x)), y, 1, m_lineHeight);
}

qsizetype TokenEdit::positionAt(QPointF point) const
{
    const qsizetype row = qsizetype(std::floor((point.y() - kMargin) / m_lineHeight)) + verticalScrollBar()->value();
    const Line& line = m_lines[std::clamp<qsizetype>(row, 0, m_lines.size() - 1)];
    const qsizetype column = qsizetype(std::lround((point.x() - kMargin) / m_cellWidth));
    return line.start + std::clamp<qsizetype>(column, 0, line.length);
}

QSize TokenEdit::sizeHint() const
{
    const int frame = 2 * frameWidth();
    return {int(60 * m_cellWidth) + 2 * kMargin + frame, 5 * m_lineHeight + 2 * kMargin + frame};
}

QSize TokenEdit::minimumSizeHint() const
{
    const int frame = 2 * frameWidth();
    return {int(10 * m_cellWidth) + 2 * kMargin + frame, m_lineHeight + 2 * kMargin + frame};
}

QVariant TokenEdit::inputMethodQuery(Qt::InputMethodQuery query) const
{
    switch (query) {
    case Qt::ImEnabled:
        return true;
    case Qt::ImCursorRectangle:
        return cursorRect(m_cursor).translated(viewport()->pos());
    case Qt::ImFont:
        return font();
    case Qt::ImCursorPosition:
        return int(m_cursor);
    case Qt::ImAnchorPosition:
        return int(m_anchor);
    case Qt::ImSurroundingText:
        return m_text;
    case Qt::ImCurrentSelection:
        return selectedText();
    case Qt::ImHints:
        return int(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText | Qt::ImhPreferLatin | Qt::ImhMultiLine);
    default:
        return QAbstractScrollArea::inputMethodQuery(query);
    }
}

void TokenEdit::copy() const
{
    if (hasSelection())
        QGuiApplication::clipboard()->setText(selectedText());
}

void TokenEdit::cut()
{
    if (!hasSelection())
        return;
    copy();
    replace(selectionStart(), selectionEnd(), QString(), EditKind::Other);
}

void TokenEdit::paste()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (!text.isEmpty())
        insert(text);
}

void TokenEdit::undo()
{
    restore(m_undo, m_redo);
}

void TokenEdit::redo()
{
    restore(m_redo, m_undo);
}

void TokenEdit::selectAll()
{
    setSelection(0, m_text.size());
}

void TokenEdit::replace(qsizetype from, qsizetype to, const QString& text, EditKind kind, Caret caret)
{
    from = std::clamp<qsizetype>(from, 0, m_text.size());
    to = std::clamp<qsizetype>(to, from, m_text.size());
    if (from == to && text.isEmpty())
        return;
    // A run of typed characters (or of deletions) at the same place is one step back.
    const bool continues = kind != EditKind::Other && kind == m_lastEdit && !m_undo.isEmpty() &&
                           (from == m_lastEditEnd || to == m_lastEditEnd);
    if (!continues) {
        m_undo.append({m_text, m_cursor, m_anchor});
        if (m_undo.size() > kUndoDepth)
            m_undo.removeFirst();
    }
    m_redo.clear();
    const QString removed = QAccessible::isActive() ? m_text.mid(from, to - from) : QString();
    const qsizetype oldCursor = m_cursor, oldAnchor = m_anchor;
    const Shown before = shown();
    qsizetype changedFrom = from;
    if (from == 0 && to == m_text.size()) {
        // The same token pasted again (or one that differs only late) repaints only what differs.
        changedFrom = std::mismatch(m_text.cbegin(), m_text.cend(), text.cbegin(), text.cend()).first - m_text.cbegin();
        m_text = text; // shares the pasted string
    } else {
        m_text.replace(from, to - from, text);
    }
    m_cursor = m_anchor = caret == Caret::AtStart ? from : from + text.size();
    m_lastEdit = kind;
    m_lastEditEnd = m_cursor;
    if (QAccessible::isActive()) {
        QAccessibleTextUpdateEvent event(this, int(from), removed, text);
        QAccessible::updateAccessibility(&event);
    }
    textEdited(changedFrom, before);
    updateSelectionAndCaret(oldCursor, oldAnchor);
}

void TokenEdit::restore(QList<Snapshot>& from, QList<Snapshot>& to)
{
    if (from.isEmpty())
        return;
    to.append({m_text, m_cursor, m_anchor});
    const Shown before = shown();
    const Snapshot snapshot = from.takeLast();
    m_text = snapshot.text;
    m_cursor = snapshot.cursor;
    m_anchor = snapshot.anchor;
    m_lastEdit = EditKind::Other;
    if (QAccessible::isActive()) {
        QAccessibleValueChangeEvent event(this, m_text);
        QAccessible::updateAccessibility(&event);
    }
    textEdited(0, before);
}

TokenEdit::Shown TokenEdit::shown() const
{
    return {m_text, m_segments, m_lines, verticalScrollBar()->value()};
}

void TokenEdit::textEdited(qsizetype changedFrom, const Shown& before)
{
    m_segments = TokenSegments(m_text);
    wrap();
    ensureCursorVisible(); // a scroll repaints the whole view
    restartBlink();
    // Lines before the change keep their text and colours, but for a "Bearer " the change may complete
    // or break (it decides where the colours start). After it, only lines that look different are
    // painted again: a new token from the same issuer often keeps its header's and long claims' lines.
    constexpr qsizetype kBearer = 7;
    const qsizetype firstChanged = lineOf(std::max<qsizetype>(0, changedFrom - kBearer));
    const bool placeholder = m_text.isEmpty() || before.text.isEmpty(); // painted over several lines
    if (placeholder || before.firstLine != verticalScrollBar()->value()) {
        viewport()->update();
        Q_EMIT textChanged();
        return;
    }
    const qsizetype lastShown = std::min<qsizetype>(m_lines.size(), before.firstLine + visibleLines() + 1) - 1;
    for (qsizetype line = firstChanged; line <= lastShown; ++line) {
        if (!looksAsBefore(line, before))
            updateLines(line, line);
    }
    if (m_lines.size() != before.lines.size()) // lines gone or added at the end, and the margin below
        updateLines(std::min(m_lines.size(), before.lines.size()) - 1, m_lines.size() - 1);
    Q_EMIT textChanged();
}

// Whether a line shows the same characters in the same colours as it did.
bool TokenEdit::looksAsBefore(qsizetype line, const Shown& before) const
{
    if (line >= before.lines.size())
        return false;
    const Line& now = m_lines[line];
    const Line& then = before.lines[line];
    if (now.start != then.start || now.length != then.length ||
        QStringView(m_text).mid(now.start, now.length) != QStringView(before.text).mid(then.start, then.length))
        return false;
    for (qsizetype position = now.start; position < now.start + now.length; ++position) {
        if (m_segments.segmentAt(position) != before.segments.segmentAt(position))
            return false;
    }
    return true;
}

void TokenEdit::updateLines(qsizetype firstLine, qsizetype lastLine)
{
    const qsizetype first = verticalScrollBar()->value();
    const int top = std::max(0, kMargin + int(std::max<qsizetype>(-1, firstLine - first)) * m_lineHeight);
    const int bottom = std::min<qsizetype>(
        viewport()->height(),
        kMargin + (std::min<qsizetype>(lastLine, first + visibleLines() + 1) - first + 1) * m_lineHeight);
    if (lastLine == m_lines.size() - 1)
        viewport()->update(0, top, viewport()->width(), viewport()->height() - top); // and the margin below
    else if (bottom > top)
        viewport()->update(0, top, viewport()->width(), bottom - top);
}

// The lines the selection left or reached, and the caret's old and new places.
void TokenEdit::updateSelectionAndCaret(qsizetype oldCursor, qsizetype oldAnchor)
{
    const auto [low, high] = std::minmax({oldCursor, oldAnchor, m_cursor, m_anchor});
    if (oldCursor != oldAnchor || m_cursor != m_anchor)
        updateLines(lineOf(low), lineOf(high));
    viewport()->update(cursorRect(std::min(oldCursor, m_text.size())).adjusted(-1, 0, 1, 0));
    viewport()->update(cursorRect(m_cursor).adjusted(-1, 0, 1, 0));
}

void TokenEdit::moveCursor(qsizetype position, QTextCursor::MoveMode mode)
{
    position = std::clamp<qsizetype>(position, 0, m_text.size());
    // Never between the two halves of a surrogate pair.
    if (position > 0 && position < m_text.size() && m_text[position].isLowSurrogate())
        position += position > m_cursor ? 1 : -1;
    const qsizetype oldCursor = m_cursor, oldAnchor = m_anchor;
    m_cursor = position;
    if (mode == QTextCursor::MoveAnchor)
        m_anchor = position;
    m_lastEdit = EditKind::Other;
    ensureCursorVisible();
    restartBlink();
    updateSelectionAndCaret(oldCursor, oldAnchor);
    if (QAccessible::isActive()) {
        QAccessibleTextCursorEvent event(this, int(m_cursor));
        QAccessible::updateAccessibility(&event);
    }
}

qsizetype TokenEdit::lineOf(qsizetype position) const
{
    const auto after = std::upper_bound(m_lines.cbegin(), m_lines.cend(), position,
                                        [](qsizetype p, const Line& line) { return p < line.start; });
    return std::max<qsizetype>(0, after - m_lines.cbegin() - 1);
}

qsizetype TokenEdit::wordEnd(qsizetype position) const
{
    while (position < m_text.size() && !isWordCharacter(m_text[position]))
        ++position;
    while (position < m_text.size() && isWordCharacter(m_text[position]))
        ++position;
    return position;
}

qsizetype TokenEdit::wordStart(qsizetype position) const
{
    while (position > 0 && !isWordCharacter(m_text[position - 1]))
        --position;
    while (position > 0 && isWordCharacter(m_text[position - 1]))
        --position;
    return position;
}

int TokenEdit::visibleLines() const
{
    return std::max(1, (viewport()->height() - 2 * kMargin) / m_lineHeight);
}

// The cell every character takes: the widest of a token's characters, so that a font that is not
// fixed-pitch still never overlaps.
void TokenEdit::updateMetrics()
{
    const QFontMetricsF metrics(font());
    m_cellWidth = 1;
    for (const char c : {'0', 'M', 'W', 'm', 'w', '_', '-'})
        m_cellWidth = std::max(m_cellWidth, metrics.horizontalAdvance(QLatin1Char(c)));
    m_lineHeight = std::max(1, int(std::ceil(metrics.lineSpacing())));
    m_ascent = metrics.ascent();
    m_rawFont = QRawFont::fromFont(font());
    m_columns = -1; // wraps again for the new cell width
    resizeEvent(nullptr);
}

// Lines of `m_columns` characters; a line break starts a new line.
void TokenEdit::wrap()
{
    m_lines.clear();
    m_lines.reserve(m_text.size() / m_columns + 1);
    for (qsizetype start = 0;;) {
        const qsizetype lineBreak = m_text.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = lineBreak < 0 ? m_text.size() : lineBreak;
        qsizetype from = start;
        do {
            m_lines.append({from, std::min<qsizetype>(m_columns, end - from)});
            from += m_columns;
        } while (from < end);
        if (lineBreak < 0)
            break;
        start = lineBreak + 1;
    }
    verticalScrollBar()->setPageStep(visibleLines());
    verticalScrollBar()->setRange(0, int(std::max<qsizetype>(0, m_lines.size() - visibleLines())));
}

void TokenEdit::ensureCursorVisible()
{
    const int line = int(lineOf(m_cursor));
    QScrollBar* bar = verticalScrollBar();
    if (line < bar->value())
        bar->setValue(line);
    else if (line >= bar->value() + visibleLines())
        bar->setValue(line - visibleLines() + 1);
}

void TokenEdit::restartBlink()
{
    m_cursorShown = true;
    const int flash = QApplication::cursorFlashTime();
    if (hasFocus() && flash > 0)
        m_blink.start(flash / 2, this);
    else
        m_blink.stop();
}

bool TokenEdit::event(QEvent* event)
{
    // The field's own keys win over the window's shortcuts while it has the focus, as in any text field.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        bool own = key->key() == Qt::Key_Backspace || (!key->text().isEmpty() && key->text().front().isPrint() &&
                                                       !(key->modifiers() & (Qt::ControlModifier | Qt::MetaModifier)));
        for (QKeySequence::StandardKey edit :
             {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste, QKeySequence::Undo, QKeySequence::Redo,
              QKeySequence::SelectAll, QKeySequence::Delete, QKeySequence::DeleteStartOfWord,
              QKeySequence::DeleteEndOfWord, QKeySequence::MoveToStartOfLine, QKeySequence::MoveToEndOfLine,
              QKeySequence::MoveToStartOfDocument, QKeySequence::MoveToEndOfDocument, QKeySequence::MoveToNextWord,
              QKeySequence::MoveToPreviousWord, QKeySequence::SelectNextWord, QKeySequence::SelectPreviousWord,
              QKeySequence::SelectStartOfLine, QKeySequence::SelectEndOfLine})
            own = own || key->matches(edit);
        if (own) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

void TokenEdit::paintEvent(QPaintEvent* event)
{
    QPainter painter(viewport());
    if (m_text.isEmpty() && !m_placeholder.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::TextWordWrap,
                         m_placeholder);
    }
    const qsizetype first = verticalScrollBar()->value();
    const QRect dirty = event->rect();
    for (qsizetype i = first; i < m_lines.size(); ++i) {
        const qreal top = kMargin + qreal(i - first) * m_lineHeight;
        if (top > dirty.bottom())
            break;
        if (top + m_lineHeight >= dirty.top())
            paintLine(painter, m_lines[i], top, dirty);
    }
    if (hasFocus() && m_cursorShown)
        painter.fillRect(cursorRect(m_cursor), palette().color(QPalette::Text));
}

// The line's selection, then its characters in runs of one colour: those under the dirty rectangle
// (a caret's blink repaints a few characters, not the line).
void TokenEdit::paintLine(QPainter& painter, const Line& line, qreal top, const QRect& dirty) const
{
    auto columnAt = [&](qreal x) {
        return std::clamp<qsizetype>(qsizetype((x - kMargin) / m_cellWidth), 0, line.length);
    };
    const qsizetype begin = line.start + columnAt(dirty.left() - m_cellWidth);
    const qsizetype end = line.start + columnAt(dirty.right() + 2 * m_cellWidth);
    const qsizetype selectedFrom = std::max(selectionStart(), line.start);
    const qsizetype selectedTo = std::min(selectionEnd(), end);
    if (selectedFrom < selectedTo)
        painter.fillRect(QRectF(kMargin + qreal(selectedFrom - line.start) * m_cellWidth, top,
                                qreal(selectedTo - selectedFrom) * m_cellWidth, m_lineHeight),
                         palette().color(QPalette::Highlight));
    // A run is the characters of one segment, selected or not: compared as such, and its colour worked
    // out once a run (each character's colour read the application's palette, hundreds a frame).
    constexpr int kSelected = -2;
    auto kindOf = [&](qsizetype position) {
        return position >= selectedFrom && position < selectedTo ? kSelected : m_segments.segmentAt(position);
    };
    auto colourOf = [&](int kind) {
        return kind == kSelected ? palette().color(QPalette::HighlightedText)
               : kind < 0        ? palette().color(QPalette::Text)
                                 : TokenSegments::segmentColor(kind);
    };
    const qreal baseline = top + m_ascent;
    qsizetype runStart = begin;
    int runKind = kindOf(runStart);
    for (qsizetype p = begin + 1; p <= end; ++p) {
        const int kind = p < end ? kindOf(p) : kSelected - 1;
        if (p < end && kind == runKind)
            continue;
        painter.setPen(colourOf(runKind));
        drawRun(painter, runStart, p, runStart - line.start, baseline);
        runStart = p;
        runKind = kind;
    }
}

// A token's characters as one glyph run set on the grid of cells; anything else a character at a time.
void TokenEdit::drawRun(QPainter& painter, qsizetype from, qsizetype to, qsizetype column, qreal baseline) const
{
    const QStringView text = QStringView(m_text).mid(from, to - from);
    if (isPlainAscii(text) && m_rawFont.isValid()) {
        QGlyphRun run;
        run.setRawFont(m_rawFont);
        run.setGlyphIndexes(m_rawFont.glyphIndexesForString(text.toString()));
        QList<QPointF> positions;
        positions.reserve(text.size());
        for (qsizetype i = 0; i < text.size(); ++i)
            positions.append(QPointF(kMargin + qreal(column + i) * m_cellWidth, baseline));
        run.setPositions(positions);
        painter.drawGlyphRun(QPointF(0, 0), run);
        return;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isLowSurrogate() || text[i].isSpace())
            continue;
        const qsizetype length = text[i].isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        painter.drawText(QPointF(kMargin + qreal(column + i) * m_cellWidth, baseline), text.mid(i, length).toString());
    }
}

void TokenEdit::resizeEvent(QResizeEvent* event)
{
    if (event)
        QAbstractScrollArea::resizeEvent(event);
    const int columns = std::max(1, int((viewport()->width() - 2 * kMargin) / m_cellWidth));
    if (columns != m_columns) {
        m_columns = columns;
        wrap();
    } else {
        verticalScrollBar()->setPageStep(visibleLines());
        verticalScrollBar()->setRange(0, int(std::max<qsizetype>(0, m_lines.size() - visibleLines())));
    }
}

void TokenEdit::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
}

void TokenEdit::keyPressEvent(QKeyEvent* event)
{
    if (handleMove(event) || handleEdit(event))
        event->accept();
    else
        QAbstractScrollArea::keyPressEvent(event);
}

bool TokenEdit::handleMove(QKeyEvent* event)
{
    const qsizetype line = lineOf(m_cursor);
    const Line here = m_lines[line];
    const qsizetype column = m_cursor - here.start;
    auto onLine = [&](qsizetype other) {
        const Line& target = m_lines[std::clamp<qsizetype>(other, 0, m_lines.size() - 1)];
        return target.start + std::min(column, target.length);
    };
    const qsizetype lastLine = m_lines.size() - 1;
    const qsizetype down = line < lastLine ? onLine(line + 1) : m_text.size();
    const qsizetype up = line > 0 ? onLine(line - 1) : 0;
    struct Move
    {
        QKeySequence::StandardKey key;
        qsizetype to;
        QTextCursor::MoveMode mode;
    };
    const Move moves[] = {
        {QKeySequence::MoveToNextChar, hasSelection() ? selectionEnd() : m_cursor + 1, QTextCursor::MoveAnchor},
        {QKeySequence::MoveToPreviousChar, hasSelection() ? selectionStart() : m_cursor - 1, QTextCursor::MoveAnchor},
        {QKeySequence::SelectNextChar, m_cursor + 1, QTextCursor::KeepAnchor},
        {QKeySequence::SelectPreviousChar, m_cursor - 1, QTextCursor::KeepAnchor},
        {QKeySequence::MoveToNextWord, wordEnd(m_cursor), QTextCursor::MoveAnchor},
        {QKeySequence::MoveToPreviousWord, wordStart(m_cursor), QTextCursor::MoveAnchor},
        {QKeySequence::SelectNextWord, wordEnd(m_cursor), QTextCursor::KeepAnchor},
        {QKeySequence::SelectPreviousWord, wordStart(m_cursor), QTextCursor::KeepAnchor},
        {QKeySequence::MoveToNextLine, down, QTextCursor::MoveAnchor},
        {QKeySequence::MoveToPreviousLine, up, QTextCursor::MoveAnchor},
        {QKeySequence::SelectNextLine, down, QTextCursor::KeepAnchor},
        {QKeySequence::SelectPreviousLine, up, QTextCursor::KeepAnchor},
        {QKeySequence::MoveToNextPage, onLine(line + visibleLines()), QTextCursor::MoveAnchor},
        {QKeySequence::MoveToPreviousPage, onLine(line - visibleLines()), QTextCursor::MoveAnchor},
        {QKeySequence::SelectNextPage, onLine(line + visibleLines()), QTextCursor::KeepAnchor},
        {QKeySequence::SelectPreviousPage, onLine(line - visibleLines()), QTextCursor::KeepAnchor},
        {QKeySequence::MoveToStartOfLine, here.start, QTextCursor::MoveAnchor},
        {QKeySequence::MoveToEndOfLine, here.start + here.length, QTextCursor::MoveAnchor},
        {QKeySequence::SelectStartOfLine, here.start, QTextCursor::KeepAnchor},
        {QKeySequence::SelectEndOfLine, here.start + here.length, QTextCursor::KeepAnchor},
        {QKeySequence::MoveToStartOfDocument, 0, QTextCursor::MoveAnchor},
        {QKeySequence::MoveToEndOfDocument, m_text.size(), QTextCursor::MoveAnchor},
        {QKeySequence::SelectStartOfDocument, 0, QTextCursor::KeepAnchor},
        {QKeySequence::SelectEndOfDocument, m_text.size(), QTextCursor::KeepAnchor},
    };
    for (const Move& move : moves) {
        if (event->matches(move.key)) {
            moveCursor(move.to, move.mode);
            return true;
        }
    }
    return false;
}

bool TokenEdit::handleEdit(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy))
        copy();
    else if (event->matches(QKeySequence::Cut))
        cut();
    else if (event->matches(QKeySequence::Paste))
        paste();
    else if (event->matches(QKeySequence::Undo))
        undo();
    else if (event->matches(QKeySequence::Redo))
        redo();
    else if (event->matches(QKeySequence::SelectAll))
        selectAll();
    else if (hasSelection() && (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace))
        replace(selectionStart(), selectionEnd(), QString(), EditKind::Deleting);
    else if (event->matches(QKeySequence::Delete))
        replace(m_cursor, m_cursor + (m_cursor + 1 < m_text.size() && m_text[m_cursor].isHighSurrogate() ? 2 : 1),
                QString(), EditKind::Deleting);
    else if (event->matches(QKeySequence::DeleteStartOfWord))
        replace(wordStart(m_cursor), m_cursor, QString(), EditKind::Other);
    else if (event->matches(QKeySequence::DeleteEndOfWord))
        replace(m_cursor, wordEnd(m_cursor), QString(), EditKind::Other);
    else if (event->key() == Qt::Key_Backspace && !(event->modifiers() & ~Qt::ShiftModifier))
        replace(m_cursor - (m_cursor > 1 && m_text[m_cursor - 1].isLowSurrogate() ? 2 : 1), m_cursor, QString(),
                EditKind::Deleting);
    else if (event->matches(QKeySequence::InsertParagraphSeparator) ||
             event->matches(QKeySequence::InsertLineSeparator))
        replace(selectionStart(), selectionEnd(), QStringLiteral("\n"), EditKind::Typing);
    else if (!event->text().isEmpty() && event->text().front().isPrint() &&
             !(event->modifiers() & (Qt::ControlModifier | Qt::MetaModifier)))
        replace(selectionStart(), selectionEnd(), event->text(), EditKind::Typing);
    else
        return false;
    return true;
}

void TokenEdit::inputMethodEvent(QInputMethodEvent* event)
{
    if (!event->commitString().isEmpty() || event->replacementLength() > 0) {
        const qsizetype from = hasSelection() ? selectionStart() : m_cursor + event->replacementStart();
        const qsizetype to = hasSelection() ? selectionEnd() : from + event->replacementLength();
        replace(from, to, normalised(event->commitString()), EditKind::Typing);
    }
    event->accept();
}

void TokenEdit::mousePressEvent(QMouseEvent* event)
{
    const qsizetype position = positionAt(event->position());
    if (event->button() == Qt::LeftButton) {
        m_selecting = true;
        moveCursor(position,
                   event->modifiers() & Qt::ShiftModifier ? QTextCursor::KeepAnchor : QTextCursor::MoveAnchor);
    } else if (event->button() == Qt::MiddleButton && QGuiApplication::clipboard()->supportsSelection()) {
        moveCursor(position, QTextCursor::MoveAnchor);
        insert(QGuiApplication::clipboard()->text(QClipboard::Selection));
    }
}

void TokenEdit::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_selecting)
        return;
    // Above or below the view, the selection scrolls on a line at a time.
    QPointF point = event->position();
    if (point.y() < 0)
        point.setY(-m_lineHeight + kMargin);
    else if (point.y() > viewport()->height())
        point.setY(kMargin + visibleLines() * m_lineHeight);
    moveCursor(positionAt(point), QTextCursor::KeepAnchor);
}

void TokenEdit::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_selecting) {
        m_selecting = false;
        updateSelectionClipboard();
    }
}

void TokenEdit::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const qsizetype position = positionAt(event->position());
    qsizetype end = position;
    while (end < m_text.size() && isWordCharacter(m_text[end]))
        ++end;
    setSelection(end > position ? wordStart(end) : position, end);
    updateSelectionClipboard();
}

void TokenEdit::updateSelectionClipboard() const
{
    if (hasSelection() && QGuiApplication::clipboard()->supportsSelection())
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void TokenEdit::contextMenuEvent(QContextMenuEvent* event)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    auto add = [menu](const QString& text, QKeySequence::StandardKey key, bool enabled, auto slot) {
        QAction* action = menu->addAction(text, slot);
        action->setShortcut(key);
        action->setEnabled(enabled);
    };
    add(tr("&Undo"), QKeySequence::Undo, isUndoAvailable(), [this] { undo(); });
    add(tr("&Redo"), QKeySequence::Redo, isRedoAvailable(), [this] { redo(); });
    menu->addSeparator();
    add(tr("Cu&t"), QKeySequence::Cut, hasSelection(), [this] { cut(); });
    add(tr("&Copy"), QKeySequence::Copy, hasSelection(), [this] { copy(); });
    add(tr("&Paste"), QKeySequence::Paste, !QGuiApplication::clipboard()->text().isEmpty(), [this] { paste(); });
    add(tr("Delete"), QKeySequence::Delete, hasSelection(),
        [this] { replace(selectionStart(), selectionEnd(), QString(), EditKind::Other); });
    menu->addSeparator();
    add(tr("Select All"), QKeySequence::SelectAll, !m_text.isEmpty(), [this] { selectAll(); });
    menu->popup(event->globalPos());
}

void TokenEdit::focusInEvent(QFocusEvent* event)
{
    QAbstractScrollArea::focusInEvent(event);
    restartBlink();
    viewport()->update();
}

void TokenEdit::focusOutEvent(QFocusEvent* event)
{
    QAbstractScrollArea::focusOutEvent(event);
    m_blink.stop();
    viewport()->update();
}

void TokenEdit::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_blink.timerId())
        return QAbstractScrollArea::timerEvent(event);
    m_cursorShown = !m_cursorShown;
    viewport()->update(cursorRect(m_cursor));
}

void TokenEdit::scrollContentsBy(int, int)
{
    viewport()->update();
}

} // namespace Signet
