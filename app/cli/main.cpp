// thaw-cli: the command-line twin of Thaw. main() only finds the sub-command and hands over.
#include "app/common/allocatorpolicy.h"
#include "cliargs.h"
#include "downloadcommand.h"
#include "getjoboutputcommand.h"
#include "inventorycommands.h"
#include "jobcommands.h"
#include "signcommand.h"
#include "treehashcommand.h"
#include "uploadarchivecommand.h"
#include "vaultcommands.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <array>

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

constexpr std::array commands{
    Command{"tree-hash", "Print the SHA-256 tree hash of a file or of a byte range of it.",
            &thaw::cli::runTreeHash},
    Command{"sign", "Sign a raw HTTP request with SigV4 and print its Authorization header.",
            &thaw::cli::runSign},
    Command{"list-vaults", "List the account's vaults.", &thaw::cli::runListVaults},
    Command{"describe-vault", "Describe a vault.", &thaw::cli::runDescribeVault},
    Command{"create-vault", "Create a vault.", &thaw::cli::runCreateVault},
    Command{"list-jobs", "List a vault's jobs.", &thaw::cli::runListJobs},
    Command{"describe-job", "Describe a job.", &thaw::cli::runDescribeJob},
    Command{"initiate-job", "Start an archive or inventory retrieval job.",
            &thaw::cli::runInitiateJob},
    Command{"get-job-output", "Download a job's output to a file.", &thaw::cli::runGetJobOutput},
    Command{"download", "Restore a job's output in verified, resumable chunks.",
            &thaw::cli::runDownload},
    Command{"upload-archive", "Upload a file as one archive.", &thaw::cli::runUploadArchive},
    Command{"inventory", "Vault inventories: retrieve, fetch, import, list, export, diff.",
            &thaw::cli::runInventory},
};

void printUsage(QTextStream &out)
{
    out << "usage: thaw-cli [--profile NAME] [--region R] [--endpoint-url URL] "
           "[--output json|text] [--debug] <command> [options]\n\ncommands:\n";
    for (const Command &command : commands)
        out << "  " << QString::fromLatin1(command.name).leftJustified(15) << command.summary
            << '\n';
    out << "\nRun 'thaw-cli <command> --help' for a command's options.\n";
}

// Index of the sub-command word: the first argument that is neither an option nor the value of
// a global option, so that `thaw-cli --region eu-west-1 tree-hash f` works like the AWS CLI.
qsizetype commandIndex(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (thaw::cli::globalOptionsWithValue().contains(argument)) {
            ++i;
            continue;
        }
        if (!argument.startsWith(QLatin1Char('-')))
            return i;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    thaw::app::keepTransferBuffersInHeap();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("thaw"));
    QCoreApplication::setOrganizationName(QStringLiteral("thaw"));
    QCoreApplication::setApplicationVersion(QStringLiteral(THAW_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    // Thaw's own log lines are for debugging, like `aws --debug`; stdout and stderr stay clean.
    if (arguments.removeAll(QStringLiteral("--debug")) == 0)
        QLoggingCategory::setFilterRules(QStringLiteral("thaw.*.debug=false\nthaw.*.info=false"));
    QTextStream out(stdout);
    if (arguments.contains(QLatin1String("--version"))) {
        out << "thaw-cli " << THAW_VERSION << Qt::endl;
        return thaw::cli::Success;
    }
    const qsizetype index = commandIndex(arguments);
    if (index < 0) {
        if (arguments.contains(QLatin1String("--help"))
            || arguments.contains(QLatin1String("-h"))) {
            printUsage(out);
            return thaw::cli::Success;
        }
        QTextStream err(stderr);
        printUsage(err);
        return thaw::cli::UsageError;
    }
    const QString name = arguments.takeAt(index);
    for (const Command &command : commands) {
        if (name == QLatin1String(command.name))
            return command.run(arguments);
    }
    thaw::cli::printError(QStringLiteral("unknown command '%1'").arg(name));
    QTextStream err(stderr);
    printUsage(err);
    return thaw::cli::UsageError;
}
