#include "recarga/envelope/envelope.hpp"

#include <chrono>
#include <random>

#include <boost/json/parse.hpp>
#include <boost/json/serializer.hpp>

#include "recarga/envelope/contract.hpp"

namespace recarga::envelope {

namespace json = boost::json;

std::string gateway_queue(std::string_view gateway_id) { return "recarga.gateway." + std::string(gateway_id); }

std::string_view lane_for_action(std::string_view action) noexcept {
    // Decisions a driver or operator waits for (DESIGN.md §3 "Priority").
    constexpr std::string_view priority[] = {"Authorize", "BootNotification", "StartTransaction",
                                             "StopTransaction", "TransactionEvent", "DataTransfer"};
    for (auto a : priority) {
        if (a == action) {
            return kLanePriority;
        }
    }
    return kLaneBulk;
}

std::string_view to_string(Kind k) noexcept {
    switch (k) {
    case Kind::Call:
        return "call";
    case Kind::Result:
        return "result";
    case Kind::Error:
        return "error";
    case Kind::Connected:
        return "connected";
    case Kind::Disconnected:
        return "disconnected";
    case Kind::Command:
        return "command";
    case Kind::CommandResult:
        return "command_result";
    case Kind::Close:
        return "close";
    case Kind::Admit:
        return "admit";
    case Kind::Admission:
        return "admission";
    }
    return "";
}

std::optional<Kind> kind_from_string(std::string_view s) noexcept {
    for (auto k : {Kind::Call, Kind::Result, Kind::Error, Kind::Connected, Kind::Disconnected, Kind::Command,
                   Kind::CommandResult, Kind::Close, Kind::Admit, Kind::Admission}) {
        if (to_string(k) == s) {
            return k;
        }
    }
    return std::nullopt;
}

namespace {

// Writes an envelope straight into the batch's text (no intermediate json::object, no copy of the payload);
// strings and the payload go through Boost.JSON's serializer, so escaping is Boost.JSON's.
class BatchWriter {
public:
    explicit BatchWriter(std::string& out) : out_(out) {}
    void envelope(const Envelope& e) {
        out_ += "{\"kind\":";
        string(to_string(e.kind));
        field("station", e.station, true);
        field("gateway", e.gateway, true);
        out_ += ",\"connection\":";
        out_ += std::to_string(e.connection);
        field("protocol", e.protocol);
        field("messageId", e.message_id);
        field("action", e.action);
        if (!e.payload.is_null()) {
            out_ += ",\"payload\":";
            write(&e.payload);
        }
        field("errorCode", e.error_code);
        field("errorDescription", e.error_description);
        field("traceId", e.trace_id);
        field("remote", e.remote);
        field("replyTo", e.reply_to);
        field("outcome", e.outcome);
        if (e.timeout_ms > 0) {
            out_ += ",\"timeoutMs\":";
            out_ += std::to_string(e.timeout_ms);
        }
        out_ += ",\"at\":";
        out_ += std::to_string(e.at_us);
        out_ += '}';
    }

private:
    void field(std::string_view key, const std::string& v, bool always = false) {
        if (always || !v.empty()) {
            out_ += ",\"";
            out_ += key; // keys are plain ASCII names
            out_ += "\":";
            string(v);
        }
    }
    void string(std::string_view v) {
        sr_.reset(v);
        drain();
    }
    void write(const json::value* v) {
        sr_.reset(v);
        drain();
    }
    void drain() {
        char buf[2048];
        while (!sr_.done()) {
            out_ += sr_.read(buf, sizeof buf);
        }
    }
    std::string& out_;
    json::serializer sr_;
};

bool get_string(const json::object& o, std::string_view key, std::string& out, bool required) {
    auto it = o.find(key);
    if (it == o.end()) {
        return !required;
    }
    if (!it->value().is_string()) {
        return false;
    }
    out = std::string(it->value().get_string());
    return true;
}

} // namespace

std::string encode_batch(std::span<const Envelope> batch) {
    std::string out;
    out.reserve(256 * batch.size() + 2);
    BatchWriter w(out);
    out += '[';
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        w.envelope(batch[i]);
    }
    out += ']';
    return out;
}

std::optional<std::vector<Envelope>> decode_batch(std::string_view body, DecodeFailure& failure) {
    boost::system::error_code ec;
    json::value root = json::parse(body, ec);
    if (ec) {
        failure.description = "batch is not valid JSON: " + ec.message();
        return std::nullopt;
    }
    if (!root.is_array()) {
        failure.description = "batch is not a JSON array";
        return std::nullopt;
    }
    std::vector<Envelope> out;
    out.reserve(root.get_array().size());
    for (auto& item : root.get_array()) {
        if (!item.is_object()) {
            failure.description = "envelope is not an object";
            return std::nullopt;
        }
        auto& o = item.get_object();
        Envelope e;
        std::string kind;
        if (!get_string(o, "kind", kind, true) || !kind_from_string(kind)) {
            failure.description = "envelope has no valid kind";
            return std::nullopt;
        }
        e.kind = *kind_from_string(kind);
        if (!get_string(o, "station", e.station, true) || !get_string(o, "gateway", e.gateway, true) ||
            !get_string(o, "protocol", e.protocol, false) || !get_string(o, "messageId", e.message_id, false) ||
            !get_string(o, "action", e.action, false) || !get_string(o, "errorCode", e.error_code, false) ||
            !get_string(o, "errorDescription", e.error_description, false) ||
            !get_string(o, "traceId", e.trace_id, false) || !get_string(o, "remote", e.remote, false) ||
            !get_string(o, "replyTo", e.reply_to, false) || !get_string(o, "outcome", e.outcome, false)) {
            failure.description = "envelope field has the wrong type or is missing";
            return std::nullopt;
        }
        if (auto it = o.find("connection"); it != o.end()) {
            if (!it->value().is_number()) {
                failure.description = "envelope connection is not a number";
                return std::nullopt;
            }
            e.connection = it->value().to_number<std::uint64_t>();
        }
        if (auto it = o.find("at"); it != o.end() && it->value().is_number()) {
            e.at_us = it->value().to_number<std::int64_t>();
        }
        if (auto it = o.find("timeoutMs"); it != o.end()) {
            if (!it->value().is_number()) {
                failure.description = "envelope timeoutMs is not a number";
                return std::nullopt;
            }
            e.timeout_ms = it->value().to_number<std::int64_t>();
        }
        if (auto it = o.find("payload"); it != o.end()) {
            e.payload = std::move(it->value());
        }
        if (e.kind == Kind::Call && (e.message_id.empty() || e.action.empty() || !e.payload.is_object())) {
            failure.description = "call envelope needs messageId, action and an object payload";
            return std::nullopt;
        }
        if (e.kind == Kind::Command && (e.message_id.empty() || e.action.empty() || !e.payload.is_object() ||
                                        e.reply_to.empty() || e.timeout_ms <= 0)) {
            failure.description = "command envelope needs messageId, action, an object payload, replyTo and timeoutMs";
            return std::nullopt;
        }
        if (e.kind == Kind::CommandResult && (e.message_id.empty() || e.outcome.empty())) {
            failure.description = "command_result envelope needs messageId and outcome";
            return std::nullopt;
        }
        if ((e.kind == Kind::Admit && (e.message_id.empty() || !e.payload.is_object())) ||
            (e.kind == Kind::Admission && (e.message_id.empty() || e.outcome.empty()))) {
            failure.description = "admit needs messageId and an object payload, admission messageId and outcome";
            return std::nullopt;
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t now_us() noexcept {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string new_trace_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    std::string s(16, '0');
    auto v = rng();
    for (auto& c : s) {
        c = hex[v & 0xf];
        v >>= 4;
    }
    return s;
}

} // namespace recarga::envelope
