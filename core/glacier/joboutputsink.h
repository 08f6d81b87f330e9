#pragma once

#include "glaciertypes.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <span>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace thaw::glacier {

// Where Get Job Output writes its body, piece by piece as it arrives. An attempt calls begin()
// once its 2xx headers are in, then write() any number of times; before a retry the client
// calls reset(), which must drop everything written since the first begin(), so a retried
// attempt starts cleanly. Any false return ends the call with a local error (*error says why).
class JobOutputSink
{
public:
    virtual ~JobOutputSink() = default;
    virtual bool begin(const JobOutputMetadata &metadata, QString *error) = 0;
    virtual bool write(QByteArrayView data, QString *error) = 0;
    virtual bool reset(QString *error) = 0;
    // Asked after each write(): how long the client should stop reading the body (a bandwidth
    // limit). It reads nothing more for that long, without blocking the thread: the unread
    // bytes fill the reply's bounded read buffer and TCP then slows the sender. 0: read on.
    virtual qint64 takeReadDelayMs() { return 0; }
    // Asked when a step of such a pause ends (the client pauses at most a second at a time):
    // how much longer reading must wait, 0 to read on. A bandwidth limit raised or lifted
    // meanwhile thus reaches a paused reader at once, and one that is still owed keeps it
    // waiting without reading (so its debt does not grow). The default ends every pause after
    // its first step.
    virtual qint64 readDelayLeftMs() { return 0; }
    // How many bytes of the body the reply may read ahead of the sink (its read buffer), given
    // the client's `standard`. A sink under a bandwidth limit asks for a few seconds' worth at
    // most, so that what is read ahead (past the limit, until TCP slows the sender) stays small
    // and the buffer drains well within the client's transfer timeout. Asked once per attempt.
    virtual qint64 readAheadLimit(qint64 standard) const { return standard; }

    // Optional buffer lending, for sinks that write on other threads. When lendsBuffers() is
    // true the client reads the body straight into writeBuffer() (the body is copied once, out
    // of the reply, into memory the sink reuses) and hands each piece over with
    // commitBuffer(size), which makes the same checks as write(). An empty writeBuffer() means
    // the sink is full: the client stops reading that reply (the unread bytes wait in its
    // bounded read buffer, then TCP slows the sender) until the sink calls the callback given
    // to setReadyCallback(), on the client's thread. Memory stays bounded whatever the size.
    virtual bool lendsBuffers() const { return false; }
    virtual std::span<char> writeBuffer() { return {}; }
    virtual bool commitBuffer(qint64 size, QString *error)
    {
        Q_UNUSED(size);
        *error = QStringLiteral("the sink lends no buffers");
        return false;
    }
    // An empty function clears it; the client does so before it reports its end.
    virtual void setReadyCallback(std::function<void()> ready) { Q_UNUSED(ready); }
};

// Writes into an open QIODevice from its position at construction; reset() seeks back there
// and, for a QFileDevice, truncates the file to that position. The device is not owned.
class DeviceSink final : public JobOutputSink
{
public:
    explicit DeviceSink(QIODevice *device);

    bool begin(const JobOutputMetadata &metadata, QString *error) override;
    bool write(QByteArrayView data, QString *error) override;
    bool reset(QString *error) override;

private:
    QIODevice *m_device;
    qint64 m_start;
};

// Hands each piece to callbacks; the reset callback must forget what was written.
class CallbackSink final : public JobOutputSink
{
public:
    using Begin = std::function<bool(const JobOutputMetadata &, QString *)>;
    using Write = std::function<bool(QByteArrayView, QString *)>;
    using Reset = std::function<bool(QString *)>;

    CallbackSink(Write write, Reset reset, Begin begin = {});

    bool begin(const JobOutputMetadata &metadata, QString *error) override;
    bool write(QByteArrayView data, QString *error) override;
    bool reset(QString *error) override;

private:
    Write m_write;
    Reset m_reset;
    Begin m_begin;
};

} // namespace thaw::glacier
