#pragma once

#include "capturedrequest.h"

#include <QWidget>

#include <memory>

namespace Ui {
class RequestInspector;
}

namespace Hookscope {

class HeadersModel;
class JsonTreeModel;

// Shows one request: overview, headers, body (chosen view), raw bytes. Formatting of large bodies runs off the GUI
// thread; a result for a request that is no longer shown is dropped.
class RequestInspector : public QWidget
{
    Q_OBJECT
public:
    enum class BodyView { Auto, JsonTree, PrettyJson, Form, Multipart, Text, Hex };
    Q_ENUM(BodyView)

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
    JsonTreeModel *jsonModel() const { return m_json; }
    BodyView effectiveBodyView() const { return m_shownView; }
    QString bodyStatus() const;
    void setBodyView(BodyView view);

signals:
    void bodyShown();

private:
    void showBody();
    void showRaw();
    void showOverview();

    std::unique_ptr<Ui::RequestInspector> ui;
    HeadersModel *m_headers;
    JsonTreeModel *m_json;
    CapturedRequest m_request;
    quint64 m_generation = 0;
    BodyView m_shownView = BodyView::Auto;
};

} // namespace Hookscope
