#include "resender.h"

#include "asyncresult.h"
#include "attemptrecord.h"
#include "outgoing.h"
#include "requeststore.h"
#include "signature.h"

#include <QCoreApplication>
#include <QDateTime>

namespace Hookscope
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Resender)
};

} // namespace

Result<PreparedResend> prepareResend(CapturedRequest request, const ResendPlan &plan, const Verify::SecretList &secrets,
                                     qint64 nowUnix)
{
    // The secret is the one for the path the provider sent to, not an edited one.
    const CapturedRequest captured = request;
    if (plan.edits && plan.editedRequestId == request.id) {
        const RequestEdits &edits = *plan.edits;
        request.method = edits.method;
        request.target = edits.target;
        request.headers = edits.headers;
        if (edits.body)
            request.body = *edits.body;
    }
    PreparedResend prepared;
    prepared.url = Resend::resolveTarget(plan.target, request.target);
    if (plan.signing == ResendPlan::Signing::Resign) {
        const Verify::Scheme *scheme =
            plan.provider.isEmpty() ? Verify::detectScheme(request) : Verify::findScheme(plan.provider);
        if (!scheme || !scheme->canSign())
            return makeError(
                ErrorCode::InvalidArgument,
                scheme ? Tr::tr("#%1: %2 requests cannot be signed again").arg(request.id).arg(scheme->displayName())
                       : Tr::tr("#%1: no known signature to renew").arg(request.id));
        Verify::SignOptions sign;
        sign.nowUnix = nowUnix;
        // Schemes that sign the URL sign the one the receiver is reached at.
        sign.publicUrl = prepared.url.toString(QUrl::FullyEncoded).toUtf8();
        sign.secret = plan.secret;
        if (sign.secret.isEmpty()) {
            // The entry verification uses (and hookscope-cli resend): the longest matching path prefix.
            if (const Verify::SecretEntry *entry = Verify::findEntry(secrets, scheme->name(), captured);
                entry && !entry->secrets.isEmpty()) {
                sign.secret = entry->secrets.first();
                sign.generic = entry->generic;
            }
        }
        if (sign.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             Tr::tr("#%1: no %2 secret to sign with: add one in Secrets or paste it in the Resend dialog")
                                 .arg(request.id)
                                 .arg(scheme->displayName()));
        const Result<Verify::SignedRequest> signedRequest = scheme->sign(request, sign);
        if (!signedRequest)
            return makeError(signedRequest.error().code,
                             Tr::tr("#%1: %2").arg(request.id).arg(signedRequest.errorMessage()));
        request.headers = signedRequest.value().headers;
        request.body = signedRequest.value().body;
        prepared.signedWith = scheme->displayName();
    }
    prepared.request = Resend::prepare(request, prepared.url);
    return prepared;
}

Resender::Resender(const QString &dataDirectory, QObject *parent)
    : QObject(parent), m_dataDirectory(dataDirectory), m_sender(new Resend::HttpSender(this))
{
    connect(m_sender, &Resend::HttpSender::finished, this, &Resender::onFinished);
}

Resender::~Resender() = default;

void Resender::resend(const QList<qint64> &requestIds, const ResendPlan &plan, const Verify::SecretList &secrets)
{
    for (const qint64 id : requestIds)
        m_queue.push_back(Job{id, plan, secrets});
    if (!m_busy)
        next();
}

void Resender::next()
{
    if (m_queue.empty()) {
        m_busy = false;
        emit idle();
        return;
    }
    m_busy = true;
    Job job = std::move(m_queue.front());
    m_queue.pop_front();
    m_sendingId = job.requestId;
    // Read and signed off the GUI thread: a body can be large, and some schemes sign with public-key crypto.
    runAsync(
        this,
        [directory = m_dataDirectory, job]() -> Result<PreparedResend> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            Result<CapturedRequest> request = store.request(job.requestId);
            if (!request)
                return request.error();
            return prepareResend(std::move(request).value(), job.plan, job.secrets, QDateTime::currentSecsSinceEpoch());
        },
        [this, options = job.plan.options, id = job.requestId](const Result<PreparedResend> &prepared) {
            if (!prepared) {
                emit failed(id, prepared.errorMessage());
                next();
                return;
            }
            m_token = m_sender->send(prepared.value().url, prepared.value().request, options);
        });
}

void Resender::onFinished(quint64 token, const Resend::Attempt &attempt)
{
    if (token != m_token)
        return;
    StoredAttempt stored = Resend::toStoredAttempt(attempt);
    stored.requestId = m_sendingId;
    // Stored through a connection of its own, on a pool thread, like the window's other store jobs.
    runAsync(
        this,
        [directory = m_dataDirectory, stored]() -> Result<StoredAttempt> {
            RequestStore store;
            if (Result<void> opened = store.open(directory); !opened)
                return opened.error();
            const Result<qint64> recorded = store.recordAttempt(stored);
            if (!recorded)
                return recorded.error();
            StoredAttempt withId = stored;
            withId.id = recorded.value();
            return withId;
        },
        [this, id = m_sendingId](const Result<StoredAttempt> &recorded) {
            if (recorded)
                emit attemptStored(recorded.value());
            else
                emit failed(id, Tr::tr("#%1: the attempt was not stored: %2").arg(id).arg(recorded.errorMessage()));
            next();
        });
}

} // namespace Hookscope
