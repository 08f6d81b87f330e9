#include "core/version.h"
#include "ui/mainwindow.h"

#include <QLabel>
#include <QTest>

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheVersion()
    {
        thaw::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto *label = window.findChild<QLabel *>(QStringLiteral("versionLabel"));
        QVERIFY(label);
        QVERIFY(label->text().contains(QStringLiteral(THAW_VERSION)));
        QCOMPARE(thaw::versionString(), QStringLiteral(THAW_VERSION));
        QCOMPARE(window.windowTitle(), QStringLiteral("Thaw"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
