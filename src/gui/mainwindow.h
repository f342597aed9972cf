#pragma once

#include "attempt.h"
#include "capturedrequest.h"
#include "capturesettings.h"
#include "requeststore.h"
#include "requestfilter.h"
#include "resender.h"
#include "secretstore.h"

#include <QLabel>
#include <QMainWindow>
#include <QSet>
#include <QTimer>

#include <array>
#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class MainWindow;
}

namespace Hookscope {

class AboutDialog;
class CaptureService;
class ForwardingDialog;
class ResendDialog;
class SecretsDialog;
class SettingsDialog;
class RequestInspector;
class RequestListModel;

// The first window: where to send webhooks, how many arrived, and the newest requests.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(CaptureService *service, QWidget *parent = nullptr);
    ~MainWindow() override;

    qint64 storedCount() const { return m_storedCount; }
    // What the window shows, for tests and accessibility checks.
    QString endpointText() const;
    QString countText() const;
    QString exampleCommand() const;
    bool isShowingEmptyState() const;
    void setFilterText(const QString &text);
    QString filterError() const;
    static constexpr int FilterDebounceMs = 300;
    RequestListModel *requestModel() const { return m_model; }
    RequestInspector *inspector() const { return m_inspector; }
    // Selects a row of the request table (as a click would).
    void selectRow(int row);
    // The actions on the selected requests (table context menu and keys).
    QAction *pinAction() const { return m_pinAction; }
    QAction *unpinAction() const { return m_unpinAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *copyCurlAction() const { return m_copyCurlAction; }
    QAction *captureAction() const { return m_captureAction; }
    QAction *clearAction() const { return m_clearAction; }
    // Resend (Ctrl+R): the selected requests again, to the target and with the options last used (and the edits,
    // when it is the same request); the first time, the dialog. Resend… (Ctrl+Shift+R): the dialog.
    QAction *resendAction() const { return m_resendAction; }
    QAction *resendToAction() const { return m_resendToAction; }
    QAction *forwardingAction() const { return m_forwardingAction; }
    // Dead letters among the selected requests: delivered again from the first attempt, or dropped.
    QAction *retryDeliveryAction() const { return m_retryDeliveryAction; }
    QAction *discardDeliveryAction() const { return m_discardDeliveryAction; }
    // Puts a colour label on the selected requests (Ctrl+1 to Ctrl+7; Label::None, Ctrl+0, takes it off).
    QAction *labelAction(Label label) const;
    // Opens the Resend dialog (window-modal) on the selected requests; the first of them is read from the store
    // and shown in it. Sending starts when it is accepted. nullptr when nothing is selected.
    ResendDialog *openResend();
    // Opens the forwarding rules dialog (window-modal); once it saved, the rules apply to the running capture.
    ForwardingDialog *openForwarding();
    // Opens the settings dialog (window-modal, no nested event loop); applied when accepted.
    SettingsDialog *openSettings();
    // Opens the About dialog (F1): version, data directory, documentation.
    AboutDialog *openAbout();
    // Saved settings (QSettings) over the given defaults, for the next start.
    static void loadSavedSettings(CaptureSettings *capture, RetentionPolicy *retention);
    // Opens the webhook secrets dialog (window-modal); with a provider or path, on the editor for that entry (the
    // existing one whose prefix matches path, or a new one). After it saved, the window reloads the secrets.
    SecretsDialog *openSecrets(const QString &provider = QString(), const QString &path = QString());
    // Reads <data dir>/secrets.json on a pool thread and verifies the shown request with it. Announce also emits
    // secretsChanged (after the Secrets dialog saved); the load at start is Quiet.
    enum class SecretsReload { Quiet, Announce };
    void reloadSecrets(SecretsReload reload);
    const Verify::SecretList &secrets() const { return m_secrets; }
    // How many of the newest stored requests the window lists first at start, before the rest (default 5000).
    static void setRecentHistoryRows(int rows);

signals:
    // A pin, unpin, label or delete reached the store and the table.
    void selectionEdited();
    // New settings were applied and saved.
    void settingsApplied();
    // The newest stored requests from earlier runs are in the table (the first step of loading the history).
    void recentHistoryShown(int count);
    // Every stored request from earlier runs is in the table.
    void historyLoaded(int count);
    // A filter was applied (or cleared) and the table shows its result.
    void filterApplied(int shown);
    // The webhook secrets were saved (and read back): stored verdicts may have changed.
    void secretsChanged(const Verify::SecretList &secrets);
    // Stored requests were verified again (after a secret change or an upgrade); count = rows whose result changed.
    void storedReverified(int count);
    // A resend attempt was made and stored (delivered or not).
    void resendAttemptStored(const Hookscope::StoredAttempt &attempt);
    // Saved forwarding rules were applied to the capture.
    void forwardingApplied();

private:
    void reverifyStored(bool onlyUnverified);
    void onListening(const QList<ListenAddress> &addresses);
    void onFailed(const QString &message);
    void onStored(const QList<CapturedRequest> &requests);
    void updateCount();
    void loadHistory();
    int listHistory(QList<RequestSummary> history);
    void listOlderHistory(QList<RequestSummary> older);
    void loadSelected();
    void applyFilter();
    QSet<qint64> selectedIds() const;
    void resendSelected();
    void startResend(const QList<qint64> &ids, const ResendPlan &plan);
    void loadAttempts();
    void updateSelectionActions();
    QList<qint64> selectedFailedDeliveries() const;
    template<typename Work, typename Done>
    void runEdit(Work work, Done done);
    void startNextEdit();
    void setSelectedPinned(bool pinned);
    void setSelectedLabel(Label label);
    void updateLabelIcons();
    void deleteSelected();
    enum class Removal { Delete, Clear };
    void removeRequests(const QSet<qint64> &ids, Removal removal);
    void clearUnpinned();
    void copySelectedAsCurl();
    void updateStatus();
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    // The Signature column's icons, painted for the current palette.
    void updateVerdictIcons();

    std::unique_ptr<Ui::MainWindow> ui;
    CaptureService *m_service;
    RequestListModel *m_model;
    RequestInspector *m_inspector;
    quint64 m_selectionGeneration = 0;
    bool m_followNewest = true;
    RequestFilter m_filter;
    quint64 m_filterGeneration = 0;
    QSet<qint64> m_liveMatches; // arrived during the running filter job, and match
    QTimer *m_filterTimer;
    QTimer *m_statusTimer;
    bool m_countUpdateScheduled = false;
    qint64 m_historyLastId = 0; // the newest request the history listed
    QLabel *m_rateLabel;
    QLabel *m_sizeLabel;
    qint64 m_countAtLastTick = 0;
    QAction *m_pinAction;
    QAction *m_unpinAction;
    QAction *m_deleteAction;
    QAction *m_copyCurlAction;
    QAction *m_captureAction;
    QAction *m_clearAction;
    QAction *m_resendAction;
    QAction *m_resendToAction;
    QAction *m_forwardingAction;
    QAction *m_retryDeliveryAction;
    QAction *m_discardDeliveryAction;
    std::array<QAction *, LabelCount> m_labelActions{};
    Resender *m_resender;
    std::optional<ResendPlan> m_lastResend; // for this session only: Ctrl+R never goes to a target from an old run
    quint64 m_attemptsGeneration = 0;
    QList<std::function<void()>> m_edits; // store edits waiting for the one running
    bool m_editRunning = false;
    bool m_listingHistory = false;    // older rows going in: the view does not follow them
    bool m_historyUnverified = false; // the history holds rows never verified (stored by an older version)
    static int s_recentHistoryRows;
    qint64 m_storedCount = 0;
    qint64 m_sessionCount = 0;
    Verify::SecretList m_secrets;
};

} // namespace Hookscope
