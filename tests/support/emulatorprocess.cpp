#include "emulatorprocess.h"

#include <QDeadlineTimer>

EmulatorProcess::EmulatorProcess(QString program)
    : m_program(std::move(program))
{
    if (m_program.isEmpty())
        m_program = qEnvironmentVariable("THAW_EMULATOR");
#ifdef THAW_EMULATOR_PATH
    if (m_program.isEmpty())
        m_program = QStringLiteral(THAW_EMULATOR_PATH);
#endif
}

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

QString EmulatorProcess::accessKey()
{
    return QStringLiteral("AKIAIOSFODNN7EXAMPLE");
}

QString EmulatorProcess::secretKey()
{
    return QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
}

bool EmulatorProcess::start(const QStringList &extraArguments, int timeoutMs)
{
    stop();
    if (m_program.isEmpty()) {
        m_error = QStringLiteral("no thaw-emulator path (THAW_EMULATOR_PATH / $THAW_EMULATOR)");
        return false;
    }
    if (!m_dataDir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary data directory");
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_program);
    m_process->setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                        QStringLiteral("--data"), m_dataDir.path()}
                            + extraArguments);
    m_process->start();
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = m_process->errorString();
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_process->canReadLine()) {
        if (m_process->state() != QProcess::Running || deadline.hasExpired()
            || !m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process->canReadLine())
                break;
            m_error = QStringLiteral("thaw-emulator did not report LISTENING: %1")
                          .arg(QString::fromLocal8Bit(m_process->readAllStandardError()));
            stop();
            return false;
        }
    }
    const QByteArray line = m_process->readLine().trimmed();
    bool ok = false;
    if (line.startsWith("LISTENING "))
        m_port = quint16(line.mid(10).toUInt(&ok));
    if (!ok || m_port == 0) {
        m_error = QStringLiteral("unexpected first line from thaw-emulator: %1")
                      .arg(QString::fromLocal8Bit(line));
        stop();
        return false;
    }
    return true;
}

void EmulatorProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
    m_port = 0;
}

bool EmulatorProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl EmulatorProcess::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QByteArray EmulatorProcess::standardError() const
{
    return m_process ? m_process->readAllStandardError() : QByteArray();
}
