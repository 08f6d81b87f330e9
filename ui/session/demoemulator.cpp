#include "demoemulator.h"

#include "demoseed.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace thaw::ui {

namespace {

QString randomText(const QString &alphabet, int length)
{
    QString text;
    for (int i = 0; i < length; ++i)
        text.append(alphabet.at(int(QRandomGenerator::system()->bounded(alphabet.size()))));
    return text;
}

} // namespace

DemoEmulator::DemoEmulator(QObject *parent)
    : QObject(parent)
{}

DemoEmulator::~DemoEmulator()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString DemoEmulator::findEmulator(const QString &applicationDir)
{
    const QString fromEnvironment = qEnvironmentVariable("THAW_EMULATOR");
    if (!fromEnvironment.isEmpty())
        return QFileInfo(fromEnvironment).isExecutable() ? fromEnvironment : QString();
    const QString name = QStringLiteral("thaw-emulator");
    const QDir dir(applicationDir);
    for (const QString &candidate :
         {dir.filePath(name), dir.filePath(QStringLiteral("../emulator/") + name)}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(name);
}

void DemoEmulator::start(const QString &program)
{
    const QString emulator
        = program.isEmpty() ? findEmulator(QCoreApplication::applicationDirPath()) : program;
    if (emulator.isEmpty()) {
        fail(tr("The demo needs thaw-emulator, which was found neither beside thaw nor on "
                "PATH. Install Thaw with cmake --install, or set THAW_EMULATOR."));
        return;
    }
    m_dir = std::make_unique<QTemporaryDir>(
        QDir::temp().filePath(QStringLiteral("thaw-demo-XXXXXX")));
    if (!m_dir->isValid()) {
        fail(tr("The demo cannot create its temporary folder: %1").arg(m_dir->errorString()));
        return;
    }
    const QString seedPath = m_dir->filePath(QStringLiteral("seed.json"));
    QFile seed(seedPath);
    const QByteArray seedJson = QJsonDocument(demoSeed(demoDescriptionSamples())).toJson();
    if (!seed.open(QIODevice::WriteOnly) || seed.write(seedJson) != seedJson.size()
        || !seed.flush()) {
        fail(tr("The demo cannot write %1: %2").arg(seedPath, seed.errorString()));
        return;
    }
    seed.close();
    m_accessKeyId = QStringLiteral("AKIATHAWDEMO")
                    + randomText(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 8);
    m_secretAccessKey = randomText(
        QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), 40);

    m_process = new QProcess(this);
    m_process->setProgram(emulator);
    m_process->setArguments({QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--data"), m_dir->filePath(QStringLiteral("data")),
                             QStringLiteral("--region"), region(), QStringLiteral("--access-key"),
                             m_accessKeyId, QStringLiteral("--secret-key"), m_secretAccessKey,
                             QStringLiteral("--seed"), seedPath});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // Thaw killed without a chance to stop its demo (kill -9, a crash): the kernel ends the
    // emulator too, instead of leaving a server with the demo's keys running.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, &DemoEmulator::readStandardOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        fail(tr("thaw-emulator could not run: %1").arg(m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        const QString stderrText
            = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
        fail(tr("thaw-emulator stopped (exit code %1): %2").arg(exitCode).arg(stderrText));
    });
    m_process->start();
}

void DemoEmulator::readStandardOutput()
{
    m_output += m_process->readAllStandardOutput();
    if (m_ready || m_failed || !m_output.contains('\n'))
        return;
    const QByteArray line = m_output.left(m_output.indexOf('\n')).trimmed();
    bool ok = false;
    const uint port = line.startsWith("LISTENING ") ? line.mid(10).toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535) {
        fail(tr("thaw-emulator answered something unexpected: %1")
                 .arg(QString::fromLocal8Bit(line.left(200))));
        return;
    }
    m_endpoint.setScheme(QStringLiteral("http"));
    m_endpoint.setHost(QStringLiteral("127.0.0.1"));
    m_endpoint.setPort(int(port));
    m_ready = true;
    Q_EMIT ready(m_endpoint);
}

void DemoEmulator::fail(const QString &message)
{
    // Also after ready(): the demo's server going away is worth saying.
    if (m_failed)
        return;
    m_failed = true;
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
    Q_EMIT failed(message);
}

} // namespace thaw::ui
