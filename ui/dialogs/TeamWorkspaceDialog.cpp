#include "dialogs/TeamWorkspaceDialog.h"

#include "Theme.h"
#include "workspace/WorkspaceLocation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Signet {

namespace {

// libpq's default first: what an empty sslmode means.
const char* const kSslModes[] = {"prefer", "require", "verify-ca", "verify-full", "allow", "disable"};

} // namespace

TeamWorkspaceDialog::TeamWorkspaceDialog(QWidget* parent)
    : QDialog(parent)
    , m_hostLineEdit(new QLineEdit(this))
    , m_portSpinBox(new QSpinBox(this))
    , m_databaseLineEdit(new QLineEdit(this))
    , m_userLineEdit(new QLineEdit(this))
    , m_passwordLineEdit(new QLineEdit(this))
    , m_sslModeComboBox(new QComboBox(this))
    , m_urlLineEdit(new QLineEdit(this))
    , m_problemLabel(new QLabel(this))
    , m_openPushButton(nullptr)
{
    setWindowTitle(tr("Open team workspace"));
    setObjectName(QStringLiteral("teamWorkspaceDialog"));
    const struct
    {
        QWidget* widget;
        const char* name;
        QString accessible;
    } named[] = {
        {m_hostLineEdit, "hostLineEdit", tr("Host")},
        {m_portSpinBox, "portSpinBox", tr("Port")},
        {m_databaseLineEdit, "databaseLineEdit", tr("Database")},
        {m_userLineEdit, "userLineEdit", tr("User")},
        {m_passwordLineEdit, "passwordLineEdit", tr("Password")},
        {m_sslModeComboBox, "sslModeComboBox", tr("TLS mode")},
        {m_urlLineEdit, "urlLineEdit", tr("Workspace URL")},
        {m_problemLabel, "problemLabel", tr("Problem")},
    };
    for (const auto& [widget, name, accessible] : named) {
        widget->setObjectName(QLatin1String(name));
        widget->setAccessibleName(accessible);
    }
    m_hostLineEdit->setPlaceholderText(tr("db.example.com, or /run/postgresql on this machine"));
    m_hostLineEdit->setAccessibleDescription(
        tr("The server's host name, or the folder of a local server's Unix socket (an absolute path)"));
    m_portSpinBox->setRange(1, 65535);
    m_portSpinBox->setValue(5432);
    m_databaseLineEdit->setPlaceholderText(QStringLiteral("signet"));
    m_userLineEdit->setPlaceholderText(qEnvironmentVariable("USER"));
    m_passwordLineEdit->setEchoMode(QLineEdit::Password);
    m_passwordLineEdit->setPlaceholderText(tr("From ~/.pgpass or PGPASSWORD when empty"));
    for (const char* mode : kSslModes)
        m_sslModeComboBox->addItem(QLatin1String(mode));
    // Read-only but selectable, whole on one line: what to give signet-cli --workspace.
    m_urlLineEdit->setReadOnly(true);
    m_urlLineEdit->setFrame(false);
    QPalette plain = m_urlLineEdit->palette(); // text on the dialog, not in a field to type into
    plain.setColor(QPalette::Base, Qt::transparent);
    m_urlLineEdit->setPalette(plain);
    m_urlLineEdit->setToolTip(tr("The same workspace for signet-cli --workspace (the password is never part of it)"));
    QFont mono = m_urlLineEdit->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_urlLineEdit->setFont(mono);
    m_problemLabel->setWordWrap(true);
    setTone(m_problemLabel, Tone::Error);

    auto* intro = new QLabel(tr("A team workspace lives in a PostgreSQL database that its members share: "
                                "changes made by one appear in the others' consoles as they happen."),
                             this);
    intro->setWordWrap(true);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Host"), m_hostLineEdit);
    form->addRow(tr("P&ort"), m_portSpinBox);
    form->addRow(tr("&Database"), m_databaseLineEdit);
    form->addRow(tr("&User"), m_userLineEdit);
    form->addRow(tr("&Password"), m_passwordLineEdit);
    form->addRow(tr("&TLS"), m_sslModeComboBox);
    form->addRow(tr("URL"), m_urlLineEdit);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_openPushButton = buttons->addButton(tr("Open"), QDialogButtonBox::AcceptRole);
    m_openPushButton->setObjectName(QStringLiteral("openPushButton"));
    m_openPushButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(buttons);

    for (QLineEdit* edit : {m_hostLineEdit, m_databaseLineEdit, m_userLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &TeamWorkspaceDialog::updateState);
    connect(m_portSpinBox, &QSpinBox::valueChanged, this, &TeamWorkspaceDialog::updateState);
    connect(m_sslModeComboBox, &QComboBox::currentIndexChanged, this, &TeamWorkspaceDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

void TeamWorkspaceDialog::setLocation(const QString& url)
{
    auto location = WorkspaceLocation::parse(url);
    if (!location || location->kind != WorkspaceLocation::Kind::PostgreSql)
        return;
    m_hostLineEdit->setText(location->serverHost());
    m_portSpinBox->setValue(location->url.port(5432));
    m_databaseLineEdit->setText(location->url.path().mid(1));
    m_userLineEdit->setText(location->url.userName());
    const QString sslMode = QUrlQuery(location->url).queryItemValue(QStringLiteral("sslmode"));
    m_sslModeComboBox->setCurrentIndex(std::max(0, m_sslModeComboBox->findText(sslMode)));
    m_passwordLineEdit->setFocus();
}

QString TeamWorkspaceDialog::build(bool withPassword) const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    const QString host = m_hostLineEdit->text().trimmed();
    QUrlQuery query;
    if (host.startsWith(QLatin1Char('/'))) // a local server's socket directory, as libpq takes it
        query.addQueryItem(QStringLiteral("host"), host);
    else
        url.setHost(host);
    url.setPort(m_portSpinBox->value());
    url.setUserName(m_userLineEdit->text().trimmed());
    if (withPassword && !m_passwordLineEdit->text().isEmpty())
        url.setPassword(m_passwordLineEdit->text());
    url.setPath(QLatin1Char('/') + m_databaseLineEdit->text().trimmed());
    if (m_sslModeComboBox->currentIndex() > 0) // the default stays out of the URL
        query.addQueryItem(QStringLiteral("sslmode"), m_sslModeComboBox->currentText());
    if (!query.isEmpty())
        url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

QString TeamWorkspaceDialog::url() const
{
    return build(true);
}

QString TeamWorkspaceDialog::displayUrl() const
{
    return QUrl(build(false)).toDisplayString();
}

void TeamWorkspaceDialog::showError(const QString& message)
{
    m_problemLabel->setText(message);
    m_problemLabel->setVisible(true);
    m_passwordLineEdit->selectAll();
    m_passwordLineEdit->setFocus();
}

void TeamWorkspaceDialog::updateState()
{
    QString problem;
    if (m_hostLineEdit->text().trimmed().isEmpty())
        problem = tr("Name the server's host.");
    else if (m_databaseLineEdit->text().trimmed().isEmpty())
        problem = tr("Name the database that holds the workspace.");
    else if (m_userLineEdit->text().trimmed().isEmpty())
        problem = tr("Name the database user to connect as.");
    else if (auto location = WorkspaceLocation::parse(build(false)); !location)
        problem = location.error().message;
    m_urlLineEdit->setText(problem.isEmpty() ? displayUrl() : QStringLiteral("—"));
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    m_openPushButton->setEnabled(problem.isEmpty());
}

} // namespace Signet
