// What the gateway learns from a station's TLS connection (security profile 3): the client certificate's names
// (subject CN and DNS/URI subjectAltNames) and its SHA-256 fingerprint, taken only when OpenSSL verified the
// certificate against the operator's CA. The manager decides whether these names bind the station id.
// Plain OpenSSL, no Asio, so that this stays out of the Beast translation unit.
#pragma once

#include <optional>
#include <string>
#include <vector>

struct ssl_st;
struct x509_st;

namespace recarga::gateway {

struct PeerCertificate {
    std::vector<std::string> names; // CN first, then the subjectAltNames
    std::string sha256;             // lowercase hex of the DER encoding
};

// The names and fingerprint of a certificate.
PeerCertificate describe_certificate(x509_st* cert);

// The verified client certificate of a TLS connection, or nullopt when the peer sent none or it did not verify.
std::optional<PeerCertificate> verified_peer_certificate(ssl_st* ssl);

} // namespace recarga::gateway
