#include <recarga/common/config_file.hpp>

#include <toml++/toml.h>

#include <cstdlib>
#include <sstream>

namespace recarga::common {

namespace {

std::string scalar_text(const toml::node& node, const std::string& key) {
    if (const auto* s = node.as_string()) {
        return s->get();
    }
    if (const auto* b = node.as_boolean()) {
        return b->get() ? "true" : "false";
    }
    if (const auto* i = node.as_integer()) {
        return std::to_string(i->get());
    }
    if (node.is_floating_point() || node.is_date() || node.is_time() || node.is_date_time()) {
        std::ostringstream out;
        node.visit([&out](const auto& v) { out << v; });
        return out.str();
    }
    throw CLI::ConfigError(key + ": a table or an array of tables has no option to set");
}

void collect(const toml::table& table, std::vector<std::string>& parents, std::vector<CLI::ConfigItem>& out) {
    for (const auto& [k, node] : table) {
        const std::string key(k.str());
        if (const auto* sub = node.as_table(); sub != nullptr && !sub->is_inline()) {
            // A [section] is a subcommand: opened with "++" and closed with "--", as CLI11's own reader does.
            parents.push_back(key);
            out.push_back({parents, "++", {}});
            collect(*sub, parents, out);
            out.push_back({parents, "--", {}});
            parents.pop_back();
            continue;
        }
        CLI::ConfigItem item{parents, key, {}};
        if (const auto* array = node.as_array()) {
            for (const auto& element : *array) {
                item.inputs.push_back(scalar_text(element, item.fullname()));
            }
        } else {
            item.inputs.push_back(scalar_text(node, item.fullname()));
        }
        out.push_back(std::move(item));
    }
}

} // namespace

std::string TomlConfig::to_config(const CLI::App* app, bool default_also, bool write_description,
                                  std::string prefix) const {
    return CLI::ConfigTOML().to_config(app, default_also, write_description, std::move(prefix));
}

std::vector<CLI::ConfigItem> TomlConfig::from_config(std::istream& input) const {
    toml::table root;
    try {
        root = toml::parse(input);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << e.source().begin;
        throw CLI::ConfigError("configuration file, " + where.str() + ": " + std::string(e.description()));
    }
    std::vector<CLI::ConfigItem> out;
    std::vector<std::string> parents;
    collect(root, parents, out);
    return out;
}

CLI::Option* add_config_file_option(CLI::App& app) {
    const char* from_env = std::getenv(kConfigEnv);
    const std::string fallback = from_env != nullptr ? from_env : "";
    app.config_formatter(std::make_shared<TomlConfig>());
    // A misspelt key is an error, not a setting silently left at its default.
    app.allow_config_extras(CLI::config_extras_mode::error);
    return app.set_config("--config", fallback,
                          "TOML file of options, keys named as the long options (docs/configuration.md); "
                          "default: $RECARGA_CONFIG",
                          !fallback.empty());
}

} // namespace recarga::common
