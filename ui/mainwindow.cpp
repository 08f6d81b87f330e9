#include "mainwindow.h"

#include "core/version.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace thaw::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Thaw"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/thaw.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *icon = new QLabel(central);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/thaw.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("<h1>Thaw</h1>"), central);
    title->setAlignment(Qt::AlignCenter);
    auto *tagline = new QLabel(tr("Get your data out of Amazon S3 Glacier vaults."), central);
    tagline->setAlignment(Qt::AlignCenter);
    auto *version = new QLabel(tr("Version %1").arg(versionString()), central);
    version->setObjectName(QStringLiteral("versionLabel"));
    version->setAlignment(Qt::AlignCenter);
    layout->addStretch();
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(tagline);
    layout->addWidget(version);
    layout->addStretch();
    setCentralWidget(central);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Thaw"), this, [this] {
        QMessageBox::about(this, tr("About Thaw"),
                           tr("<b>Thaw %1</b><p>Restores from Amazon S3 Glacier vaults: see what "
                              "they hold, follow retrieval jobs, download archives verified by "
                              "their SHA-256 tree hash.</p>")
                               .arg(versionString()));
    });

    statusBar()->showMessage(tr("Thaw %1").arg(versionString()));
    resize(900, 600);
}

} // namespace thaw::ui
