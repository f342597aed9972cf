#pragma once

#include <QPlainTextEdit>

namespace Hookscope
{

// A plain-text box for secrets: while masked it shows a bullet for every character (line breaks stay, so one secret a
// line still reads as lines) and keeps what was typed apart. Copying while masked copies bullets, and undo is off so
// the undo stack holds no secret.
class MaskedTextEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MaskedTextEdit(QWidget *parent = nullptr);

    // What the user typed or pasted, masked or not.
    QString text() const { return m_text; }
    void setText(const QString &text);
    bool isMasked() const { return m_masked; }
    void setMasked(bool masked);

private:
    void onContentsChange(int position, int removed, int added);
    void showText();

    QString m_text;
    bool m_masked = true;
    bool m_updating = false; // our own edits of the document
};

} // namespace Hookscope
