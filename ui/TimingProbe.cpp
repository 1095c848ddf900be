#include "TimingProbe.h"

#include "MainWindow.h"
#include "pages/ProjectPage.h"
#include "pages/SigningKeysTab.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace Signet {

namespace {

// Catches the main window's first paint.
class FirstPaint : public QObject
{
public:
    FirstPaint(const QElapsedTimer& sinceStart, std::function<void(qint64)> done)
        : m_sinceStart(sinceStart)
        , m_done(std::move(done))
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && m_done) {
            const qint64 elapsed = m_sinceStart.elapsed();
            auto done = std::move(m_done);
            m_done = nullptr;
            // Report once the paint has finished.
            QTimer::singleShot(0, qApp, [done, elapsed] { done(elapsed); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_sinceStart;
    std::function<void(qint64)> m_done;
};

void measureStall(MainWindow& window)
{
    auto* tab = window.findChild<SigningKeysTab*>();
    auto* page = window.findChild<ProjectPage*>();
    if (!tab || !page || page->project().isEmpty()) {
        std::fprintf(stderr, "timing: no project to generate a key in\n");
        QApplication::exit(1);
        return;
    }
    auto ticks = std::make_shared<QElapsedTimer>();
    auto longest = std::make_shared<qint64>(0);
    auto generation = std::make_shared<QElapsedTimer>();
    auto* ticker = new QTimer(&window);
    ticker->setInterval(5);
    QObject::connect(ticker, &QTimer::timeout, &window,
                     [ticks, longest] { *longest = std::max(*longest, ticks->restart()); });
    QObject::connect(tab, &SigningKeysTab::keyGenerated, &window, [ticker, ticks, longest, generation] {
        *longest = std::max(*longest, ticks->elapsed());
        ticker->stop();
        std::printf("gui-stall-during-rsa4096: %lld ms longest gap between 5 ms ticks (target <= 50 ms); generation "
                    "took %lld ms\n",
                    static_cast<long long>(*longest), static_cast<long long>(generation->elapsed()));
        std::fflush(stdout);
        QApplication::exit(0);
    });
    page->showTab(ProjectPage::Tab::SigningKeys);
    QApplication::processEvents();
    ticks->start();
    generation->start();
    ticker->start();
    tab->startGeneration(Algorithm::RS256, 4096, KeyState::Next);
}

} // namespace

void runTimingProbe(MainWindow& window, const QElapsedTimer& sinceStart)
{
    auto* probe = new FirstPaint(sinceStart, [&window](qint64 elapsed) {
        std::printf("startup-to-painted-window: %lld ms with %lld projects (target <= 500 ms)\n",
                    static_cast<long long>(elapsed),
                    static_cast<long long>(window.workspace().projects().list().value_or(QList<Project>()).size()));
        std::fflush(stdout);
        measureStall(window);
    });
    probe->setParent(&window);
    window.installEventFilter(probe);
}

} // namespace Signet
