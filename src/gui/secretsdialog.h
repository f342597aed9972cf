#pragma once

#include "secretstore.h"

#include <QDialog>

#include <memory>

class QLabel;

namespace Ui
{
class SecretsDialog;
}

namespace Hookscope
{

// The webhook secrets of a data directory (<data dir>/secrets.json): a list of entries, and an editor for one entry.
// Invalid input is refused with a message under the fields, which keep what was typed; nothing reaches the file until
// Save, and then only a list whose every entry is valid. The dialog closes (accepted) once the file is written.
class SecretsDialog : public QDialog
{
    Q_OBJECT
public:
    SecretsDialog(const QString &dataDirectory, const Verify::SecretList &entries, QWidget *parent = nullptr);
    ~SecretsDialog() override;

    // Opens the editor on the entry for provider whose path prefix matches path (the longest such prefix), or on a
    // new entry for provider with path as its prefix. An empty provider starts a Generic HMAC entry.
    void editEntryFor(const QString &provider, const QString &path);
    // The list as shown; after accepted(), as saved.
    const Verify::SecretList &entries() const { return m_entries; }
    bool isEditingEntry() const;
    QString errorText() const;
    // Where the secrets are kept (the desktop keyring or the data directory's file), as the dialog says it.
    QString storageText() const;

    // The editor's fields, for tests.
    void setProvider(const QString &name);
    QString provider() const;
    void setPathPrefixText(const QString &text);
    QString pathPrefixText() const;
    void setSecretsText(const QString &text);
    QString secretsText() const;
    bool areSecretsMasked() const;
    void setPublicUrlText(const QString &text);
    QString publicUrlText() const;
    void setGenericText(const QString &text);
    QString genericText() const;
    bool isGenericEditable() const;

    // Takes the entry being edited (when it is valid) into the list and saves the list, off the GUI thread.
    void accept() override;
    // Not while the file is being written: the window reloads it once the write is done.
    void reject() override;

private:
    QLabel *m_storageLabel = nullptr;
    void fillTable();
    void showList();
    void startEditing(int row, const Verify::SecretEntry &entry); // row -1: a new entry
    bool applyEntry();
    void refuse(QWidget *field, const QString &message);
    void updateProviderFields();
    void updateListButtons();

    std::unique_ptr<Ui::SecretsDialog> ui;
    QString m_dataDirectory;
    Verify::SecretList m_entries;
    int m_editedRow = -1; // in m_entries; -1 while editing a new entry
    bool m_saving = false;
};

} // namespace Hookscope
