// {items, nextCursor} from records a store returned (up to limit + 1: the extra one only says that there is a
// next page), each written by `to_json`; the cursor is `key` of the last record shown.
#pragma once

#include "api/stations_api.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <vector>

namespace recarga::manager::api {

template <class T, class Key, class ToJson>
Response object_page(const std::vector<T>& rows, long limit, Key key, ToJson to_json) {
    boost::json::array items;
    for (std::size_t i = 0; i < rows.size() && static_cast<long>(i) < limit; ++i) {
        items.push_back(to_json(rows[i]));
    }
    boost::json::value next = nullptr;
    if (static_cast<long>(rows.size()) > limit) {
        next = boost::json::value(key(rows[static_cast<std::size_t>(limit - 1)]));
    }
    return {200, boost::json::serialize(boost::json::object{{"items", std::move(items)}, {"nextCursor", next}})};
}

} // namespace recarga::manager::api
