// recarga-sim: OCPP charging-station simulator and load generator. See docs/sim.md.
#include <cstdio>
#include <fstream>
#include <iostream>

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "engine.hpp"
#include "recarga/common/log.hpp"

int main(int argc, char** argv) {
    using namespace recarga::sim;
    auto parsed = parse_options(argc, argv);
    if (const int* code = std::get_if<int>(&parsed)) {
        return *code;
    }
    const Options& options = std::get<Options>(parsed);
    recarga::common::init_logging("recarga-sim", options.log_level);
    spdlog::info("starting {} stations ({}) scenario={} mode={} url={}", options.stations, options.protocol_label,
                 scenario_name(options.scenario), load_mode_name(options.mode), options.url);

    RunResult result;
    try {
        result = run_simulation(options);
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }

    const std::string report = boost::json::serialize(make_report(options, result.stats, result.info));
    if (options.report_file) {
        std::ofstream out(*options.report_file);
        out << report << '\n';
        if (!out) {
            spdlog::error("cannot write the report to {}", *options.report_file);
            return 1;
        }
    } else {
        std::cout << report << std::endl;
    }
    std::fputs(make_summary(options, result.stats, result.info).c_str(), stderr);
    // Exit 3 when no station could connect at all: a misconfigured URL should fail a script.
    return result.stats.connects == 0 ? 3 : 0;
}
