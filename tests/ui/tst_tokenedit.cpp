// The token field as a user drives it: typing, paste, selection with keys and mouse, copy and cut,
// undo, line wrapping at the width, the three segments' colours (light and dark) as painted, and what
// a screen reader reads.

#include "widgets/TokenEdit.h"
#include "widgets/TokenSegments.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace Signet;

namespace {

const QString kToken = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl");

struct Field
{
    TokenEdit edit;
    Field()
    {
        edit.resize(400, 120);
        edit.show();
        edit.activateWindow();
        edit.setFocus();
        if (!QTest::qWaitForWindowExposed(&edit))
            qFatal("not exposed");
    }
    // Sends a mouse event to the viewport, where the text is: with the button held for moves.
    void mouse(QEvent::Type type, qsizetype position, Qt::MouseButton button = Qt::LeftButton,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        const QPointF point = QRectF(edit.cursorRect(position)).center() + QPointF(1, 0);
        QMouseEvent event(type, point, edit.viewport()->mapToGlobal(point),
                          type == QEvent::MouseMove ? Qt::NoButton : button,
                          type == QEvent::MouseButtonRelease ? Qt::NoButton : button, modifiers);
        QApplication::sendEvent(edit.viewport(), &event);
    }
};

// Whether some pixel of `image` inside `band` is (nearly) `colour`: the core of a glyph is painted in it.
bool paints(const QImage& image, const QRect& band, const QColor& colour)
{
    for (int y = std::max(0, band.top()); y <= std::min(image.height() - 1, band.bottom()); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) + std::abs(pixel.green() - colour.green()) +
                    std::abs(pixel.blue() - colour.blue()) <
                24)
                return true;
        }
    }
    return false;
}

// The region painted on a widget since the last clear().
struct PaintSpy : QObject
{
    QRegion region;
    explicit PaintSpy(QWidget* widget) { widget->installEventFilter(this); }
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            region += static_cast<QPaintEvent*>(event)->region();
        return false;
    }
};

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    return dark;
}

} // namespace

class TokenEditTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingAndEditingKeys()
    {
        Field f;
        QSignalSpy changed(&f.edit, &TokenEdit::textChanged);
        QTest::keyClicks(&f.edit, QStringLiteral("abc.def"));
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("abc.def"));
        QCOMPARE(changed.size(), 7);
        QCOMPARE(f.edit.cursorPosition(), 7);
        QTest::keyClick(&f.edit, Qt::Key_Backspace);
        QTest::keyClick(&f.edit, Qt::Key_Home);
        QTest::keyClick(&f.edit, Qt::Key_Right);
        QTest::keyClick(&f.edit, Qt::Key_Delete);
        QTest::keyClicks(&f.edit, QStringLiteral("X"));
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("aXc.de"));
        QTest::keyClick(&f.edit, Qt::Key_End);
        QTest::keyClick(&f.edit, Qt::Key_Return);
        QTest::keyClicks(&f.edit, QStringLiteral("g"));
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("aXc.de\ng"));
        // Tab leaves the field (it is not typed into a token).
        QTest::keyClick(&f.edit, Qt::Key_Tab);
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("aXc.de\ng"));
    }

    void pasteReplacesTheSelection()
    {
        Field f;
        QGuiApplication::clipboard()->setText(kToken);
        QTest::keyClick(&f.edit, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(f.edit.toPlainText(), kToken);
        QCOMPARE(f.edit.cursorPosition(), kToken.size());
        QTest::keyClick(&f.edit, Qt::Key_A, Qt::ControlModifier);
        QGuiApplication::clipboard()->setText(QStringLiteral("one\r\ntwo\rthree"));
        QTest::keyClick(&f.edit, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("one\ntwo\nthree")); // line breaks as a text field keeps them
        QGuiApplication::clipboard()->clear();
    }

    void selectionAndCopy()
    {
        Field f;
        f.edit.replaceAll(kToken);
        QTest::keyClick(&f.edit, Qt::Key_Home, Qt::ControlModifier);
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(&f.edit, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(f.edit.selectedText(), QStringLiteral("eyJhb"));
        QTest::keyClick(&f.edit, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("eyJhb"));
        QTest::keyClick(&f.edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(&f.edit, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), kToken);

        // With the mouse: press, drag, release; a double click takes a segment.
        f.mouse(QEvent::MouseButtonPress, 3);
        f.mouse(QEvent::MouseMove, 10);
        f.mouse(QEvent::MouseButtonRelease, 10);
        QCOMPARE(f.edit.selectedText(), kToken.mid(3, 7));
        f.mouse(QEvent::MouseButtonPress, 14, Qt::LeftButton, Qt::ShiftModifier);
        QCOMPARE(f.edit.selectedText(), kToken.mid(3, 11));
        const qsizetype payload = kToken.indexOf(QLatin1Char('.')) + 1;
        f.mouse(QEvent::MouseButtonDblClick, payload + 4);
        QCOMPARE(f.edit.selectedText(), kToken.section(QLatin1Char('.'), 1, 1));

        QTest::keyClick(&f.edit, Qt::Key_X, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), kToken.section(QLatin1Char('.'), 1, 1));
        QCOMPARE(f.edit.toPlainText(), kToken.section(QLatin1Char('.'), 0, 0) + QStringLiteral("..") +
                                           kToken.section(QLatin1Char('.'), 2, 2));
        QGuiApplication::clipboard()->clear();
    }

    void undoAndRedo()
    {
        Field f;
        QTest::keyClicks(&f.edit, QStringLiteral("abc"));
        f.edit.replaceAll(kToken);
        QTest::keyClick(&f.edit, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("abc"));
        QTest::keyClick(&f.edit, Qt::Key_Z, Qt::ControlModifier); // the typed run is one step
        QCOMPARE(f.edit.toPlainText(), QString());
        QTest::keyClick(&f.edit, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(&f.edit, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(f.edit.toPlainText(), kToken);
    }

    // Lines of as many characters as the width holds; a line break starts a line; the caret stays in view.
    void wrapsAtTheWidth()
    {
        Field f;
        const QString token = kToken.repeated(6);
        f.edit.replaceAll(token);
        const int columns = f.edit.columns();
        QVERIFY(columns > 10);
        QVERIFY(f.edit.cursorRect(columns - 1).left() < f.edit.viewport()->width());
        QVERIFY(f.edit.cursorRect(columns).top() > f.edit.cursorRect(columns - 1).top());
        QCOMPARE(f.edit.lineCount(), (token.size() + columns - 1) / columns);
        for (qsizetype line = 0; line < f.edit.lineCount(); ++line)
            QCOMPARE(f.edit.lineStart(line), line * columns);
        QCOMPARE(f.edit.verticalScrollBar()->value(), f.edit.verticalScrollBar()->maximum());
        QVERIFY(f.edit.viewport()->rect().contains(f.edit.cursorRect(f.edit.cursorPosition())));

        f.edit.resize(f.edit.width() / 2, f.edit.height());
        QVERIFY(f.edit.columns() < columns);
        QCOMPARE(f.edit.lineCount(), (token.size() + f.edit.columns() - 1) / f.edit.columns());
        // A character is hit where it is painted, on any line.
        const qsizetype late = token.size() - 5;
        f.edit.setCursorPosition(late);
        QCOMPARE(f.edit.positionAt(QRectF(f.edit.cursorRect(late)).center() + QPointF(1, 0)), late);

        f.edit.replaceAll(QStringLiteral("abc\n\n") + token);
        QCOMPARE(f.edit.lineStart(1), 4);
        QCOMPARE(f.edit.lineStart(2), 5);
        QCOMPARE(f.edit.lineStart(3), 5 + f.edit.columns());
        QTest::keyClick(&f.edit, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(f.edit.verticalScrollBar()->value(), 0);
        QTest::keyClick(&f.edit, Qt::Key_Down);
        QTest::keyClick(&f.edit, Qt::Key_Down);
        QTest::keyClick(&f.edit, Qt::Key_Down);
        QCOMPARE(f.edit.cursorPosition(), 5 + f.edit.columns());
    }

    // Only what changed is painted again: typing at the end repaints the last lines, not the first; the
    // same text again repaints none of it.
    void repaintsOnlyWhatChanged()
    {
        Field f;
        PaintSpy painted(f.edit.viewport());
        const QString token = kToken.repeated(2);
        f.edit.replaceAll(token);
        QVERIFY(f.edit.lineCount() >= 3);
        QVERIFY(f.edit.lineCount() <= 4); // all in view: no scrolling
        QApplication::processEvents();
        auto lineBand = [&](qsizetype position) {
            const QRect caret = f.edit.cursorRect(position);
            return QRect(0, caret.top(), f.edit.viewport()->width(), caret.height());
        };
        painted.region = QRegion();
        QTest::keyClicks(&f.edit, QStringLiteral("x"));
        QApplication::processEvents();
        QVERIFY(painted.region.contains(f.edit.cursorRect(f.edit.cursorPosition())));
        QVERIFY(painted.region.contains(lineBand(token.size()).adjusted(0, 1, 0, -1)));
        QVERIFY(!painted.region.intersects(lineBand(0)));

        f.edit.replaceAll(token, TokenEdit::Caret::AtStart);
        QApplication::processEvents();
        QCOMPARE(f.edit.cursorPosition(), 0);
        painted.region = QRegion();
        f.edit.replaceAll(token, TokenEdit::Caret::AtStart);
        QApplication::processEvents();
        QVERIFY(!painted.region.intersects(lineBand(f.edit.lineStart(1))));
    }

    // A new token repaints the lines that look different, and only them: the same characters on a line
    // still repaint when they change colour, and lines a shorter token no longer has are cleared.
    void aNewTokenRepaintsOnlyTheLinesThatLookDifferent()
    {
        Field f;
        PaintSpy painted(f.edit.viewport());
        f.edit.replaceAll(QStringLiteral("x"));
        const int columns = f.edit.columns();
        const QString token = QString(10, QLatin1Char('H')) + QLatin1Char('.') +
                              QString(3 * columns, QLatin1Char('P')) + QLatin1Char('.') + QString(10, QLatin1Char('S'));
        f.edit.replaceAll(token, TokenEdit::Caret::AtStart);
        QCOMPARE(f.edit.lineCount(), 4);
        QCOMPARE(f.edit.verticalScrollBar()->maximum(), 0); // all in view
        QApplication::processEvents();
        QList<QRect> bands;
        for (int line = 0; line < 4; ++line) {
            const QRect caret = f.edit.cursorRect(f.edit.lineStart(line));
            bands.append(QRect(0, caret.top() + 1, f.edit.viewport()->width(), caret.height() - 2));
        }

        QString changed = token;
        changed[2 * columns + 5] = QLatin1Char('Q');
        painted.region = QRegion();
        f.edit.replaceAll(changed, TokenEdit::Caret::AtStart);
        QApplication::processEvents();
        QVERIFY(painted.region.contains(bands[2]));
        QVERIFY(!painted.region.intersects(bands[1]));
        QVERIFY(!painted.region.intersects(bands[3]));

        QString moved = changed;
        moved[3] = QLatin1Char('.'); // each character after it now in the next segment's colour
        painted.region = QRegion();
        f.edit.replaceAll(moved, TokenEdit::Caret::AtStart);
        QApplication::processEvents();
        QCOMPARE(f.edit.colorAt(columns + 1), TokenSegments::segmentColor(2));
        for (int line = 1; line < 4; ++line)
            QVERIFY2(painted.region.contains(bands[line]), qPrintable(QString::number(line)));

        painted.region = QRegion();
        f.edit.replaceAll(moved.left(columns + 3), TokenEdit::Caret::AtStart);
        QApplication::processEvents();
        QCOMPARE(f.edit.lineCount(), 2);
        QVERIFY(painted.region.contains(bands[2]));
        QVERIFY(painted.region.contains(bands[3]));
        QVERIFY(painted.region.contains(bands[1])); // three characters now
    }

    void coloursTheSegments()
    {
        Field f;
        f.edit.replaceAll(QStringLiteral("Bearer ") + kToken + QStringLiteral(".x"));
        const QColor text = f.edit.palette().color(QPalette::Text);
        const qsizetype header = 7, payload = header + kToken.indexOf(QLatin1Char('.')) + 1,
                        signature = header + kToken.lastIndexOf(QLatin1Char('.')) + 1;
        QCOMPARE(f.edit.colorAt(0), text); // "Bearer " is not the token
        QCOMPARE(f.edit.colorAt(header), TokenSegments::segmentColor(0));
        QCOMPARE(f.edit.colorAt(payload - 1), text); // the dot
        QCOMPARE(f.edit.colorAt(payload), TokenSegments::segmentColor(1));
        QCOMPARE(f.edit.colorAt(signature), TokenSegments::segmentColor(2));
        QCOMPARE(f.edit.colorAt(f.edit.toPlainText().size() - 1), TokenSegments::segmentColor(2));
        QVERIFY(TokenSegments::segmentColor(0) != TokenSegments::segmentColor(1));
    }

    // The segments as painted, each on its lines, in the light and the dark palette.
    void paintsTheSegmentsWrapped_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void paintsTheSegmentsWrapped()
    {
        QFETCH(bool, dark);
        const QPalette original = QGuiApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        Field f;
        QFont large = f.edit.font();
        large.setPixelSize(24); // glyph stems wide enough to hold pixels of the pen's own colour
        f.edit.setFont(large);
        f.edit.resize(600, 200);
        const QString header(30, QLatin1Char('H')), payload(30, QLatin1Char('P')), signature(30, QLatin1Char('S'));
        f.edit.replaceAll(header + QLatin1Char('.') + payload + QLatin1Char('.') + signature);
        QVERIFY(f.edit.lineCount() >= 2); // wrapped: the segments lie on different lines
        f.edit.setCursorPosition(0);
        const QImage image = f.edit.viewport()->grab().toImage();
        auto band = [&](qsizetype position) {
            const QRect caret = f.edit.cursorRect(position);
            return QRect(0, caret.top(), image.width(), caret.height());
        };
        for (int segment = 0; segment < 3; ++segment) {
            const qsizetype position = segment * 31 + 15;
            QVERIFY2(paints(image, band(position), TokenSegments::segmentColor(segment)),
                     qPrintable(QString::number(segment)));
        }
        QVERIFY(!paints(image, band(15), TokenSegments::segmentColor(2)));
        // A part repainted alone (as a caret's blink repaints) still shows its characters.
        const QRect part = f.edit.cursorRect(31 + 15).adjusted(-20, 0, 20, 0);
        QImage partial(part.size(), QImage::Format_ARGB32_Premultiplied);
        partial.fill(Qt::transparent);
        f.edit.viewport()->render(&partial, QPoint(), QRegion(part)); // the part, at the image's origin
        QVERIFY(paints(partial, partial.rect(), TokenSegments::segmentColor(1)));
        QCOMPARE(f.edit.viewport()->palette().color(QPalette::Base).lightness() < 128, dark);
        QApplication::setPalette(original);
    }

    void readByScreenReaders()
    {
        Field f;
        f.edit.setAccessibleName(QStringLiteral("Token"));
        f.edit.setAccessibleDescription(QStringLiteral("Paste a token"));
        f.edit.replaceAll(kToken);
        QAccessibleInterface* face = QAccessible::queryAccessibleInterface(&f.edit);
        QVERIFY(face);
        QCOMPARE(face->role(), QAccessible::EditableText);
        QCOMPARE(face->text(QAccessible::Name), QStringLiteral("Token"));
        QCOMPARE(face->text(QAccessible::Description), QStringLiteral("Paste a token"));
        QCOMPARE(face->text(QAccessible::Value), kToken);
        QVERIFY(face->state().editable);
        QAccessibleTextInterface* text = face->textInterface();
        QVERIFY(text);
        QCOMPARE(text->characterCount(), kToken.size());
        QCOMPARE(text->cursorPosition(), kToken.size());
        text->setSelection(0, 0, 5);
        QCOMPARE(f.edit.selectedText(), kToken.left(5));
        QAccessibleEditableTextInterface* editable = face->editableTextInterface();
        QVERIFY(editable);
        editable->insertText(0, QStringLiteral("Bearer "));
        QCOMPARE(f.edit.toPlainText(), QStringLiteral("Bearer ") + kToken);
    }
};

QTEST_MAIN(TokenEditTest)
#include "tst_tokenedit.moc"
