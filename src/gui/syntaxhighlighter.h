#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Hookscope {

// Colours JSON (keys, strings, numbers, true/false/null) or XML (tags, attributes, values, comments, CDATA, entities)
// in a text document, one line at a time as Qt asks; the colours suit the palette's light or dark base.
class SyntaxHighlighter : public QSyntaxHighlighter
{
public:
    enum class Language { None, Json, Xml };

    explicit SyntaxHighlighter(QTextDocument *document);

    // Sets the language and the colours for palette; the document is coloured again. With Language::None the
    // highlighter detaches from the document, so replacing a long text costs no formatting pass.
    void setLanguage(Language language, const QPalette &palette);
    Language language() const { return m_language; }

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightJson(const QString &text);
    void highlightXml(const QString &text);

    QTextDocument *m_target;
    Language m_language = Language::None;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_tag;
    QTextCharFormat m_attribute;
    QTextCharFormat m_comment;
};

} // namespace Hookscope
