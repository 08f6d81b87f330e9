#pragma once

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace thaw::ui {

// A dismissable line above the main window's content for errors and warnings: they stay until
// the user closes them or a newer one replaces them, so none goes unseen.
class MessageBanner final : public QFrame
{
    Q_OBJECT

public:
    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(const QString &message, bool error);
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_text;
};

} // namespace thaw::ui
