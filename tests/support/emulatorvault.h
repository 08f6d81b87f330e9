#pragma once

// A thaw-emulator holding one vault with one archive of reproducible data, and retrieval jobs
// on it made through thaw-cli: the fixture of the transfer tests and the Jobs and Transfers
// view tests. Header-only; its users put tests/cli on their include path (CliRunner,
// EmulatorControl, testData()) and link thawtestsupport.

#include "clitestsupport.h"
#include "emulatorprocess.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>

struct EmulatorVault
{
    EmulatorProcess emulator;
    std::unique_ptr<CliRunner> cli;
    std::unique_ptr<EmulatorControl> control;
    QByteArray data;
    QString archiveId;
    QString vault = QStringLiteral("restores");

    // Starts the emulator (with `arguments`), creates the vault and uploads `size` bytes of
    // testData(size, seed) to it.
    bool start(qint64 size, quint32 seed, const QStringList &arguments, QString *error)
    {
        if (!emulator.start(arguments)) {
            *error = emulator.errorString();
            return false;
        }
        cli = std::make_unique<CliRunner>(emulator);
        control = std::make_unique<EmulatorControl>(emulator.baseUrl());
        data = testData(size, seed);
        const CliRun created
            = cli->run({QStringLiteral("create-vault"), QStringLiteral("--vault-name"), vault});
        if (created.exitCode != 0) {
            *error = QString::fromUtf8(created.describe());
            return false;
        }
        archiveId = cli->uploadArchive(vault, data);
        if (archiveId.isEmpty()) {
            *error = QStringLiteral("upload-archive failed");
            return false;
        }
        return true;
    }
    bool start(qint64 size, quint32 seed, QString *error) { return start(size, seed, {}, error); }

    // Initiates an Expedited archive-retrieval job on the archive; its id, empty on failure.
    QString initiate(const QString &description = {}) const
    {
        QJsonObject parameters{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                               {QStringLiteral("ArchiveId"), archiveId},
                               {QStringLiteral("Tier"), QStringLiteral("Expedited")}};
        if (!description.isEmpty())
            parameters.insert(QStringLiteral("Description"), description);
        return cli->initiateJob(vault, parameters);
    }

    // A completed archive-retrieval job for the archive (or a range of it); empty on failure.
    QString newJob(const QString &range = {}) const
    {
        QJsonObject parameters{{QStringLiteral("Type"), QStringLiteral("archive-retrieval")},
                               {QStringLiteral("ArchiveId"), archiveId}};
        if (!range.isEmpty())
            parameters.insert(QStringLiteral("RetrievalByteRange"), range);
        const QString jobId = cli->initiateJob(vault, parameters);
        if (jobId.isEmpty())
            return {};
        return cli->waitForJob(vault, jobId).value(QStringLiteral("Completed")).toBool()
                   ? jobId
                   : QString();
    }
};
