// Declares the broker objects of docs/contracts/amqp.md that both services rely on. Gateway and manager
// both call it on every (re)connect, so either may start first.
#pragma once

#include "recarga/amqp/connection.hpp"

namespace recarga::envelope {

void declare_ingress_topology(amqp::Connection& connection);

} // namespace recarga::envelope
