#include "recarga/envelope/topology.hpp"

#include "recarga/envelope/contract.hpp"

namespace recarga::envelope {

void declare_ingress_topology(amqp::Connection& c, std::string_view queue_type) {
    const std::string_view type = queue_type == "quorum" ? queue_type : std::string_view{};
    c.declare_exchange(kIngressExchange, "direct", true);
    c.declare_queue(kPriorityQueue, {.durable = true, .queue_type = type});
    c.declare_queue(kBulkQueue, {.durable = true, .queue_type = type});
    c.bind_queue(kPriorityQueue, kIngressExchange, kLanePriority);
    c.bind_queue(kBulkQueue, kIngressExchange, kLaneBulk);
}

} // namespace recarga::envelope
