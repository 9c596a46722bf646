// A synchronous OCPP-J station over wss:// for the security-profile tests (profiles 2 and 3), and the test PKI
// those tests need: a CA, server and client certificates made with the openssl command line at test time in a
// temporary directory (nothing secret is committed).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace recarga::test {

struct TlsClient {
    std::string ca_file;   // trusted CA of the server certificate
    std::string cert_file; // client certificate (profile 3); empty: none
    std::string key_file;
};

class TlsStation {
public:
    // Connects to wss://127.0.0.1:<port><target>; with `basic_credentials` ("user:password") it sends HTTP Basic.
    TlsStation(std::uint16_t port, const std::string& target, const std::string& protocol, const TlsClient& tls,
               const std::string& basic_credentials = {});
    ~TlsStation();
    bool tls_ok() const;     // the TLS handshake and the first read after it succeeded
    int http_status() const; // the upgrade's answer: 101 when upgraded, 0 when TLS failed
    bool open() const;
    // Sends a CALL and reads frames until its answer: the parsed frame array.
    boost::json::array call(const std::string& id, const std::string& action, const boost::json::value& payload);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A test PKI in a directory of its own: `ca` signs the server certificate (CN and SAN 127.0.0.1) and the
// station certificates; `rogue-ca` signs certificates the gateway must not trust.
class TestPki {
public:
    TestPki();
    ~TestPki();
    const std::string& dir() const { return dir_; }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }
    // Issues <name>.pem/<name>.key with subject CN `cn` (and `san`, e.g. "DNS:CP-1", when given), signed by
    // `issuer` ("ca" or "rogue-ca"), valid for `days` (negative: already expired).
    void issue(const std::string& name, const std::string& cn, const std::string& issuer = "ca", int days = 30,
               const std::string& san = {});

private:
    std::string dir_;
};

} // namespace recarga::test
