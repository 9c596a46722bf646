// Small per-object random generators for jitter and simulated measurements.
//
// std::minstd_rand keeps 8 bytes of state (std::mt19937_64 keeps 2.5 KB, too much per station when a process
// runs tens of thousands of them). Its first outputs are linear in the seed, so neighbouring seeds (station i
// and i + 1) would draw nearly the same numbers; make_rng() therefore spreads the seed through std::seed_seq.
#pragma once

#include <cstdint>
#include <random>

namespace recarga::sim {

inline std::minstd_rand make_rng(std::uint64_t seed) {
    std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32), 0x5eedu};
    return std::minstd_rand(seq);
}

} // namespace recarga::sim
