// Browsing vaults in the sidebar against a real thaw-emulator: accounts → regions → vaults
// listed asynchronously over every List Vaults page, with archive count, size and last
// inventory; an AWS error shown in the tree with its code; refresh; a mouse click selects the
// vault. The model runs under QAbstractItemModelTester for the whole test.
#include "emulatorprocess.h"
#include "uitestsupport.h"

#include "ui/session/session.h"
#include "ui/vaults/vaultsidebar.h"
#include "ui/vaults/vaulttreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace thaw;
using ui::VaultTreeModel;

class TestVaultSidebar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void browsesVaults()
    {
        // 12 vaults: more than one List Vaults page (10 per page by default).
        QTemporaryDir dir;
        QJsonArray vaults;
        for (int i = 0; i < 12; ++i) {
            QJsonObject vault{{QStringLiteral("name"),
                               QStringLiteral("vault-%1").arg(i, 2, 10, QLatin1Char('0'))}};
            if (i == 3) {
                vault.insert(QStringLiteral("archives"),
                             QJsonArray{QJsonObject{{QStringLiteral("size"), 1000}},
                                        QJsonObject{{QStringLiteral("size"), 2345}}});
                vault.insert(QStringLiteral("jobs"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("type"), QStringLiteral("inventory-retrieval")},
                                 {QStringLiteral("creationDate"), -7200},
                                 {QStringLiteral("completionDate"), -3600}}});
            }
            vaults.append(vault);
        }
        const QString seed = dir.filePath(QStringLiteral("seed.json"));
        {
            QFile file(seed);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(QJsonObject{{QStringLiteral("vaults"), vaults}}).toJson());
        }
        EmulatorProcess emulator;
        QVERIFY2(emulator.start({QStringLiteral("--seed"), seed}),
                 qPrintable(emulator.errorString()));

        QSettings settings(dir.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        ui::Session session(settings, keychain, QProcessEnvironment());
        VaultTreeModel model(session);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ui::VaultSidebar sidebar(model);
        sidebar.resize(600, 500);
        sidebar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sidebar));
        QSignalSpy loaded(&model, &VaultTreeModel::regionLoaded);

        aws::Account good{QStringLiteral("local"), EmulatorProcess::accessKey(),
                          EmulatorProcess::region()};
        good.endpointUrl = emulator.baseUrl().toString();
        QString error;
        QVERIFY2(session.addDemoAccount(
                     good,
                     aws::Credentials(EmulatorProcess::accessKey(), EmulatorProcess::secretKey()),
                     &error),
                 qPrintable(error));
        aws::Account bad{QStringLiteral("wrong-secret"), EmulatorProcess::accessKey(),
                         EmulatorProcess::region()};
        bad.endpointUrl = emulator.baseUrl().toString();
        QVERIFY(session.addDemoAccount(
            bad, aws::Credentials(EmulatorProcess::accessKey(), QStringLiteral("not-the-secret")),
            &error));
        QVERIFY(uitest::waitFor(loaded, 2));
        QTRY_VERIFY(!model.isLoading());

        // The good account: 12 vaults under its region, in order, with their figures.
        const QModelIndex region
            = model.regionIndex(QStringLiteral("local"), QStringLiteral("us-east-1"));
        QVERIFY(region.isValid());
        QCOMPARE(model.rowCount(region), 12);
        const QModelIndex v3 = model.index(3, 0, region);
        QCOMPARE(v3.data().toString(), QStringLiteral("vault-03"));
        QCOMPARE(v3.data(VaultTreeModel::NodeKindRole).toInt(),
                 int(VaultTreeModel::NodeKind::Vault));
        QCOMPARE(v3.siblingAtColumn(VaultTreeModel::ArchivesColumn)
                     .data(VaultTreeModel::RawValueRole)
                     .toLongLong(),
                 2);
        QCOMPARE(v3.siblingAtColumn(VaultTreeModel::SizeColumn)
                     .data(VaultTreeModel::RawValueRole)
                     .toLongLong(),
                 3345);
        QVERIFY(v3.siblingAtColumn(VaultTreeModel::InventoryColumn)
                    .data(VaultTreeModel::RawValueRole)
                    .toDateTime()
                    .isValid());
        QCOMPARE(model.index(4, VaultTreeModel::InventoryColumn, region).data().toString(),
                 VaultTreeModel::tr("never"));
        QCOMPARE(model.index(11, 0, region).data().toString(), QStringLiteral("vault-11"));

        // The bad account: one error row with the AWS code and the full message as tooltip.
        const QModelIndex badRegion
            = model.regionIndex(QStringLiteral("wrong-secret"), QStringLiteral("us-east-1"));
        QCOMPARE(model.rowCount(badRegion), 1);
        const QModelIndex errorRow = model.index(0, 0, badRegion);
        QVERIFY(errorRow.data(VaultTreeModel::IsErrorRole).toBool());
        QVERIFY2(errorRow.data().toString().contains(QStringLiteral("InvalidSignatureException")),
                 qPrintable(errorRow.data().toString()));
        QVERIFY(errorRow.data(Qt::ToolTipRole).toString().contains(QStringLiteral("ListVaults")));

        // A mouse click on a vault makes it current.
        QSignalSpy current(&sidebar, &ui::VaultSidebar::currentRefChanged);
        sidebar.scrollTo(v3);
        QTest::mouseClick(sidebar.viewport(), Qt::LeftButton, {}, sidebar.visualRect(v3).center());
        QVERIFY(uitest::waitFor(current));
        const auto ref = current.last().at(0).value<ui::VaultRef>();
        QCOMPARE(ref, (ui::VaultRef{QStringLiteral("local"), QStringLiteral("us-east-1"),
                                    QStringLiteral("vault-03")}));
        QCOMPARE(sidebar.currentRef(), ref);

        // Refresh lists again and keeps the tree valid.
        QVERIFY(emulator.isRunning());
        loaded.clear();
        model.refresh(region);
        QVERIFY(model.isLoading());
        QVERIFY(uitest::waitFor(loaded));
        QCOMPARE(model.rowCount(region), 12);

        // Another region of the same account: listed too; the emulator signs for us-east-1 only,
        // so AWS's answer for a wrong scope shows in the tree.
        loaded.clear();
        session.addRegion(QStringLiteral("local"), QStringLiteral("eu-west-1"));
        QCOMPARE(session.regions(QStringLiteral("local")),
                 (QStringList{QStringLiteral("us-east-1"), QStringLiteral("eu-west-1")}));
        QVERIFY(uitest::waitFor(loaded));
        QTRY_VERIFY(!model.isLoading());
        const QModelIndex eu
            = model.regionIndex(QStringLiteral("local"), QStringLiteral("eu-west-1"));
        QVERIFY(eu.isValid());
        QCOMPARE(model.rowCount(eu), 1);
        QVERIFY(model.index(0, 0, eu).data(VaultTreeModel::IsErrorRole).toBool());
        QCOMPARE(
            model.rowCount(model.regionIndex(QStringLiteral("local"), QStringLiteral("us-east-1"))),
            12);

        // Removing the account takes its rows away.
        bool removed = false;
        session.removeAccount(QStringLiteral("wrong-secret"),
                              [&](const QString &) { removed = true; });
        QTRY_VERIFY(removed);
        QVERIFY(!model.accountIndex(QStringLiteral("wrong-secret")).isValid());
        QCOMPARE(model.rowCount(), 1);
    }

    void unusableAccountShowsWhy()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("thaw.ini")), QSettings::IniFormat);
        aws::KeychainSecretStore keychain(uitest::keychainService);
        ui::Session session(settings, keychain, QProcessEnvironment());
        VaultTreeModel model(session);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A profile account whose profile exists nowhere (HOME is an empty folder).
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), dir.path());
        ui::Session profiles(settings, keychain, environment);
        VaultTreeModel profileModel(profiles);
        QAbstractItemModelTester profileTester(
            &profileModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
        aws::Account account{QStringLiteral("gone"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                             QStringLiteral("eu-west-1")};
        account.profile = QStringLiteral("gone");
        bool saved = false;
        profiles.saveAccount(account, {}, false, [&](const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            saved = true;
        });
        QTRY_VERIFY(saved);
        const QModelIndex gone = profileModel.accountIndex(QStringLiteral("gone"));
        QTRY_VERIFY(profileModel.index(0, 0, gone).data(VaultTreeModel::IsErrorRole).toBool());
        QVERIFY(profileModel.index(0, 0, gone)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("could not be found")));
    }
};

QTEST_MAIN(TestVaultSidebar)
#include "tst_vaultsidebar.moc"
