#pragma once

// Drives the whole console as a user does: a main window over a fixture workspace, real widgets found
// by object name, modal dialogs answered once they are shown.

#include "WorkspaceFixture.h"

#include "AppSettings.h"
#include "MainWindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QTest>
#include <QTimer>

#include <functional>

namespace Signet::Test {

// Runs `answer` on the next modal dialog, as soon as it is shown (each attempt 10 ms apart).
inline void whenModal(std::function<void(QWidget*)> answer, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [answer = std::move(answer), attempts]() mutable {
        if (QWidget* modal = QApplication::activeModalWidget(); modal && modal->isVisible())
            answer(modal);
        else if (attempts > 0)
            whenModal(std::move(answer), attempts - 1);
    });
}

// Answers the next modal dialog of type T, once it is the active one: a dialog opened from another
// dialog may take a moment to become active, and the outer one must not be answered instead.
template<typename T> void whenModalIs(std::function<void(T*)> answer, int attempts = 300)
{
    QTimer::singleShot(10, qApp, [answer = std::move(answer), attempts]() mutable {
        if (auto* modal = qobject_cast<T*>(QApplication::activeModalWidget()); modal && modal->isVisible())
            answer(modal);
        else if (attempts > 0)
            whenModalIs<T>(std::move(answer), attempts - 1);
    });
}

// Clicks the button with this text (mnemonic ampersands ignored) with the mouse; closes the dialog
// if there is none, so that a mismatch fails the test instead of leaving it waiting.
inline void clickButton(QWidget* dialog, QString text)
{
    text.remove(QLatin1Char('&'));
    for (QAbstractButton* button : dialog->findChildren<QAbstractButton*>()) {
        if (button->text().remove(QLatin1Char('&')) == text && button->isVisible()) {
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    qWarning("no button '%s'", qPrintable(text));
    dialog->close();
}

struct Console
{
    WorkspaceFixture fixture;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<MainWindow> window;
    Workspace* ws = nullptr;

    explicit Console(std::optional<QByteArray> passphrase = std::nullopt)
    {
        fixture.create(passphrase);
        settings = std::make_unique<AppSettings>(fixture.folder.filePath(QStringLiteral("settings.ini")));
        ws = fixture.workspace.get();
        window = std::make_unique<MainWindow>(std::move(fixture.workspace), *settings, fixture.clock);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the main window did not become active");
    }
    template<class T> T* find(const char* name) const
    {
        T* found = window->findChild<T*>(QString::fromLatin1(name));
        if (!found)
            qWarning("no widget '%s'", name);
        return found;
    }
    // A shortcut, as typed into the window (active again once a dialog has gone).
    void press(QKeyCombination keys) const
    {
        if (!window->isActiveWindow()) {
            window->activateWindow();
            if (!QTest::qWaitForWindowActive(window.get()))
                qWarning("the main window did not become active");
        }
        QTest::keyClick(window.get(), keys.key(), keys.keyboardModifiers());
    }
    // A second connection to the same workspace, as the CLI or another window has.
    std::unique_ptr<Workspace> otherProcess() const
    {
        auto opened = Workspace::open(fixture.location(), {}, Actor::Cli, fixture.clock);
        if (!opened)
            qFatal("cannot open the workspace again: %s", qPrintable(opened.error().message));
        return std::move(*opened);
    }
};

} // namespace Signet::Test
