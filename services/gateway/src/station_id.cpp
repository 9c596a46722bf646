#include "station_id.hpp"

#include <boost/url/pct_string_view.hpp>
#include <boost/url/parse.hpp>

namespace recarga::gateway {

std::optional<std::string> station_id_from_target(std::string_view target, std::string_view prefix) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) {
        return std::nullopt;
    }
    std::string_view encoded = parsed->encoded_path();
    if (encoded.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    encoded.remove_prefix(prefix.size());
    if (encoded.empty() || encoded.find('/') != std::string_view::npos) {
        return std::nullopt;
    }
    auto pct = boost::urls::make_pct_string_view(encoded);
    if (!pct) {
        return std::nullopt;
    }
    std::string id = pct->decode();
    if (id.empty() || id.size() > 48) {
        return std::nullopt;
    }
    for (unsigned char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == '~' || c == ':' || c == '@' || c == '+' || c == '*';
        if (!ok) {
            return std::nullopt;
        }
    }
    return id;
}

} // namespace recarga::gateway
