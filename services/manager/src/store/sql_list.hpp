// A list of SQL string literals for `IN (...)`, quoted by the transaction's connection: the set-based reads a
// lane worker or the outbox does for all stations of a batch in one statement instead of one per station.
#pragma once

#include <string>
#include <vector>

#include <pqxx/transaction_base>

namespace recarga::manager {

// "'a','b'" for {"a", "b"}; callers skip the statement when `values` is empty (IN () is not valid SQL).
inline std::string quoted_list(pqxx::transaction_base& tx, const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        out += tx.quote(values[i]);
    }
    return out;
}

} // namespace recarga::manager
