// Floor: what RabbitMQ alone carries on this machine, measured with the same client library (rabbitmq-c
// through libs/amqp) the services use. Publishes N messages of S bytes to a fresh queue, then consumes and
// acknowledges them; transient, and persistent with publisher confirms. Prints one JSON object.
#include <chrono>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "recarga/amqp/connection.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Rates {
    double publish_per_s;
    double consume_per_s;
};

Rates run(const std::string& url, int count, int size, bool persistent) {
    using namespace recarga::amqp;
    const std::string queue = std::string("recarga.bench.floor.") + (persistent ? "persistent" : "transient");
    Connection pub({.url = url, .name = "bench-floor-publish"});
    pub.declare_queue(queue, {.durable = persistent, .auto_delete = false});
    if (persistent) {
        pub.enable_confirms();
    }
    const std::string body(static_cast<std::size_t>(size), 'x');
    auto t0 = Clock::now();
    for (int i = 0; i < count; ++i) {
        pub.publish("", queue, body, {.persistent = persistent});
        if (persistent && i % 100 == 99) {
            pub.wait_confirms(std::chrono::seconds(30)); // confirms in windows of 100, as a batching service would
        }
    }
    pub.wait_confirms(std::chrono::seconds(30));
    const double pub_s = seconds_since(t0);

    Connection sub({.url = url, .name = "bench-floor-consume"});
    sub.set_prefetch(200);
    sub.consume(queue, false);
    t0 = Clock::now();
    int got = 0;
    std::uint64_t last = 0;
    while (got < count) {
        auto d = sub.next(std::chrono::seconds(10));
        if (!d) {
            break;
        }
        ++got;
        last = d->delivery_tag;
        if (got % 50 == 0) {
            sub.ack(last, true);
        }
    }
    sub.ack(last, true);
    const double sub_s = seconds_since(t0);
    return {count / pub_s, got / sub_s};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"amqp_floor: raw RabbitMQ publish and consume rates"};
    std::string url = "amqp://guest:guest@127.0.0.1:5672";
    int count = 100000;
    int size = 400;
    app.add_option("--url", url)->envname("RECARGA_AMQP_URL");
    app.add_option("--count", count, "messages per run");
    app.add_option("--size", size, "message body in bytes");
    CLI11_PARSE(app, argc, argv);
    try {
        auto t = run(url, count, size, false);
        auto p = run(url, count, size, true);
        std::printf("{\"messages\":%d,\"size\":%d,\"transient_publish_per_s\":%.0f,\"transient_consume_per_s\":%.0f,"
                    "\"persistent_confirmed_publish_per_s\":%.0f,\"persistent_consume_per_s\":%.0f}\n",
                    count, size, t.publish_per_s, t.consume_per_s, p.publish_per_s, p.consume_per_s);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "amqp_floor: %s\n", e.what());
        return 1;
    }
    return 0;
}
