#pragma once

#include "ui/vaultref.h"

#include "core/glacier/jobdescription.h"

#include <QObject>

namespace thaw::ui {

class ClientProvider;

// Brings a vault's newest succeeded inventory into the inventory cache: lists its jobs, takes
// the most recent completed inventory retrieval still in its output window, downloads the
// output to a temporary file and imports it on a worker thread. The demo uses it so that its
// seeded inventory shows at once, and the Jobs view's Download on an inventory job goes through
// fetchJob(); finished() reports the outcome (an error message, or empty).
class InventoryFetch final : public QObject
{
    Q_OBJECT

public:
    InventoryFetch(ClientProvider &clients, QString cachePath, QObject *parent = nullptr);

    void fetchLatest(const VaultRef &vault);
    // Downloads the output of this succeeded inventory-retrieval job and imports it.
    void fetchJob(const VaultRef &vault, const glacier::JobDescription &job);

Q_SIGNALS:
    void finished(const thaw::ui::VaultRef &vault, const QString &error);

private:
    ClientProvider &m_clients;
    QString m_cachePath;
};

} // namespace thaw::ui
