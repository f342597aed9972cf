#pragma once

#include "attempt.h"
#include "capturedrequest.h"
#include "httpsender.h"
#include "result.h"
#include "secretstore.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <deque>
#include <optional>

namespace Hookscope
{

// What the Resend dialog changed in one request; applied before signing, as hookscope-cli resend does.
struct RequestEdits {
    QByteArray method;
    QByteArray target;  // request-target: path and query
    HeaderList headers; // the whole list, in order (Host and Content-Length are set for the target when sending)
    std::optional<QByteArray> body; // empty: the captured bytes
};

// How to send stored requests again: where, with which options, edited or not, signed afresh or not.
struct ResendPlan {
    // An origin (http://localhost:3000) gets each request's own path and query; a URL with a path is used as is.
    QUrl target;
    Resend::SendOptions options;
    qint64 editedRequestId = 0; // edits apply to this request only
    std::optional<RequestEdits> edits;
    enum class Signing { Keep, Resign };
    Signing signing = Signing::Keep;
    QString provider;  // a scheme name for Resign; empty: detected per request
    QByteArray secret; // for Resign; empty: the secret list's entry for the provider and the request's path
};

// A request ready to go: the URL it goes to and the bytes that go out.
struct PreparedResend {
    QUrl url;
    Resend::OutgoingRequest request;
    QString signedWith; // the scheme's display name when signed afresh
};

// Applies the plan to a captured request: target, edits, then a fresh signature (after the edits, with the URL the
// receiver is reached at for the schemes that sign the URL). Pure computation; any thread.
Result<PreparedResend> prepareResend(CapturedRequest request, const ResendPlan &plan, const Verify::SecretList &secrets,
                                     qint64 nowUnix);

// Sends stored requests again, one at a time in the order given: each is read and prepared on a pool thread with its
// own store connection, sent from this thread by an HttpSender (asynchronous), and its attempt stored on a pool
// thread again. The GUI thread never waits.
class Resender : public QObject
{
    Q_OBJECT
public:
    explicit Resender(const QString &dataDirectory, QObject *parent = nullptr);
    ~Resender() override;

    void resend(const QList<qint64> &requestIds, const ResendPlan &plan, const Verify::SecretList &secrets);
    bool isBusy() const { return m_busy; }
    int queuedCount() const { return int(m_queue.size()); }

signals:
    // An attempt was made and stored (attempt.id set); delivered or not.
    void attemptStored(const Hookscope::StoredAttempt &attempt);
    // The request could not be sent (not found, cannot be signed) or its attempt not stored.
    void failed(qint64 requestId, const QString &message);
    // Everything queued was handled.
    void idle();

private:
    struct Job {
        qint64 requestId = 0;
        ResendPlan plan;
        Verify::SecretList secrets;
    };
    void next();
    void onFinished(quint64 token, const Resend::Attempt &attempt);

    QString m_dataDirectory;
    Resend::HttpSender *m_sender;
    std::deque<Job> m_queue;
    bool m_busy = false;
    quint64 m_token = 0;
    qint64 m_sendingId = 0;
};

} // namespace Hookscope
