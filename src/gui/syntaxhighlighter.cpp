#include "syntaxhighlighter.h"

#include <QPalette>

namespace Hookscope {

namespace {

// Block states for XML constructs that continue on the next line.
enum XmlState { Outside = -1, InComment = 1, InCData = 2, InTag = 3 };

QTextCharFormat colour(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    format.setFontItalic(italic);
    return format;
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' || c == u':';
}

} // namespace

SyntaxHighlighter::SyntaxHighlighter(QTextDocument *document) : QSyntaxHighlighter(document), m_target(document)
{
    setDocument(nullptr); // attached when a language is set
}

void SyntaxHighlighter::setLanguage(Language language, const QPalette &palette)
{
    m_language = language;
    // Colours readable on the base of either theme: darker shades on a light base, lighter on a dark one.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    m_key = colour(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x0b, 0x45, 0x8c), true);
    m_string = colour(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number = colour(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_literal = colour(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
    m_tag = colour(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x80, 0x00, 0x00), true);
    m_attribute = colour(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0xe5, 0x00, 0x00));
    m_comment = colour(dark ? QColor(0x6a, 0x99, 0x55) : QColor(0x00, 0x80, 0x00), false, true);
    if (language == Language::None) {
        if (document())
            setDocument(nullptr); // clears the colours; the next text is not formatted line by line
        return;
    }
    if (document())
        rehighlight();
    else
        setDocument(m_target); // colours the whole document once
}

void SyntaxHighlighter::highlightBlock(const QString &text)
{
    switch (m_language) {
    case Language::Json: highlightJson(text); break;
    case Language::Xml: highlightXml(text); break;
    case Language::None: break;
    }
}

void SyntaxHighlighter::highlightJson(const QString &text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < size && text.at(end) != u'"')
                end += text.at(end) == u'\\' ? 2 : 1;
            end = qMin(end + 1, size);
            qsizetype next = end;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool key = next < size && text.at(next) == u':';
            setFormat(int(i), int(end - i), key ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            qsizetype end = i + 1;
            while (end < size && (text.at(end).isDigit() || text.at(end) == u'.' || text.at(end) == u'e' ||
                                  text.at(end) == u'E' || text.at(end) == u'+' || text.at(end) == u'-'))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c == u't' || c == u'f' || c == u'n') {
            qsizetype end = i;
            while (end < size && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).sliced(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(end - i), m_literal);
            i = qMax(end, i + 1);
        } else {
            ++i;
        }
    }
}

void SyntaxHighlighter::highlightXml(const QString &text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    int state = previousBlockState();
    // Inside a start tag: attribute names, '=' and quoted values up to '>'.
    auto tagBody = [&] {
        while (i < size) {
            const QChar c = text.at(i);
            if (c == u'>' || (c == u'/' && i + 1 < size && text.at(i + 1) == u'>') ||
                (c == u'?' && i + 1 < size && text.at(i + 1) == u'>')) {
                const qsizetype length = c == u'>' ? 1 : 2;
                setFormat(int(i), int(length), m_tag);
                i += length;
                state = Outside;
                return;
            }
            if (c == u'"' || c == u'\'') {
                const qsizetype end = text.indexOf(c, i + 1);
                const qsizetype stop = end < 0 ? size : end + 1;
                setFormat(int(i), int(stop - i), m_string);
                i = stop;
            } else if (isNameChar(c)) {
                qsizetype end = i;
                while (end < size && isNameChar(text.at(end)))
                    ++end;
                setFormat(int(i), int(end - i), m_attribute);
                i = end;
            } else {
                ++i;
            }
        }
        state = InTag; // the tag goes on on the next line
    };
    auto until = [&](QStringView terminator, const QTextCharFormat &format, int open) {
        const qsizetype end = text.indexOf(terminator, i);
        const qsizetype stop = end < 0 ? size : end + terminator.size();
        setFormat(int(i), int(stop - i), format);
        i = stop;
        state = end < 0 ? open : Outside;
    };
    if (state == InComment)
        until(u"-->", m_comment, InComment);
    else if (state == InCData)
        until(u"]]>", m_string, InCData);
    else if (state == InTag)
        tagBody();
    while (i < size) {
        const QChar c = text.at(i);
        if (c == u'<') {
            const QStringView rest = QStringView(text).sliced(i);
            if (rest.startsWith(u"<!--")) {
                until(u"-->", m_comment, InComment);
            } else if (rest.startsWith(u"<![CDATA[")) {
                until(u"]]>", m_string, InCData);
            } else {
                qsizetype end = i + 1;
                if (end < size && (text.at(end) == u'/' || text.at(end) == u'?' || text.at(end) == u'!'))
                    ++end;
                while (end < size && isNameChar(text.at(end)))
                    ++end;
                setFormat(int(i), int(end - i), m_tag);
                i = end;
                tagBody();
            }
        } else if (c == u'&') {
            const qsizetype end = text.indexOf(u';', i);
            if (end > i && end - i <= 10) {
                setFormat(int(i), int(end - i + 1), m_literal);
                i = end + 1;
            } else {
                ++i;
            }
        } else {
            ++i;
        }
    }
    setCurrentBlockState(state);
}

} // namespace Hookscope
