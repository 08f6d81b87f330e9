#include "core/inventory/inventoryexporter.h"
#include "core/inventory/inventoryimporter.h"
#include "core/inventory/inventoryreader.h"
#include "glacierclientsetup.h"
#include "inventoryclisupport.h"
#include "inventorycommands.h"

#include <QJsonArray>

// The inventory sub-commands that work on the local cache only: import, cached, list, export,
// diff. None needs credentials; the region only names the cache key.
namespace thaw::cli {

using namespace inventory;

namespace {

const QString FormatOption = QStringLiteral("format");
const QString AppendOption = QStringLiteral("append");
const QString FilterOption = QStringLiteral("filter");
const QString SortOption = QStringLiteral("sort");
const QString DescendingOption = QStringLiteral("descending");
const QString LimitOption = QStringLiteral("limit");
const QString OffsetOption = QStringLiteral("offset");
const QString FolderOption = QStringLiteral("folder");
const QString CsvOption = QStringLiteral("csv");
const QString JsonOption = QStringLiteral("json");
const QString NoFormulaGuardOption = QStringLiteral("no-formula-guard");
const QString FromOption = QStringLiteral("from");
const QString ToOption = QStringLiteral("to");

void addCommonOptions(QCommandLineParser &parser)
{
    addGlobalOptions(parser);
    addVaultNameOption(parser);
    addCacheOption(parser);
}

std::optional<qint64> wholeNumber(const QCommandLineParser &parser, const QString &name,
                                  qint64 minimum)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < minimum) {
        printError(QStringLiteral("--%1 must be a whole number, at least %2").arg(name).arg(minimum));
        return std::nullopt;
    }
    return value;
}

} // namespace

int runInventoryImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports an inventory already downloaded (the output of an inventory-retrieval job, "
        "JSON or CSV, detected from its first byte) into the cache. A CSV inventory carries no "
        "date: give --inventory-date (e.g. the job's CompletionDate). Importing the same "
        "InventoryDate again replaces it; other dates are kept."));
    addCommonOptions(parser);
    parser.addOptions({
        {InventoryDateOption,
         QStringLiteral("The InventoryDate to file it under (ISO 8601); required for CSV, "
                        "overrides the JSON's own."),
         QStringLiteral("date")},
        {FormatOption, QStringLiteral("json or csv (default: detected)."),
         QStringLiteral("format")},
        {AppendOption,
         QStringLiteral("Add the archives to the inventory of --inventory-date (a part of a "
                        "listing continued with Marker) instead of replacing it.")},
    });
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The inventory file."));
    ImportOptions options;
    QString file;
    int exitCode = Success;
    const std::optional<InventoryContext> context
        = setupLocalInventoryCommand(parser, arguments, &exitCode, [&] {
              if (parser.positionalArguments().size() != 1) {
                  printError(QStringLiteral("inventory import takes one FILE"));
                  return false;
              }
              file = parser.positionalArguments().first();
              if (parser.isSet(FormatOption)) {
                  const QString format = parser.value(FormatOption).toLower();
                  if (format != QLatin1String("json") && format != QLatin1String("csv")) {
                      printError(QStringLiteral("--format must be json or csv"));
                      return false;
                  }
                  options.format = format == QLatin1String("json") ? InventoryFormat::Json
                                                                   : InventoryFormat::Csv;
              }
              options.inventoryDate = parser.value(InventoryDateOption);
              options.appendToExisting = parser.isSet(AppendOption);
              if (options.appendToExisting && options.inventoryDate.isEmpty()) {
                  printError(QStringLiteral("--append needs --inventory-date"));
                  return false;
              }
              return true;
          });
    if (!context)
        return exitCode;
    options.vault = context->vault;
    InventoryImporter importer(context->cachePath);
    const CacheResult<InventorySummary> result = importer.importFile(file, options);
    if (!result)
        return reportInventoryError(result.error());
    printResult(toJson(*result), context->options.output);
    return Success;
}

int runInventoryCached(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the vault's cached inventories, newest first."));
    addCommonOptions(parser);
    int exitCode = Success;
    const std::optional<InventoryContext> context
        = setupLocalInventoryCommand(parser, arguments, &exitCode);
    if (!context)
        return exitCode;
    InventoryReader reader(context->cachePath);
    const CacheResult<QList<InventorySummary>> list = reader.inventories(context->vault);
    if (!list)
        return reportInventoryError(list.error());
    QJsonArray array;
    for (const InventorySummary &summary : *list)
        array.append(toJson(summary));
    printResult(QJsonObject{{QStringLiteral("InventoryList"), array}}, context->options.output);
    return Success;
}

int runInventoryList(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the archives of a cached inventory (the newest unless --inventory-date), with "
        "their decoded names. Count is the number matching the filter."));
    addCommonOptions(parser);
    parser.addOptions({
        {InventoryDateOption, QStringLiteral("Which cached inventory (default: the newest)."),
         QStringLiteral("date")},
        {FilterOption,
         QStringLiteral("Only archives whose decoded name, description or id contains TEXT "
                        "(case-insensitive)."),
         QStringLiteral("text")},
        {SortOption, QStringLiteral("name (default), size or date."), QStringLiteral("column"),
         QStringLiteral("name")},
        {DescendingOption, QStringLiteral("Sort in descending order.")},
        {FolderOption, QStringLiteral("Only the files directly in this decoded folder."),
         QStringLiteral("path")},
        {LimitOption, QStringLiteral("At most N archives (default 1000)."), QStringLiteral("n"),
         QStringLiteral("1000")},
        {OffsetOption, QStringLiteral("Skip the first N."), QStringLiteral("n"),
         QStringLiteral("0")},
    });
    ArchiveQuery query;
    qint64 limit = 1000;
    qint64 offset = 0;
    int exitCode = Success;
    const std::optional<InventoryContext> context
        = setupLocalInventoryCommand(parser, arguments, &exitCode, [&] {
              const QString sort = parser.value(SortOption);
              if (sort == QLatin1String("name"))
                  query.sort = SortColumn::Name;
              else if (sort == QLatin1String("size"))
                  query.sort = SortColumn::Size;
              else if (sort == QLatin1String("date"))
                  query.sort = SortColumn::Date;
              else {
                  printError(QStringLiteral("--sort must be name, size or date"));
                  return false;
              }
              query.order = parser.isSet(DescendingOption) ? Qt::DescendingOrder
                                                           : Qt::AscendingOrder;
              query.filter = parser.value(FilterOption);
              if (parser.isSet(FolderOption))
                  query.folder = parser.value(FolderOption);
              const std::optional<qint64> n = wholeNumber(parser, LimitOption, 1);
              const std::optional<qint64> skip = n ? wholeNumber(parser, OffsetOption, 0)
                                                   : std::nullopt;
              if (!skip)
                  return false;
              limit = std::min<qint64>(*n, std::numeric_limits<int>::max());
              offset = *skip;
              return true;
          });
    if (!context)
        return exitCode;
    InventoryReader reader(context->cachePath);
    const std::optional<InventorySummary> summary
        = findInventory(reader, context->vault, parser.value(InventoryDateOption), &exitCode);
    if (!summary)
        return exitCode;
    query.inventoryId = summary->id;
    const CacheResult<qint64> count = reader.count(query);
    if (!count)
        return reportInventoryError(count.error());
    const CacheResult<QList<ArchiveRow>> rows = reader.page(query, offset, int(limit));
    if (!rows)
        return reportInventoryError(rows.error());
    QJsonArray array;
    for (const ArchiveRow &row : *rows)
        array.append(toJson(row));
    printResult(QJsonObject{{QStringLiteral("Inventory"), toJson(*summary)},
                            {QStringLiteral("Count"), *count},
                            {QStringLiteral("ArchiveList"), array}},
                context->options.output);
    return Success;
}

int runInventoryExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Exports a cached inventory (the newest unless --inventory-date), archives in the "
        "inventory's own order. CSV: RFC 4180, UTF-8, columns ArchiveId, ArchiveDescription, "
        "DecodedPath, CreationDate, Size, SHA256TreeHash; a cell starting with = + - @ TAB or CR "
        "gets a leading ' so a spreadsheet shows it as text instead of running it, archive ids "
        "starting with - included (--no-formula-guard keeps the exact values, e.g. to paste ids "
        "into API calls). JSON: the inventory with DecodedPath and DescriptionFormat added to "
        "each archive, never guarded."));
    addCommonOptions(parser);
    parser.addOptions({
        {InventoryDateOption, QStringLiteral("Which cached inventory (default: the newest)."),
         QStringLiteral("date")},
        {CsvOption, QStringLiteral("Write CSV to FILE."), QStringLiteral("file")},
        {JsonOption, QStringLiteral("Write JSON to FILE."), QStringLiteral("file")},
        {NoFormulaGuardOption,
         QStringLiteral("Exact CSV values: no ' before cells (archive ids too) that start with "
                        "= + - @ TAB or CR.")},
    });
    ExportOptions options;
    QString output;
    int exitCode = Success;
    const std::optional<InventoryContext> context
        = setupLocalInventoryCommand(parser, arguments, &exitCode, [&] {
              if (parser.isSet(CsvOption) == parser.isSet(JsonOption)) {
                  printError(QStringLiteral("inventory export needs one of --csv FILE or "
                                            "--json FILE"));
                  return false;
              }
              options.format = parser.isSet(CsvOption) ? ExportFormat::Csv : ExportFormat::Json;
              output = parser.value(parser.isSet(CsvOption) ? CsvOption : JsonOption);
              options.formulaGuard = !parser.isSet(NoFormulaGuardOption);
              return true;
          });
    if (!context)
        return exitCode;
    InventoryReader reader(context->cachePath);
    const std::optional<InventorySummary> summary
        = findInventory(reader, context->vault, parser.value(InventoryDateOption), &exitCode);
    if (!summary)
        return exitCode;
    InventoryExporter exporter(context->cachePath);
    const CacheResult<qint64> written = exporter.exportInventory(summary->id, output, options);
    if (!written)
        return reportInventoryError(written.error());
    printResult(QJsonObject{{QStringLiteral("Path"), output},
                            {QStringLiteral("InventoryDate"), summary->inventoryDate},
                            {QStringLiteral("Archives"), *written}},
                context->options.output);
    return Success;
}

int runInventoryDiff(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Archives added and removed between two cached inventories of the vault (by archive id)."));
    addCommonOptions(parser);
    parser.addOptions({
        {FromOption, QStringLiteral("The older InventoryDate (required)."), QStringLiteral("date")},
        {ToOption, QStringLiteral("The newer InventoryDate (required)."), QStringLiteral("date")},
    });
    int exitCode = Success;
    const std::optional<InventoryContext> context
        = setupLocalInventoryCommand(parser, arguments, &exitCode, [&] {
              return requiredOption(parser, FromOption, QStringLiteral("inventory diff"))
                     && requiredOption(parser, ToOption, QStringLiteral("inventory diff"));
          });
    if (!context)
        return exitCode;
    InventoryReader reader(context->cachePath);
    const std::optional<InventorySummary> from
        = findInventory(reader, context->vault, parser.value(FromOption), &exitCode);
    if (!from)
        return exitCode;
    const std::optional<InventorySummary> to
        = findInventory(reader, context->vault, parser.value(ToOption), &exitCode);
    if (!to)
        return exitCode;
    const CacheResult<InventoryDiff> diff = reader.diff(from->id, to->id);
    if (!diff)
        return reportInventoryError(diff.error());
    QJsonArray added;
    QJsonArray removed;
    for (const ArchiveRow &row : diff->added)
        added.append(toJson(row));
    for (const ArchiveRow &row : diff->removed)
        removed.append(toJson(row));
    printResult(QJsonObject{{QStringLiteral("From"), from->inventoryDate},
                            {QStringLiteral("To"), to->inventoryDate},
                            {QStringLiteral("Added"), added},
                            {QStringLiteral("Removed"), removed},
                            {QStringLiteral("Unchanged"), diff->unchanged}},
                context->options.output);
    return Success;
}

} // namespace thaw::cli
