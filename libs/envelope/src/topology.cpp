#include "recarga/envelope/topology.hpp"

#include "recarga/envelope/contract.hpp"

namespace recarga::envelope {

void declare_ingress_topology(amqp::Connection& c) {
    c.declare_exchange(kIngressExchange, "direct", true);
    c.declare_queue(kPriorityQueue, {.durable = true});
    c.declare_queue(kBulkQueue, {.durable = true});
    c.bind_queue(kPriorityQueue, kIngressExchange, kLanePriority);
    c.bind_queue(kBulkQueue, kIngressExchange, kLaneBulk);
}

} // namespace recarga::envelope
