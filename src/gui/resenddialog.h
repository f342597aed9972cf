#pragma once

#include "capturedrequest.h"
#include "resender.h"
#include "secretstore.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui
{
class ResendDialog;
}

namespace Hookscope
{

// Where and how to send stored requests again: the target URL (with a history), the request line, headers and body
// of one request, a fresh signature, and the sending options. Several requests are sent as captured (only the target
// and the options apply). Invalid input is refused with a message under the fields, which keep what was typed. The
// dialog only collects the plan; the window sends once it is accepted.
class ResendDialog : public QDialog
{
    Q_OBJECT
public:
    ResendDialog(const QList<qint64> &requestIds, const Verify::SecretList &secrets, QWidget *parent = nullptr);
    ~ResendDialog() override;

    // The first of the requests, read by the window; the request fields are filled from it. Until then they are
    // disabled, and Send with them.
    void setRequest(const CapturedRequest &request);
    // The request could not be read: said in the dialog.
    void setLoadError(const QString &message);
    bool hasRequest() const { return m_request.id != 0; }
    const QList<qint64> &requestIds() const { return m_requestIds; }
    // What the user asked for; complete once the dialog is accepted.
    const ResendPlan &plan() const { return m_plan; }

    // The target URLs used last, newest first (QSettings "resend/targets", at most MaxTargets).
    static QStringList savedTargets();
    static constexpr int MaxTargets = 10;

    // The fields, for tests.
    void setTargetText(const QString &text);
    QString targetText() const;
    QString resolvedUrlText() const;
    void setMethodText(const QString &text);
    QString methodText() const;
    void setRequestTargetText(const QString &text);
    QString requestTargetText() const;
    // The headers table as shown, row by row (name, value).
    QList<std::pair<QString, QString>> headerRows() const;
    // Sets the value of the first row called name (any case), or adds a row.
    void setHeader(const QString &name, const QString &value);
    void removeHeaderRow(int row);
    enum class BodySource { Original, Text, File };
    BodySource bodySource() const;
    bool isTextBodyAvailable() const;
    void setBodyText(const QString &text); // switches to Text
    void setBodyFile(const QString &path); // switches to File; read off the GUI thread, then bodyFileRead()
    bool isResignAvailable() const;
    void setResign(bool on);
    void setSecretText(const QString &text);
    void setAcceptSelfSigned(bool on);
    bool acceptsSelfSigned() const;
    void setFollowRedirects(bool on);
    void setTimeoutSeconds(int seconds);
    QString errorText() const;
    QPushButton *sendButton() const { return m_sendButton; }

    // Checks every field; when all are valid, remembers the target and options and closes (accepted).
    void accept() override;

signals:
    void bodyFileRead();

private:
    void updateResolved();
    void updateSelfSigned();
    void updateBodySource();
    void updateResign();
    void fillHeaders(const HeaderList &headers);
    void addHeaderRow();
    void refuse(QWidget *field, const QString &message);
    void chooseFile();
    bool buildPlan();

    std::unique_ptr<Ui::ResendDialog> ui;
    QPushButton *m_sendButton;
    QList<qint64> m_requestIds;
    Verify::SecretList m_secrets;
    CapturedRequest m_request;
    const Verify::Scheme *m_scheme = nullptr; // detected on the request
    bool m_textBody = false;                  // the body can be edited as text without losing bytes
    QString m_bodyText;                       // the body as text, when m_textBody
    QString m_fileName;
    std::optional<QByteArray> m_fileBody;
    quint64 m_fileGeneration = 0;
    QString m_selfSignedOrigin; // the origin the self-signed box was last set for
    ResendPlan m_plan;
};

} // namespace Hookscope
