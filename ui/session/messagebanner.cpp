#include "messagebanner.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QToolButton>

namespace thaw::ui {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("bannerClose"));
    close->setAutoRaise(true);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, [this] {
        m_text->clear();
        hide();
    });
    hide();
}

void MessageBanner::showMessage(const QString &message, bool error)
{
    m_icon->setPixmap(
        QIcon(error ? QStringLiteral(":/icons/error.svg") : QStringLiteral(":/icons/warning.svg"))
            .pixmap(16, 16));
    setStyleSheet(error ? QStringLiteral("#messageBanner { background: #fde7e9; }")
                        : QStringLiteral("#messageBanner { background: #fff4ce; }"));
    m_text->setText(message);
    show();
}

QString MessageBanner::text() const
{
    return isVisible() || !m_text->text().isEmpty() ? m_text->text() : QString();
}

} // namespace thaw::ui
