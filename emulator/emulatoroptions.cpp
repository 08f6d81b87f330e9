#include "emulatoroptions.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace thaw::emulator {

bool EmulatorOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local Amazon S3 Glacier (vaults API) for tests and demos."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port on 127.0.0.1 (0: any free)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("Directory holding vaults and jobs."),
                                        QStringLiteral("dir"));
    const QCommandLineOption regionOption(QStringLiteral("region"),
                                          QStringLiteral("Region of the signing scope."),
                                          QStringLiteral("region"), region);
    const QCommandLineOption accountOption(QStringLiteral("account-id"),
                                           QStringLiteral("The 12-digit account id."),
                                           QStringLiteral("id"), accountId);
    const QCommandLineOption delayOption(QStringLiteral("job-delay"),
                                         QStringLiteral("Seconds until a job succeeds."),
                                         QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption accessOption(QStringLiteral("access-key"),
                                          QStringLiteral("Accepted access key id."),
                                          QStringLiteral("key"), accessKey);
    const QCommandLineOption secretOption(QStringLiteral("secret-key"),
                                          QStringLiteral("Its secret access key."),
                                          QStringLiteral("secret"), secretKey);
    const QCommandLineOption faultsOption(QStringLiteral("faults"),
                                          QStringLiteral("Faults as JSON (see README.md)."),
                                          QStringLiteral("json"));
    const QCommandLineOption bandwidthOption(QStringLiteral("bandwidth"),
                                             QStringLiteral("Job output bytes/s per response."),
                                             QStringLiteral("bytes"));
    const QCommandLineOption seedOption(QStringLiteral("seed-archive"),
                                        QStringLiteral("Create VAULT with FILE as an archive."),
                                        QStringLiteral("vault:file[:description]"));
    const QCommandLineOption seedFileOption(
        QStringLiteral("seed"),
        QStringLiteral("Create the vaults, archives and jobs of a JSON seed file (README.md)."),
        QStringLiteral("file"));
    parser.addOptions({portOption, dataOption, regionOption, accountOption, delayOption,
                       accessOption, secretOption, faultsOption, bandwidthOption, seedOption,
                       seedFileOption});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        *error = parser.helpText();
        return false;
    }
    bool ok = false;
    const uint portValue = parser.value(portOption).toUInt(&ok);
    if (!ok || portValue > 65535) {
        *error = QStringLiteral("bad --port");
        return false;
    }
    port = quint16(portValue);
    dataDir = parser.value(dataOption);
    if (dataDir.isEmpty()) {
        *error = QStringLiteral("--data DIR is required");
        return false;
    }
    region = parser.value(regionOption);
    accountId = parser.value(accountOption);
    jobDelaySeconds = parser.value(delayOption).toDouble(&ok);
    if (!ok || jobDelaySeconds < 0) {
        *error = QStringLiteral("bad --job-delay");
        return false;
    }
    accessKey = parser.value(accessOption);
    secretKey = parser.value(secretOption);
    if (parser.isSet(faultsOption)) {
        QJsonParseError parseError;
        const QJsonDocument doc
            = QJsonDocument::fromJson(parser.value(faultsOption).toUtf8(), &parseError);
        if (!doc.isObject()) {
            *error
                = QStringLiteral("--faults is not a JSON object: %1").arg(parseError.errorString());
            return false;
        }
        faults = doc.object();
    }
    if (parser.isSet(bandwidthOption))
        faults.insert(QStringLiteral("bandwidth"), parser.value(bandwidthOption).toDouble());
    seedFile = parser.value(seedFileOption);
    for (const QString &seed : parser.values(seedOption)) {
        const qsizetype first = seed.indexOf(u':');
        if (first <= 0) {
            *error = QStringLiteral("bad --seed-archive %1").arg(seed);
            return false;
        }
        const qsizetype second = seed.indexOf(u':', first + 1);
        SeedArchive s;
        s.vault = seed.left(first);
        s.file = second < 0 ? seed.mid(first + 1) : seed.mid(first + 1, second - first - 1);
        if (second >= 0)
            s.description = seed.mid(second + 1).toUtf8();
        seeds.append(s);
    }
    return true;
}

} // namespace thaw::emulator
