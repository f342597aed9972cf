#pragma once

#include "result.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTableWidget;
class QTreeView;

namespace Hookscope {

class JsonTreeModel;
class SyntaxHighlighter;
struct FormattedBody;

// A message body shown the best way for its content type and bytes, switchable by the user: a JSON tree, JSON or XML
// indented with syntax colours, form fields as a tree, multipart parts each in a viewer of its own, an image preview,
// text, or hex. Content-Encoding (gzip, deflate, br, zstd) is decoded for viewing; "Save…" writes the decoded body to
// a file. The Body tab shows requests in one, the Resends tab the responses to resends and forwards, and a multipart
// view its selected part: one widget, so a response or a part gets every view a request body gets.
//
// Decoding, parsing and indenting run on a pool thread, so a 50 MB body does not freeze the window; a result for a
// body that is no longer shown is dropped. Syntax colours are applied to texts up to highlightLimit characters: the
// highlighter formats every line of the document at once, which would stall the window on a very long text.
class BodyViewer : public QWidget
{
    Q_OBJECT
public:
    enum class View { Auto, JsonTree, PrettyJson, PrettyXml, Form, Multipart, Image, Text, Hex };
    Q_ENUM(View)
    static constexpr qsizetype highlightLimit = 4 * 1024 * 1024;

    explicit BodyViewer(QWidget *parent = nullptr);
    ~BodyViewer() override;

    // body as received; contentType and encoding are the values of its Content-Type and Content-Encoding headers;
    // fileName is what Save suggests (a multipart part's filename, say).
    void setBody(const QByteArray &body, const QByteArray &contentType, const QByteArray &encoding,
                 const QString &fileName = QString());
    void clear();
    bool hasBody() const { return m_hasBody; }

    // The view the user chose (Auto: the best one for each body); kept for the next bodies.
    void setView(View view);
    View effectiveView() const { return m_shownView; }
    // What the text view shows (for the multipart view, a summary of the parts; empty for the tree and image views).
    QString text() const;
    // The line above the view: kind, size, decoding, or why a body cannot be shown as asked.
    QString status() const;
    JsonTreeModel *jsonModel() const { return m_json; }
    // The previewed image's size; empty when no image is shown.
    QSize imageSize() const;
    // Syntax colouring of the text view: "json", "xml" or empty.
    QString highlighting() const;
    // The parts of a multipart body, and the viewer of the selected one (created when first needed).
    int partCount() const;
    void selectPart(int row);
    BodyViewer *partViewer() const { return m_partViewer; }

    // The bytes Save writes: the decoded body (as received when it cannot be decoded).
    QByteArray saveableBytes() const;
    Result<void> saveTo(const QString &path) const;
    void setSaveText(const QString &text, const QString &toolTip);

signals:
    // The body given to setBody (or the view chosen) is formatted and on screen.
    void shown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void format();
    void present(const FormattedBody &formatted);
    void showPart(int row);
    void findInTree();
    void save();

    QComboBox *m_viewCombo;
    QLabel *m_status;
    QPushButton *m_saveButton;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    SyntaxHighlighter *m_highlighter;
    QWidget *m_treePage;
    QLineEdit *m_treeSearch;
    QTreeView *m_tree;
    JsonTreeModel *m_json;
    QScrollArea *m_imagePage;
    QLabel *m_image;
    QWidget *m_partsPage;
    QTableWidget *m_parts;
    BodyViewer *m_partViewer = nullptr;

    QByteArray m_body;
    QByteArray m_contentType;
    QByteArray m_encoding;
    QString m_fileName;
    bool m_hasBody = false;
    quint64 m_generation = 0;
    View m_shownView = View::Auto;
    std::shared_ptr<const FormattedBody> m_formatted;
};

// A body as indented text, the way the Pretty JSON, Pretty XML, Form and Text views show it (for line diffs). Runs on
// any thread.
QString bodyAsText(const QByteArray &body, const QByteArray &contentType, const QByteArray &encoding);

} // namespace Hookscope
