// thaw: the desktop application. Wiring only; the window lives in ui/.
#include "core/version.h"
#include "ui/mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("thaw"));
    QApplication::setApplicationDisplayName(QStringLiteral("Thaw"));
    QApplication::setOrganizationName(QStringLiteral("thaw"));
    QApplication::setApplicationVersion(thaw::versionString());
    QApplication::setDesktopFileName(QStringLiteral("io.github.thaw.Thaw"));

    thaw::ui::MainWindow window;
    window.show();
    return app.exec();
}
