#include "events/live_event.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "domain/metering.hpp"
#include "handlers/context.hpp"

namespace recarga::manager::events {

namespace json = boost::json;
namespace env = recarga::envelope;

namespace {

const json::value* field(const json::value& v, std::string_view name) {
    return v.is_object() ? v.get_object().if_contains(name) : nullptr;
}

std::optional<std::int64_t> int_field(const json::value& v, std::string_view name) {
    const auto* f = field(v, name);
    if (f != nullptr && f->is_int64()) {
        return f->as_int64();
    }
    if (f != nullptr && f->is_uint64()) {
        return static_cast<std::int64_t>(f->as_uint64());
    }
    return std::nullopt;
}

std::optional<std::string> string_field(const json::value& v, std::string_view name) {
    const auto* f = field(v, name);
    return f != nullptr && f->is_string() ? std::optional<std::string>(std::string(f->as_string())) : std::nullopt;
}

std::optional<double> number(const json::value& v) {
    if (v.is_double()) {
        return v.as_double();
    }
    if (v.is_int64()) {
        return static_cast<double>(v.as_int64());
    }
    if (v.is_uint64()) {
        return static_cast<double>(v.as_uint64());
    }
    return std::nullopt;
}

// meterValue[].sampledValue[] of either version as {measurand, value, unit[, phase]}; values that are no number
// (1.6 SignedData) are left out.
json::array meter_values(const json::value& meter_value, bool v16) {
    json::array out;
    if (!meter_value.is_array()) {
        return out;
    }
    for (const auto& mv : meter_value.get_array()) {
        const auto* sampled = field(mv, "sampledValue");
        if (sampled == nullptr || !sampled->is_array()) {
            continue;
        }
        for (const auto& sv : sampled->get_array()) {
            std::optional<double> value;
            std::optional<std::string> unit;
            if (v16) {
                if (string_field(sv, "format").value_or("Raw") == "SignedData") {
                    continue;
                }
                if (auto text = string_field(sv, "value")) {
                    value = parse_meter_value(*text);
                }
                unit = string_field(sv, "unit");
            } else {
                if (const auto* v = field(sv, "value")) {
                    value = number(*v);
                }
                if (const auto* uom = field(sv, "unitOfMeasure")) {
                    unit = string_field(*uom, "unit");
                    if (auto m = int_field(*uom, "multiplier"); m && value) {
                        value = *value * std::pow(10.0, static_cast<double>(*m));
                    }
                }
            }
            if (!value) {
                continue;
            }
            json::object o{{"measurand", string_field(sv, "measurand").value_or(std::string(kEnergyRegister))},
                           {"value", *value}};
            o["unit"] = unit ? json::value(*unit) : json::value(nullptr);
            if (auto phase = string_field(sv, "phase")) {
                o["phase"] = *phase;
            }
            out.push_back(std::move(o));
        }
    }
    return out;
}

LiveEvent make(std::string_view type, const env::Envelope& in) {
    LiveEvent e;
    e.type = std::string(type);
    e.station = in.station;
    e.at_us = in.at_us;
    return e;
}

void call_events(const env::Envelope& in, const env::Envelope& reply, std::vector<LiveEvent>& out) {
    const bool v16 = in.protocol == "ocpp1.6";
    const auto& p = in.payload;
    if (in.action == "StatusNotification") {
        auto e = make(type::kConnectorStatus, in);
        if (v16) {
            const auto n = int_field(p, "connectorId").value_or(0);
            e.data = {{"evseId", n}, {"connectorId", n == 0 ? 0 : 1}, {"status", string_field(p, "status").value_or("")}};
        } else {
            e.data = {{"evseId", int_field(p, "evseId").value_or(0)},
                      {"connectorId", int_field(p, "connectorId").value_or(0)},
                      {"status", string_field(p, "connectorStatus").value_or("")}};
        }
        out.push_back(std::move(e));
    } else if (in.action == "MeterValues") {
        auto values = meter_values(field(p, "meterValue") ? *field(p, "meterValue") : json::value(), v16);
        if (values.empty()) {
            return;
        }
        auto e = make(type::kMeterValues, in);
        e.data["evseId"] = int_field(p, v16 ? "connectorId" : "evseId").value_or(0);
        if (auto tx = int_field(p, "transactionId"); v16 && tx) {
            e.data["transactionId"] = std::to_string(*tx);
        }
        e.data["values"] = std::move(values);
        out.push_back(std::move(e));
    } else if (in.action == "StartTransaction") {
        if (auto tx = int_field(reply.payload, "transactionId")) {
            auto e = make(type::kTransactionStarted, in);
            e.transaction_key = std::to_string(*tx);
            out.push_back(std::move(e));
        }
    } else if (in.action == "StopTransaction") {
        if (auto tx = int_field(p, "transactionId")) {
            auto e = make(type::kTransactionEnded, in);
            e.transaction_key = std::to_string(*tx);
            out.push_back(std::move(e));
        }
    } else if (in.action == "TransactionEvent") {
        const auto* info = field(p, "transactionInfo");
        auto tx = info ? string_field(*info, "transactionId") : std::nullopt;
        if (!tx) {
            return;
        }
        const auto kind = string_field(p, "eventType").value_or("");
        if (kind == "Started") {
            auto e = make(type::kTransactionStarted, in);
            e.transaction_key = *tx;
            out.push_back(std::move(e));
        }
        if (const auto* mv = field(p, "meterValue")) {
            auto values = meter_values(*mv, false);
            if (!values.empty()) {
                auto e = make(type::kMeterValues, in);
                const auto* evse = field(p, "evse");
                e.data = {{"transactionId", *tx},
                          {"evseId", evse ? int_field(*evse, "id").value_or(0) : 0},
                          {"values", std::move(values)}};
                out.push_back(std::move(e));
            }
        }
        if (kind == "Ended") {
            auto e = make(type::kTransactionEnded, in);
            e.transaction_key = *tx;
            out.push_back(std::move(e));
        }
    }
}

} // namespace

const std::vector<std::string_view>& all_types() {
    static const std::vector<std::string_view> types = {
        type::kStationConnected, type::kStationDisconnected, type::kConnectorStatus, type::kTransactionStarted,
        type::kTransactionEnded, type::kMeterValues,         type::kCommandAnswered};
    return types;
}

bool is_type(std::string_view t) {
    const auto& all = all_types();
    return std::find(all.begin(), all.end(), t) != all.end();
}

std::vector<LiveEvent> events_from(const env::Envelope& in, const std::optional<env::Envelope>& reply) {
    std::vector<LiveEvent> out;
    if (in.kind == env::Kind::Connected) {
        auto e = make(type::kStationConnected, in);
        e.data = {{"gateway", in.gateway}, {"connectionId", static_cast<std::int64_t>(in.connection)}, {"protocol", in.protocol}};
        out.push_back(std::move(e));
    } else if (in.kind == env::Kind::Disconnected) {
        auto e = make(type::kStationDisconnected, in);
        e.data = {{"gateway", in.gateway}, {"connectionId", static_cast<std::int64_t>(in.connection)}, {"reason", in.error_description}};
        e.needs_offline_check = true;
        out.push_back(std::move(e));
    } else if (in.kind == env::Kind::Call && reply && reply->kind == env::Kind::Result) {
        call_events(in, *reply, out);
    }
    return out;
}

std::vector<LiveEvent> events_of_batch(const std::vector<env::Envelope>& in,
                                       const std::vector<std::optional<env::Envelope>>& replies) {
    std::vector<LiveEvent> out;
    for (std::size_t i = 0; i < in.size() && i < replies.size(); ++i) {
        auto more = events_from(in[i], replies[i]);
        std::move(more.begin(), more.end(), std::back_inserter(out));
    }
    return out;
}

LiveEvent command_answered(const env::Envelope& result, std::string_view action) {
    LiveEvent e;
    e.type = std::string(type::kCommandAnswered);
    e.station = result.station;
    e.at_us = env::now_us();
    e.data = {{"messageId", result.message_id}, {"action", action}, {"outcome", result.outcome}};
    if (result.outcome == env::outcome::kResult && result.payload.is_object()) {
        if (const auto* st = result.payload.get_object().if_contains("status"); st && st->is_string()) {
            e.data["status"] = *st;
        }
    }
    return e;
}

std::string rfc3339_us(std::int64_t at_us) {
    return format_time(std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::microseconds(at_us))));
}

json::object to_json(const LiveEvent& e) {
    return {{"type", e.type}, {"stationId", e.station}, {"at", rfc3339_us(e.at_us)}, {"data", e.data}};
}

std::string encode(std::span<const LiveEvent> events) {
    json::array a;
    a.reserve(events.size());
    for (const auto& e : events) {
        a.push_back(to_json(e));
    }
    return json::serialize(a);
}

std::optional<std::vector<json::object>> decode(std::string_view body) {
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !v.is_array()) {
        return std::nullopt;
    }
    std::vector<json::object> out;
    for (auto& item : v.get_array()) {
        if (!item.is_object() || !string_field(item, "type") || !string_field(item, "stationId")) {
            return std::nullopt;
        }
        out.push_back(std::move(item.get_object()));
    }
    return out;
}

std::string sse_frame(std::string_view id, std::string_view type, std::string_view json_text) {
    // Serialized JSON has no raw line breaks (they are escaped in strings), so one data line carries it.
    return fmt::format("id: {}\nevent: {}\ndata: {}\n\n", id, type, json_text);
}

bool StationFilter::matches(std::string_view station) const {
    return stations.empty() || std::find(stations.begin(), stations.end(), station) != stations.end();
}

} // namespace recarga::manager::events
