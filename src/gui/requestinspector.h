#pragma once

#include "attempt.h"
#include "bodyviewer.h"
#include "capturedrequest.h"
#include "secretstore.h"
#include "textdiff.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAbstractButton;
class QDialog;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Ui {
class RequestInspector;
}

namespace Hookscope {

class HeadersModel;
class JsonTreeModel;

// Shows one request: overview, headers, signature, body (chosen view), raw bytes. Formatting of large bodies and
// signature verification run off the GUI thread; a result for a request that is no longer shown is dropped.
class RequestInspector : public QWidget
{
    Q_OBJECT
public:
    using BodyView = BodyViewer::View;

    explicit RequestInspector(QWidget *parent = nullptr);
    ~RequestInspector() override;

    void setRequest(const CapturedRequest &request);
    void clear();
    bool hasRequest() const { return m_request.id != 0; }
    const CapturedRequest &request() const { return m_request; }

    // What is shown, for tests.
    QString overviewText() const;
    QString bodyText() const;
    QString rawText() const;
    HeadersModel *headersModel() const { return m_headers; }
    JsonTreeModel *jsonModel() const;
    BodyView effectiveBodyView() const;
    // The Body tab's viewer, and the Resends tab's viewer of the selected attempt's response.
    BodyViewer *bodyViewer() const { return m_body; }
    BodyViewer *responseViewer() const { return m_response; }
    QString bodyStatus() const;
    void setBodyView(BodyView view);

    // The configured webhook secrets; the shown request is verified again with them.
    void setSecrets(const Verify::SecretList &secrets);
    // The verdict on the Signature tab; empty while checking or when no request is shown.
    std::optional<Verify::Verdict> signatureVerdict() const;
    // Everything the Signature tab shows, as plain text, for tests.
    QString signatureText() const;
    // "Set secret…" or "Change secret…", for tests.
    QAbstractButton *editSecretButton() const;

    // The Resends tab: the stored resend and forwarding attempts of the shown request (read by the window, off the
    // GUI thread), oldest first; the newest is selected. Ignored unless requestId is the shown request.
    void setAttempts(qint64 requestId, const QList<StoredAttempt> &attempts);
    const QList<StoredAttempt> &attempts() const { return m_attempts; }
    // A row of the attempts table as shown (time, kind, URL, result, total), tab-separated, for tests.
    QString attemptRowText(int row) const;
    void selectAttempt(int row);
    // Everything shown about the selected attempt, as plain text, for tests.
    QString attemptDetailText() const;
    void showResends();
    bool isShowingResends() const;
    // Selects exactly these rows of the attempts table (the first is the current one), as Ctrl+click does.
    void selectAttempts(const QList<int> &rows);
    // "Compare", enabled when exactly two attempts are selected; it shows their responses as a line diff, the older
    // one as removed lines, the newer one as added lines.
    QAbstractButton *compareButton() const;
    void compareSelectedAttempts();
    // "Compare with request", enabled when exactly one attempt is selected: the request as captured (lines with -)
    // against the request that attempt sent (lines with +), both read the same way (JSON bodies indented), so edits,
    // fresh signatures and the headers set for the target stand out.
    QAbstractButton *compareRequestButton() const;
    void compareWithRequest();
    // The diff shown by the last comparison, as plain text ("- ", "+ " or "  " before each line), for tests.
    QString comparisonText() const;

signals:
    void bodyShown();
    // The Signature tab shows the verification of the current request.
    void signatureShown();
    // The Resends tab lists the attempts given to setAttempts().
    void attemptsShown();
    // The selected attempt's response body is formatted and shown.
    void attemptShown();
    // The comparison of two attempts is shown.
    void comparisonShown();
    // The user wants to set or change the secret for provider (a scheme name; empty when the request carries no
    // known signature) on requests to pathPrefix (the shown request's path).
    void editSecretRequested(const QString &provider, const QString &pathPrefix);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRaw();
    void showOverview();
    void verifySignature();
    void showSignature(const Verify::Verification &verification);
    bool hasSecretFor(const QString &provider) const;
    void showAttempt(int row);
    void showSent();
    void updateCompareButton();
    void compare(const QString &title, std::function<std::pair<QStringList, QStringList>()> sides);
    void showComparison(const QString &title, const QList<DiffLine> &lines, bool cut);
    QList<int> selectedAttemptRows() const;

    std::unique_ptr<Ui::RequestInspector> ui;
    HeadersModel *m_headers;
    BodyViewer *m_body;
    BodyViewer *m_response;
    CapturedRequest m_request;
    Verify::SecretList m_secrets;
    quint64 m_signatureGeneration = 0;
    std::optional<Verify::Verification> m_verification; // what the Signature tab shows
    HeadersModel *m_responseHeaders;
    QList<StoredAttempt> m_attempts;
    QWidget *m_compareBar = nullptr;
    QPushButton *m_compareButton = nullptr;
    QPushButton *m_compareRequestButton = nullptr;
    QPointer<QDialog> m_compareDialog;
    QPlainTextEdit *m_compareText = nullptr;    // in m_compareDialog
    QLabel *m_compareTitle = nullptr;           // in m_compareDialog
    quint64 m_compareGeneration = 0;
};

} // namespace Hookscope
