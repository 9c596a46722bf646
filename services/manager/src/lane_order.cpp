#include "lane_order.hpp"

#include <algorithm>

namespace recarga::manager {

std::size_t shard_for(std::string_view station, std::size_t shards) noexcept {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : station) {
        h = (h ^ c) * 1099511628211ULL;
    }
    return shards == 0 ? 0 : static_cast<std::size_t>(h % shards);
}

void AckWindow::received(std::uint64_t tag, std::size_t envelopes) { pending_.push_back({tag, envelopes}); }

void AckWindow::done(std::uint64_t tag) {
    // Tags are ascending: binary search.
    auto it = std::lower_bound(pending_.begin(), pending_.end(), tag,
                               [](const Delivery& d, std::uint64_t t) { return d.tag < t; });
    if (it != pending_.end() && it->tag == tag && it->remaining > 0) {
        --it->remaining;
    }
}

std::optional<std::uint64_t> AckWindow::take_ackable() {
    std::optional<std::uint64_t> last;
    while (!pending_.empty() && pending_.front().remaining == 0) {
        last = pending_.front().tag;
        pending_.pop_front();
    }
    return last;
}

} // namespace recarga::manager
