#pragma once

#include <QMainWindow>

namespace thaw::ui {

// Thaw's main window. For now it introduces the application and shows the version.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace thaw::ui
