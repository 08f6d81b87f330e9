#include "inventorycommands.h"

#include "cliargs.h"

#include <QTextStream>

#include <array>

namespace thaw::cli {

namespace {

struct SubCommand
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

constexpr std::array subCommands{
    SubCommand{"retrieve", "Start an inventory job, wait, download, import (and follow Marker).",
               &runInventoryRetrieve},
    SubCommand{"fetch", "Download a completed inventory job's output and import it.",
               &runInventoryFetch},
    SubCommand{"import", "Import an inventory file (JSON or CSV) into the cache.",
               &runInventoryImport},
    SubCommand{"cached", "List the cached inventories of a vault.", &runInventoryCached},
    SubCommand{"list", "List, filter and sort the archives of a cached inventory.",
               &runInventoryList},
    SubCommand{"export", "Export a cached inventory to CSV or JSON.", &runInventoryExport},
    SubCommand{"diff", "Archives added and removed between two cached inventories.",
               &runInventoryDiff},
};

void printUsage(QTextStream &out)
{
    out << "usage: thaw-cli inventory <sub-command> --vault-name NAME [options]\n\n"
           "sub-commands:\n";
    for (const SubCommand &command : subCommands)
        out << "  " << QString::fromLatin1(command.name).leftJustified(10) << command.summary
            << '\n';
    out << "\nThe cache: --cache FILE, else $THAW_INVENTORY_CACHE, else the desktop app's.\n"
           "Run 'thaw-cli inventory <sub-command> --help' for its options.\n";
}

} // namespace

int runInventory(const QStringList &arguments)
{
    // arguments[0] is the program; the sub-command is the first word that is not an option or
    // the value of a global option.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (globalOptionsWithValue().contains(argument)) {
            ++i;
            continue;
        }
        if (argument.startsWith(QLatin1Char('-')))
            continue;
        for (const SubCommand &command : subCommands) {
            if (argument == QLatin1String(command.name)) {
                QStringList rest = arguments;
                rest.removeAt(i);
                return command.run(rest);
            }
        }
        printError(QStringLiteral("unknown inventory sub-command '%1'").arg(argument));
        QTextStream err(stderr);
        printUsage(err);
        return UsageError;
    }
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        QTextStream out(stdout);
        printUsage(out);
        return Success;
    }
    QTextStream err(stderr);
    printUsage(err);
    return UsageError;
}

} // namespace thaw::cli
