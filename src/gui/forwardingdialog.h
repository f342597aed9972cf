#pragma once

#include "forwardrule.h"

#include <QDialog>

#include <memory>

namespace Ui
{
class ForwardingDialog;
}

namespace Hookscope
{

// The forwarding rules of a data directory (<data dir>/forwarding.json) and the retry policy: a list of rules, and an
// editor for one rule, as in the Secrets dialog. Invalid input is refused with a message under the fields, which keep
// what was typed; nothing reaches the file until Save. The dialog closes (accepted) once the file is written; the
// window then applies the rules to the running capture.
class ForwardingDialog : public QDialog
{
    Q_OBJECT
public:
    ForwardingDialog(const QString &dataDirectory, const Forward::Settings &settings, QWidget *parent = nullptr);
    ~ForwardingDialog() override;

    // The rules and retry policy as shown; after accepted(), as saved.
    const Forward::Settings &settings() const { return m_settings; }
    // Opens the editor on a new rule, or on the rule at row.
    void addRule();
    void editRule(int row);
    bool isEditingRule() const;
    QString errorText() const;

    // The editor's fields and the retry policy, for tests.
    void setPrefixText(const QString &text);
    QString prefixText() const;
    void setMethodText(const QString &text);
    void setTargetText(const QString &text);
    QString targetText() const;
    void setMode(Forward::Mode mode);
    void setRuleEnabled(bool enabled);
    // Ticks or unticks the rule at row in the list (as a click on its box does).
    void setRuleEnabledAt(int row, bool enabled);
    void setRetryPolicy(const Forward::RetryPolicy &retry);

    // Takes the rule being edited (when it is valid) into the list and saves the list, off the GUI thread.
    void accept() override;
    // Not while the file is being written.
    void reject() override;

private:
    void fillTable();
    void showList();
    void startEditing(int row, const Forward::Rule &rule); // row -1: a new rule
    bool applyRule();
    bool applyRetry();
    void refuse(QWidget *field, const QString &message);
    void updateListButtons();

    std::unique_ptr<Ui::ForwardingDialog> ui;
    QString m_dataDirectory;
    Forward::Settings m_settings;
    int m_editedRow = -1;
    bool m_saving = false;
    bool m_filling = false;
};

} // namespace Hookscope
