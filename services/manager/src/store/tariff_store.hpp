// Tariff versions, their assignments to stations, EVSEs and token groups, and the pricing state of
// transactions (db/migrations/0090). Versions are immutable: a change inserts version n+1. Writes happen in the
// caller's transaction.
#pragma once

#include "domain/tariff.hpp"

#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace recarga::manager {

struct TariffRecord {
    Tariff tariff;
    std::string name;
    std::string created_at;
    std::optional<std::string> created_by;
};

struct TariffAssignment {
    long long id = 0;
    std::string tariff_id;
    std::optional<std::string> station_id;
    std::optional<int> evse_id;
    std::optional<std::string> id_token_group;
    std::string created_at;
};

// A transaction the billing loop has to look at.
struct PricingCandidate {
    long long id = 0;
    std::string station_id;
    std::string transaction_id;
    std::optional<int> evse_id;
    std::optional<std::string> id_token;
    std::optional<std::string> state; // Active, Ended
    std::optional<std::string> pricing_state;
    std::optional<std::string> tariff_id;
    std::optional<int> tariff_version;
};

class PgTariffStore {
public:
    explicit PgTariffStore(pqxx::transaction_base& tx) : tx_(tx) {}

    // Inserts `t` as version 1 (create) or as the next version (update); returns the version written, or nullopt
    // when creating a tariff that exists or updating one that does not.
    std::optional<int> insert(const Tariff& t, const std::string& name, const std::optional<std::string>& by,
                              bool create);
    std::optional<TariffRecord> get(const std::string& id, std::optional<int> version);
    // Latest version of each tariff, ordered by id, after `after_id`.
    std::vector<TariffRecord> list_latest(std::optional<std::string> after_id, long limit);
    std::vector<TariffRecord> versions(const std::string& id);

    std::vector<TariffAssignment> assignments(std::optional<std::string> station_id);
    TariffAssignment assign(const TariffAssignment& a);
    bool unassign(long long id);

    // Transactions without a final price, oldest first, locked for this caller (SKIP LOCKED: several managers
    // share the work).
    std::vector<PricingCandidate> lock_pending(long limit);
    // Whether PostgreSQL's time-zone database knows this IANA name.
    bool known_time_zone(const std::string& zone);
    // For a tariff with a time zone: its offset at `from` and the offset changes up to `to` (domain/tariff).
    void fill_offsets(Tariff& t, EpochMs from, EpochMs to);
    // The tariff version that prices a transaction: the most specific assignment, in the version current when
    // the transaction reached the manager. nullopt when nothing applies.
    std::optional<std::pair<std::string, int>> tariff_for(const PricingCandidate& c);
    void set_tariff(long long transaction, const std::optional<std::pair<std::string, int>>& tariff);
    // The energy register readings of a transaction (start, samples, stop).
    std::vector<RegisterReading> readings(const PricingCandidate& c);
    EpochMs end_of(const PricingCandidate& c);
    void set_price(long long transaction, const CostBreakdown& cost, const std::string& breakdown_json);

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
