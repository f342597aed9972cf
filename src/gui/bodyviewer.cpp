#include "bodyviewer.h"

#include "asyncresult.h"
#include "bodykind.h"
#include "contentdecoder.h"
#include "formbody.h"
#include "jsondocumentindex.h"
#include "jsontreemodel.h"
#include "multipartbody.h"
#include "syntaxhighlighter.h"
#include "textformat.h"

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextCursor>
#include <QTreeView>
#include <QVBoxLayout>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <QCoreApplication>

namespace Hookscope {

using namespace Qt::StringLiterals;
using View = BodyViewer::View;

// What a pool thread prepared for the GUI thread to show.
struct FormattedBody {
    QByteArray decoded; // what Save writes
    std::shared_ptr<const JsonDocumentIndex> json;
    std::shared_ptr<const MultipartBody> multipart;
    QImage image;
    QString text;
    View view = View::Text;
    SyntaxHighlighter::Language language = SyntaxHighlighter::Language::None;
    QString status;
    qsizetype errorOffset = -1; // in text, where invalid JSON or XML goes wrong
};

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::BodyViewer)
};

void appendFormNode(QByteArray &out, const FormNode &node, int depth)
{
    for (const FormNode &child : node.children) {
        out.append(qsizetype(depth) * 2, ' ');
        out += TextFormat::escapedText(child.key);
        if (child.isLeaf()) {
            out += " = " + TextFormat::escapedText(child.value) + '\n';
        } else {
            out += '\n';
            appendFormNode(out, child, depth + 1);
        }
    }
}

// The parts as a text outline: what text() gives for the multipart view, and what a line diff compares.
QByteArray formatMultipart(const MultipartBody &multipart)
{
    QByteArray out;
    int index = 0;
    for (const MultipartPart &part : multipart.parts) {
        out += "--- " + QByteArray::number(++index) + ": name=\"" + TextFormat::escapedText(part.name) + '"';
        if (part.hasFileName)
            out += " filename=\"" + part.fileName.toUtf8() + '"';
        out += ", " + QByteArray::number(part.body.size()) + " bytes";
        if (part.truncated)
            out += " (cut: the body ended inside this part)";
        out += '\n';
        for (const HeaderField &field : part.headers)
            out += "    " + TextFormat::escapedText(field.first) + ": " + TextFormat::escapedText(field.second) + '\n';
        const QByteArrayView preview = QByteArrayView(part.body).first(qMin<qsizetype>(part.body.size(), 4096));
        const bool binary = preview.contains('\0');
        out += '\n';
        out += binary ? TextFormat::hexDump(preview, 512) : TextFormat::escapedText(preview) + '\n';
        if (preview.size() < part.body.size())
            out += "...\n";
        out += '\n';
    }
    return out;
}

struct XmlIndented {
    bool valid = false;
    QString text;
    qsizetype errorCharacter = -1; // in the decoded text
    QString message;
};

// Indents well-formed XML (comments, processing instructions, CDATA and the doctype kept; whitespace between
// elements replaced by the indentation). Names are written as sent, prefixes and xmlns attributes included: the
// reader does no namespace processing, so nothing is renamed. External entities are never fetched:
// QXmlStreamReader does not.
XmlIndented indentXml(const QByteArray &body)
{
    XmlIndented result;
    QXmlStreamReader reader(body);
    reader.setNamespaceProcessing(false);
    QXmlStreamWriter writer(&result.text);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.hasError())
            break;
        switch (reader.tokenType()) {
        case QXmlStreamReader::StartDocument:
            // Only a declaration the sender wrote; its encoding is not repeated (the text shown is Unicode).
            if (!reader.documentVersion().isEmpty()) {
                QString declaration = u"version=\""_s + reader.documentVersion().toString() + u'"';
                if (reader.isStandaloneDocument())
                    declaration += u" standalone=\"yes\""_s;
                writer.writeProcessingInstruction(u"xml"_s, declaration);
            }
            break;
        case QXmlStreamReader::StartElement:
            writer.writeStartElement(reader.qualifiedName().toString());
            for (const QXmlStreamAttribute &attribute : reader.attributes())
                writer.writeAttribute(attribute.qualifiedName().toString(), attribute.value().toString());
            break;
        case QXmlStreamReader::Characters:
            if (reader.isWhitespace() && !reader.isCDATA())
                break;
            writer.writeCurrentToken(reader);
            break;
        default:
            writer.writeCurrentToken(reader);
            break;
        }
    }
    if (reader.hasError()) {
        result.errorCharacter = qsizetype(reader.characterOffset());
        result.message = Tr::tr("line %1, column %2: %3")
                             .arg(reader.lineNumber())
                             .arg(reader.columnNumber())
                             .arg(reader.errorString());
        result.text.clear();
        return result;
    }
    result.valid = true;
    return result;
}

QString imageFormatName(const QByteArray &body)
{
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    return QString::fromLatin1(QImageReader::imageFormat(&buffer)).toUpper();
}

// Runs on a pool thread: decoding and indenting a 50 MB body does not block the window.
// asTree: JSON may open as a tree; otherwise (for line diffs) as indented text.
FormattedBody formatBody(const QByteArray &received, const QByteArray &contentType, const QByteArray &encoding,
                         View wanted, bool asTree)
{
    FormattedBody result;
    QByteArray body = received;
    QString decodedNote;
    const QByteArray coding = encoding.trimmed();
    if (!coding.isEmpty() && coding.toLower() != "identity") {
        const Result<QByteArray> decoded = decodeContent(received, encoding);
        if (decoded) {
            body = decoded.value();
            decodedNote =
                Tr::tr(", decoded from %1 (%2 bytes as received)").arg(QString::fromLatin1(coding)).arg(received.size());
        } else {
            decodedNote = Tr::tr(" (cannot decode %1: %2)").arg(QString::fromLatin1(coding), decoded.errorMessage());
        }
    }
    result.decoded = body;
    const BodyKind kind = detectBodyKind(contentType, body);
    View view = wanted;
    if (view == View::Auto) {
        switch (kind) {
        case BodyKind::Json: view = View::JsonTree; break;
        case BodyKind::Xml: view = View::PrettyXml; break;
        case BodyKind::Form: view = View::Form; break;
        case BodyKind::Multipart: view = View::Multipart; break;
        case BodyKind::Image: view = View::Image; break;
        case BodyKind::Binary: view = View::Hex; break;
        case BodyKind::Empty:
        case BodyKind::Text: view = View::Text; break;
        }
    }
    if (view == View::JsonTree && !asTree)
        view = View::PrettyJson;
    if (view == View::Image && !asTree)
        view = View::Hex;
    if (view == View::Multipart && !asTree)
        view = View::Text; // the outline below
    const QString size = QLocale().formattedDataSize(body.size(), 1, QLocale::DataSizeTraditionalFormat);
    if (view == View::JsonTree) {
        // Indexed here, off the GUI thread; the model then only reads the index.
        result.json = JsonDocumentIndex::build(body);
        if (result.json->isValid()) {
            result.view = view;
            result.status = Tr::tr("JSON, %1").arg(size) + decodedNote;
            return result;
        }
        result.json.reset();
        view = View::PrettyJson; // invalid: shown as text with the error marked
    }
    if (view == View::Image) {
        if (result.image.loadFromData(body) && !result.image.isNull()) {
            result.view = view;
            result.status = Tr::tr("%1 image, %2 \u00d7 %3 pixels, %4")
                                .arg(imageFormatName(body))
                                .arg(result.image.width())
                                .arg(result.image.height())
                                .arg(size) +
                            decodedNote;
            return result;
        }
        view = View::Hex;
        decodedNote += Tr::tr(" (not an image that can be shown)");
    }
    // Invalid JSON or XML is shown as sent, with the error position selected.
    auto markError = [&result, &body](qsizetype byteOffset) {
        const QByteArrayView before = QByteArrayView(body).first(qBound<qsizetype>(0, byteOffset, body.size()));
        result.text = QString::fromUtf8(TextFormat::escapedText(body));
        result.errorOffset = QString::fromUtf8(TextFormat::escapedText(before)).size();
    };
    switch (view) {
    case View::PrettyJson: {
        const JsonCheck check = checkJson(body);
        if (check.valid) {
            result.text = QString::fromUtf8(TextFormat::indentJson(body));
            result.language = SyntaxHighlighter::Language::Json;
            result.status = Tr::tr("JSON, %1").arg(size);
        } else {
            markError(check.errorOffset);
            result.status = Tr::tr("invalid JSON at byte %1: %2").arg(check.errorOffset).arg(check.message);
        }
        break;
    }
    case View::PrettyXml: {
        XmlIndented xml = indentXml(body);
        if (xml.valid) {
            result.text = std::move(xml.text);
            result.language = SyntaxHighlighter::Language::Xml;
            result.status = Tr::tr("XML, %1").arg(size);
        } else {
            // The reader counts characters; the marker needs the byte offset in the body.
            const qsizetype bytes = QString::fromUtf8(body).left(xml.errorCharacter).toUtf8().size();
            markError(bytes);
            result.status = Tr::tr("invalid XML at %1").arg(xml.message);
        }
        break;
    }
    case View::Form: {
        QByteArray out;
        appendFormNode(out, buildFormTree(parseFormUrlEncoded(body)), 0);
        result.text = QString::fromUtf8(out);
        result.status = Tr::tr("form fields, %1").arg(size);
        break;
    }
    case View::Multipart: {
        const Result<MultipartBody> multipart = parseMultipart(contentType, body);
        if (multipart) {
            result.multipart = std::make_shared<const MultipartBody>(multipart.value());
            result.text = QString::fromUtf8(formatMultipart(multipart.value()));
            result.status = Tr::tr("parts: %1, %2").arg(multipart.value().parts.size()).arg(size);
            if (!multipart.value().complete)
                result.status += u" \u2013 "_s + multipart.value().problem;
        } else {
            view = View::Text;
            result.text = QString::fromUtf8(TextFormat::escapedText(body));
            result.status = multipart.errorMessage();
        }
        break;
    }
    case View::Hex:
        result.text = QString::fromLatin1(TextFormat::hexDump(body));
        result.status = Tr::tr("binary, %1").arg(size);
        break;
    case View::Text:
    case View::Auto:
    case View::JsonTree:
    case View::Image:
        if (!asTree && kind == BodyKind::Multipart) {
            const Result<MultipartBody> multipart = parseMultipart(contentType, body);
            if (multipart) {
                result.text = QString::fromUtf8(formatMultipart(multipart.value()));
                break;
            }
        }
        result.text = QString::fromUtf8(TextFormat::escapedText(body));
        result.status = body.isEmpty() ? Tr::tr("no body") : Tr::tr("text, %1").arg(size);
        break;
    }
    result.view = view;
    result.status += decodedNote;
    return result;
}

QString suggestedName(const QString &fileName, const QByteArray &contentType, const QByteArray &body)
{
    // The sender's file name without any directory it put in it; never "." or "..".
    const QString base = QFileInfo(fileName).fileName();
    if (!base.isEmpty() && base != u"." && base != u"..")
        return base;
    switch (detectBodyKind(contentType, body)) {
    case BodyKind::Json: return u"body.json"_s;
    case BodyKind::Xml: return u"body.xml"_s;
    case BodyKind::Text:
    case BodyKind::Form: return u"body.txt"_s;
    case BodyKind::Image: {
        const QString format = imageFormatName(body).toLower();
        return format.isEmpty() ? u"body.img"_s : u"body."_s + format;
    }
    case BodyKind::Empty:
    case BodyKind::Multipart:
    case BodyKind::Binary: break;
    }
    return u"body.bin"_s;
}

} // namespace

QString bodyAsText(const QByteArray &body, const QByteArray &contentType, const QByteArray &encoding)
{
    return formatBody(body, contentType, encoding, View::Auto, false).text;
}

BodyViewer::BodyViewer(QWidget *parent) : QWidget(parent), m_json(new JsonTreeModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    auto *viewLabel = new QLabel(Tr::tr("View:"), this);
    bar->addWidget(viewLabel);
    m_viewCombo = new QComboBox(this);
    viewLabel->setBuddy(m_viewCombo);
    m_viewCombo->addItem(Tr::tr("Automatic"), QVariant::fromValue(View::Auto));
    m_viewCombo->addItem(Tr::tr("JSON tree"), QVariant::fromValue(View::JsonTree));
    m_viewCombo->addItem(Tr::tr("Pretty JSON"), QVariant::fromValue(View::PrettyJson));
    m_viewCombo->addItem(Tr::tr("Pretty XML"), QVariant::fromValue(View::PrettyXml));
    m_viewCombo->addItem(Tr::tr("Form fields"), QVariant::fromValue(View::Form));
    m_viewCombo->addItem(Tr::tr("Multipart"), QVariant::fromValue(View::Multipart));
    m_viewCombo->addItem(Tr::tr("Image"), QVariant::fromValue(View::Image));
    m_viewCombo->addItem(Tr::tr("Text"), QVariant::fromValue(View::Text));
    m_viewCombo->addItem(Tr::tr("Hex"), QVariant::fromValue(View::Hex));
    bar->addWidget(m_viewCombo);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_status, 1);
    m_saveButton = new QPushButton(Tr::tr("Save…"), this);
    m_saveButton->setToolTip(Tr::tr("Save the body to a file (decoded when it was sent compressed)"));
    bar->addWidget(m_saveButton);
    layout->addLayout(bar);

    m_stack = new QStackedWidget(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_text = new QPlainTextEdit(m_stack);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(fixed);
    m_highlighter = new SyntaxHighlighter(m_text->document());
    m_stack->addWidget(m_text);

    m_treePage = new QWidget(m_stack);
    auto *treeLayout = new QVBoxLayout(m_treePage);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    auto *treeBar = new QHBoxLayout;
    m_treeSearch = new QLineEdit(m_treePage);
    m_treeSearch->setPlaceholderText(Tr::tr("Find in keys and values"));
    m_treeSearch->setClearButtonEnabled(true);
    treeBar->addWidget(m_treeSearch);
    auto *expandAll = new QPushButton(Tr::tr("Expand all"), m_treePage);
    auto *collapseAll = new QPushButton(Tr::tr("Collapse all"), m_treePage);
    treeBar->addWidget(expandAll);
    treeBar->addWidget(collapseAll);
    treeLayout->addLayout(treeBar);
    m_tree = new QTreeView(m_treePage);
    m_tree->setUniformRowHeights(true);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->setModel(m_json);
    m_tree->setColumnWidth(JsonTreeModel::KeyColumn, 220);
    m_tree->setColumnWidth(JsonTreeModel::ValueColumn, 260);
    treeLayout->addWidget(m_tree);
    m_stack->addWidget(m_treePage);
    connect(expandAll, &QPushButton::clicked, m_tree, &QTreeView::expandAll);
    connect(collapseAll, &QPushButton::clicked, m_tree, &QTreeView::collapseAll);
    connect(m_treeSearch, &QLineEdit::returnPressed, this, &BodyViewer::findInTree);
    auto *copyValue = new QAction(Tr::tr("Copy value"), this);
    copyValue->setShortcut(QKeySequence::Copy);
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    connect(copyValue, &QAction::triggered, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid())
            QGuiApplication::clipboard()->setText(QString::fromUtf8(m_json->valueText(current)));
    });
    auto *copyPath = new QAction(Tr::tr("Copy path"), this);
    copyPath->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyPath->setShortcutContext(Qt::WidgetShortcut);
    connect(copyPath, &QAction::triggered, this, [this] {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid())
            QGuiApplication::clipboard()->setText(m_json->path(current));
    });
    m_tree->addAction(copyValue);
    m_tree->addAction(copyPath);

    m_imagePage = new QScrollArea(m_stack);
    m_image = new QLabel(m_imagePage);
    m_image->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_imagePage->setWidget(m_image);
    m_imagePage->setWidgetResizable(false);
    m_stack->addWidget(m_imagePage);

    // Multipart: the parts in a table, the selected one in a viewer of its own (created when first needed, since a
    // viewer inside every viewer would never end).
    m_partsPage = new QWidget(m_stack);
    auto *partsLayout = new QVBoxLayout(m_partsPage);
    partsLayout->setContentsMargins(0, 0, 0, 0);
    auto *partsSplitter = new QSplitter(Qt::Vertical, m_partsPage);
    partsSplitter->setChildrenCollapsible(false);
    m_parts = new QTableWidget(0, 4, partsSplitter);
    m_parts->setHorizontalHeaderLabels({Tr::tr("Name"), Tr::tr("File name"), Tr::tr("Content type"), Tr::tr("Size")});
    m_parts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_parts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_parts->setSelectionMode(QAbstractItemView::SingleSelection);
    m_parts->verticalHeader()->hide();
    m_parts->horizontalHeader()->setStretchLastSection(true);
    m_parts->setAccessibleName(Tr::tr("Parts"));
    partsSplitter->addWidget(m_parts);
    partsLayout->addWidget(partsSplitter);
    m_stack->addWidget(m_partsPage);
    connect(m_parts, &QTableWidget::currentCellChanged, this, [this](int row) { showPart(row); });

    layout->addWidget(m_stack, 1);
    connect(m_viewCombo, &QComboBox::currentIndexChanged, this, &BodyViewer::format);
    connect(m_saveButton, &QPushButton::clicked, this, &BodyViewer::save);
    clear();
}

BodyViewer::~BodyViewer() = default;

void BodyViewer::setBody(const QByteArray &body, const QByteArray &contentType, const QByteArray &encoding,
                         const QString &fileName)
{
    m_body = body;
    m_contentType = contentType;
    m_encoding = encoding;
    m_fileName = fileName;
    m_hasBody = true;
    format();
}

void BodyViewer::clear()
{
    ++m_generation;
    m_body.clear();
    m_contentType.clear();
    m_encoding.clear();
    m_fileName.clear();
    m_hasBody = false;
    m_formatted.reset();
    m_shownView = View::Auto;
    m_highlighter->setLanguage(SyntaxHighlighter::Language::None, palette());
    m_text->clear();
    m_json->clear();
    m_image->clear();
    m_parts->setRowCount(0);
    if (m_partViewer)
        m_partViewer->clear();
    m_status->clear();
    m_saveButton->setEnabled(false);
    m_stack->setCurrentWidget(m_text);
}

void BodyViewer::setView(View view)
{
    m_viewCombo->setCurrentIndex(m_viewCombo->findData(QVariant::fromValue(view)));
}

void BodyViewer::format()
{
    if (!m_hasBody)
        return;
    const quint64 generation = ++m_generation;
    m_status->setText(Tr::tr("formatting…"));
    runAsync(
        this,
        [body = m_body, contentType = m_contentType, encoding = m_encoding,
         wanted = m_viewCombo->currentData().value<View>()] {
            return formatBody(body, contentType, encoding, wanted, true);
        },
        [this, generation](const FormattedBody &formatted) {
            if (generation != m_generation)
                return; // another body or view was chosen meanwhile
            present(formatted);
        });
}

void BodyViewer::present(const FormattedBody &formatted)
{
    auto shared = std::make_shared<const FormattedBody>(formatted);
    m_formatted = shared;
    m_shownView = formatted.view;
    m_saveButton->setEnabled(true);
    m_status->setText(formatted.status);
    // The highlighter is off while the text is replaced, then colours it once.
    m_highlighter->setLanguage(SyntaxHighlighter::Language::None, palette());
    if (formatted.view != View::JsonTree)
        m_json->clear();
    if (formatted.view != View::Image)
        m_image->clear();
    switch (formatted.view) {
    case View::JsonTree:
        m_text->clear();
        m_json->setDocument(formatted.json);
        m_tree->expandToDepth(2);
        m_stack->setCurrentWidget(m_treePage);
        break;
    case View::Image:
        m_text->clear();
        m_image->setPixmap(QPixmap::fromImage(formatted.image));
        m_image->adjustSize();
        m_stack->setCurrentWidget(m_imagePage);
        break;
    case View::Multipart: {
        m_text->clear();
        const QList<MultipartPart> &parts = formatted.multipart->parts;
        m_parts->setRowCount(int(parts.size()));
        for (int row = 0; row < parts.size(); ++row) {
            const MultipartPart &part = parts.at(row);
            QStringList headerLines;
            for (const HeaderField &field : part.headers)
                headerLines.append(QString::fromUtf8(TextFormat::escapedText(QByteArray(field.first + ": " + field.second))));
            const QStringList cells{QString::fromUtf8(TextFormat::escapedText(part.name)), part.fileName,
                                    QString::fromUtf8(TextFormat::escapedText(part.contentType)),
                                    QLocale().formattedDataSize(part.body.size(), 1,
                                                                QLocale::DataSizeTraditionalFormat)};
            for (int column = 0; column < cells.size(); ++column) {
                auto *item = new QTableWidgetItem(cells.at(column));
                item->setToolTip(headerLines.join(u'\n'));
                m_parts->setItem(row, column, item);
            }
        }
        m_stack->setCurrentWidget(m_partsPage);
        if (!parts.isEmpty()) {
            if (m_parts->currentRow() == 0)
                showPart(0);
            else
                m_parts->setCurrentCell(0, 0);
        }
        break;
    }
    default:
        m_text->setPlainText(formatted.text);
        if (formatted.language != SyntaxHighlighter::Language::None && formatted.text.size() <= highlightLimit)
            m_highlighter->setLanguage(formatted.language, palette());
        m_stack->setCurrentWidget(m_text);
        if (formatted.errorOffset >= 0) {
            // Select the character where the JSON or XML goes wrong.
            QTextCursor cursor = m_text->textCursor();
            cursor.setPosition(int(qMin<qsizetype>(formatted.errorOffset, formatted.text.size())));
            cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            m_text->setTextCursor(cursor);
        }
        break;
    }
    emit shown();
}

void BodyViewer::showPart(int row)
{
    if (!m_formatted || !m_formatted->multipart || row < 0 || row >= m_formatted->multipart->parts.size()) {
        if (m_partViewer)
            m_partViewer->clear();
        return;
    }
    if (!m_partViewer) {
        m_partViewer = new BodyViewer(m_parts->parentWidget());
        m_partViewer->setSaveText(Tr::tr("Save part…"), Tr::tr("Save the selected part's body to a file"));
        static_cast<QSplitter *>(m_parts->parentWidget())->addWidget(m_partViewer);
    }
    const MultipartPart &part = m_formatted->multipart->parts.at(row);
    // A part without a Content-Type is text/plain (RFC 7578); its body is shown as the part carries it.
    m_partViewer->setBody(part.body, part.contentType.isEmpty() ? QByteArray("text/plain") : part.contentType,
                          part.headerValue("content-encoding"),
                          part.fileName.isEmpty() ? QString::fromUtf8(part.name) : part.fileName);
}

int BodyViewer::partCount() const
{
    return m_stack->currentWidget() == m_partsPage ? m_parts->rowCount() : 0;
}

void BodyViewer::selectPart(int row)
{
    m_parts->setCurrentCell(row, 0);
}

void BodyViewer::findInTree()
{
    // Enter finds the next match after the current one, expanding the tree down to it.
    const QModelIndexList found = m_json->find(m_treeSearch->text(), 10000);
    if (found.isEmpty()) {
        m_status->setText(Tr::tr("not found: %1").arg(m_treeSearch->text()));
        return;
    }
    const QModelIndex current = m_tree->currentIndex().siblingAtColumn(0);
    qsizetype next = 0;
    for (qsizetype i = 0; i < found.size(); ++i) {
        if (found.at(i) == current) {
            next = (i + 1) % found.size();
            break;
        }
    }
    const QModelIndex target = found.at(next);
    m_tree->setCurrentIndex(target);
    m_tree->scrollTo(target);
    m_status->setText(Tr::tr("match %1 of %2").arg(next + 1).arg(found.size()));
}

QString BodyViewer::text() const
{
    if (!m_formatted)
        return QString();
    if (m_shownView == View::Multipart)
        return m_formatted->text;
    return m_stack->currentWidget() == m_text ? m_text->toPlainText() : QString();
}

QString BodyViewer::status() const
{
    return m_status->text();
}

QSize BodyViewer::imageSize() const
{
    return m_shownView == View::Image && m_formatted ? m_formatted->image.size() : QSize();
}

QString BodyViewer::highlighting() const
{
    switch (m_highlighter->language()) {
    case SyntaxHighlighter::Language::Json: return u"json"_s;
    case SyntaxHighlighter::Language::Xml: return u"xml"_s;
    case SyntaxHighlighter::Language::None: break;
    }
    return QString();
}

QByteArray BodyViewer::saveableBytes() const
{
    return m_formatted ? m_formatted->decoded : m_body;
}

Result<void> BodyViewer::saveTo(const QString &path) const
{
    QSaveFile file(path); // written completely or not at all
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = saveableBytes();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void BodyViewer::setSaveText(const QString &text, const QString &toolTip)
{
    m_saveButton->setText(text);
    m_saveButton->setToolTip(toolTip);
}

void BodyViewer::save()
{
    if (!m_hasBody)
        return;
    QSettings settings;
    const QString directory = settings.value(u"bodyViewer/saveDirectory"_s).toString();
    const QString name = suggestedName(m_fileName, m_contentType, saveableBytes());
    const QString path = QFileDialog::getSaveFileName(this, Tr::tr("Save Body"),
                                                      directory.isEmpty() ? name : directory + u'/' + name);
    if (path.isEmpty())
        return;
    settings.setValue(u"bodyViewer/saveDirectory"_s, QFileInfo(path).absolutePath());
    const Result<void> saved = saveTo(path);
    m_status->setText(saved ? Tr::tr("saved to %1").arg(QDir::toNativeSeparators(path)) : saved.errorMessage());
}

void BodyViewer::changeEvent(QEvent *event)
{
    // The colours follow a theme switch.
    if (event->type() == QEvent::PaletteChange && m_highlighter->language() != SyntaxHighlighter::Language::None)
        m_highlighter->setLanguage(m_highlighter->language(), palette());
    QWidget::changeEvent(event);
}

} // namespace Hookscope
