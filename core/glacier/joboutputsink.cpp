#include "joboutputsink.h"

#include <QFileDevice>
#include <QIODevice>

namespace thaw::glacier {

DeviceSink::DeviceSink(QIODevice *device)
    : m_device(device)
    , m_start(device->isSequential() ? 0 : device->pos())
{}

bool DeviceSink::begin(const JobOutputMetadata &, QString *error)
{
    if (!m_device->isWritable()) {
        *error = QStringLiteral("the output is not open for writing");
        return false;
    }
    return true;
}

bool DeviceSink::write(QByteArrayView data, QString *error)
{
    qint64 done = 0;
    while (done < data.size()) {
        const qint64 written = m_device->write(data.data() + done, data.size() - done);
        if (written <= 0) {
            *error = m_device->errorString();
            return false;
        }
        done += written;
    }
    return true;
}

bool DeviceSink::reset(QString *error)
{
    if (m_device->isSequential()) {
        *error = QStringLiteral("a sequential output cannot be rewound for a retry");
        return false;
    }
    if (auto *file = qobject_cast<QFileDevice *>(m_device)) {
        if (!file->flush() || !file->resize(m_start)) {
            *error = file->errorString();
            return false;
        }
    }
    if (!m_device->seek(m_start)) {
        *error = m_device->errorString();
        return false;
    }
    return true;
}

CallbackSink::CallbackSink(Write write, Reset reset, Begin begin)
    : m_write(std::move(write))
    , m_reset(std::move(reset))
    , m_begin(std::move(begin))
{}

bool CallbackSink::begin(const JobOutputMetadata &metadata, QString *error)
{
    return !m_begin || m_begin(metadata, error);
}

bool CallbackSink::write(QByteArrayView data, QString *error)
{
    return m_write(data, error);
}

bool CallbackSink::reset(QString *error)
{
    return m_reset(error);
}

} // namespace thaw::glacier
