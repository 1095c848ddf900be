#pragma once

#include <QHostAddress>
#include <QString>

#include <chrono>

namespace Signet {

// Failures the local server can stage on purpose, to test how a backend copes.
struct ServerFaults
{
    std::chrono::milliseconds latency{0}; // added before every answer
    bool jwksFails = false;               // the JWKS answers 500
    bool staleJwks = false;               // the JWKS as it was before the last rotation
    friend bool operator==(const ServerFaults&, const ServerFaults&) = default;
};

struct ServerOptions
{
    static constexpr quint16 kDefaultPort = 8707;

    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = kDefaultPort; // 0: any free port
    bool allowRemote = false;    // required for an address other than loopback
    QString tlsCertificate;      // PEM files; both or neither
    QString tlsKey;
    bool issuerFromUrl = false; // every project's issuer is its URL here, whatever the project says
    // A connection that sends no complete request for this long is closed: an idle keep-alive
    // connection, or a client that never finishes its request (a slowloris).
    std::chrono::milliseconds idleTimeout{15000};
    ServerFaults faults;
};

} // namespace Signet
