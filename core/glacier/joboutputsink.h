#pragma once

#include "glaciertypes.h"

#include <QByteArrayView>
#include <QString>

#include <functional>

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
