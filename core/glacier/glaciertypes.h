#pragma once

#include "jobdescription.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace thaw::glacier {

// A vault as Describe Vault and List Vaults return it.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vault-get.html
struct VaultDescription
{
    QString vaultArn;
    QString vaultName;
    std::optional<QDateTime> creationDate;
    std::optional<QDateTime> lastInventoryDate; // null until the first inventory
    qint64 numberOfArchives = 0;
    qint64 sizeInBytes = 0;
};

// One page of List Vaults; marker is absent on the last page.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-vaults-get.html
struct ListVaultsPage
{
    QList<VaultDescription> vaultList;
    std::optional<QString> marker;
};

// One page of List Jobs; marker is absent on the last page.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-jobs-get.html
struct ListJobsPage
{
    QList<JobDescription> jobList;
    std::optional<QString> marker;
};

// The query of List Jobs. Values are sent as given (statuscode: InProgress|Succeeded|Failed).
struct ListJobsFilter
{
    std::optional<bool> completed;
    std::optional<QString> statusCode;
    std::optional<int> limit;
    std::optional<QString> marker;
};

// Create Vault's answer: 201 with the vault's Location.
struct CreateVaultResult
{
    QString location;
};

// Initiate Job's answer: 202 with these headers.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-initiate-job-post.html
struct InitiateJobResult
{
    QString location;
    QString jobId;
    std::optional<QString> jobOutputPath; // Select jobs only
};

// The metadata of a Get Job Output answer, named after the AWS CLI's output fields.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-job-output-get.html
struct JobOutputMetadata
{
    int status = 0;                      // 200 or 206
    std::optional<QString> checksum;     // x-amz-sha256-tree-hash (absent when not tree-aligned)
    std::optional<QString> contentRange; // "bytes 0-1048575/16777216"
    std::optional<QString> contentType;
    std::optional<QString> acceptRanges;
    std::optional<QString> archiveDescription;
    std::optional<qint64> contentLength;
    QByteArray requestId;
};

// What GetJobOutput reports once the body has gone to the sink.
struct JobOutputResult
{
    JobOutputMetadata metadata;
    qint64 bytesWritten = 0;
};

// Upload Archive's answer: 201 with these headers.
// https://docs.aws.amazon.com/amazonglacier/latest/dev/api-archive-post.html
struct UploadArchiveResult
{
    QString location;
    QString checksum; // x-amz-sha256-tree-hash as Glacier computed it
    QString archiveId;
};

} // namespace thaw::glacier
