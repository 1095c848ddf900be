#include "server/ServerPanel.h"

#include "AppSettings.h"
#include "Theme.h"
#include "models/RequestLogModel.h"
#include "server/LocalServer.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Signet {

namespace {

// The toolbar's dot: green while serving, amber while serving with faults, grey when off.
QIcon stateIcon(const QColor& colour)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(7, 7, 18, 18));
    return QIcon(pixmap);
}

// The panel's body: as tall as its controls, or a quarter of a tall window, by default. The log's
// preferred height (any table's) made the panel take 40 % of a 700 px window.
class ControlsHighSplitter : public QSplitter
{
public:
    using QSplitter::QSplitter;
    QSize sizeHint() const override
    {
        QSize hint = QSplitter::sizeHint();
        if (count() > 0)
            hint.setHeight(std::max(widget(0)->sizeHint().height(), window()->height() / 4));
        return hint;
    }
};

} // namespace

ServerPanel::ServerPanel(AppSettings& settings, const Clock& clock, QWidget* parent)
    : QDockWidget(tr("Local server"), parent)
    , m_settings(settings)
    , m_clock(clock)
    , m_log(new RequestLogModel(this))
    , m_toggleAction(new QAction(tr("Server"), this))
    , m_startPushButton(new QPushButton(this))
    , m_stateLabel(new QLabel(this))
    , m_portSpinBox(new QSpinBox(this))
    , m_issuerFromUrlCheckBox(new QCheckBox(tr("Issuer from the server's URL"), this))
    , m_baseUrlLineEdit(new QLineEdit(this))
    , m_copyUrlPushButton(new QPushButton(tr("Copy"), this))
    , m_errorLabel(new QLabel(this))
    , m_latencySpinBox(new QSpinBox(this))
    , m_failJwksCheckBox(new QCheckBox(tr("JWKS answers 500"), this))
    , m_staleJwksCheckBox(new QCheckBox(tr("Stale JWKS"), this))
    , m_logTableView(new QTableView(this))
    , m_logCountLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("serverDock"));
    setAccessibleName(tr("Local server"));
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    m_toggleAction->setObjectName(QStringLiteral("serverToggleAction"));
    m_toggleAction->setCheckable(true);
    connect(m_toggleAction, &QAction::triggered, this, [this](bool on) {
        if (on)
            start();
        else
            stop();
    });

    auto* splitter = new ControlsHighSplitter(this);
    splitter->setObjectName(QStringLiteral("serverSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildControls());
    splitter->addWidget(buildLog());
    splitter->setStretchFactor(1, 1);
    setWidget(splitter);
    updateState();
}

ServerPanel::~ServerPanel() = default;

// Start/stop, the port, the base URL, the options fixed while serving, and the fault switches.
QWidget* ServerPanel::buildControls()
{
    auto* controls = new QWidget(this);
    m_startPushButton->setObjectName(QStringLiteral("serverStartPushButton"));
    connect(m_startPushButton, &QPushButton::clicked, this, [this] {
        if (isRunning())
            stop();
        else
            start();
    });
    m_stateLabel->setObjectName(QStringLiteral("serverStateLabel"));
    m_stateLabel->setAccessibleName(tr("Server state"));
    m_stateLabel->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(m_startPushButton);
    top->addWidget(m_stateLabel, 1);

    m_portSpinBox->setObjectName(QStringLiteral("serverPortSpinBox"));
    m_portSpinBox->setAccessibleName(tr("Port"));
    m_portSpinBox->setRange(0, 65535);
    m_portSpinBox->setMinimumWidth(m_portSpinBox->fontMetrics().horizontalAdvance(tr("any free port")) + 40);
    m_portSpinBox->setSpecialValueText(tr("any free port"));
    m_portSpinBox->setValue(m_settings.number(AppSettings::Key::ServerPort));
    m_portSpinBox->setToolTip(tr("The server listens on 127.0.0.1 (this machine only) at this port."));
    connect(m_portSpinBox, &QSpinBox::valueChanged, this,
            [this](int port) { m_settings.setValue(AppSettings::Key::ServerPort, port); });
    m_issuerFromUrlCheckBox->setObjectName(QStringLiteral("issuerFromUrlCheckBox"));
    m_issuerFromUrlCheckBox->setAccessibleName(tr("Issuer from the server's URL"));
    m_issuerFromUrlCheckBox->setToolTip(
        tr("Tokens the server issues carry the project's URL here as their iss, so that iss and the JWKS URL "
           "agree (projects without an issuer always do)."));

    m_baseUrlLineEdit->setObjectName(QStringLiteral("baseUrlLineEdit"));
    m_baseUrlLineEdit->setAccessibleName(tr("Base URL"));
    m_baseUrlLineEdit->setReadOnly(true);
    m_baseUrlLineEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_baseUrlLineEdit->setPlaceholderText(tr("not serving"));
    m_copyUrlPushButton->setObjectName(QStringLiteral("copyBaseUrlPushButton"));
    m_copyUrlPushButton->setAccessibleName(tr("Copy the base URL"));
    connect(m_copyUrlPushButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(baseUrl());
        Q_EMIT actionCompleted(tr("Copied %1").arg(baseUrl()));
    });
    auto* url = new QHBoxLayout;
    url->addWidget(m_baseUrlLineEdit, 1);
    url->addWidget(m_copyUrlPushButton);

    m_errorLabel->setObjectName(QStringLiteral("serverErrorLabel"));
    m_errorLabel->setAccessibleName(tr("Server error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTone(m_errorLabel, Tone::Error);
    m_errorLabel->hide();

    auto* port = new QHBoxLayout;
    port->addWidget(m_portSpinBox);
    port->addWidget(m_issuerFromUrlCheckBox, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Port"), port);
    form->addRow(tr("Base URL"), url);
    addFaultRows(form);
    auto* layout = new QVBoxLayout(controls);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addWidget(m_errorLabel);
    layout->addLayout(form);
    layout->addStretch();
    // A low panel scrolls its controls rather than making the window taller than the screen.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("serverControlsScrollArea"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(controls);
    scroll->setMinimumWidth(controls->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    return scroll;
}

// Failures staged on purpose, to see how a backend copes; they apply at once while serving. Two rows
// of the form rather than a group box of three: the panel stays low enough for a 700 px window.
void ServerPanel::addFaultRows(QFormLayout* form)
{
    m_latencySpinBox->setObjectName(QStringLiteral("latencySpinBox"));
    m_latencySpinBox->setAccessibleName(tr("Added latency"));
    m_latencySpinBox->setRange(0, 30000);
    m_latencySpinBox->setSingleStep(100);
    m_latencySpinBox->setSuffix(tr(" ms"));
    m_latencySpinBox->setSpecialValueText(tr("none"));
    m_latencySpinBox->setToolTip(tr("Every answer waits this long before it is sent."));
    m_failJwksCheckBox->setObjectName(QStringLiteral("failJwksCheckBox"));
    m_failJwksCheckBox->setAccessibleName(tr("JWKS answers 500"));
    m_failJwksCheckBox->setToolTip(tr("Every project's JWKS answers 500 Internal Server Error."));
    m_staleJwksCheckBox->setObjectName(QStringLiteral("staleJwksCheckBox"));
    m_staleJwksCheckBox->setAccessibleName(tr("Stale JWKS"));
    m_staleJwksCheckBox->setToolTip(tr("The JWKS as it was before the last rotation: tokens from the newest key "
                                       "name a kid the client cannot find."));
    connect(m_latencySpinBox, &QSpinBox::valueChanged, this, &ServerPanel::applyFaults);
    connect(m_failJwksCheckBox, &QCheckBox::toggled, this, &ServerPanel::applyFaults);
    connect(m_staleJwksCheckBox, &QCheckBox::toggled, this, &ServerPanel::applyFaults);
    auto* latency = new QHBoxLayout;
    latency->addWidget(m_latencySpinBox);
    latency->addStretch();
    auto* jwks = new QHBoxLayout;
    jwks->addWidget(m_failJwksCheckBox);
    jwks->addWidget(m_staleJwksCheckBox);
    jwks->addStretch();
    auto* faultsLabel = new QLabel(tr("Faults"), this);
    faultsLabel->setToolTip(tr("Failures staged on purpose, to see how a client copes. They apply at once."));
    form->addRow(tr("Added latency"), latency);
    form->addRow(faultsLabel, jwks);
}

// The requests as they are answered, newest at the bottom.
QWidget* ServerPanel::buildLog()
{
    auto* log = new QWidget(this);
    m_logTableView->setObjectName(QStringLiteral("requestLogTableView"));
    m_logTableView->setAccessibleName(tr("Request log"));
    m_logTableView->setModel(m_log);
    m_logTableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logTableView->setShowGrid(false);
    m_logTableView->setWordWrap(false);
    m_logTableView->setAlternatingRowColors(true);
    m_logTableView->verticalHeader()->hide();
    m_logTableView->verticalHeader()->setDefaultSectionSize(m_logTableView->fontMetrics().height() + 8);
    // Widths from the font, not from the rows: measuring 1,000 rows on every insertion would cost more
    // than serving the requests.
    QHeaderView* header = m_logTableView->horizontalHeader();
    const QFontMetrics metrics = m_logTableView->fontMetrics();
    auto fit = [&](RequestLogModel::Column column, const QString& sample) {
        header->resizeSection(int(column), metrics.horizontalAdvance(sample) + 16);
    };
    fit(RequestLogModel::Column::Time, QStringLiteral("00:00:00.000"));
    fit(RequestLogModel::Column::Method, QStringLiteral("DELETE"));
    fit(RequestLogModel::Column::StatusCode, tr("Status"));
    fit(RequestLogModel::Column::Milliseconds, QStringLiteral("10000"));
    fit(RequestLogModel::Column::Client, QStringLiteral("127.0.0.1"));
    header->setSectionResizeMode(int(RequestLogModel::Column::Path), QHeaderView::Stretch);
    header->setMinimumSectionSize(metrics.horizontalAdvance(QStringLiteral("ms")) + 16);
    // Stays at the newest row, unless the user scrolled up to read.
    connect(m_logTableView->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_followLog = value == m_logTableView->verticalScrollBar()->maximum(); });
    connect(m_log, &QAbstractItemModel::rowsInserted, this, &ServerPanel::keepLogScrolledToEnd);
    connect(m_log, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex&, int first, int last) {
        if (!m_followLog) // keep the rows being read in place as the oldest go
            m_logTableView->verticalScrollBar()->setValue(m_logTableView->verticalScrollBar()->value() -
                                                          (last - first + 1));
    });
    connect(m_log, &RequestLogModel::totalCountChanged, this, [this](qint64 total) {
        m_logCountLabel->setText(total > m_log->rowCount()
                                     ? tr("the last %1 of %2 requests").arg(m_log->rowCount()).arg(total)
                                     : tr("%n request(s)", nullptr, int(total)));
    });
    auto* clear = new QPushButton(tr("Clear"), log);
    clear->setObjectName(QStringLiteral("clearLogPushButton"));
    clear->setAccessibleName(tr("Clear the request log"));
    connect(clear, &QPushButton::clicked, m_log, &RequestLogModel::clear);
    m_logCountLabel->setObjectName(QStringLiteral("requestCountLabel"));
    m_logCountLabel->setAccessibleName(tr("Request count"));
    m_logCountLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* heading = new QHBoxLayout;
    auto* title = new QLabel(tr("<b>Requests</b>"), log);
    heading->addWidget(title);
    heading->addWidget(m_logCountLabel, 1);
    heading->addWidget(clear);
    auto* layout = new QVBoxLayout(log);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addLayout(heading);
    layout->addWidget(m_logTableView, 1);
    return log;
}

void ServerPanel::keepLogScrolledToEnd()
{
    if (m_followLog)
        m_logTableView->scrollToBottom();
}

QMenu* ServerPanel::createMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("&Server"), parent);
    menu->setObjectName(QStringLiteral("serverMenu"));
    menu->addAction(m_toggleAction);
    QAction* show = toggleViewAction();
    show->setText(tr("Show server &panel"));
    show->setObjectName(QStringLiteral("showServerPanelAction"));
    menu->addAction(show);
    return menu;
}

void ServerPanel::setWorkspace(Workspace* workspace)
{
    if (workspace == m_workspace)
        return;
    stop();
    m_workspace = workspace;
    updateState();
}

QString ServerPanel::baseUrl() const
{
    return m_server ? m_server->baseUrl() : QString();
}

ServerFaults ServerPanel::faults() const
{
    ServerFaults faults;
    faults.latency = std::chrono::milliseconds(m_latencySpinBox->value());
    faults.jwksFails = m_failJwksCheckBox->isChecked();
    faults.staleJwks = m_staleJwksCheckBox->isChecked();
    return faults;
}

bool ServerPanel::start()
{
    if (m_server)
        return true;
    // Starting from the toolbar shows the panel: its log, or why the server did not start.
    show();
    raise();
    if (!m_workspace) {
        updateState();
        return false;
    }
    ServerOptions options;
    options.port = quint16(m_portSpinBox->value());
    options.issuerFromUrl = m_issuerFromUrlCheckBox->isChecked();
    options.faults = faults();
    auto server = std::make_unique<LocalServer>(*m_workspace, options, m_clock);
    if (auto started = server->start(); !started) {
        m_errorLabel->setText(tr("✗ The server did not start: %1").arg(started.error().message));
        m_errorLabel->show();
        updateState();
        return false;
    }
    m_errorLabel->hide();
    m_server = std::move(server);
    connect(m_server.get(), &LocalServer::requestServed, m_log, &RequestLogModel::append);
    updateState();
    Q_EMIT baseUrlChanged(baseUrl());
    Q_EMIT actionCompleted(tr("Serving the workspace at %1").arg(baseUrl()));
    return true;
}

void ServerPanel::stop()
{
    if (!m_server)
        return;
    const QString was = baseUrl();
    m_server.reset(); // closes the listening socket and every connection
    m_log->flush();
    updateState();
    Q_EMIT baseUrlChanged(QString());
    Q_EMIT actionCompleted(tr("Stopped the server at %1").arg(was));
}

void ServerPanel::applyFaults()
{
    if (m_server)
        m_server->setFaults(faults());
    updateState();
}

// "JWKS answers 500 · 300 ms latency"; empty without faults.
QString ServerPanel::faultSummary() const
{
    QStringList on;
    if (m_failJwksCheckBox->isChecked())
        on.append(tr("JWKS answers 500"));
    if (m_staleJwksCheckBox->isChecked())
        on.append(tr("stale JWKS"));
    if (m_latencySpinBox->value() > 0)
        on.append(tr("%1 ms latency").arg(m_latencySpinBox->value()));
    return on.join(QStringLiteral(" · "));
}

void ServerPanel::changeEvent(QEvent* event)
{
    QDockWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateState(); // the toolbar's dot in the new palette's colours
}

void ServerPanel::updateState()
{
    const bool running = isRunning();
    const QString faults = faultSummary();
    m_toggleAction->setChecked(running);
    m_toggleAction->setEnabled(m_workspace != nullptr);
    m_startPushButton->setEnabled(m_workspace != nullptr);
    m_startPushButton->setText(running ? tr("Stop server") : tr("Start server"));
    m_startPushButton->setAccessibleName(m_startPushButton->text());
    m_portSpinBox->setEnabled(!running);
    m_issuerFromUrlCheckBox->setEnabled(!running);
    m_baseUrlLineEdit->setText(baseUrl());
    m_copyUrlPushButton->setEnabled(running);

    QColor dot = palette().color(QPalette::PlaceholderText);
    if (running) {
        m_toggleAction->setText(tr("Server :%1").arg(m_server->port()));
        m_toggleAction->setToolTip(faults.isEmpty()
                                       ? tr("Serving at %1. Click to stop.").arg(baseUrl())
                                       : tr("Serving at %1 with faults: %2. Click to stop.").arg(baseUrl(), faults));
        m_stateLabel->setText(faults.isEmpty() ? tr("Serving") : tr("Serving, with faults: %1").arg(faults));
        setTone(m_stateLabel, faults.isEmpty() ? Tone::Success : Tone::Warning);
        dot = toneColor(faults.isEmpty() ? Tone::Success : Tone::Warning);
    } else {
        m_toggleAction->setText(tr("Server off"));
        m_toggleAction->setToolTip(m_workspace ? tr("Starts the local dev auth server: JWKS, discovery and token "
                                                    "endpoints for every project, on this machine only.")
                                               : tr("Unlock the workspace to serve it."));
        m_stateLabel->setText(m_workspace ? tr("Stopped") : tr("Stopped (the workspace is locked)"));
        clearTone(m_stateLabel);
    }
    m_toggleAction->setIcon(stateIcon(dot));
}

} // namespace Signet
