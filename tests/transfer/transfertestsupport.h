#pragma once

#include "clitestsupport.h"

#include <QFileInfo>
#include <QJsonObject>

#include <memory>

// Shared by the transfer integration tests: a thaw-emulator holding one archive of
// reproducible data in one vault, and archive-retrieval jobs on it (job delay 0).
struct TransferFixture
{
    EmulatorProcess emulator;
    std::unique_ptr<CliRunner> cli;
    std::unique_ptr<EmulatorControl> control;
    QByteArray data;
    QString archiveId;
    QString vault = QStringLiteral("restores");

    bool start(qint64 size, quint32 seed, QString *error)
    {
        if (!emulator.start()) {
            *error = emulator.errorString();
            return false;
        }
        cli = std::make_unique<CliRunner>(emulator);
        control = std::make_unique<EmulatorControl>(emulator.baseUrl());
        data = testData(size, seed);
        const CliRun created = cli->run({"create-vault", "--vault-name", vault});
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

    // A completed archive-retrieval job for the archive (or a range of it); empty on failure.
    QString newJob(const QString &range = {}) const
    {
        QJsonObject parameters{{"Type", "archive-retrieval"}, {"ArchiveId", archiveId}};
        if (!range.isEmpty())
            parameters.insert("RetrievalByteRange", range);
        const QString jobId = cli->initiateJob(vault, parameters);
        if (jobId.isEmpty())
            return {};
        return cli->waitForJob(vault, jobId).value("Completed").toBool() ? jobId : QString();
    }
};
