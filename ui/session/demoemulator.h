#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace thaw::ui {

// Runs thaw-emulator for the demo: a temporary data directory seeded with demoSeed(), a fresh
// random key pair, 127.0.0.1 and a free port. start() returns at once; ready() or failed()
// follows (failed() also when the server stops after ready()). The process is stopped and its data
// removed when this object goes.
class DemoEmulator final : public QObject
{
    Q_OBJECT

public:
    explicit DemoEmulator(QObject *parent = nullptr);
    ~DemoEmulator() override;

    // thaw-emulator beside `applicationDir` (installed layout), in ../emulator/ (the build
    // tree), then on PATH; $THAW_EMULATOR wins when set. Empty when none is found.
    static QString findEmulator(const QString &applicationDir);

    // Starts `program` (findEmulator() when empty).
    void start(const QString &program = {});

    QUrl endpoint() const { return m_endpoint; }
    QString accessKeyId() const { return m_accessKeyId; }
    QString secretAccessKey() const { return m_secretAccessKey; }
    QString region() const { return QStringLiteral("us-east-1"); }

Q_SIGNALS:
    void ready(const QUrl &endpoint);
    void failed(const QString &message);

private:
    void fail(const QString &message);
    void readStandardOutput();

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    QUrl m_endpoint;
    QString m_accessKeyId;
    QString m_secretAccessKey;
    QByteArray m_output;
    bool m_ready = false;
    bool m_failed = false;
};

} // namespace thaw::ui
