#pragma once

#include <QEventLoop>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace thaw::aws {

// Waits for an asynchronous call that reports through a callback, in a local event loop that
// gives up after `timeout` (the CLI's bridge to the keychain; never hangs). nullopt on timeout.
// A callback arriving after the timeout is harmless: it only touches shared state.
template<typename Result>
std::optional<Result>
waitForCallback(const std::function<void(std::function<void(const Result &)>)> &start,
                std::chrono::milliseconds timeout)
{
    struct State
    {
        std::optional<Result> result;
        QEventLoop *loop = nullptr;
    };
    auto state = std::make_shared<State>();
    start([state](const Result &result) {
        state->result = result;
        if (state->loop)
            state->loop->quit();
    });
    if (state->result)
        return state->result;

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    state->loop = &loop;
    timer.start(timeout);
    loop.exec();
    state->loop = nullptr;
    return state->result;
}

} // namespace thaw::aws
