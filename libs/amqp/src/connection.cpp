#include "recarga/amqp/connection.hpp"

#include <amqp.h>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace recarga::amqp {

namespace {

constexpr amqp_channel_t kChannel = 1;

amqp_connection_state_t st(void* p) { return static_cast<amqp_connection_state_t>(p); }

amqp_bytes_t bytes(std::string_view s) {
    amqp_bytes_t b;
    b.len = s.size();
    b.bytes = const_cast<char*>(s.data());
    return b;
}

std::string to_string(amqp_bytes_t b) { return std::string(static_cast<const char*>(b.bytes), b.len); }

std::string describe(const amqp_rpc_reply_t& r) {
    switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return "ok";
    case AMQP_RESPONSE_NONE:
        return "missing RPC reply";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return amqp_error_string2(r.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (r.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
            auto* m = static_cast<amqp_connection_close_t*>(r.reply.decoded);
            return "connection closed by broker: " + std::to_string(m->reply_code) + " " + to_string(m->reply_text);
        }
        if (r.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            auto* m = static_cast<amqp_channel_close_t*>(r.reply.decoded);
            return "channel closed by broker: " + std::to_string(m->reply_code) + " " + to_string(m->reply_text);
        }
        return "broker exception";
    }
    return "unknown";
}

} // namespace

Connection::Connection(ConnectionConfig config) : config_(std::move(config)) {
    std::vector<char> url(config_.url.begin(), config_.url.end());
    url.push_back('\0');
    amqp_connection_info info;
    amqp_default_connection_info(&info);
    if (amqp_parse_url(url.data(), &info) != AMQP_STATUS_OK) {
        throw AmqpError("invalid AMQP URL");
    }
    if (info.vhost == nullptr || info.vhost[0] == '\0') {
        info.vhost = const_cast<char*>("/"); // "amqp://host:port/" means the default vhost, as in other clients
    }
    auto state = amqp_new_connection();
    conn_ = state;
    amqp_socket_t* socket = nullptr;
    if (info.ssl) {
        socket = amqp_ssl_socket_new(state);
        if (socket == nullptr) {
            throw AmqpError("cannot create TLS socket");
        }
        if (!config_.ca_cert_file.empty() &&
            amqp_ssl_socket_set_cacert(socket, config_.ca_cert_file.c_str()) != AMQP_STATUS_OK) {
            throw AmqpError("cannot load AMQP CA certificate " + config_.ca_cert_file);
        }
        amqp_ssl_socket_set_verify_peer(socket, 1);
        amqp_ssl_socket_set_verify_hostname(socket, 1);
    } else {
        socket = amqp_tcp_socket_new(state);
        if (socket == nullptr) {
            throw AmqpError("cannot create TCP socket");
        }
    }
    timeval tv{5, 0};
    int rc = amqp_socket_open_noblock(socket, info.host, info.port, &tv);
    if (rc != AMQP_STATUS_OK) {
        throw AmqpError(std::string("cannot connect to broker: ") + amqp_error_string2(rc));
    }
    // Small frames must leave at once: calls wait on each round trip through the broker.
    const int one = 1;
    ::setsockopt(amqp_get_sockfd(state), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    amqp_table_entry_t props[1];
    props[0].key = amqp_cstring_bytes("connection_name");
    props[0].value.kind = AMQP_FIELD_KIND_UTF8;
    props[0].value.value.bytes = bytes(config_.name);
    amqp_table_t client_props{1, props};
    auto login = amqp_login_with_properties(state, info.vhost, 0, 1 << 20, config_.heartbeat_seconds, &client_props,
                                            AMQP_SASL_METHOD_PLAIN, info.user, info.password);
    if (login.reply_type != AMQP_RESPONSE_NORMAL) {
        throw AmqpError("AMQP login failed: " + describe(login));
    }
    amqp_channel_open(state, kChannel);
    check_rpc("channel.open");
}

Connection::~Connection() {
    if (conn_ != nullptr) {
        auto state = st(conn_);
        amqp_channel_close(state, kChannel, AMQP_REPLY_SUCCESS);
        amqp_connection_close(state, AMQP_REPLY_SUCCESS);
        amqp_destroy_connection(state);
    }
}

void Connection::check_rpc(const char* what) {
    auto r = amqp_get_rpc_reply(st(conn_));
    if (r.reply_type != AMQP_RESPONSE_NORMAL) {
        throw AmqpError(std::string(what) + ": " + describe(r));
    }
}

void Connection::declare_exchange(std::string_view name, std::string_view type, bool durable) {
    amqp_exchange_declare(st(conn_), kChannel, bytes(name), bytes(type), 0, durable ? 1 : 0, 0, 0, amqp_empty_table);
    check_rpc("exchange.declare");
}

void Connection::declare_queue(std::string_view name, const QueueOptions& o) {
    amqp_table_entry_t entries[4];
    int n = 0;
    if (o.max_priority > 0) {
        entries[n].key = amqp_cstring_bytes("x-max-priority");
        entries[n].value.kind = AMQP_FIELD_KIND_I32;
        entries[n].value.value.i32 = o.max_priority;
        ++n;
    }
    if (o.expires_ms > 0) {
        entries[n].key = amqp_cstring_bytes("x-expires");
        entries[n].value.kind = AMQP_FIELD_KIND_I64;
        entries[n].value.value.i64 = o.expires_ms;
        ++n;
    }
    if (o.max_length > 0) {
        entries[n].key = amqp_cstring_bytes("x-max-length");
        entries[n].value.kind = AMQP_FIELD_KIND_I64;
        entries[n].value.value.i64 = o.max_length;
        ++n;
    }
    if (!o.queue_type.empty()) {
        entries[n].key = amqp_cstring_bytes("x-queue-type");
        entries[n].value.kind = AMQP_FIELD_KIND_UTF8;
        entries[n].value.value.bytes = bytes(o.queue_type);
        ++n;
    }
    amqp_table_t args{n, entries};
    amqp_queue_declare(st(conn_), kChannel, bytes(name), 0, o.durable ? 1 : 0, o.exclusive ? 1 : 0,
                       o.auto_delete ? 1 : 0, args);
    check_rpc("queue.declare");
}

void Connection::bind_queue(std::string_view queue, std::string_view exchange, std::string_view routing_key) {
    amqp_queue_bind(st(conn_), kChannel, bytes(queue), bytes(exchange), bytes(routing_key), amqp_empty_table);
    check_rpc("queue.bind");
}

void Connection::set_prefetch(std::uint16_t count) {
    amqp_basic_qos(st(conn_), kChannel, 0, count, 0);
    check_rpc("basic.qos");
}

void Connection::consume(std::string_view queue, bool no_ack) {
    amqp_basic_consume(st(conn_), kChannel, bytes(queue), amqp_empty_bytes, 0, no_ack ? 1 : 0, 0, amqp_empty_table);
    check_rpc("basic.consume");
}

void Connection::enable_confirms() {
    amqp_confirm_select(st(conn_), kChannel);
    check_rpc("confirm.select");
    confirms_ = true;
}

void Connection::publish(std::string_view exchange, std::string_view routing_key, std::string_view body,
                         const PublishOptions& o) {
    amqp_basic_properties_t props;
    std::memset(&props, 0, sizeof props);
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.delivery_mode = o.persistent ? 2 : 1;
    if (!o.content_type.empty()) {
        props._flags |= AMQP_BASIC_CONTENT_TYPE_FLAG;
        props.content_type = bytes(o.content_type);
    }
    if (!o.reply_to.empty()) {
        props._flags |= AMQP_BASIC_REPLY_TO_FLAG;
        props.reply_to = bytes(o.reply_to);
    }
    if (!o.correlation_id.empty()) {
        props._flags |= AMQP_BASIC_CORRELATION_ID_FLAG;
        props.correlation_id = bytes(o.correlation_id);
    }
    if (!o.message_type.empty()) {
        props._flags |= AMQP_BASIC_TYPE_FLAG;
        props.type = bytes(o.message_type);
    }
    if (o.priority > 0) {
        props._flags |= AMQP_BASIC_PRIORITY_FLAG;
        props.priority = o.priority;
    }
    int rc = amqp_basic_publish(st(conn_), kChannel, bytes(exchange), bytes(routing_key), o.mandatory ? 1 : 0, 0,
                                &props, bytes(body));
    if (rc != AMQP_STATUS_OK) {
        throw AmqpError(std::string("basic.publish failed: ") + amqp_error_string2(rc));
    }
    ++published_;
}

void Connection::wait_confirms(std::chrono::milliseconds timeout) {
    if (!confirms_) {
        return;
    }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (confirmed_ < published_) {
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            throw AmqpError("timed out waiting for publisher confirms");
        }
        timeval tv{static_cast<time_t>(left.count() / 1000000), static_cast<suseconds_t>(left.count() % 1000000)};
        amqp_frame_t frame;
        int rc = amqp_simple_wait_frame_noblock(st(conn_), &frame, &tv);
        if (rc == AMQP_STATUS_TIMEOUT) {
            continue;
        }
        if (rc != AMQP_STATUS_OK) {
            throw AmqpError(std::string("waiting for confirms: ") + amqp_error_string2(rc));
        }
        if (frame.frame_type != AMQP_FRAME_METHOD) {
            continue;
        }
        if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
            auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
            confirmed_ = ack->multiple ? ack->delivery_tag : std::max<std::uint64_t>(confirmed_, ack->delivery_tag);
        } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
            throw AmqpError("broker refused a published message (nack)");
        } else if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
                   frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
            throw AmqpError("broker closed the channel while confirming");
        }
    }
}

std::optional<Delivery> Connection::next(std::chrono::milliseconds timeout) {
    auto state = st(conn_);
    amqp_maybe_release_buffers(state);
    amqp_envelope_t env;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout).count();
    timeval tv{static_cast<time_t>(us / 1000000), static_cast<suseconds_t>(us % 1000000)};
    auto r = amqp_consume_message(state, &env, &tv, 0);
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_TIMEOUT) {
        return std::nullopt;
    }
    if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
        // A method frame other than basic.deliver arrived (e.g. a channel close); read and judge it.
        amqp_frame_t frame;
        int rc = amqp_simple_wait_frame(state, &frame);
        if (rc != AMQP_STATUS_OK) {
            throw AmqpError(std::string("reading frame: ") + amqp_error_string2(rc));
        }
        if (frame.frame_type == AMQP_FRAME_METHOD &&
            (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
             frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD)) {
            throw AmqpError("broker closed the channel");
        }
        return std::nullopt;
    }
    if (r.reply_type != AMQP_RESPONSE_NORMAL) {
        throw AmqpError("consume: " + describe(r));
    }
    Delivery d;
    d.body = to_string(env.message.body);
    d.delivery_tag = env.delivery_tag;
    d.routing_key = to_string(env.routing_key);
    d.exchange = to_string(env.exchange);
    d.redelivered = env.redelivered != 0;
    if (env.message.properties._flags & AMQP_BASIC_REPLY_TO_FLAG) {
        d.reply_to = to_string(env.message.properties.reply_to);
    }
    if (env.message.properties._flags & AMQP_BASIC_CONTENT_TYPE_FLAG) {
        d.content_type = to_string(env.message.properties.content_type);
    }
    amqp_destroy_envelope(&env);
    return d;
}

std::optional<Delivery> Connection::next(std::chrono::milliseconds timeout, Waker& waker) {
    if (!has_buffered()) {
        pollfd fds[2] = {{amqp_get_sockfd(st(conn_)), POLLIN, 0}, {waker.fd(), POLLIN, 0}};
        const int rc = ::poll(fds, 2, static_cast<int>(timeout.count()));
        if (rc > 0 && (fds[1].revents & POLLIN) != 0) {
            waker.drain();
            if ((fds[0].revents & (POLLIN | POLLERR | POLLHUP)) == 0) {
                return std::nullopt; // woken: the caller has work of its own
            }
        }
    }
    // Readable, buffered or timed out: the library reads what is there and keeps its heartbeats going.
    return next(std::chrono::milliseconds(0));
}

Waker::Waker() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (fd_ < 0) {
        throw AmqpError(std::string("eventfd: ") + std::strerror(errno));
    }
}

Waker::~Waker() { ::close(fd_); }

void Waker::notify() noexcept {
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
}

void Waker::drain() noexcept {
    std::uint64_t count = 0;
    [[maybe_unused]] auto n = ::read(fd_, &count, sizeof count);
}

bool Connection::has_buffered() const {
    return amqp_frames_enqueued(st(conn_)) != 0 || amqp_data_in_buffer(st(conn_)) != 0;
}

void Connection::ack(std::uint64_t delivery_tag, bool multiple) {
    int rc = amqp_basic_ack(st(conn_), kChannel, delivery_tag, multiple ? 1 : 0);
    if (rc != AMQP_STATUS_OK) {
        throw AmqpError(std::string("basic.ack failed: ") + amqp_error_string2(rc));
    }
}

void Connection::nack(std::uint64_t delivery_tag, bool multiple, bool requeue) {
    int rc = amqp_basic_nack(st(conn_), kChannel, delivery_tag, multiple ? 1 : 0, requeue ? 1 : 0);
    if (rc != AMQP_STATUS_OK) {
        throw AmqpError(std::string("basic.nack failed: ") + amqp_error_string2(rc));
    }
}

} // namespace recarga::amqp
