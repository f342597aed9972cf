#include "secretsdialog.h"

#include <QLabel>

#include "asyncresult.h"
#include "ui_secretsdialog.h"
#include "verdictstyle.h"

#include <QHeaderView>
#include <QPushButton>
#include <QUrl>

#include <algorithm>

namespace Hookscope
{

using namespace Qt::StringLiterals;

namespace
{

const QString GenericProvider = u"generic-hmac"_s;

QString displayName(const QString &provider)
{
    const Verify::Scheme *scheme = Verify::findScheme(provider);
    return scheme ? scheme->displayName() : provider;
}

// "" and "/" both mean every path.
QString normalizedPrefix(const QString &prefix)
{
    return prefix == u"/" ? QString() : prefix;
}

QList<QByteArray> parseSecrets(const QString &text)
{
    QList<QByteArray> secrets;
    QString normalized = text;
    normalized.replace(QChar::LineSeparator, u'\n');
    const QStringList lines = normalized.split(u'\n');
    for (const QString &line : lines) {
        // Pasted secrets often carry a trailing space or line break; none of the providers' secrets has one.
        const QString secret = line.trimmed();
        if (!secret.isEmpty())
            secrets.append(secret.toUtf8());
    }
    return secrets;
}

} // namespace

SecretsDialog::SecretsDialog(const QString &dataDirectory, const Verify::SecretList &entries, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::SecretsDialog>()), m_dataDirectory(dataDirectory), m_entries(entries)
{
    ui->setupUi(this);
    QPalette errorPalette = ui->errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, verdictColor(Verify::Verdict::Invalid, palette()));
    ui->errorLabel->setPalette(errorPalette);
    ui->buttons->button(QDialogButtonBox::Save)->setDefault(true);

    // Where the secrets go: the desktop keyring when one is reachable, else the data directory's file. Read from
    // secrets.json only (the keyring is not asked), so this costs nothing.
    m_storageLabel = new QLabel(Verify::SecretStore::describeStorage(dataDirectory), ui->listPage);
    m_storageLabel->setWordWrap(true);
    m_storageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ui->listLayout->insertWidget(ui->listLayout->indexOf(ui->listIntro) + 2, m_storageLabel);

    ui->entryTable->setColumnCount(4);
    ui->entryTable->setHorizontalHeaderLabels({tr("Provider"), tr("Path prefix"), tr("Secrets"), tr("Public URL")});
    ui->entryTable->verticalHeader()->hide();
    ui->entryTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6); // as in the request list
    ui->entryTable->horizontalHeader()->setStretchLastSection(true);
    ui->entryTable->setColumnWidth(0, 170);
    ui->entryTable->setColumnWidth(1, 150);
    ui->entryTable->setColumnWidth(2, 70);

    // Providers by the name users know them by; the scheme name is the value.
    QList<const Verify::Scheme *> schemes = Verify::schemes();
    std::stable_sort(schemes.begin(), schemes.end(), [](const Verify::Scheme *a, const Verify::Scheme *b) {
        return a->displayName().compare(b->displayName(), Qt::CaseInsensitive) < 0;
    });
    for (const Verify::Scheme *scheme : std::as_const(schemes))
        ui->providerCombo->addItem(scheme->displayName(), scheme->name());
    ui->providerCombo->setMaxVisibleItems(20);
    ui->genericEdit->setPlaceholderText(Verify::GenericHmacConfig().toString());
    // Room for a rotation (a few secrets), not a page.
    const int margins = ui->secretsEdit->contentsMargins().top() + ui->secretsEdit->contentsMargins().bottom();
    ui->secretsEdit->setFixedHeight(ui->secretsEdit->fontMetrics().lineSpacing() * 4 + margins +
                                    int(ui->secretsEdit->document()->documentMargin() * 2));

    connect(ui->providerCombo, &QComboBox::currentIndexChanged, this, &SecretsDialog::updateProviderFields);
    connect(ui->showSecretsCheck, &QCheckBox::toggled, this,
            [this](bool shown) { ui->secretsEdit->setMasked(!shown); });
    connect(ui->addButton, &QPushButton::clicked, this, [this] { startEditing(-1, Verify::SecretEntry()); });
    connect(ui->editButton, &QPushButton::clicked, this, [this] {
        const int row = ui->entryTable->currentRow();
        if (row >= 0 && row < m_entries.size())
            startEditing(row, m_entries.at(row));
    });
    connect(ui->entryTable, &QTableWidget::cellDoubleClicked, this,
            [this](int row) { startEditing(row, m_entries.at(row)); });
    connect(ui->removeButton, &QPushButton::clicked, this, [this] {
        const int row = ui->entryTable->currentRow();
        if (row < 0 || row >= m_entries.size())
            return;
        m_entries.removeAt(row);
        fillTable();
    });
    connect(ui->entryTable, &QTableWidget::itemSelectionChanged, this, &SecretsDialog::updateListButtons);
    connect(ui->doneButton, &QPushButton::clicked, this, [this] {
        if (applyEntry())
            showList();
    });
    connect(ui->discardButton, &QPushButton::clicked, this, &SecretsDialog::showList);
    connect(ui->buttons, &QDialogButtonBox::accepted, this, &SecretsDialog::accept);
    connect(ui->buttons, &QDialogButtonBox::rejected, this, &SecretsDialog::reject);
    fillTable();
    showList();
}

SecretsDialog::~SecretsDialog() = default;

void SecretsDialog::fillTable()
{
    ui->entryTable->setRowCount(int(m_entries.size()));
    for (int row = 0; row < m_entries.size(); ++row) {
        const Verify::SecretEntry &entry = m_entries.at(row);
        const QString prefix = normalizedPrefix(entry.pathPrefix);
        const QStringList cells{displayName(entry.provider), prefix.isEmpty() ? tr("every path") : prefix,
                                QString::number(entry.secrets.size()), QString::fromUtf8(entry.publicUrl)};
        for (int column = 0; column < cells.size(); ++column)
            ui->entryTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    updateListButtons();
}

void SecretsDialog::updateListButtons()
{
    const bool selected = ui->entryTable->currentRow() >= 0 && !ui->entryTable->selectedItems().isEmpty();
    ui->editButton->setEnabled(selected);
    ui->removeButton->setEnabled(selected);
}

void SecretsDialog::showList()
{
    ui->errorLabel->setVisible(false);
    ui->pages->setCurrentWidget(ui->listPage);
    ui->entryTable->setFocus();
}

void SecretsDialog::startEditing(int row, const Verify::SecretEntry &entry)
{
    m_editedRow = row;
    ui->editorTitle->setText(row < 0 ? tr("<b>New entry</b>") : tr("<b>Edit entry</b>"));
    if (!entry.provider.isEmpty()) { // a new entry from Add keeps the provider last chosen
        if (ui->providerCombo->findData(entry.provider, Qt::UserRole, Qt::MatchFixedString) < 0)
            ui->providerCombo->addItem(entry.provider, entry.provider); // from a hand-edited file, kept as it is
        setProvider(entry.provider);
    }
    ui->prefixEdit->setText(entry.pathPrefix);
    QStringList secrets;
    for (const QByteArray &secret : entry.secrets)
        secrets.append(QString::fromUtf8(secret));
    ui->secretsEdit->setText(secrets.join(u'\n'));
    ui->showSecretsCheck->setChecked(false);
    ui->urlEdit->setText(QString::fromUtf8(entry.publicUrl));
    ui->genericEdit->setText(entry.provider == GenericProvider && entry.generic != Verify::GenericHmacConfig()
                                 ? entry.generic.toString()
                                 : QString());
    ui->errorLabel->setVisible(false);
    updateProviderFields();
    ui->pages->setCurrentWidget(ui->editorPage);
    (entry.secrets.isEmpty() ? static_cast<QWidget *>(ui->secretsEdit) : ui->providerCombo)->setFocus();
}

void SecretsDialog::editEntryFor(const QString &provider, const QString &path)
{
    const QString wanted = provider.isEmpty() ? GenericProvider : provider;
    int best = -1;
    for (int row = 0; row < m_entries.size(); ++row) {
        const Verify::SecretEntry &entry = m_entries.at(row);
        const QString prefix = normalizedPrefix(entry.pathPrefix);
        if (entry.provider.compare(wanted, Qt::CaseInsensitive) != 0 || !path.startsWith(prefix))
            continue;
        if (best < 0 || prefix.size() > normalizedPrefix(m_entries.at(best).pathPrefix).size())
            best = row;
    }
    if (best >= 0) {
        ui->entryTable->selectRow(best);
        startEditing(best, m_entries.at(best));
        return;
    }
    Verify::SecretEntry entry;
    entry.provider = wanted;
    entry.pathPrefix = path;
    startEditing(-1, entry);
}

void SecretsDialog::updateProviderFields()
{
    const bool generic = provider() == GenericProvider;
    ui->genericEdit->setEnabled(generic);
    ui->genericHint->setEnabled(generic);
    ui->genericLabel->setEnabled(generic);
}

void SecretsDialog::refuse(QWidget *field, const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(true);
    if (field)
        field->setFocus();
}

// Checks the editor's fields; when all are valid, puts the entry into the list. Nothing changes otherwise.
bool SecretsDialog::applyEntry()
{
    Verify::SecretEntry entry;
    entry.provider = provider();
    entry.pathPrefix = ui->prefixEdit->text().trimmed();
    if (!entry.pathPrefix.isEmpty() && !entry.pathPrefix.startsWith(u'/')) {
        refuse(ui->prefixEdit, tr("A path prefix starts with /, as in /hooks/github; leave it empty for every path."));
        return false;
    }
    entry.secrets = parseSecrets(ui->secretsEdit->text());
    if (entry.secrets.isEmpty()) {
        refuse(ui->secretsEdit,
               tr("Enter the secret %1 gave you (several lines while it rotates).").arg(displayName(entry.provider)));
        return false;
    }
    const QString url = ui->urlEdit->text().trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") ||
            parsed.host().isEmpty()) {
            refuse(ui->urlEdit, tr("The public URL must be an http:// or https:// URL, such as "
                                   "https://example.com/hooks; \"%1\" is not one.")
                                    .arg(url));
            return false;
        }
        entry.publicUrl = url.toUtf8();
    }
    if (entry.provider == GenericProvider) {
        QString error;
        const std::optional<Verify::GenericHmacConfig> generic =
            Verify::GenericHmacConfig::parse(ui->genericEdit->text().trimmed(), &error);
        if (!generic) {
            refuse(ui->genericEdit, tr("Generic HMAC settings: %1").arg(error));
            return false;
        }
        entry.generic = *generic;
    }
    for (int row = 0; row < m_entries.size(); ++row) {
        const Verify::SecretEntry &other = m_entries.at(row);
        if (row != m_editedRow && other.provider.compare(entry.provider, Qt::CaseInsensitive) == 0 &&
            normalizedPrefix(other.pathPrefix) == normalizedPrefix(entry.pathPrefix)) {
            refuse(ui->prefixEdit, entry.pathPrefix.isEmpty() || entry.pathPrefix == u"/"
                                       ? tr("There is already a %1 entry for every path: edit that one, or give "
                                            "this one a path prefix.")
                                             .arg(displayName(entry.provider))
                                       : tr("There is already a %1 entry for %2: edit that one instead.")
                                             .arg(displayName(entry.provider), entry.pathPrefix));
            return false;
        }
    }
    if (m_editedRow >= 0 && m_editedRow < m_entries.size()) {
        m_entries[m_editedRow] = entry;
    } else {
        m_entries.append(entry);
        m_editedRow = int(m_entries.size()) - 1;
    }
    fillTable();
    ui->entryTable->selectRow(m_editedRow);
    ui->errorLabel->setVisible(false);
    return true;
}

void SecretsDialog::accept()
{
    if (m_saving)
        return;
    if (isEditingEntry()) {
        if (!applyEntry())
            return;
        showList();
    }
    m_saving = true;
    ui->buttons->setEnabled(false);
    ui->pages->setEnabled(false);
    runAsync(
        this,
        [directory = m_dataDirectory, entries = m_entries] { return Verify::SecretStore::save(directory, entries); },
        [this](const Result<void> &saved) {
            m_saving = false;
            ui->buttons->setEnabled(true);
            ui->pages->setEnabled(true);
            if (!saved) {
                refuse(nullptr, tr("Cannot save the secrets: %1").arg(saved.errorMessage()));
                return;
            }
            QDialog::accept();
        });
}

void SecretsDialog::reject()
{
    if (!m_saving)
        QDialog::reject();
}

bool SecretsDialog::isEditingEntry() const
{
    return ui->pages->currentWidget() == ui->editorPage;
}

QString SecretsDialog::storageText() const
{
    return m_storageLabel->text();
}

QString SecretsDialog::errorText() const
{
    return ui->errorLabel->isVisible() ? ui->errorLabel->text() : QString();
}

void SecretsDialog::setProvider(const QString &name)
{
    const int index = ui->providerCombo->findData(name, Qt::UserRole, Qt::MatchFixedString); // any case
    if (index >= 0)
        ui->providerCombo->setCurrentIndex(index);
}

QString SecretsDialog::provider() const
{
    return ui->providerCombo->currentData().toString();
}

void SecretsDialog::setPathPrefixText(const QString &text)
{
    ui->prefixEdit->setText(text);
}

QString SecretsDialog::pathPrefixText() const
{
    return ui->prefixEdit->text();
}

void SecretsDialog::setSecretsText(const QString &text)
{
    ui->secretsEdit->setText(text);
}

QString SecretsDialog::secretsText() const
{
    return ui->secretsEdit->text();
}

bool SecretsDialog::areSecretsMasked() const
{
    return ui->secretsEdit->isMasked();
}

void SecretsDialog::setPublicUrlText(const QString &text)
{
    ui->urlEdit->setText(text);
}

QString SecretsDialog::publicUrlText() const
{
    return ui->urlEdit->text();
}

void SecretsDialog::setGenericText(const QString &text)
{
    ui->genericEdit->setText(text);
}

QString SecretsDialog::genericText() const
{
    return ui->genericEdit->text();
}

bool SecretsDialog::isGenericEditable() const
{
    return ui->genericEdit->isEnabled();
}

} // namespace Hookscope
