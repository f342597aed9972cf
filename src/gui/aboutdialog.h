#pragma once

#include <QDialog>

class QLabel;

namespace Hookscope {

// Hookscope's name, icon and version (from project(VERSION) in CMakeLists.txt, as `hookscope --version` prints it),
// the Qt it runs on, where this window keeps its data, and where the documentation is.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const QString &dataDirectory, QWidget *parent = nullptr);

    // Everything the dialog says, as plain text, for tests.
    QString text() const;

private:
    QLabel *m_title;
    QLabel *m_details;
};

} // namespace Hookscope
