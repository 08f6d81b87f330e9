#include "streamwriter.h"

#include <QMutexLocker>
#include <QThreadPool>

#include <new>

namespace thaw::transfer {

StreamWriter::StreamWriter(QThreadPool *pool, int bufferCount, qint64 bufferSize, qint64 position,
                           Process process)
    : m_pool(pool)
    , m_bufferSize(bufferSize)
    , m_process(std::move(process))
    , m_buffers(std::size_t(qMax(1, bufferCount)))
    , m_position(position)
{
    // Allocated when first needed: a stream that never gets a body costs nothing.
    for (int i = int(m_buffers.size()) - 1; i >= 0; --i)
        m_free.push_back(i);
}

StreamWriter::~StreamWriter()
{
    QMutexLocker locker(&m_mutex);
    m_discard = true;
    while (m_running)
        m_idleCondition.wait(&m_mutex);
}

std::span<char> StreamWriter::space()
{
    if (m_current < 0) {
        QMutexLocker locker(&m_mutex);
        if (m_free.empty()) {
            m_starved = true;
            return {};
        }
        m_current = m_free.back();
        m_free.pop_back();
        m_fill = 0;
    }
    std::unique_ptr<char, FreeAligned> &buffer = m_buffers[std::size_t(m_current)];
    if (!buffer) {
        // aligned_alloc wants a size that is a multiple of the alignment
        const std::size_t size = (std::size_t(m_bufferSize) + BufferAlignment - 1)
                                 / BufferAlignment * BufferAlignment;
        buffer.reset(static_cast<char *>(std::aligned_alloc(BufferAlignment, size)));
        if (!buffer)
            throw std::bad_alloc();
    }
    return {buffer.get() + m_fill, std::size_t(m_bufferSize - m_fill)};
}

void StreamWriter::fill(qint64 size)
{
    Q_ASSERT(m_current >= 0 && m_fill + size <= m_bufferSize);
    m_fill += size;
    if (m_fill == m_bufferSize)
        flush();
}

void StreamWriter::flush()
{
    if (m_current < 0 || m_fill == 0)
        return;
    const Piece piece{m_current, m_position, m_fill};
    m_position += m_fill;
    m_current = -1;
    m_fill = 0;
    QMutexLocker locker(&m_mutex);
    m_queue.push_back(piece);
    if (!m_running) {
        m_running = true;
        m_pool->start([this] { drain(); });
    }
}

void StreamWriter::drain()
{
    QMutexLocker locker(&m_mutex);
    while (!m_queue.empty()) {
        const Piece piece = m_queue.front();
        m_queue.pop_front();
        const bool skip = m_discard || m_error.has_value();
        locker.unlock();
        QString error;
        const bool ok = skip
                        || m_process(piece.position, m_buffers[std::size_t(piece.buffer)].get(),
                                     piece.size, &error);
        locker.relock();
        if (!ok && !m_error)
            m_error = error;
        m_free.push_back(piece.buffer);
        if (!m_discard)
            QMetaObject::invokeMethod(this, &StreamWriter::onPieceDone, Qt::QueuedConnection);
    }
    m_running = false;
    m_idleCondition.wakeAll();
}

void StreamWriter::onPieceDone()
{
    if (m_starved) {
        m_starved = false;
        if (m_ready) {
            const std::function<void()> ready = m_ready; // it may replace m_ready
            ready();
            return; // the owner may have deleted this writer
        }
    }
    notifyIfIdle();
}

void StreamWriter::notifyIfIdle()
{
    if (m_idle && isIdle()) {
        const std::function<void()> then = std::exchange(m_idle, nullptr);
        then();
    }
}

bool StreamWriter::isIdle() const
{
    QMutexLocker locker(&m_mutex);
    return !m_running && m_queue.empty();
}

void StreamWriter::waitIdle()
{
    QMutexLocker locker(&m_mutex);
    while (m_running)
        m_idleCondition.wait(&m_mutex);
}

void StreamWriter::whenIdle(std::function<void()> then)
{
    m_idle = std::move(then);
    // Checked from the event loop, so `then` never runs inside this call; the pieces still
    // queued call onPieceDone() themselves.
    QMetaObject::invokeMethod(this, &StreamWriter::notifyIfIdle, Qt::QueuedConnection);
}

void StreamWriter::restart(qint64 position)
{
    waitIdle();
    if (m_current >= 0) {
        QMutexLocker locker(&m_mutex);
        m_free.push_back(m_current);
    }
    m_current = -1;
    m_fill = 0;
    m_position = position;
    QMutexLocker locker(&m_mutex);
    m_error.reset();
}

std::optional<QString> StreamWriter::error() const
{
    QMutexLocker locker(&m_mutex);
    return m_error;
}

} // namespace thaw::transfer
