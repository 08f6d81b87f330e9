#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include "core/aws/httprequest.h"

// How a test request is signed: the emulator's test credentials and region by default; each
// field can be spoiled on purpose.
struct SignOptions
{
    QString accessKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
    QString secretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    QString sessionToken;
    QString region = QStringLiteral("us-east-1");
    QString service = QStringLiteral("glacier");
    QDateTime date;                    // now when invalid
    QByteArray version = "2012-06-01"; // x-amz-glacier-version; null: not sent
    bool sign = true;                  // false: no Authorization at all
    QByteArray pathOnWire;             // set to sign one path and send another
};

struct GlacierReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names lower-cased

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool hasHeader(const QByteArray &name) const { return headers.contains(name.toLower()); }
    QJsonObject json() const;
    QString errorCode() const { return json().value(QStringLiteral("code")).toString(); }
};

// Signed raw requests to the emulator through a QNetworkAccessManager, signed with
// core/aws/sigv4signer.h, and the control endpoints; each call waits with a timeout.
class GlacierTestClient
{
public:
    explicit GlacierTestClient(QUrl baseUrl);

    GlacierReply send(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                      const thaw::aws::HttpHeaders &headers = {}, const SignOptions &options = {},
                      int transferTimeoutMs = 0);
    // The same request over a fresh QTcpSocket, reading until the server closes or answers
    // in full: what the emulator sent, byte for byte, without QNetworkAccessManager's
    // transparent resends. closedEarly: the connection ended before Content-Length bytes.
    GlacierReply sendRaw(const QByteArray &method, const QByteArray &path,
                         const thaw::aws::HttpHeaders &headers, bool *closedEarly);
    GlacierReply control(const QByteArray &method, const QByteArray &path,
                         const QJsonObject &body = {});

    // Shortcuts that QVERIFY-friendly return empty strings on failure.
    bool createVault(const QString &vault);
    QString upload(const QString &vault, const QByteArray &data,
                   const QByteArray &description = {});
    QString initiate(const QString &vault, const QJsonObject &parameters);

    QNetworkAccessManager &manager() { return m_manager; }

private:
    thaw::aws::HttpHeaders signedHeaders(const QByteArray &method, const QByteArray &path,
                                         const QByteArray &body,
                                         const thaw::aws::HttpHeaders &headers,
                                         const SignOptions &options) const;
    GlacierReply wait(QNetworkReply *reply, int timeoutMs);

    QUrl m_base;
    QNetworkAccessManager m_manager;
};
