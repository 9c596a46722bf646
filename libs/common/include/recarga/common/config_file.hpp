// The optional TOML configuration file every Recarga binary reads: `--config FILE`, or the file named by
// RECARGA_CONFIG. Keys are the long option names without the dashes (`amqp-url = "amqp://..."`); a
// subcommand's options go under a table of its name. Precedence, highest first: the command line, the file,
// the RECARGA_* environment variables, the built-in defaults (CLI11 reads the file before the environment).
// The file is parsed by toml++ (full TOML 1.0), not by CLI11's own INI-like reader. See docs/configuration.md.
#pragma once

#include <CLI/CLI.hpp>

#include <istream>
#include <string>
#include <vector>

namespace recarga::common {

inline constexpr const char* kConfigEnv = "RECARGA_CONFIG";

// CLI11's configuration reader backed by toml++: tables become subcommand sections, arrays become repeated
// inputs; inline tables and arrays of tables have no option to go to and are refused.
class TomlConfig final : public CLI::Config {
  public:
    std::string to_config(const CLI::App* app, bool default_also, bool write_description,
                          std::string prefix) const override;
    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

// Adds --config to `app` and makes it read TOML with TomlConfig. A file named on the command line or in
// RECARGA_CONFIG must exist (a missing one is an error, never silently ignored); without either, none is read.
CLI::Option* add_config_file_option(CLI::App& app);

} // namespace recarga::common
