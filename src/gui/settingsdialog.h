#pragma once

#include "capturesettings.h"
#include "requeststore.h"
#include "theme.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace Hookscope {

// Capture and retention settings. Invalid values are refused in the dialog with a message; nothing is applied
// half-way: the dialog closes (accepted) only when every field is valid.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const CaptureSettings &capture, const RetentionPolicy &retention, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Valid after accepted().
    const CaptureSettings &capture() const { return m_capture; }
    const RetentionPolicy &retention() const { return m_retention; }
    Theme theme() const;
    void setTheme(Theme theme);
    // The language of the window: empty to follow the system, or a language code ("en", "es").
    QString language() const;
    void setLanguage(const QString &language);
    QString errorText() const;

    // The fields, for tests.
    void setListenText(const QString &text);
    void setAnswer(int status, const QString &body);
    void setMaxBodyText(const QString &text);
    void setMaxAgeText(const QString &text);
    void setMaxHeaderText(const QString &text);
    void setTimeouts(int idleSeconds, int requestSeconds);

    void accept() override;

private:
    std::unique_ptr<Ui::SettingsDialog> ui;
    CaptureSettings m_capture;
    RetentionPolicy m_retention;
};

} // namespace Hookscope
