// thaw-inventory-view-bench: how fast the Inventory view shows a large cached inventory.
// Run by tests/benchmarks/inventory-view.sh, which documents the targets; usable alone:
//
//   thaw-inventory-view-bench [--archives N] [--cache FILE] [--keep]
//
// Generates an inventory of N archives (default 1,000,000; JSON produced on the fly, never
// held in memory) and imports it through the core importer into FILE (a temporary cache unless
// given; an existing FILE that already holds the benchmark's inventory is reused). Then, with a
// real InventoryView on screen (offscreen or Xvfb), measures
//   - open:   setVault() → the first rows shown (the first page's modelReset, then the paint);
//   - search: each keystroke typed into the search field → the view shows that query's rows,
//             one keystroke after the other (the user types, waits, types);
//   - sort:   a click on the Size header → rows in the new order shown (for information).
// Prints each time in milliseconds, the targets (open ≤ 1000 ms, search ≤ 100 ms per
// keystroke, the worst one counts) and whether each is met; exits 1 when one is missed.
#include "core/inventory/inventoryimporter.h"
#include "core/inventory/inventoryreader.h"
#include "ui/clientprovider.h"
#include "ui/inventory/archivetablemodel.h"
#include "ui/inventory/inventoryview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace thaw;
using namespace Qt::StringLiterals;

namespace {

const inventory::VaultKey BenchVault{u"bench"_s, u"us-east-1"_s, u"million"_s};

// The benchmark needs no Glacier client: restores are not measured.
class NoClients final : public ui::ClientProvider
{
public:
    glacier::GlacierClient *client(const QString &, const QString &) override { return nullptr; }
    QString errorString(const QString &, const QString &) const override
    {
        return u"benchmark"_s;
    }
};

// Glacier's inventory JSON for `count` archives, produced in pieces as the importer reads.
// Names spread over 3 levels of folders with words a user would search for.
class GeneratedInventory
{
public:
    explicit GeneratedInventory(qint64 count)
        : m_count(count)
    {
        m_pending = "{\"VaultARN\":\"arn:aws:glacier:us-east-1:012345678901:vaults/million\","
                    "\"InventoryDate\":\"2026-11-20T08:00:00Z\",\"ArchiveList\":[";
    }

    qint64 read(char *data, qint64 maxSize)
    {
        while (m_pending.size() - m_offset < maxSize && m_next <= m_count)
            refill();
        const qint64 n = std::min<qint64>(maxSize, m_pending.size() - m_offset);
        std::memcpy(data, m_pending.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }

private:
    void refill()
    {
        m_pending.remove(0, m_offset);
        m_offset = 0;
        if (m_next == m_count) {
            m_pending += "]}";
            ++m_next;
            return;
        }
        static const char *const years[] = {"2014", "2015", "2016", "2017", "2018", "2019",
                                            "2020", "2021", "2022", "2023"};
        static const char *const kinds[] = {"photos", "documents", "music", "video", "backup",
                                            "projects", "mail", "scans"};
        static const char *const words[] = {"holiday", "invoice", "family", "report", "draft",
                                            "beach", "garden", "tax", "wedding", "budget"};
        const qint64 i = m_next++;
        char entry[512];
        const int length = std::snprintf(
            entry, sizeof entry,
            "%s{\"ArchiveId\":\"%0138lld\",\"ArchiveDescription\":\"%s/%s/%s-%07lld.dat\","
            "\"CreationDate\":\"20%02lld-%02lld-%02lldT%02lld:%02lld:00Z\",\"Size\":%lld,"
            "\"SHA256TreeHash\":\"%064llx\"}",
            i == 0 ? "" : ",", static_cast<long long>(i), kinds[i % 8], years[(i / 8) % 10],
            words[(i / 80) % 10], static_cast<long long>(i), 14 + (i * 7) % 10,
            1 + (i * 5) % 12, 1 + (i * 3) % 28, (i * 11) % 24, (i * 13) % 60,
            static_cast<long long>((i * 2654435761LL) % 4'000'000'000LL + 1),
            static_cast<unsigned long long>(i * 0x9E3779B97F4A7C15ULL));
        m_pending.append(entry, length);
    }

    qint64 m_count;
    qint64 m_next = 0;
    QByteArray m_pending;
    qint64 m_offset = 0;
};

// The view has painted the rows of its latest query.
bool waitShown(ui::InventoryView &view, QSignalSpy &shown, int timeoutMs)
{
    if (shown.isEmpty() && !shown.wait(timeoutMs))
        return false;
    shown.clear();
    const QModelIndex first = view.archiveModel()->index(0, 0);
    if (first.isValid() && !first.data(ui::ArchiveTableModel::LoadedRole).toBool())
        return false;
    view.listView()->viewport()->repaint(); // paints now, as the next frame would
    return true;
}

double milliseconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"How fast the Inventory view shows a large inventory."_s);
    parser.addHelpOption();
    parser.addOption({u"archives"_s, u"Archives in the generated inventory."_s, u"N"_s,
                      u"1000000"_s});
    parser.addOption({u"cache"_s, u"The inventory cache to use (kept)."_s, u"FILE"_s});
    parser.process(app);
    const qint64 count = parser.value(u"archives"_s).toLongLong();
    if (count <= 0) {
        std::fprintf(stderr, "--archives must be positive\n");
        return 2;
    }
    QTemporaryDir tempDir;
    const QString cachePath = parser.isSet(u"cache"_s) ? parser.value(u"cache"_s)
                                                       : tempDir.filePath(u"cache.sqlite"_s);

    // The cache: reused when it already holds this inventory (the import is the other
    // benchmark's subject, tests/benchmarks/inventory.sh).
    {
        inventory::InventoryReader reader(cachePath);
        const auto existing = QFileInfo::exists(cachePath)
                                  ? reader.inventories(BenchVault)
                                  : inventory::CacheResult<QList<inventory::InventorySummary>>(
                                      QList<inventory::InventorySummary>());
        const bool reuse = existing.ok() && !existing.value().isEmpty()
                           && existing.value().constFirst().archiveCount == count;
        if (!reuse) {
            std::printf("Generating and importing %lld archives into %s…\n",
                        static_cast<long long>(count), qPrintable(cachePath));
            std::fflush(stdout);
            GeneratedInventory generated(count);
            inventory::InventoryImporter importer(cachePath);
            inventory::ImportOptions options;
            options.vault = BenchVault;
            QElapsedTimer importTime;
            importTime.start();
            const auto imported = importer.importStream(
                [&generated](char *data, qint64 maxSize) { return generated.read(data, maxSize); },
                options);
            if (!imported.ok()) {
                std::fprintf(stderr, "import failed: %s\n",
                             qPrintable(imported.error().message));
                return 2;
            }
            std::printf("  imported in %.1f s (not a target here)\n",
                        milliseconds(importTime) / 1000);
        }
    }

    NoClients clients;
    ui::InventoryView view(clients, ui::QueueDownload([](auto &&...) {}), cachePath);
    view.resize(1200, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        std::fprintf(stderr, "the window was not shown\n");
        return 2;
    }
    QSignalSpy shown(view.archiveModel(), &ui::ArchiveTableModel::queryShown);

    // Open: from choosing the vault to its first rows on screen.
    QElapsedTimer timer;
    timer.start();
    view.setVault(ui::VaultRef{BenchVault.account, BenchVault.region, BenchVault.vault});
    if (!waitShown(view, shown, 60000)) {
        std::fprintf(stderr, "the first rows never came\n");
        return 2;
    }
    const double openMs = milliseconds(timer);
    if (!QTest::qWaitFor([&] { return view.archiveModel()->isSettled(); }, 60000)) {
        std::fprintf(stderr, "the rows were never counted\n");
        return 2;
    }
    const double countedMs = milliseconds(timer);
    if (view.archiveModel()->rowCount() != count) {
        std::fprintf(stderr, "the view shows %d rows, not %lld\n", view.archiveModel()->rowCount(),
                     static_cast<long long>(count));
        return 2;
    }

    // Search: type a query one key at a time; each keystroke until its rows are shown.
    auto *search = view.findChild<QLineEdit *>(u"searchEdit"_s);
    const QString typed = u"report-00123"_s; // 20 archives per million match it
    QList<double> keystrokes;
    for (const QChar c : typed) {
        shown.clear();
        timer.restart();
        QTest::keyClick(search, c.toLatin1());
        if (!waitShown(view, shown, 60000)) {
            std::fprintf(stderr, "no rows after typing %c\n", c.toLatin1());
            return 2;
        }
        keystrokes.append(milliseconds(timer));
        // The user reads the answer before the next key.
        (void)QTest::qWaitFor([&] { return view.archiveModel()->isSettled(); }, 60000);
    }
    const int matches = view.archiveModel()->rowCount();

    // Sort by size (for information): clear the search, then click the header.
    search->clear();
    (void)QTest::qWaitFor(
        [&] {
            return view.archiveModel()->isSettled() && view.archiveModel()->query().filter.isEmpty();
        },
        60000);
    shown.clear();
    QHeaderView *header = view.listView()->header();
    const int x = header->sectionViewportPosition(ui::ArchiveTableModel::Size)
                  + header->sectionSize(ui::ArchiveTableModel::Size) / 2;
    timer.restart();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    const bool sorted = waitShown(view, shown, 60000);
    const double sortMs = milliseconds(timer);

    const double worstKey = *std::max_element(keystrokes.cbegin(), keystrokes.cend());
    QList<double> ordered = keystrokes;
    std::sort(ordered.begin(), ordered.end());
    const double medianKey = ordered.at(ordered.size() / 2);
    const bool openMet = openMs <= 1000;
    const bool searchMet = worstKey <= 100;

    std::printf("\nInventory view, %lld archives in the cache (%s)\n",
                static_cast<long long>(count), qPrintable(QFileInfo(cachePath).fileName()));
    std::printf("  open vault → first rows shown : %8.1f ms   target ≤ 1000 ms   %s\n", openMs,
                openMet ? "MET" : "MISSED");
    std::printf("  (all %lld rows counted         : %8.1f ms)\n", static_cast<long long>(count),
                countedMs);
    std::printf("  search keystroke → view       : %8.1f ms worst, %.1f ms median over %lld "
                "keys (\"%s\", %d matches)   target ≤ 100 ms   %s\n",
                worstKey, medianKey, static_cast<long long>(keystrokes.size()),
                qPrintable(typed), matches, searchMet ? "MET" : "MISSED");
    std::printf("  per keystroke (ms)            :");
    for (const double ms : std::as_const(keystrokes))
        std::printf(" %.1f", ms);
    std::printf("\n  sort by size → view           : %8.1f ms%s (information)\n", sortMs,
                sorted ? "" : " (not shown)");
    return openMet && searchMet ? 0 : 1;
}
