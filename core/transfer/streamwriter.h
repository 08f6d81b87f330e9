#pragma once

#include <QMutex>
#include <QObject>
#include <QString>
#include <QWaitCondition>

#include <cstdlib>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

QT_BEGIN_NAMESPACE
class QThreadPool;
QT_END_NAMESPACE

namespace thaw::transfer {

// Runs one stream's pieces through a function on a thread pool, in order and one at a time, from
// a fixed set of reused buffers: the owning thread only fills buffers and hands them over, the
// pool's thread does the work (for a download: write to the .part and tree-hash). When every
// buffer is full or queued, space() is empty and the owner stops feeding (back-pressure) until
// the ready callback says a buffer is free again; memory is bufferCount x bufferSize, whatever
// the stream's length. Buffers start on a page boundary (BufferAlignment), so that a piece of a
// whole number of pages can be written with O_DIRECT. Lives on the owner's thread; the
// callbacks are called there.
class StreamWriter final : public QObject
{
    Q_OBJECT

public:
    // Called on the pool's thread with each piece and its position in the stream; false stops
    // the stream (*error says why): later pieces are dropped and error() reports it.
    using Process
        = std::function<bool(qint64 position, const char *data, qint64 size, QString *error)>;

    static constexpr std::size_t BufferAlignment = 4096;

    StreamWriter(QThreadPool *pool, int bufferCount, qint64 bufferSize, qint64 position,
                 Process process);
    // Drops the queued pieces and waits for the one being processed.
    ~StreamWriter() override;

    // The free room of the buffer being filled; empty when every buffer is full or queued.
    std::span<char> space();
    // `size` bytes were put at space(); a full buffer goes to the pool.
    void fill(qint64 size);
    // Hands a partly filled buffer to the pool.
    void flush();
    // Called (on the owner's thread) when a buffer frees up after space() came back empty.
    void setReadyCallback(std::function<void()> ready) { m_ready = std::move(ready); }

    // Nothing is queued or being processed (a partly filled buffer is not queued).
    bool isIdle() const;
    void waitIdle();
    // `then` is called on the owner's thread once the stream is idle: from the event loop, never
    // from inside this call. One at a time; a new one replaces the last.
    void whenIdle(std::function<void()> then);
    // Waits until idle, drops the partly filled buffer and any error; the next byte goes to
    // `position`.
    void restart(qint64 position);
    // The first failure of the function, if any.
    std::optional<QString> error() const;

private:
    struct Piece
    {
        int buffer = -1;
        qint64 position = 0;
        qint64 size = 0;
    };

    void drain(); // on the pool's thread
    void onPieceDone();
    void notifyIfIdle();

    QThreadPool *m_pool;
    qint64 m_bufferSize;
    Process m_process;
    struct FreeAligned
    {
        void operator()(char *buffer) const { std::free(buffer); }
    };
    std::vector<std::unique_ptr<char, FreeAligned>> m_buffers;
    // Owner's thread only:
    int m_current = -1; // the buffer being filled
    qint64 m_fill = 0;
    qint64 m_position = 0; // of the next byte
    bool m_starved = false;
    std::function<void()> m_ready;
    std::function<void()> m_idle;
    // Shared with the pool's thread, under m_mutex:
    mutable QMutex m_mutex;
    QWaitCondition m_idleCondition;
    std::deque<Piece> m_queue;
    std::vector<int> m_free;
    bool m_running = false; // a task drains the queue
    bool m_discard = false;
    std::optional<QString> m_error;
};

} // namespace thaw::transfer
