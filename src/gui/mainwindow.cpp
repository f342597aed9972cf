#include "mainwindow.h"

#include "aboutdialog.h"
#include "verdictstyle.h"

#include "asyncresult.h"
#include "captureservice.h"
#include "curlcommand.h"
#include "forwardingdialog.h"
#include "resenddialog.h"
#include "requestinspector.h"
#include "requestlistmodel.h"
#include "requeststore.h"
#include "secretsdialog.h"
#include "settingsdialog.h"
#include "theme.h"
#include "ui_mainwindow.h"

#include <QItemSelectionModel>

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QSignalBlocker>
#include <QToolBar>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>
#include <QStandardPaths>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>

namespace Hookscope {

MainWindow::MainWindow(CaptureService *service, QWidget *parent)
    : QMainWindow(parent), ui(std::make_unique<Ui::MainWindow>()), m_service(service),
      m_model(new RequestListModel(this)), m_inspector(new RequestInspector(this)), m_filterTimer(new QTimer(this)),
      m_statusTimer(new QTimer(this)), m_rateLabel(new QLabel(this)), m_sizeLabel(new QLabel(this)),
      m_pinAction(new QAction(tr("&Pin"), this)), m_unpinAction(new QAction(tr("&Unpin"), this)),
      m_deleteAction(new QAction(tr("&Delete"), this)), m_copyCurlAction(new QAction(tr("Copy as c&URL"), this)),
      m_captureAction(new QAction(tr("&Capture"), this)), m_clearAction(new QAction(tr("C&lear"), this)),
      m_resendAction(new QAction(tr("&Resend"), this)), m_resendToAction(new QAction(tr("Resen&d…"), this)),
      m_forwardingAction(new QAction(tr("&Forwarding…"), this)),
      m_retryDeliveryAction(new QAction(tr("Retr&y Delivery"), this)),
      m_discardDeliveryAction(new QAction(tr("Discard Deli&very"), this)),
      m_resender(new Resender(service->options().dataDirectory, this))
{
    ui->setupUi(this);
    updateVerdictIcons();
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar")); // for saveState
    toolBar->setMovable(false);
    m_captureAction->setCheckable(true);
    m_captureAction->setChecked(true);
    m_captureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_captureAction->setToolTip(tr("Capture requests (Ctrl+E): when off, the endpoint refuses connections"));
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    m_clearAction->setToolTip(tr("Delete every request that is not pinned (Ctrl+Shift+Del)"));
    toolBar->addAction(m_captureAction);
    toolBar->addAction(m_clearAction);
    auto *settingsAction = new QAction(tr("&Settings…"), this);
    settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    toolBar->addAction(settingsAction);
    auto *secretsAction = new QAction(tr("S&ecrets…"), this);
    secretsAction->setToolTip(tr("Webhook secrets: the signatures of requests are checked with them"));
    connect(secretsAction, &QAction::triggered, this, [this] { openSecrets(); });
    toolBar->addAction(secretsAction);
    m_forwardingAction->setToolTip(tr("Forwarding rules: deliver requests to another URL as they arrive"));
    connect(m_forwardingAction, &QAction::triggered, this, [this] { openForwarding(); });
    toolBar->addAction(m_forwardingAction);
    auto *aboutAction = new QAction(tr("&About"), this);
    aboutAction->setShortcut(QKeySequence::HelpContents);
    aboutAction->setToolTip(tr("Version, data directory and documentation (F1)"));
    connect(aboutAction, &QAction::triggered, this, [this] { openAbout(); });
    toolBar->addSeparator();
    // Resend works on the selected requests from anywhere in the window.
    m_resendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_resendAction->setToolTip(tr("Send the selected requests again to the last target (Ctrl+R)"));
    m_resendToAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_resendToAction->setToolTip(tr("Choose the target, edit the request, sign it again, then send (Ctrl+Shift+R)"));
    connect(m_resendAction, &QAction::triggered, this, &MainWindow::resendSelected);
    connect(m_resendToAction, &QAction::triggered, this, [this] { openResend(); });
    toolBar->addAction(m_resendAction);
    toolBar->addAction(m_resendToAction);
    auto *toolBarSpacer = new QWidget(toolBar);
    toolBarSpacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(toolBarSpacer);
    toolBar->addAction(aboutAction);
    connect(m_resender, &Resender::attemptStored, this, [this](const StoredAttempt &attempt) {
        const QString message =
            attempt.status > 0
                ? tr("#%1 resent to %2: %3 %4 in %5 ms")
                      .arg(attempt.requestId)
                      .arg(attempt.url)
                      .arg(attempt.status)
                      .arg(QString::fromUtf8(attempt.reason))
                      .arg(QLocale().toString(double(attempt.totalUs) / 1000.0, 'f', 1))
                : tr("#%1 not delivered: %2").arg(attempt.requestId).arg(attempt.error);
        ui->statusBar->showMessage(message, 10000);
        if (attempt.requestId == m_inspector->request().id)
            loadAttempts();
        emit resendAttemptStored(attempt);
    });
    connect(m_resender, &Resender::failed, this, [this](qint64, const QString &message) {
        ui->statusBar->showMessage(tr("Resend: %1").arg(message));
    });
    m_retryDeliveryAction->setToolTip(tr("Deliver the selected dead letters again, from the first attempt"));
    m_discardDeliveryAction->setToolTip(tr("Take the selected dead letters off the delivery list"));
    connect(m_retryDeliveryAction, &QAction::triggered, this, [this] {
        const QList<qint64> ids = selectedFailedDeliveries();
        if (ids.isEmpty())
            return;
        m_service->retryFailedDeliveries(ids);
        ui->statusBar->showMessage(tr("Delivering %1 request(s) again").arg(ids.size()), 5000);
    });
    connect(m_discardDeliveryAction, &QAction::triggered, this, [this] {
        const QList<qint64> ids = selectedFailedDeliveries();
        if (ids.isEmpty())
            return;
        m_service->discardFailedDeliveries(ids);
        ui->statusBar->showMessage(tr("Discarded the delivery of %1 request(s)").arg(ids.size()), 5000);
    });
    connect(m_inspector, &RequestInspector::editSecretRequested, this, &MainWindow::openSecrets);
    reloadSecrets(SecretsReload::Quiet);
    connect(m_captureAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_service->resumeCapture();
        else
            m_service->pauseCapture();
    });
    connect(m_clearAction, &QAction::triggered, this, &MainWindow::clearUnpinned);
    ui->statusBar->addPermanentWidget(m_rateLabel);
    ui->statusBar->addPermanentWidget(m_sizeLabel);
    m_statusTimer->setInterval(1000);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer->start();

    // Actions on the selected requests: in the table's context menu and on keys while the table has focus.
    m_pinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_unpinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_copyCurlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    auto *copyRows = new QAction(tr("&Copy rows"), this);
    copyRows->setShortcut(QKeySequence::Copy);
    connect(copyRows, &QAction::triggered, this, [this] {
        // The selected rows as shown, tab-separated, one line each.
        QModelIndexList rows = ui->requestTable->selectionModel()->selectedRows();
        std::sort(rows.begin(), rows.end());
        QStringList lines;
        for (const QModelIndex &row : rows) {
            QStringList cells;
            for (int column = 0; column < m_model->columnCount(); ++column)
                cells.append(m_model->index(row.row(), column).data().toString());
            lines.append(cells.join(u'\t'));
        }
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    });
    auto *inspect = new QAction(tr("&Inspect"), this);
    inspect->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    connect(inspect, &QAction::triggered, this, [this] { m_inspector->setFocus(Qt::ShortcutFocusReason); });
    // Colour labels: Ctrl+1 to Ctrl+7, Ctrl+0 takes the label off; in the context menu's Label submenu.
    auto *labelMenu = new QMenu(tr("&Label"), this);
    for (int number = 1; number <= LabelCount; ++number) {
        const Label label = Label(number % LabelCount); // None last
        auto *action = new QAction(label == Label::None ? tr("&No Label") : RequestListModel::labelText(label), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + int(label))));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setData(int(label));
        connect(action, &QAction::triggered, this, [this, label] { setSelectedLabel(label); });
        if (label == Label::None)
            labelMenu->addSeparator();
        labelMenu->addAction(action);
        ui->requestTable->addAction(action); // the shortcut, while the table has focus
        m_labelActions[int(label)] = action;
    }
    updateLabelIcons();
    QList<QAction *> menuActions;
    for (QAction *action : {inspect, copyRows, m_copyCurlAction, m_pinAction, m_unpinAction, m_deleteAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        ui->requestTable->addAction(action);
        menuActions.append(action);
    }
    // In the context menu too; their shortcuts work in the whole window.
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *deliverySeparator = new QAction(this);
    deliverySeparator->setSeparator(true);
    menuActions += {labelMenu->menuAction(), separator, m_resendAction, m_resendToAction, deliverySeparator,
                    m_retryDeliveryAction, m_discardDeliveryAction};
    // Built on request rather than from the table's actions: the label actions are there for their shortcuts only.
    ui->requestTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(ui->requestTable, &QWidget::customContextMenuRequested, this, [this, menuActions](const QPoint &position) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions(menuActions);
        menu->popup(ui->requestTable->viewport()->mapToGlobal(position));
    });
    ui->requestTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_pinAction, &QAction::triggered, this, [this] { setSelectedPinned(true); });
    connect(m_unpinAction, &QAction::triggered, this, [this] { setSelectedPinned(false); });
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_copyCurlAction, &QAction::triggered, this, &MainWindow::copySelectedAsCurl);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDebounceMs); // typing does not start a scan per keystroke
    connect(m_filterTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(ui->filterEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    auto *focusFilter = new QAction(tr("Filter"), this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, this, [this] {
        ui->filterEdit->setFocus();
        ui->filterEdit->selectAll();
    });
    addAction(focusFilter);
    ui->splitter->addWidget(m_inspector);
    ui->splitter->setStretchFactor(0, 3);
    ui->splitter->setStretchFactor(1, 2);
    ui->requestTable->setModel(m_model);
    ui->requestTable->verticalHeader()->hide();
    ui->requestTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6); // fixed row height
    ui->requestTable->horizontalHeader()->setStretchLastSection(true);
    ui->requestTable->setSortingEnabled(true);
    ui->requestTable->sortByColumn(RequestListModel::TimeColumn, Qt::AscendingOrder); // oldest on top, as they came
    ui->requestTable->setColumnWidth(RequestListModel::TimeColumn, 100);
    ui->requestTable->setColumnWidth(RequestListModel::MethodColumn, 80);
    ui->requestTable->setColumnWidth(RequestListModel::TargetColumn, 200);
    ui->requestTable->setColumnWidth(RequestListModel::QueryColumn, 120);
    // Who sent it, what it is and whether it is genuine come right after the path (until the user moves them).
    {
        QHeaderView *header = ui->requestTable->horizontalHeader();
        int visual = header->visualIndex(RequestListModel::TargetColumn) + 1;
        for (int column : {RequestListModel::ProviderColumn, RequestListModel::EventColumn,
                           RequestListModel::SignatureColumn})
            header->moveSection(header->visualIndex(column), visual++);
        ui->requestTable->setColumnWidth(RequestListModel::ProviderColumn, 80);
        ui->requestTable->setColumnWidth(RequestListModel::EventColumn, 170);
        ui->requestTable->setColumnWidth(RequestListModel::SignatureColumn, 80);
        ui->requestTable->setColumnWidth(RequestListModel::TargetColumn, 150);
    }
    ui->requestTable->setColumnWidth(RequestListModel::StatusColumn, 60);
    ui->requestTable->setColumnWidth(RequestListModel::SizeColumn, 80);
    ui->requestTable->setColumnWidth(RequestListModel::ContentTypeColumn, 140);
    ui->statusBar->showMessage(tr("Starting…"));
    updateCount();

    connect(ui->copyButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(ui->endpointEdit->text());
        ui->statusBar->showMessage(tr("URL copied"), 3000);
    });
    connect(service, &CaptureService::storeOpened, this, [this](qint64 count) {
        m_storedCount = count;
        updateCount();
        loadHistory();
    });
    connect(ui->requestTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::loadSelected);
    connect(ui->requestTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateSelectionActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateSelectionActions);
    updateSelectionActions();

    // Window layout as the user left it.
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    ui->splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    ui->requestTable->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/columns")).toByteArray());
    connect(service, &CaptureService::listening, this, &MainWindow::onListening);
    connect(service, &CaptureService::failed, this, &MainWindow::onFailed);
    connect(service, &CaptureService::capturePaused, this, [this] {
        const QSignalBlocker blocker(m_captureAction);
        m_captureAction->setChecked(false);
        ui->statusBar->showMessage(tr("Capture paused: the endpoint refuses connections"));
    });
    connect(service, &CaptureService::requestsStored, this, &MainWindow::onStored);
    connect(service, &CaptureService::deliveryChanged, this,
            [this](qint64 id, const ForwardInfo &info) {
                m_model->setForwardInfo(id, info);
                updateSelectionActions();
                if (id == m_inspector->request().id)
                    loadAttempts(); // a delivery attempt was stored
            });
    connect(service, &CaptureService::forwardTargetDown, this, [this](const QString &message) {
        ui->statusBar->showMessage(tr("Forwarding: %1. Deliveries are kept and retried.").arg(message));
    });
    connect(service, &CaptureService::forwardTargetUp, this, [this](const QString &origin) {
        ui->statusBar->showMessage(tr("Forwarding: %1 answers again.").arg(origin), 5000);
    });
    connect(service, &CaptureService::storeWriteFailed, this, [this](const QString &message) {
        ui->statusBar->showMessage(tr("Cannot store requests (senders get 503): %1").arg(message));
    });
    // Follow the newest request only while the user is at the bottom (checked before the rows arrive).
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = ui->requestTable->verticalScrollBar();
        m_followNewest = bar->value() >= bar->maximum() - 2;
    });
    // A million rows take seconds to sort, on a worker thread: say so meanwhile.
    connect(m_model, &RequestListModel::sortingStarted, this, [this](int rows) {
        ui->statusBar->showMessage(tr("Sorting %1 requests…").arg(QLocale().toString(rows)));
    });
    connect(m_model, &RequestListModel::sorted, this, [this] {
        if (ui->statusBar->currentMessage().startsWith(tr("Sorting %1 requests…").section(u' ', 0, 0)))
            ui->statusBar->clearMessage();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        // At the bottom, new rows are followed; not the history's older rows (listOlderHistory keeps the view), and
        // not when the newest are on top.
        const QHeaderView *header = ui->requestTable->horizontalHeader();
        const bool newestOnTop = header->sortIndicatorSection() == RequestListModel::TimeColumn &&
                                 header->sortIndicatorOrder() == Qt::DescendingOrder;
        if (m_followNewest && first > 0 && !m_listingHistory && !newestOnTop)
            ui->requestTable->scrollToBottom();
        ui->stack->setCurrentWidget(ui->tablePage);
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), ui->splitter->saveState());
    settings.setValue(QStringLiteral("window/columns"), ui->requestTable->horizontalHeader()->saveState());
    QMainWindow::closeEvent(event);
}

QSet<qint64> MainWindow::selectedIds() const
{
    QSet<qint64> ids;
    const QModelIndexList rows = ui->requestTable->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.insert(m_model->summary(index.row()).id);
    return ids;
}

// Store edits (pin, label, delete, clear) run one after another, in the order asked for: two label keys pressed
// quickly end with the second label, in the store as in the table.
template<typename Work, typename Done>
void MainWindow::runEdit(Work work, Done done)
{
    m_edits.append([this, work = std::move(work), done = std::move(done)]() mutable {
        runAsync(this, std::move(work), [this, done = std::move(done)](auto result) mutable {
            done(result);
            m_editRunning = false;
            startNextEdit();
        });
    });
    if (!m_editRunning)
        startNextEdit();
}

void MainWindow::startNextEdit()
{
    if (m_edits.isEmpty())
        return;
    m_editRunning = true;
    m_edits.takeFirst()();
}

void MainWindow::setSelectedPinned(bool pinned)
{
    const QSet<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    runEdit(
        [ids, pinned, directory = m_service->options().dataDirectory]() -> Result<void> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened;
            for (qint64 id : ids) {
                if (Result<void> r = store.setPinned(id, pinned); !r)
                    return r;
            }
            return {};
        },
        [this, ids, pinned](const Result<void> &result) {
            if (!result) {
                ui->statusBar->showMessage(tr("Cannot pin: %1").arg(result.errorMessage()));
                return;
            }
            m_model->setPinned(ids, pinned);
            emit selectionEdited();
        });
}

void MainWindow::setSelectedLabel(Label label)
{
    const QSet<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    runEdit(
        [ids, label, directory = m_service->options().dataDirectory]() -> Result<QList<qint64>> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            return store.setLabel(QList<qint64>(ids.cbegin(), ids.cend()), label);
        },
        [this, ids, label](const Result<QList<qint64>> &result) {
            if (!result) {
                ui->statusBar->showMessage(tr("Cannot set the label: %1").arg(result.errorMessage()));
                return;
            }
            m_model->setLabel(ids, label); // ids deleted meanwhile are no longer listed either
            emit selectionEdited();
        });
}

QAction *MainWindow::labelAction(Label label) const
{
    return m_labelActions.at(size_t(label));
}

void MainWindow::updateLabelIcons()
{
    // A dot of the label's colour; an empty ring for No Label. Painted for the palette (the ring's colour).
    const qreal ratio = devicePixelRatioF();
    const int size = 12;
    for (int number = 0; number < LabelCount; ++number) {
        QPixmap pixmap(QSize(size, size) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF circle(1.5, 1.5, size - 3, size - 3);
        if (number == int(Label::None)) {
            painter.setPen(QPen(palette().color(QPalette::WindowText), 1.2));
            painter.drawEllipse(circle);
        } else {
            painter.setPen(Qt::NoPen);
            painter.setBrush(RequestListModel::labelColor(Label(number)));
            painter.drawEllipse(circle);
        }
        painter.end();
        m_labelActions.at(size_t(number))->setIcon(QIcon(pixmap));
    }
}

void MainWindow::deleteSelected()
{
    removeRequests(selectedIds(), Removal::Delete);
}

// Deletes exactly these requests from the store (another writer may be busy; the store waits for it), then from the
// list. Delete and Clear differ only in what they say.
void MainWindow::removeRequests(const QSet<qint64> &ids, Removal removal)
{
    if (ids.isEmpty())
        return;
    runEdit(
        [ids, directory = m_service->options().dataDirectory]() -> Result<int> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            return store.remove(QList<qint64>(ids.cbegin(), ids.cend()));
        },
        [this, ids, removal](const Result<int> &removed) {
            if (!removed) {
                ui->statusBar->showMessage((removal == Removal::Clear ? tr("Cannot clear: %1") : tr("Cannot delete: %1"))
                                               .arg(removed.errorMessage()));
                return;
            }
            m_model->removeIds(ids);
            m_storedCount = qMax<qint64>(0, m_storedCount - removed.value());
            updateCount();
            m_inspector->clear();
            if (removal == Removal::Clear)
                ui->statusBar->showMessage(tr("Deleted %1 requests; pinned ones were kept").arg(removed.value()), 5000);
            emit selectionEdited();
        });
}

void MainWindow::updateVerdictIcons()
{
    QHash<int, QIcon> icons;
    for (const Verify::Verdict verdict : {Verify::Verdict::Valid, Verify::Verdict::Invalid, Verify::Verdict::NoSecret,
                                          Verify::Verdict::Error})
        icons.insert(int(verdict), verdictIcon(verdict, palette()));
    m_model->setVerdictIcons(icons);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) { // a theme switch
        updateVerdictIcons();
        updateLabelIcons();
    }
    QMainWindow::changeEvent(event);
}

AboutDialog *MainWindow::openAbout()
{
    auto *dialog = new AboutDialog(m_service->options().dataDirectory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

SettingsDialog *MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_service->options().capture, m_service->options().retention, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setLanguage(QSettings().value(QStringLiteral("window/language")).toString());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const CaptureSettings capture = dialog->capture();
        const RetentionPolicy retention = dialog->retention();
        m_service->applySettings(capture, retention);
        applyTheme(dialog->theme());
        QSettings settings;
        settings.setValue(QStringLiteral("window/theme"), themeName(dialog->theme()));
        if (dialog->language() != settings.value(QStringLiteral("window/language")).toString()) {
            settings.setValue(QStringLiteral("window/language"), dialog->language());
            ui->statusBar->showMessage(tr("The new language applies when Hookscope starts again."), 10000);
        }
        QStringList listen;
        for (const ListenAddress &address : capture.listen)
            listen.append(address.address.toString() + u'|' + QString::number(address.port) + u'|' +
                          (address.optional ? u'1' : u'0'));
        settings.setValue(QStringLiteral("capture/listen"), listen);
        settings.setValue(QStringLiteral("capture/maxBodyBytes"), capture.maxBodyBytes);
        settings.setValue(QStringLiteral("capture/maxHeaderBytes"), capture.maxHeaderBytes);
        settings.setValue(QStringLiteral("capture/idleTimeoutMs"), capture.idleTimeoutMs);
        settings.setValue(QStringLiteral("capture/requestTimeoutMs"), capture.requestTimeoutMs);
        settings.setValue(QStringLiteral("retention/maxCount"), retention.maxCount);
        settings.setValue(QStringLiteral("retention/maxAgeSeconds"), retention.maxAgeSeconds);
        // The answers belong to the data directory (hookscope-cli serve uses them too).
        runAsync(
            this,
            [rules = capture.responses, directory = m_service->options().dataDirectory]() -> Result<void> {
                RequestStore store;
                if (Result<void> opened = store.open(directory); !opened)
                    return opened;
                return store.saveResponseRules(rules);
            },
            [this](const Result<void> &saved) {
                if (!saved)
                    ui->statusBar->showMessage(tr("Cannot save the answers: %1").arg(saved.errorMessage()));
                emit settingsApplied();
            });
    });
    dialog->open();
    return dialog;
}

SecretsDialog *MainWindow::openSecrets(const QString &provider, const QString &path)
{
    auto *dialog = new SecretsDialog(m_service->options().dataDirectory, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!provider.isEmpty() || !path.isEmpty())
        dialog->editEntryFor(provider, path);
    connect(dialog, &QDialog::accepted, this, [this] { reloadSecrets(SecretsReload::Announce); });
    dialog->open();
    return dialog;
}

void MainWindow::reloadSecrets(SecretsReload reload)
{
    runAsync(
        this, [directory = m_service->options().dataDirectory] { return Verify::SecretStore::load(directory); },
        [this, reload](const Result<Verify::SecretList> &loaded) {
            if (!loaded) {
                // Not fatal: requests still arrive and show, unverified.
                ui->statusBar->showMessage(tr("Cannot read the webhook secrets: %1").arg(loaded.errorMessage()));
                return;
            }
            m_secrets = loaded.value();
            m_inspector->setSecrets(m_secrets);
            if (reload == SecretsReload::Announce) {
                // Requests stored from now on use the new secrets; the stored ones are verified again.
                m_service->setSecrets(m_secrets);
                reverifyStored(false);
                emit secretsChanged(m_secrets);
            }
        });
}

void MainWindow::reverifyStored(bool onlyUnverified)
{
    // On a pool thread with its own connection: a million rows take seconds, the window stays usable meanwhile.
    runAsync(
        this,
        [directory = m_service->options().dataDirectory, secrets = m_secrets,
         onlyUnverified]() -> Result<QList<std::pair<qint64, RequestAnnotation>>> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            QList<std::pair<qint64, RequestAnnotation>> changed;
            if (Result<int> done = store.reannotate(secrets, onlyUnverified, &changed); !done)
                return done.error();
            return changed;
        },
        [this](const Result<QList<std::pair<qint64, RequestAnnotation>>> &changed) {
            if (!changed) {
                ui->statusBar->showMessage(tr("Cannot verify the stored requests again: %1").arg(changed.errorMessage()));
                return;
            }
            m_model->setAnnotations(changed.value());
            emit storedReverified(int(changed.value().size()));
        });
}

void MainWindow::loadSavedSettings(CaptureSettings *capture, RetentionPolicy *retention)
{
    QSettings settings;
    const QStringList listen = settings.value(QStringLiteral("capture/listen")).toStringList();
    QList<ListenAddress> addresses;
    for (const QString &entry : listen) {
        const QStringList parts = entry.split(u'|');
        const QHostAddress address(parts.value(0));
        bool ok = false;
        const uint port = parts.value(1).toUInt(&ok);
        if (address.isNull() || !ok || port > 65535)
            continue; // a damaged entry: the default stays
        addresses.append(ListenAddress{address, quint16(port), parts.value(2) == u"1"});
    }
    if (!addresses.isEmpty())
        capture->listen = addresses;
    capture->maxBodyBytes = settings.value(QStringLiteral("capture/maxBodyBytes"), capture->maxBodyBytes).toLongLong();
    // Values outside what the Settings dialog accepts (a hand-edited file) leave the default: a header limit of 0
    // would refuse every request.
    const qint64 maxHeader = settings.value(QStringLiteral("capture/maxHeaderBytes"), capture->maxHeaderBytes).toLongLong();
    if (maxHeader >= 1024 && maxHeader <= 16 * 1024 * 1024)
        capture->maxHeaderBytes = maxHeader;
    const int idleMs = settings.value(QStringLiteral("capture/idleTimeoutMs"), capture->idleTimeoutMs).toInt();
    if (idleMs >= 1000 && idleMs <= 3600 * 1000)
        capture->idleTimeoutMs = idleMs;
    const int requestMs = settings.value(QStringLiteral("capture/requestTimeoutMs"), capture->requestTimeoutMs).toInt();
    if (requestMs >= 1000 && requestMs <= 3600 * 1000)
        capture->requestTimeoutMs = requestMs;
    retention->maxCount = settings.value(QStringLiteral("retention/maxCount"), retention->maxCount).toLongLong();
    retention->maxAgeSeconds =
        settings.value(QStringLiteral("retention/maxAgeSeconds"), retention->maxAgeSeconds).toLongLong();
}

void MainWindow::clearUnpinned()
{
    // Exactly the unpinned requests listed now: one arriving meanwhile is neither deleted nor left listed.
    m_model->flush();
    QSet<qint64> unpinned;
    for (const RequestSummary &row : m_model->allSummaries()) {
        if (!row.pinned)
            unpinned.insert(row.id);
    }
    removeRequests(unpinned, Removal::Clear);
}

void MainWindow::copySelectedAsCurl()
{
    const QModelIndex current = ui->requestTable->currentIndex();
    if (!current.isValid())
        return;
    const qint64 id = m_model->summary(current.row()).id;
    runAsync(
        this,
        [id, directory = m_service->options().dataDirectory]() -> Result<CurlCommand> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            const Result<CapturedRequest> request = store.request(id);
            if (!request)
                return request.error();
            // A body that cannot go on a command line goes through a file beside the system's temporary files.
            const QString bodyFile = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                         .filePath(QStringLiteral("hookscope-body-%1.bin").arg(id));
            CurlCommand curl = CurlCommand::fromRequest(request.value(), {}, bodyFile);
            if (curl.needsBodyFile) {
                QFile file(bodyFile);
                if (!file.open(QIODevice::WriteOnly) || file.write(request.value().body) != request.value().body.size())
                    return makeError(ErrorCode::Io, file.errorString());
            }
            return curl;
        },
        [this](const Result<CurlCommand> &curl) {
            if (!curl) {
                ui->statusBar->showMessage(tr("Cannot copy as cURL: %1").arg(curl.errorMessage()));
                return;
            }
            QGuiApplication::clipboard()->setText(curl.value().command);
            ui->statusBar->showMessage(curl.value().needsBodyFile ? tr("cURL command copied (the body is read from a file)")
                                                                  : tr("cURL command copied"),
                                       5000);
        });
}

void MainWindow::updateStatus()
{
    const qint64 arrived = m_sessionCount - m_countAtLastTick;
    m_countAtLastTick = m_sessionCount;
    m_rateLabel->setText(tr("%1 requests/s").arg(QLocale().toString(arrived)));
    qint64 bytes = 0;
    const QString database = m_service->databasePath();
    for (const QString &path : {database, QString(database + QStringLiteral("-wal"))})
        bytes += QFileInfo(path).size();
    m_sizeLabel->setText(tr("store %1").arg(QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat)));
}

QString MainWindow::endpointText() const
{
    return ui->endpointEdit->text();
}

QString MainWindow::countText() const
{
    return ui->countLabel->text();
}

QString MainWindow::exampleCommand() const
{
    return ui->curlEdit->text();
}

bool MainWindow::isShowingEmptyState() const
{
    return ui->stack->currentWidget() == ui->emptyPage;
}

void MainWindow::selectRow(int row)
{
    // Explicit flags: the view's own choice follows the keyboard modifiers held at the time.
    ui->requestTable->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                                   QItemSelectionModel::Rows);
}

int MainWindow::s_recentHistoryRows = 5000;

void MainWindow::setRecentHistoryRows(int rows)
{
    s_recentHistoryRows = qMax(1, rows);
}

void MainWindow::loadHistory()
{
    // Summaries only, read on a pool thread through its own connection; bodies load when a row is selected. Newest
    // first: the last few thousand fill the table at once (milliseconds), then the rest (about a second per million
    // requests) go in front of them.
    const QString directory = m_service->options().dataDirectory;
    const int recentRows = s_recentHistoryRows;
    // Clear deletes the requests listed: while the older ones are still being read it would leave them to appear
    // afterwards, so it waits for the whole history (a few seconds at a million requests).
    m_clearAction->setEnabled(false);
    runAsync(this, [directory, recentRows]() -> Result<QList<RequestSummary>> {
        RequestStore store;
        if (Result<void> opened = store.open(directory); !opened)
            return opened.error();
        return store.newestSummaries(std::numeric_limits<qint64>::max(), recentRows);
    }, [this, directory, recentRows](const Result<QList<RequestSummary>> &loaded) {
        if (!loaded) {
            ui->statusBar->showMessage(tr("Cannot load the stored requests: %1").arg(loaded.errorMessage()));
            m_clearAction->setEnabled(true);
            return;
        }
        const QList<RequestSummary> &recent = loaded.value();
        const qint64 before = recent.isEmpty() ? 0 : recent.first().id;
        const bool complete = recent.size() < recentRows;
        const int listed = listHistory(recent);
        emit recentHistoryShown(listed);
        if (complete) { // that was all of it
            m_clearAction->setEnabled(true);
            if (m_historyUnverified)
                reverifyStored(true);
            emit historyLoaded(listed);
            return;
        }
        runAsync(this, [directory, before]() -> Result<QList<RequestSummary>> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            return store.allSummaries(before);
        }, [this, listed](Result<QList<RequestSummary>> older) {
            m_clearAction->setEnabled(true);
            if (!older) {
                ui->statusBar->showMessage(tr("Cannot load the stored requests: %1").arg(older.errorMessage()));
                return;
            }
            const int count = listHistory(std::move(older).value()); // moved in: the model keeps this list
            if (m_historyUnverified)
                reverifyStored(true);
            emit historyLoaded(listed + count);
        });
    });
}

int MainWindow::listHistory(QList<RequestSummary> history)
{
    // Requests reported live while the history was read are in the model or queued for it, and so are the rows of
    // the first step when the second comes: the history adds only what is not listed, or rows would show twice.
    m_model->flush();
    // The history comes in id order; the listed rows are the live ones (few) and the first step's.
    qint64 firstListed = std::numeric_limits<qint64>::max();
    qint64 lastListed = 0;
    for (const RequestSummary &row : m_model->allSummaries()) {
        firstListed = qMin(firstListed, row.id);
        lastListed = qMax(lastListed, row.id);
    }
    // Every history row is listed now or was already: a live report of one, still on its way, is skipped by
    // onStored(). Older than every listed row: in front. Newer than every listed row: stored before the history was
    // read but not reported yet: at the end.
    if (!history.isEmpty())
        m_historyLastId = qMax(m_historyLastId, history.last().id);
    QList<RequestSummary> older;
    QList<RequestSummary> newer;
    if (history.isEmpty() || history.last().id < firstListed) {
        older = std::move(history); // the usual case: moved, a million summaries are not copied
    } else {
        for (const RequestSummary &summary : std::as_const(history)) {
            if (summary.id < firstListed)
                older.append(summary);
            else if (summary.id > lastListed)
                newer.append(summary);
        }
    }
    const int count = int(older.size() + newer.size());
    if (!newer.isEmpty()) {
        QList<bool> visible;
        if (!m_filter.isEmpty()) {
            for (const RequestSummary &row : std::as_const(newer))
                visible.append(m_filter.verdict(row) == RequestFilter::Verdict::Match);
        }
        m_model->append(newer, visible);
        m_model->flush();
        // Rows of a first step that were all "newer" are listed already with larger ids: put these among them.
        if (lastListed > newer.first().id) {
            const QHeaderView *header = ui->requestTable->horizontalHeader();
            m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
        }
    }
    listOlderHistory(std::move(older));
    return count;
}

void MainWindow::listOlderHistory(QList<RequestSummary> older)
{
    if (older.isEmpty())
        return;
    // Rows stored by an older Hookscope (or imported) have no verdict yet: verified once the history is in.
    m_historyUnverified = m_historyUnverified || std::any_of(older.cbegin(), older.cend(), [](const RequestSummary &row) {
                              return row.annotation.verdict < 0;
                          });
    // The user may be reading the rows listed so far: the same rows stay in view (or the newest, when following).
    QTableView *table = ui->requestTable;
    const QScrollBar *bar = table->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    const int topRow = table->rowAt(0);
    const bool wasEmpty = m_model->rowCount() == 0;
    const int count = int(older.size());
    m_listingHistory = true;
    m_model->insertOlder(std::move(older));
    m_listingHistory = false;
    const QHeaderView *header = table->horizontalHeader();
    const bool timeSorted = header->sortIndicatorSection() == RequestListModel::TimeColumn;
    if (!timeSorted) // older rows went in front; another column's order needs a sort
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    else if (header->sortIndicatorOrder() == Qt::AscendingOrder && !m_model->isFiltered()) {
        if (wasEmpty || atEnd) // the window opens on the newest requests, and follows them
            table->scrollToBottom();
        else if (topRow >= 0) {
            table->doItemsLayout(); // the scroll range grows now, not at the next delayed layout
            table->scrollTo(m_model->index(topRow + count, 0), QAbstractItemView::PositionAtTop);
        }
    }
    ui->stack->setCurrentWidget(ui->tablePage);
    // Listed while a filter is set: hidden until it runs again over every row.
    if (!m_filter.isEmpty())
        applyFilter();
}

void MainWindow::setFilterText(const QString &text)
{
    ui->filterEdit->setText(text);
}

QString MainWindow::filterError() const
{
    return ui->filterError->isVisible() ? ui->filterError->text() : QString();
}

void MainWindow::applyFilter()
{
    m_model->flush(); // rows still queued are filtered with the others
    const QString text = ui->filterEdit->text();
    RequestFilter::ErrorSpan span;
    Result<RequestFilter> parsed = RequestFilter::parse(text, QDateTime::currentDateTime(), &span);
    if (!parsed) {
        // Said inline, the list stays as it was, and the offending term is selected for the user to fix.
        ui->filterError->setText(parsed.errorMessage());
        ui->filterError->setVisible(true);
        if (span.position >= 0 && ui->filterEdit->hasFocus())
            ui->filterEdit->setSelection(span.position, span.length);
        return;
    }
    ui->filterError->setVisible(false);
    m_filter = std::move(parsed).value();
    const quint64 generation = ++m_filterGeneration;
    m_liveMatches.clear();
    if (m_filter.isEmpty()) {
        m_model->setVisibleIds(nullptr);
        emit filterApplied(m_model->rowCount());
        return;
    }
    // Summary terms decide in memory; rows that need headers or the body load them from the store, off the GUI
    // thread. Requests arriving meanwhile are checked as they come.
    runAsync(
        this,
        [rows = m_model->allSummaries(), filter = m_filter, directory = m_service->options().dataDirectory] {
            // Header and body terms go through the store's search index (only candidate rows are read).
            RequestStore store;
            if (store.open(directory)) {
                Result<QSet<qint64>> matching = store.matchingIds(filter, rows);
                if (matching)
                    return std::move(matching).value();
            }
            // Without the store, what the summaries decide.
            QSet<qint64> shown;
            for (const RequestSummary &row : rows) {
                if (filter.verdict(row) == RequestFilter::Verdict::Match)
                    shown.insert(row.id);
            }
            return shown;
        },
        [this, generation](QSet<qint64> shown) {
            if (generation != m_filterGeneration)
                return; // the filter changed meanwhile
            shown += m_liveMatches;
            m_model->setVisibleIds(&shown);
            emit filterApplied(m_model->rowCount());
        });
}

void MainWindow::loadSelected()
{
    const QModelIndex current = ui->requestTable->currentIndex();
    const quint64 generation = ++m_selectionGeneration;
    if (!current.isValid()) {
        m_inspector->clear();
        return;
    }
    const qint64 id = m_model->summary(current.row()).id;
    const QString directory = m_service->options().dataDirectory;
    runAsync(this, [directory, id]() -> Result<CapturedRequest> {
        RequestStore store;
        if (const Result<void> opened = store.open(directory); !opened)
            return opened.error();
        return store.request(id);
    }, [this, generation](const Result<CapturedRequest> &request) {
        if (generation != m_selectionGeneration)
            return; // the user moved on
        if (!request) {
            m_inspector->clear();
            ui->statusBar->showMessage(tr("Cannot load the request: %1").arg(request.errorMessage()));
            return;
        }
        m_inspector->setRequest(request.value());
        loadAttempts();
    });
}

void MainWindow::loadAttempts()
{
    const qint64 id = m_inspector->request().id;
    const quint64 generation = ++m_attemptsGeneration;
    if (id == 0)
        return;
    // Response bodies can be large: read on a pool thread, like the request itself.
    runAsync(
        this,
        [directory = m_service->options().dataDirectory, id]() -> Result<QList<StoredAttempt>> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            return store.attempts(id);
        },
        [this, id, generation](const Result<QList<StoredAttempt>> &attempts) {
            if (generation != m_attemptsGeneration)
                return; // another request, or a newer read of this one
            if (!attempts) {
                ui->statusBar->showMessage(tr("Cannot read the resends: %1").arg(attempts.errorMessage()));
                return;
            }
            m_inspector->setAttempts(id, attempts.value());
        });
}

void MainWindow::updateSelectionActions()
{
    const bool selected = ui->requestTable->selectionModel()->hasSelection();
    m_resendAction->setEnabled(selected);
    m_resendToAction->setEnabled(selected);
    const bool failed = !selectedFailedDeliveries().isEmpty();
    m_retryDeliveryAction->setEnabled(failed);
    m_discardDeliveryAction->setEnabled(failed);
}

QList<qint64> MainWindow::selectedFailedDeliveries() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : ui->requestTable->selectionModel()->selectedRows()) {
        const RequestSummary &row = m_model->summary(index.row());
        if (row.forward.state == ForwardState::Failed)
            ids.append(row.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

ResendDialog *MainWindow::openResend()
{
    const QSet<qint64> selected = selectedIds();
    QList<qint64> ids(selected.cbegin(), selected.cend());
    std::sort(ids.begin(), ids.end()); // sent in the order they arrived
    if (ids.isEmpty()) {
        ui->statusBar->showMessage(tr("Select the requests to resend"), 5000);
        return nullptr;
    }
    auto *dialog = new ResendDialog(ids, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog shows the first request: the one in the inspector when it is that one, else read from the store.
    const qint64 first = ids.first();
    if (first == m_inspector->request().id) {
        dialog->setRequest(m_inspector->request());
    } else {
        runAsync(
            dialog,
            [directory = m_service->options().dataDirectory, first]() -> Result<CapturedRequest> {
                RequestStore store;
                if (Result<void> opened = store.open(directory); !opened)
                    return opened.error();
                return store.request(first);
            },
            [dialog](const Result<CapturedRequest> &request) {
                if (request)
                    dialog->setRequest(request.value());
                else
                    dialog->setLoadError(request.errorMessage());
            });
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_lastResend = dialog->plan();
        startResend(dialog->requestIds(), dialog->plan());
    });
    dialog->open();
    return dialog;
}

void MainWindow::resendSelected()
{
    if (!m_lastResend) {
        openResend(); // no target yet this session
        return;
    }
    const QSet<qint64> selected = selectedIds();
    QList<qint64> ids(selected.cbegin(), selected.cend());
    std::sort(ids.begin(), ids.end());
    if (ids.isEmpty()) {
        ui->statusBar->showMessage(tr("Select the requests to resend"), 5000);
        return;
    }
    startResend(ids, *m_lastResend);
}

void MainWindow::startResend(const QList<qint64> &ids, const ResendPlan &plan)
{
    m_resender->resend(ids, plan, m_secrets);
    ui->statusBar->showMessage(tr("Resending %1 request(s) to %2…").arg(ids.size()).arg(plan.target.toString()));
    if (ids.contains(m_inspector->request().id))
        m_inspector->showResends(); // where the response will show
}

ForwardingDialog *MainWindow::openForwarding()
{
    // The rules the capture runs with (read from forwarding.json at start); before the start, the file's. It is a
    // few hundred bytes: read here.
    Forward::Settings current;
    if (m_service->options().forwarding) {
        current = *m_service->options().forwarding;
    } else if (Result<Forward::Settings> saved = Forward::load(m_service->options().dataDirectory); saved) {
        current = saved.value();
    }
    auto *dialog = new ForwardingDialog(m_service->options().dataDirectory, current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_service->applyForwarding(dialog->settings());
        ui->statusBar->showMessage(tr("Forwarding rules saved: requests from now on are forwarded by them"), 5000);
        emit forwardingApplied();
    });
    dialog->open();
    return dialog;
}

void MainWindow::onListening(const QList<ListenAddress> &addresses)
{
    if (addresses.isEmpty())
        return;
    const QSignalBlocker blocker(m_captureAction);
    m_captureAction->setChecked(true);
    const QString url = addresses.first().url();
    ui->endpointEdit->setText(url);
    ui->curlEdit->setText(QStringLiteral("curl -X POST -H 'Content-Type: application/json' -d '{\"hello\":\"hookscope\"}' ") +
                          url + QStringLiteral("webhook"));
    setWindowTitle(tr("Hookscope \u2013 %1").arg(url));
    QStringList urls;
    for (const ListenAddress &address : addresses)
        urls.append(address.url());
    ui->statusBar->showMessage(tr("Listening on %1").arg(urls.join(QStringLiteral(", "))));
}

void MainWindow::onFailed(const QString &message)
{
    ui->endpointEdit->setText(QString());
    ui->statusBar->showMessage(tr("Not capturing: %1").arg(message));
    ui->emptyLabel->setText(tr("Hookscope could not start capturing:\n%1").arg(message));
}

void MainWindow::onStored(const QList<CapturedRequest> &requests)
{
    QList<RequestSummary> summaries;
    QList<bool> visible;
    summaries.reserve(requests.size());
    for (const CapturedRequest &request : requests) {
        if (request.id <= m_historyLastId)
            continue; // listed by the history already
        summaries.append(RequestListModel::summarize(request));
        // New requests arrive with headers and body: the filter decides at once.
        if (!m_filter.isEmpty()) {
            const bool matches = m_filter.matches(summaries.last(), &request.headers, request.body);
            visible.append(matches);
            if (matches)
                m_liveMatches.insert(request.id); // for a filter job that started before this request came
        }
    }
    m_model->append(summaries, visible);
    m_storedCount += requests.size();
    m_sessionCount += requests.size();
    // At most ten label updates a second: under load the store reports hundreds of batches a second, and each label
    // change repainted the window behind it (docs/performance.md).
    if (!m_countUpdateScheduled) {
        m_countUpdateScheduled = true;
        QTimer::singleShot(100, this, [this] {
            m_countUpdateScheduled = false;
            updateCount();
        });
    }
}

void MainWindow::updateCount()
{
    const QLocale locale;
    ui->countLabel->setText(tr("Stored requests: %1").arg(locale.toString(m_storedCount)) + u"  \u2022  " +
                            tr("captured since start: %1").arg(locale.toString(m_sessionCount)));
}

} // namespace Hookscope
