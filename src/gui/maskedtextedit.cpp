#include "maskedtextedit.h"

#include <QTextBlock>
#include <QTextCursor>

namespace Hookscope
{

namespace
{

constexpr QChar Bullet(0x2022);

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
}

QString masked(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (!isLineBreak(c))
            c = Bullet;
    }
    return out;
}

} // namespace

MaskedTextEdit::MaskedTextEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setUndoRedoEnabled(false);
    setTabChangesFocus(true);
    connect(document(), &QTextDocument::contentsChange, this, &MaskedTextEdit::onContentsChange);
}

void MaskedTextEdit::setText(const QString &text)
{
    m_text = text;
    showText();
}

void MaskedTextEdit::setMasked(bool mask)
{
    if (mask == m_masked)
        return;
    m_masked = mask;
    showText();
    setUndoRedoEnabled(!mask); // also drops the undo stack, which may hold typed characters
}

void MaskedTextEdit::showText()
{
    m_updating = true;
    setPlainText(m_masked ? masked(m_text) : m_text);
    m_updating = false;
    moveCursor(QTextCursor::End);
}

void MaskedTextEdit::onContentsChange(int position, int removed, int added)
{
    if (m_updating)
        return;
    const QString now = document()->toPlainText();
    if (!m_masked) {
        m_text = now;
        return;
    }
    // A change that reaches the end of the document is reported one character longer on both sides (the final
    // paragraph separator): clamp to the text.
    removed = qBound(0, removed, int(m_text.size()) - position);
    added = qBound(0, added, int(now.size()) - position);
    const QString inserted = now.mid(position, added);
    m_text = m_text.left(position) + inserted + m_text.mid(position + removed);
    if (m_text.size() != now.size()) {
        // Out of step with the document (should not happen): start over rather than keep a wrong secret.
        setText(QString());
        return;
    }
    const QString bullets = masked(inserted);
    if (bullets == inserted)
        return;
    // Replace what was typed by bullets at once, before the box repaints; the user's cursor stays where it was.
    const QTextCursor userCursor = textCursor();
    const int anchor = userCursor.anchor();
    const int cursorPosition = userCursor.position();
    m_updating = true;
    QTextCursor cursor(document());
    cursor.setPosition(position);
    cursor.setPosition(position + added, QTextCursor::KeepAnchor);
    cursor.insertText(bullets);
    m_updating = false;
    QTextCursor restored(document());
    restored.setPosition(anchor);
    restored.setPosition(cursorPosition, QTextCursor::KeepAnchor);
    setTextCursor(restored);
}

} // namespace Hookscope
