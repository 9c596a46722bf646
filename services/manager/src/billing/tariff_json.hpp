// The JSON form of tariffs and cost breakdowns, as api/openapi.yaml defines them (Tariff, TariffElement,
// CostBreakdown) and as the tariffs table keeps elements: prices and amounts are decimal strings, never JSON
// numbers, so no value passes through a double.
#pragma once

#include "domain/tariff.hpp"

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <variant>

namespace recarga::manager::billing {

// The tariff's elements from their JSON array, or why they cannot be read.
std::variant<std::vector<TariffElement>, std::string> elements_from_json(const boost::json::value& v);
boost::json::array elements_to_json(const std::vector<TariffElement>& elements);

// A tariff from an API body (TariffBody: currency, vatPercent, flatFee, minimum, maximum, utcOffsetMinutes,
// elements, name ignored here) with its id and version, validated (domain validate), or why it is refused.
std::variant<Tariff, std::string> tariff_from_body(const boost::json::object& body, std::string id, int version);

// "HH:MM" (00:00 to 23:59) as minutes after midnight.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minutes);

boost::json::object breakdown_to_json(const CostBreakdown& c);

} // namespace recarga::manager::billing
