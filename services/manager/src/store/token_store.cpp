#include "store/token_store.hpp"

#include "billing/card_processor.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

std::optional<TokenRecord> PgTokenStore::find(const std::string& id_token, const std::optional<std::string>& type) {
    // Station ids never contain the unit separator (gateway station id rules), so it can join the allow list.
    auto r = tx_.exec_params("SELECT id_token, type, status, (extract(epoch FROM expires_at) * 1000)::bigint, "
                             "group_id_token, group_type, array_to_string(allowed_stations, E'\\x1f'), "
                             "allowed_stations IS NULL, w.id, w.balance::text, w.currency, w.allow_negative, "
                             "COALESCE(m.method = 'card', false) "
                             "FROM id_tokens k LEFT JOIN LATERAL (SELECT id, balance, currency, allow_negative "
                             "  FROM wallets WHERE id_token = k.id_token OR id_token_group = k.group_id_token "
                             "  ORDER BY (id_token IS NOT NULL) DESC LIMIT 1) w ON true "
                             "LEFT JOIN LATERAL (SELECT method FROM payment_methods "
                             "  WHERE id_token = k.id_token OR id_token_group = k.group_id_token "
                             "  ORDER BY (id_token IS NOT NULL) DESC LIMIT 1) m ON true "
                             "WHERE k.id_token = $1 AND ($2::text IS NULL OR "
                             "k.type = $2) ORDER BY (k.type = 'ISO14443') DESC, k.type LIMIT 1",
                             id_token, type);
    if (r.empty()) {
        return std::nullopt;
    }
    const auto& row = r[0];
    TokenRecord t;
    t.id_token = row[0].as<std::string>();
    t.type = row[1].as<std::string>();
    t.status = row[2].as<std::string>();
    if (!row[3].is_null()) {
        t.expires_at = std::chrono::system_clock::time_point(std::chrono::milliseconds(row[3].as<std::int64_t>()));
    }
    if (!row[4].is_null()) {
        t.group_id_token = row[4].as<std::string>();
    }
    t.group_type = row[5].as<std::string>();
    if (!row[7].as<bool>()) {
        std::vector<std::string> stations;
        const std::string joined = row[6].is_null() ? std::string() : row[6].as<std::string>();
        std::size_t start = 0;
        while (!joined.empty() && start <= joined.size()) {
            auto end = joined.find('\x1f', start);
            stations.push_back(joined.substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        t.allowed_stations = std::move(stations);
    }
    t.pays_by_card = row[12].as<bool>();
    if (!row[8].is_null() && !t.pays_by_card) {
        const auto c = currency(row[10].c_str()).value_or(Currency{row[10].as<std::string>(), 2});
        const auto balance = Decimal::parse(row[9].c_str()).value_or(Decimal{});
        t.credit = WalletCredit{row[8].as<std::string>(), Money{to_minor_units(balance, c), c}, row[11].as<bool>()};
    }
    return t;
}

std::optional<std::string> PgTokenStore::hold_card(const std::string& id_token, const Money& amount,
                                                   const std::string& idempotency_key, const Config& config) {
    auto processor = billing::card_processor(config);
    if (!processor) {
        return "card payments are not configured (RECARGA_CARD_URL)";
    }
    auto r = billing::CardProvider(tx_, std::move(*processor)).authorize(id_token, amount, idempotency_key);
    if (r.status == billing::PaymentResult::Status::Ok) {
        return std::nullopt;
    }
    return r.detail;
}

} // namespace recarga::manager
