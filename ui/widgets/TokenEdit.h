#pragma once

#include "widgets/TokenSegments.h"

#include <QAbstractScrollArea>
#include <QBasicTimer>
#include <QList>
#include <QRawFont>
#include <QString>
#include <QTextCursor>

namespace Signet {

// The field a token is pasted or typed into, its header, payload and signature coloured. A token is
// one long word of ASCII: this view breaks it every so many characters (as many as the width holds in
// the fixed font) and lays out and paints only the lines in view, where a text document would lay out
// all 8 KB of it on every paste. Editing is a plain text field's: typing, paste, cut, copy, selection
// with keys and mouse, undo and redo; line breaks in pasted text stay (the Inspector offers to remove
// them).
class TokenEdit : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TokenEdit(QWidget* parent = nullptr);

    // Where the caret goes after the whole text is replaced.
    enum class Caret
    {
        AtEnd,  // as after a paste
        AtStart // the text shown from its start
    };

    [[nodiscard]] QString toPlainText() const { return m_text; }
    // Replaces the whole text as one edit, as a paste over everything is: Ctrl+Z brings the old text back.
    void replaceAll(const QString& text, Caret caret = Caret::AtEnd);
    void setPlaceholderText(const QString& text);
    [[nodiscard]] QString placeholderText() const { return m_placeholder; }

    [[nodiscard]] qsizetype cursorPosition() const { return m_cursor; }
    void setCursorPosition(qsizetype position);
    // Selects from `anchor` to `position`; the cursor ends at `position`.
    void setSelection(qsizetype anchor, qsizetype position);
    [[nodiscard]] bool hasSelection() const { return m_cursor != m_anchor; }
    [[nodiscard]] qsizetype selectionStart() const { return std::min(m_cursor, m_anchor); }
    [[nodiscard]] qsizetype selectionEnd() const { return std::max(m_cursor, m_anchor); }
    [[nodiscard]] QString selectedText() const;
    // Replaces the selection (or inserts at the cursor) as one edit.
    void insert(const QString& text);

    // The wrapped lines for the present width, and where each starts in the text.
    [[nodiscard]] qsizetype lineCount() const { return m_lines.size(); }
    [[nodiscard]] qsizetype lineStart(qsizetype line) const { return m_lines.value(line).start; }
    [[nodiscard]] int columns() const { return m_columns; }
    // The colour the character at `position` is painted in (unselected).
    [[nodiscard]] QColor colorAt(qsizetype position) const;
    // Where the character at `position` is, in viewport coordinates, and the reverse.
    [[nodiscard]] QRect cursorRect(qsizetype position) const;
    [[nodiscard]] qsizetype positionAt(QPointF point) const;

    [[nodiscard]] bool isUndoAvailable() const { return !m_undo.isEmpty(); }
    [[nodiscard]] bool isRedoAvailable() const { return !m_redo.isEmpty(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    QVariant inputMethodQuery(Qt::InputMethodQuery query) const override;

public Q_SLOTS:
    void copy() const;
    void cut();
    void paste();
    void undo();
    void redo();
    void selectAll();

Q_SIGNALS:
    void textChanged();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void timerEvent(QTimerEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Line
    {
        qsizetype start = 0;
        qsizetype length = 0;
    };
    struct Snapshot
    {
        QString text;
        qsizetype cursor = 0;
        qsizetype anchor = 0;
    };
    // What an edit was, so that a run of typed characters (or of deletions) undoes as one.
    enum class EditKind
    {
        Other,
        Typing,
        Deleting
    };

    // What the view showed before an edit, to paint again only the lines that changed.
    struct Shown
    {
        QString text;
        TokenSegments segments;
        QList<Line> lines;
        qsizetype firstLine = 0;
    };

    void replace(qsizetype from, qsizetype to, const QString& text, EditKind kind, Caret caret = Caret::AtEnd);
    void restore(QList<Snapshot>& from, QList<Snapshot>& to);
    [[nodiscard]] Shown shown() const;
    // What follows an edit: the lines wrapped again, and from `changedFrom` on the lines that look
    // different (or everything, when the view scrolls) painted again.
    void textEdited(qsizetype changedFrom, const Shown& before);
    [[nodiscard]] bool looksAsBefore(qsizetype line, const Shown& before) const;
    void updateLines(qsizetype firstLine, qsizetype lastLine);
    void updateSelectionAndCaret(qsizetype oldCursor, qsizetype oldAnchor);
    void moveCursor(qsizetype position, QTextCursor::MoveMode mode);
    [[nodiscard]] bool handleMove(QKeyEvent* event);
    [[nodiscard]] bool handleEdit(QKeyEvent* event);
    [[nodiscard]] qsizetype lineOf(qsizetype position) const;
    [[nodiscard]] qsizetype wordEnd(qsizetype position) const;
    [[nodiscard]] qsizetype wordStart(qsizetype position) const;
    [[nodiscard]] int visibleLines() const;
    void updateMetrics();
    void wrap();
    void ensureCursorVisible();
    void restartBlink();
    void paintLine(QPainter& painter, const Line& line, qreal top, const QRect& dirty) const;
    void drawRun(QPainter& painter, qsizetype from, qsizetype to, qsizetype column, qreal baseline) const;
    void updateSelectionClipboard() const;

    QString m_text;
    QString m_placeholder;
    TokenSegments m_segments;
    QList<Line> m_lines;
    int m_columns = 1;
    qsizetype m_cursor = 0;
    qsizetype m_anchor = 0;
    QList<Snapshot> m_undo;
    QList<Snapshot> m_redo;
    EditKind m_lastEdit = EditKind::Other;
    qsizetype m_lastEditEnd = -1;
    QRawFont m_rawFont;
    qreal m_cellWidth = 8;
    int m_lineHeight = 16;
    qreal m_ascent = 12;
    QBasicTimer m_blink;
    bool m_cursorShown = true;
    bool m_selecting = false;
};

} // namespace Signet
