#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// Runs thaw-emulator for a test: port 0 on 127.0.0.1, a fresh temporary --data directory, the
// given extra options. start() waits (with a timeout) for the first stdout line
// "LISTENING <port>"; the destructor kills the process.
//
//     EmulatorProcess emulator;
//     QVERIFY2(emulator.start({"--job-delay", "0.5"}), qPrintable(emulator.errorString()));
//     QUrl url = emulator.baseUrl(); // http://127.0.0.1:<port>
class EmulatorProcess final
{
public:
    // The executable defaults to THAW_EMULATOR_PATH (set by tests/emulator) or $THAW_EMULATOR.
    explicit EmulatorProcess(QString program = {});
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess &) = delete;
    EmulatorProcess &operator=(const EmulatorProcess &) = delete;

    bool start(const QStringList &extraArguments = {}, int timeoutMs = 10000);
    void stop();

    bool isRunning() const;
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    QString dataDir() const { return m_dataDir.path(); }
    QString errorString() const { return m_error; }
    QByteArray standardError() const; // what the emulator printed to stderr so far

    // The documented test credentials the emulator accepts by default.
    static QString accessKey();
    static QString secretKey();
    static QString region() { return QStringLiteral("us-east-1"); }

private:
    QString m_program;
    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
};
