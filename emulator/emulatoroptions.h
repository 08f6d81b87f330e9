#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace thaw::emulator {

// The access key pair the emulator accepts unless told otherwise: AWS's documentation example
// keys, so no real credential is ever needed for tests or demos.
inline constexpr char DefaultAccessKey[] = "AKIAIOSFODNN7EXAMPLE";
inline constexpr char DefaultSecretKey[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
inline constexpr char DefaultAccountId[] = "123456789012";

struct SeedArchive final
{
    QString vault;
    QString file;
    QByteArray description;
};

// Everything thaw-emulator takes on its command line (see emulator/README.md).
struct EmulatorOptions final
{
    quint16 port = 0;
    QString dataDir;
    QString region = QStringLiteral("us-east-1");
    QString accountId = QString::fromLatin1(DefaultAccountId);
    double jobDelaySeconds = 0;
    QString accessKey = QString::fromLatin1(DefaultAccessKey);
    QString secretKey = QString::fromLatin1(DefaultSecretKey);
    QJsonObject faults;
    QList<SeedArchive> seeds;
    QString seedFile; // --seed FILE.json (seeder.cpp)

    // Parses arguments (argv); false with *error on bad input.
    bool parse(const QStringList &arguments, QString *error);
};

} // namespace thaw::emulator
