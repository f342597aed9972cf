#include "forwardingdialog.h"

#include "asyncresult.h"
#include "ui_forwardingdialog.h"
#include "verdictstyle.h"

#include <QHeaderView>
#include <QLocale>
#include <QPushButton>

namespace Hookscope
{

using namespace Qt::StringLiterals;

namespace
{

enum Column { EnabledColumn, PrefixColumn, MethodColumn, TargetColumn, ModeColumn, ColumnCount };

bool isToken(QStringView text)
{
    static constexpr QStringView extra = u"!#$%&'*+-.^_`|~";
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

QString modeText(Forward::Mode mode)
{
    return mode == Forward::Mode::Proxy ? ForwardingDialog::tr("proxy") : ForwardingDialog::tr("queue");
}

} // namespace

ForwardingDialog::ForwardingDialog(const QString &dataDirectory, const Forward::Settings &settings, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::ForwardingDialog>()), m_dataDirectory(dataDirectory),
      m_settings(settings)
{
    ui->setupUi(this);
    QPalette errorPalette = ui->errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, verdictColor(Verify::Verdict::Invalid, palette()));
    ui->errorLabel->setPalette(errorPalette);
    ui->buttons->button(QDialogButtonBox::Save)->setDefault(true);

    ui->ruleTable->setColumnCount(ColumnCount);
    ui->ruleTable->setHorizontalHeaderLabels({tr("On"), tr("Prefix"), tr("Method"), tr("Target"), tr("Mode")});
    ui->ruleTable->verticalHeader()->hide();
    ui->ruleTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6); // as in the request list
    ui->ruleTable->horizontalHeader()->setStretchLastSection(false);
    ui->ruleTable->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    ui->ruleTable->setColumnWidth(EnabledColumn, 40);
    ui->ruleTable->setColumnWidth(PrefixColumn, 150);
    ui->ruleTable->setColumnWidth(MethodColumn, 70);
    ui->ruleTable->setColumnWidth(ModeColumn, 70);

    ui->methodCombo->addItems({QString(), u"POST"_s, u"PUT"_s, u"PATCH"_s, u"GET"_s, u"DELETE"_s});
    ui->methodCombo->lineEdit()->setPlaceholderText(tr("any method"));
    ui->modeCombo->addItem(tr("Queue: answer the sender at once, deliver with retries"), int(Forward::Mode::Queue));
    ui->modeCombo->addItem(tr("Proxy: wait for the target and answer the sender with its response"),
                           int(Forward::Mode::Proxy));
    setRetryPolicy(m_settings.retry);

    connect(ui->addButton, &QPushButton::clicked, this, &ForwardingDialog::addRule);
    connect(ui->editButton, &QPushButton::clicked, this, [this] { editRule(ui->ruleTable->currentRow()); });
    connect(ui->ruleTable, &QTableWidget::cellDoubleClicked, this, [this](int row) { editRule(row); });
    connect(ui->removeButton, &QPushButton::clicked, this, [this] {
        const int row = ui->ruleTable->currentRow();
        if (row < 0 || row >= m_settings.rules.size())
            return;
        m_settings.rules.removeAt(row);
        fillTable();
    });
    connect(ui->ruleTable, &QTableWidget::itemSelectionChanged, this, &ForwardingDialog::updateListButtons);
    connect(ui->ruleTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        // The box in the first column pauses or resumes a rule without opening the editor.
        if (m_filling || item->column() != EnabledColumn || item->row() >= m_settings.rules.size())
            return;
        m_settings.rules[item->row()].enabled = item->checkState() == Qt::Checked;
    });
    connect(ui->doneButton, &QPushButton::clicked, this, [this] {
        if (applyRule())
            showList();
    });
    connect(ui->discardButton, &QPushButton::clicked, this, &ForwardingDialog::showList);
    connect(ui->buttons, &QDialogButtonBox::accepted, this, &ForwardingDialog::accept);
    connect(ui->buttons, &QDialogButtonBox::rejected, this, &ForwardingDialog::reject);
    fillTable();
    showList();
}

ForwardingDialog::~ForwardingDialog() = default;

void ForwardingDialog::fillTable()
{
    m_filling = true;
    ui->ruleTable->setRowCount(int(m_settings.rules.size()));
    for (int row = 0; row < m_settings.rules.size(); ++row) {
        const Forward::Rule &rule = m_settings.rules.at(row);
        auto *enabled = new QTableWidgetItem;
        enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        enabled->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
        enabled->setToolTip(tr("Untick to pause this rule"));
        ui->ruleTable->setItem(row, EnabledColumn, enabled);
        const QStringList cells{rule.prefix, rule.method.isEmpty() ? tr("any") : QString::fromLatin1(rule.method),
                                rule.target.toString(), modeText(rule.mode)};
        for (int column = PrefixColumn; column < ColumnCount; ++column)
            ui->ruleTable->setItem(row, column, new QTableWidgetItem(cells.at(column - PrefixColumn)));
    }
    m_filling = false;
    updateListButtons();
}

void ForwardingDialog::updateListButtons()
{
    const bool selected = ui->ruleTable->currentRow() >= 0 && !ui->ruleTable->selectedItems().isEmpty();
    ui->editButton->setEnabled(selected);
    ui->removeButton->setEnabled(selected);
}

void ForwardingDialog::showList()
{
    ui->errorLabel->setVisible(false);
    ui->pages->setCurrentWidget(ui->listPage);
    ui->ruleTable->setFocus();
}

void ForwardingDialog::addRule()
{
    Forward::Rule rule;
    rule.prefix = QString(); // typed by the user; "/" is the placeholder's suggestion
    startEditing(-1, rule);
}

void ForwardingDialog::editRule(int row)
{
    if (row >= 0 && row < m_settings.rules.size())
        startEditing(row, m_settings.rules.at(row));
}

void ForwardingDialog::startEditing(int row, const Forward::Rule &rule)
{
    m_editedRow = row;
    ui->editorTitle->setText(row < 0 ? tr("<b>New rule</b>") : tr("<b>Edit rule</b>"));
    ui->prefixEdit->setText(rule.prefix);
    ui->methodCombo->setEditText(QString::fromLatin1(rule.method));
    ui->targetEdit->setText(rule.target.isEmpty() ? QString() : rule.target.toString());
    ui->modeCombo->setCurrentIndex(ui->modeCombo->findData(int(rule.mode)));
    ui->enabledCheck->setChecked(rule.enabled);
    ui->errorLabel->setVisible(false);
    ui->pages->setCurrentWidget(ui->editorPage);
    ui->prefixEdit->setFocus();
}

void ForwardingDialog::refuse(QWidget *field, const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(true);
    if (field)
        field->setFocus();
}

// Checks the editor's fields; when all are valid, puts the rule into the list. Nothing changes otherwise.
bool ForwardingDialog::applyRule()
{
    Forward::Rule rule;
    rule.prefix = ui->prefixEdit->text().trimmed();
    if (rule.prefix.isEmpty()) {
        refuse(ui->prefixEdit, tr("Enter the path prefix of the requests to forward; / forwards every request."));
        return false;
    }
    if (!rule.prefix.startsWith(u'/') ||
        std::any_of(rule.prefix.cbegin(), rule.prefix.cend(), [](QChar c) { return c <= u' '; })) {
        refuse(ui->prefixEdit, tr("A path prefix starts with / and has no spaces, as in /hooks/stripe; \"%1\" is not "
                                  "one. / forwards every request.")
                                   .arg(rule.prefix));
        return false;
    }
    const QString method = ui->methodCombo->currentText().trimmed();
    if (!method.isEmpty() && !isToken(method)) {
        refuse(ui->methodCombo, tr("\"%1\" is not a method: letters only, such as POST; leave it empty for any "
                                   "method.")
                                    .arg(method));
        return false;
    }
    rule.method = method.toLatin1().toUpper();
    const QString target = ui->targetEdit->text().trimmed();
    rule.target = QUrl(target, QUrl::StrictMode);
    if (!rule.target.isValid() || rule.target.host().isEmpty() ||
        (rule.target.scheme() != u"http" && rule.target.scheme() != u"https")) {
        refuse(ui->targetEdit, target.isEmpty() ? tr("Enter the URL to deliver to, such as http://localhost:3000.")
                                                : tr("The target must be an http:// or https:// URL, such as "
                                                     "http://localhost:3000/webhooks; \"%1\" is not one.")
                                                      .arg(target));
        return false;
    }
    rule.mode = Forward::Mode(ui->modeCombo->currentData().toInt());
    rule.enabled = ui->enabledCheck->isChecked();
    for (int row = 0; row < m_settings.rules.size(); ++row) {
        const Forward::Rule &other = m_settings.rules.at(row);
        if (row != m_editedRow && other.prefix == rule.prefix && other.method == rule.method) {
            refuse(ui->prefixEdit,
                   tr("There is already a rule for %1 %2: edit that one instead.")
                       .arg(rule.method.isEmpty() ? tr("any method") : QString::fromLatin1(rule.method), rule.prefix));
            return false;
        }
    }
    if (m_editedRow >= 0 && m_editedRow < m_settings.rules.size()) {
        m_settings.rules[m_editedRow] = rule;
    } else {
        m_settings.rules.append(rule);
        m_editedRow = int(m_settings.rules.size()) - 1;
    }
    fillTable();
    ui->ruleTable->selectRow(m_editedRow);
    ui->errorLabel->setVisible(false);
    return true;
}

bool ForwardingDialog::applyRetry()
{
    const auto inRange = [this](QSpinBox *spin, const QString &what) {
        if (spin->hasAcceptableInput())
            return true;
        refuse(spin, tr("%1 must be between %2 and %3.")
                         .arg(what, QLocale().toString(spin->minimum()) + spin->suffix(),
                              QLocale().toString(spin->maximum()) + spin->suffix()));
        return false;
    };
    if (!inRange(ui->initialSpin, tr("The first delay")) || !inRange(ui->maxSpin, tr("The longest delay")) ||
        !inRange(ui->attemptsSpin, tr("The number of attempts")))
        return false;
    if (ui->initialSpin->value() > ui->maxSpin->value()) {
        refuse(ui->initialSpin, tr("The first delay (%1 ms) is longer than the longest delay (%2 ms).")
                                    .arg(ui->initialSpin->value())
                                    .arg(ui->maxSpin->value()));
        return false;
    }
    m_settings.retry.initialMs = ui->initialSpin->value();
    m_settings.retry.maxMs = ui->maxSpin->value();
    m_settings.retry.maxAttempts = ui->attemptsSpin->value();
    return true;
}

void ForwardingDialog::accept()
{
    if (m_saving)
        return;
    if (isEditingRule()) {
        if (!applyRule())
            return;
        showList();
    }
    if (!applyRetry())
        return;
    m_saving = true;
    ui->buttons->setEnabled(false);
    ui->pages->setEnabled(false);
    runAsync(
        this, [directory = m_dataDirectory, settings = m_settings] { return Forward::save(directory, settings); },
        [this](const Result<void> &saved) {
            m_saving = false;
            ui->buttons->setEnabled(true);
            ui->pages->setEnabled(true);
            if (!saved) {
                refuse(nullptr, tr("Cannot save the forwarding rules: %1").arg(saved.errorMessage()));
                return;
            }
            QDialog::accept();
        });
}

void ForwardingDialog::reject()
{
    if (!m_saving)
        QDialog::reject();
}

bool ForwardingDialog::isEditingRule() const
{
    return ui->pages->currentWidget() == ui->editorPage;
}

QString ForwardingDialog::errorText() const
{
    return ui->errorLabel->isVisible() ? ui->errorLabel->text() : QString();
}

void ForwardingDialog::setPrefixText(const QString &text)
{
    ui->prefixEdit->setText(text);
}

QString ForwardingDialog::prefixText() const
{
    return ui->prefixEdit->text();
}

void ForwardingDialog::setMethodText(const QString &text)
{
    ui->methodCombo->setEditText(text);
}

void ForwardingDialog::setTargetText(const QString &text)
{
    ui->targetEdit->setText(text);
}

QString ForwardingDialog::targetText() const
{
    return ui->targetEdit->text();
}

void ForwardingDialog::setMode(Forward::Mode mode)
{
    ui->modeCombo->setCurrentIndex(ui->modeCombo->findData(int(mode)));
}

void ForwardingDialog::setRuleEnabled(bool enabled)
{
    ui->enabledCheck->setChecked(enabled);
}

void ForwardingDialog::setRuleEnabledAt(int row, bool enabled)
{
    if (QTableWidgetItem *item = ui->ruleTable->item(row, EnabledColumn))
        item->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
}

void ForwardingDialog::setRetryPolicy(const Forward::RetryPolicy &retry)
{
    ui->initialSpin->setValue(retry.initialMs);
    ui->maxSpin->setValue(retry.maxMs);
    ui->attemptsSpin->setValue(retry.maxAttempts);
}

} // namespace Hookscope
