#pragma once

// Shared by the Jobs and Transfers view tests: a ClientProvider over Glacier clients the test
// makes (thaw-emulator or a fake network), and (from tests/support) a thaw-emulator holding one
// vault with one archive of reproducible data, plus archive-retrieval jobs on it.

#include "clitestsupport.h"
#include "emulatorvault.h" // EmulatorVault: the emulator with one vault and archive
#include "ui/clientprovider.h"

#include "core/glacier/glacierclient.h"

#include <QAbstractItemModel>
#include <QNetworkAccessManager>

#include <map>
#include <memory>

// Clients by account name (any region); an unknown account has none, with a reason.
class TestClientProvider final : public thaw::ui::ClientProvider
{
public:
    void add(const QString &account, QNetworkAccessManager *network, const QUrl &endpoint)
    {
        thaw::glacier::GlacierClient::Options options;
        options.retryPolicy.baseDelay = std::chrono::milliseconds(20);
        options.retryPolicy.maxDelay = std::chrono::milliseconds(200);
        options.transferTimeout = std::chrono::milliseconds(5000);
        m_clients[account] = std::make_unique<thaw::glacier::GlacierClient>(
            network, endpoint, EmulatorProcess::region(),
            thaw::aws::Credentials(EmulatorProcess::accessKey(), EmulatorProcess::secretKey()),
            options);
    }
    void remove(const QString &account) { m_clients.erase(account); }

    thaw::glacier::GlacierClient *client(const QString &account, const QString &) override
    {
        const auto it = m_clients.find(account);
        return it == m_clients.end() ? nullptr : it->second.get();
    }
    QString errorString(const QString &account, const QString &) const override
    {
        return QStringLiteral("no account named \"%1\"").arg(account);
    }

private:
    std::map<QString, std::unique_ptr<thaw::glacier::GlacierClient>> m_clients;
};
