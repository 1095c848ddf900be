#include "widgets/TokenEditAccessible.h"

#include "widgets/TokenEdit.h"

namespace Signet {

TokenEditAccessible::TokenEditAccessible(QWidget* widget)
    : QAccessibleWidget(widget, QAccessible::EditableText)
{}

TokenEdit* TokenEditAccessible::edit() const
{
    return static_cast<TokenEdit*>(widget());
}

QString TokenEditAccessible::text(QAccessible::Text t) const
{
    return t == QAccessible::Value ? edit()->toPlainText() : QAccessibleWidget::text(t);
}

void TokenEditAccessible::setText(QAccessible::Text t, const QString& text)
{
    if (t == QAccessible::Value)
        edit()->replaceAll(text);
    else
        QAccessibleWidget::setText(t, text);
}

QAccessible::State TokenEditAccessible::state() const
{
    QAccessible::State state = QAccessibleWidget::state();
    state.editable = true;
    state.multiLine = true;
    state.selectableText = true;
    return state;
}

void* TokenEditAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::TextInterface)
        return static_cast<QAccessibleTextInterface*>(this);
    if (type == QAccessible::EditableTextInterface)
        return static_cast<QAccessibleEditableTextInterface*>(this);
    return QAccessibleWidget::interface_cast(type);
}

void TokenEditAccessible::selection(int selectionIndex, int* startOffset, int* endOffset) const
{
    const bool any = selectionIndex == 0 && edit()->hasSelection();
    *startOffset = any ? int(edit()->selectionStart()) : 0;
    *endOffset = any ? int(edit()->selectionEnd()) : 0;
}

int TokenEditAccessible::selectionCount() const
{
    return edit()->hasSelection() ? 1 : 0;
}

void TokenEditAccessible::addSelection(int startOffset, int endOffset)
{
    edit()->setSelection(startOffset, endOffset);
}

void TokenEditAccessible::removeSelection(int selectionIndex)
{
    if (selectionIndex == 0)
        edit()->setCursorPosition(edit()->cursorPosition());
}

void TokenEditAccessible::setSelection(int selectionIndex, int startOffset, int endOffset)
{
    if (selectionIndex == 0)
        edit()->setSelection(startOffset, endOffset);
}

int TokenEditAccessible::cursorPosition() const
{
    return int(edit()->cursorPosition());
}

void TokenEditAccessible::setCursorPosition(int position)
{
    edit()->setCursorPosition(position);
}

QString TokenEditAccessible::text(int startOffset, int endOffset) const
{
    return edit()->toPlainText().mid(startOffset, endOffset - startOffset);
}

int TokenEditAccessible::characterCount() const
{
    return int(edit()->toPlainText().size());
}

QRect TokenEditAccessible::characterRect(int offset) const
{
    const QRect caret = edit()->cursorRect(offset);
    const QRect next = edit()->cursorRect(offset + 1);
    const int width = next.top() == caret.top() ? std::max(1, next.left() - caret.left()) : 1;
    return QRect(edit()->viewport()->mapToGlobal(caret.topLeft()), QSize(width, caret.height()));
}

int TokenEditAccessible::offsetAtPoint(const QPoint& point) const
{
    return int(edit()->positionAt(edit()->viewport()->mapFromGlobal(point)));
}

void TokenEditAccessible::scrollToSubstring(int startIndex, int endIndex)
{
    edit()->setSelection(startIndex, endIndex);
}

QString TokenEditAccessible::attributes(int offset, int* startOffset, int* endOffset) const
{
    Q_UNUSED(offset)
    *startOffset = 0;
    *endOffset = characterCount();
    return QString();
}

void TokenEditAccessible::deleteText(int startOffset, int endOffset)
{
    replaceText(startOffset, endOffset, QString());
}

void TokenEditAccessible::insertText(int offset, const QString& text)
{
    replaceText(offset, offset, text);
}

void TokenEditAccessible::replaceText(int startOffset, int endOffset, const QString& text)
{
    edit()->setSelection(startOffset, endOffset);
    edit()->insert(text);
}

void installTokenEditAccessibility()
{
    static const bool installed = [] {
        QAccessible::installFactory([](const QString& className, QObject* object) -> QAccessibleInterface* {
            if (className == QLatin1String("Signet::TokenEdit") && object && object->isWidgetType())
                return new TokenEditAccessible(static_cast<QWidget*>(object));
            return nullptr;
        });
        return true;
    }();
    Q_UNUSED(installed)
}

} // namespace Signet
