#pragma once
// Helpers shared by the desktop shell's tests (tests/ui/accounts and tst_mainwindow).

#include "core/aws/keychainsecretstore.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>

namespace uitest {

// A keychain service of the tests' own, so a developer's real "Thaw" entries are never touched.
inline const QString keychainService = QStringLiteral("thaw-ui-tests");

inline thaw::aws::KeychainResult
wait(const std::function<void(thaw::aws::KeychainSecretStore::Callback)> &start)
{
    bool called = false;
    thaw::aws::KeychainResult result;
    start([&](const thaw::aws::KeychainResult &answer) {
        called = true;
        result = answer;
    });
    if (!QTest::qWaitFor([&] { return called; }, 20000))
        result.message = QStringLiteral("the keychain did not answer in 20 s");
    return result;
}

// Empty when a real Secret Service answers (tests/run-all.sh runs one), else why not.
inline QString keychainSkipReason()
{
    thaw::aws::KeychainSecretStore store(keychainService);
    store.setTimeout(std::chrono::seconds(5));
    store.setRetryDelay(std::chrono::milliseconds(0));
    const QString probe = QStringLiteral("probe-ui");
    const auto written = wait([&](auto done) {
        store.writeSecret(probe, {QStringLiteral("x"), {}}, done);
    });
    if (written.status != thaw::aws::KeychainResult::Status::Ok)
        return QStringLiteral("no usable Secret Service (run under tests/run-all.sh): %1")
            .arg(written.message);
    wait([&](auto done) { store.removeSecret(probe, done); });
    return {};
}

// Waits for a QSignalSpy to have at least `count` signals.
inline bool waitFor(QSignalSpy &spy, int count = 1, int timeoutMs = 15000)
{
    return QTest::qWaitFor([&] { return spy.count() >= count; }, timeoutMs);
}

} // namespace uitest
