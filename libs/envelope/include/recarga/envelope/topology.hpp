// Declares the broker objects of docs/contracts/amqp.md that both services rely on. Gateway and manager
// both call it on every (re)connect, so either may start first. The two lanes are classic queues unless
// `queue_type` is "quorum" (a RabbitMQ cluster, docs/deploy.md); every service of a deployment must pass the
// same type, the one of the broker's definitions, or the broker refuses the declaration (PRECONDITION_FAILED).
#pragma once

#include "recarga/amqp/connection.hpp"

#include <string_view>

namespace recarga::envelope {

// "classic" (or empty): declared without x-queue-type; "quorum": x-queue-type quorum.
void declare_ingress_topology(amqp::Connection& connection, std::string_view queue_type = {});

} // namespace recarga::envelope
