#include "tls_identity.hpp"

#include <memory>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace recarga::gateway {

namespace {

std::string to_string(const ASN1_STRING* s) {
    unsigned char* utf8 = nullptr;
    const int n = ASN1_STRING_to_UTF8(&utf8, s);
    if (n < 0 || utf8 == nullptr) {
        return {};
    }
    std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(n));
    OPENSSL_free(utf8);
    return out;
}

} // namespace

PeerCertificate describe_certificate(X509* cert) {
    PeerCertificate out;
    if (X509_NAME* subject = X509_get_subject_name(cert); subject != nullptr) {
        for (int i = X509_NAME_get_index_by_NID(subject, NID_commonName, -1); i >= 0;
             i = X509_NAME_get_index_by_NID(subject, NID_commonName, i)) {
            out.names.push_back(to_string(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, i))));
        }
    }
    auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (sans != nullptr) {
        for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
            const GENERAL_NAME* n = sk_GENERAL_NAME_value(sans, i);
            if (n->type == GEN_DNS) {
                out.names.push_back(to_string(n->d.dNSName));
            } else if (n->type == GEN_URI) {
                out.names.push_back(to_string(n->d.uniformResourceIdentifier));
            }
        }
        GENERAL_NAMES_free(sans);
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (X509_digest(cert, EVP_sha256(), md, &len) == 1) {
        static constexpr char kHex[] = "0123456789abcdef";
        out.sha256.reserve(len * 2);
        for (unsigned int i = 0; i < len; ++i) {
            out.sha256 += kHex[md[i] >> 4];
            out.sha256 += kHex[md[i] & 0x0f];
        }
    }
    return out;
}

std::optional<PeerCertificate> verified_peer_certificate(SSL* ssl) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), X509_free);
    if (!cert || SSL_get_verify_result(ssl) != X509_V_OK) {
        return std::nullopt;
    }
    return describe_certificate(cert.get());
}

} // namespace recarga::gateway
