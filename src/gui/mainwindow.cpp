#include "mainwindow.h"

#include "asyncresult.h"
#include "captureservice.h"
#include "requestinspector.h"
#include "requestlistmodel.h"
#include "requeststore.h"
#include "ui_mainwindow.h"

#include <QItemSelectionModel>

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>

namespace Hookscope {

MainWindow::MainWindow(CaptureService *service, QWidget *parent)
    : QMainWindow(parent), ui(std::make_unique<Ui::MainWindow>()), m_service(service),
      m_model(new RequestListModel(this)), m_inspector(new RequestInspector(this)), m_filterTimer(new QTimer(this))
{
    ui->setupUi(this);
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
    ui->requestTable->setColumnWidth(RequestListModel::TimeColumn, 100);
    ui->requestTable->setColumnWidth(RequestListModel::MethodColumn, 80);
    ui->requestTable->setColumnWidth(RequestListModel::TargetColumn, 260);
    ui->requestTable->setColumnWidth(RequestListModel::SizeColumn, 80);
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
    connect(service, &CaptureService::listening, this, &MainWindow::onListening);
    connect(service, &CaptureService::failed, this, &MainWindow::onFailed);
    connect(service, &CaptureService::requestsStored, this, &MainWindow::onStored);
    connect(service, &CaptureService::storeWriteFailed, this, [this](const QString &message) {
        ui->statusBar->showMessage(tr("Cannot store requests (senders get 503): %1").arg(message));
    });
    // Follow the newest request only while the user is at the bottom (checked before the rows arrive).
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = ui->requestTable->verticalScrollBar();
        m_followNewest = bar->value() >= bar->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (m_followNewest && first > 0)
            ui->requestTable->scrollToBottom();
        ui->stack->setCurrentWidget(ui->tablePage);
    });
}

MainWindow::~MainWindow() = default;

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
    ui->requestTable->selectRow(row);
    ui->requestTable->setCurrentIndex(m_model->index(row, 0));
}

void MainWindow::loadHistory()
{
    // Summaries only, read on a pool thread through its own connection; bodies load when a row is selected.
    const QString directory = m_service->options().dataDirectory;
    runAsync(this, [directory] {
        QList<RequestSummary> all;
        RequestStore store;
        if (!store.open(directory))
            return all;
        qint64 after = 0;
        for (;;) {
            const Result<QList<RequestSummary>> page = store.summaries(after, 10000);
            if (!page || page.value().isEmpty())
                break;
            all += page.value();
            after = page.value().last().id;
        }
        return all;
    }, [this](const QList<RequestSummary> &history) {
        // Live requests that arrived while loading are in the model or queued for it: keep only older ones from
        // the history, or they would be listed twice.
        m_model->flush();
        QList<RequestSummary> older;
        const QList<RequestSummary> &live = m_model->allSummaries();
        const qint64 firstLive = live.isEmpty() ? std::numeric_limits<qint64>::max() : live.first().id;
        for (const RequestSummary &summary : history) {
            if (summary.id < firstLive)
                older.append(summary);
        }
        m_model->prepend(older);
        if (!older.isEmpty())
            ui->stack->setCurrentWidget(ui->tablePage);
        emit historyLoaded(int(older.size()));
    });
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
            QSet<qint64> shown;
            std::unique_ptr<RequestStore> store;
            for (const RequestSummary &row : rows) {
                const RequestFilter::Verdict verdict = filter.verdict(row);
                if (verdict == RequestFilter::Verdict::Match) {
                    shown.insert(row.id);
                } else if (verdict == RequestFilter::Verdict::NeedsPayload) {
                    if (!store) {
                        store = std::make_unique<RequestStore>();
                        if (!store->open(directory))
                            return shown;
                    }
                    const Result<CapturedRequest> request = store->request(row.id);
                    if (request && filter.matches(row, &request.value().headers, request.value().body))
                        shown.insert(row.id);
                }
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
    });
}

void MainWindow::onListening(const QList<ListenAddress> &addresses)
{
    if (addresses.isEmpty())
        return;
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
    updateCount();
}

void MainWindow::updateCount()
{
    const QLocale locale;
    ui->countLabel->setText(tr("Stored requests: %1").arg(locale.toString(m_storedCount)) + u"  \u2022  " +
                            tr("captured since start: %1").arg(locale.toString(m_sessionCount)));
}

} // namespace Hookscope
