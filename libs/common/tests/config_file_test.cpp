// The configuration file: keys reach their options, and the precedence command line > file > environment holds.
#include <recarga/common/config_file.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Options {
    std::string amqp_url = "amqp://default";
    int port = 1;
    std::string log_level = "info";
};

class ConfigFile : public ::testing::Test {
  protected:
    void SetUp() override {
        ::unsetenv("RECARGA_CONFIG");
        ::unsetenv("RECARGA_TEST_CFG_PORT");
        dir_ = fs::temp_directory_path() / ("recarga-config-test-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override {
        ::unsetenv("RECARGA_CONFIG");
        ::unsetenv("RECARGA_TEST_CFG_PORT");
        fs::remove_all(dir_);
    }
    fs::path write(const std::string& text) {
        const fs::path p = dir_ / "recarga.toml";
        std::ofstream(p) << text;
        return p;
    }
    // Parses argv (without the program name) into fresh options; throws CLI::Error as the binaries would report.
    Options parse(std::vector<std::string> args) {
        Options o;
        CLI::App app{"test"};
        recarga::common::add_config_file_option(app);
        app.add_option("--amqp-url", o.amqp_url);
        app.add_option("--port", o.port)->envname("RECARGA_TEST_CFG_PORT");
        app.add_option("--log-level", o.log_level);
        std::vector<char*> argv{const_cast<char*>("test")};
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        app.parse(static_cast<int>(argv.size()), argv.data());
        return o;
    }
    fs::path dir_;
};

TEST_F(ConfigFile, KeysOfTheFileReachTheirOptions) {
    const auto file = write("amqp-url = \"amqp://from-file\"\nport = 9100\n");
    const Options o = parse({"--config", file.string()});
    EXPECT_EQ(o.amqp_url, "amqp://from-file");
    EXPECT_EQ(o.port, 9100);
    EXPECT_EQ(o.log_level, "info");
}

TEST_F(ConfigFile, CommandLineWinsOverTheFileAndTheFileOverTheEnvironment) {
    const auto file = write("port = 9100\namqp-url = \"amqp://from-file\"\n");
    ::setenv("RECARGA_TEST_CFG_PORT", "9200", 1);
    Options o = parse({"--config", file.string()});
    EXPECT_EQ(o.port, 9100);
    o = parse({"--config", file.string(), "--port", "9300"});
    EXPECT_EQ(o.port, 9300);
    o = parse({});
    EXPECT_EQ(o.port, 9200);
}

TEST_F(ConfigFile, RecargaConfigNamesTheFile) {
    const auto file = write("log-level = \"debug\"\n");
    ::setenv("RECARGA_CONFIG", file.c_str(), 1);
    EXPECT_EQ(parse({}).log_level, "debug");
}

TEST_F(ConfigFile, AMissingFileIsAnErrorNotIgnored) {
    EXPECT_THROW(parse({"--config", (dir_ / "absent.toml").string()}), CLI::FileError);
    ::setenv("RECARGA_CONFIG", (dir_ / "absent.toml").c_str(), 1);
    EXPECT_THROW(parse({}), CLI::FileError);
}

TEST_F(ConfigFile, AnUnknownKeyIsRefused) {
    const auto file = write("no-such-option = 1\n");
    EXPECT_THROW(parse({"--config", file.string()}), CLI::ConfigError);
}

TEST_F(ConfigFile, ATableSetsTheOptionsOfItsSubcommand) {
    const auto file = write("port = 5\n[serve]\nworkers = 3\ntags = [\"a\", \"b\"]\n");
    CLI::App app{"test"};
    recarga::common::add_config_file_option(app);
    int port = 0;
    int workers = 0;
    std::vector<std::string> tags;
    app.add_option("--port", port);
    auto* serve = app.add_subcommand("serve");
    serve->configurable();
    serve->add_option("--workers", workers);
    serve->add_option("--tag,--tags", tags);
    std::string path = file.string();
    std::vector<char*> argv{const_cast<char*>("test"), const_cast<char*>("--config"), path.data()};
    app.parse(static_cast<int>(argv.size()), argv.data());
    EXPECT_EQ(port, 5);
    EXPECT_EQ(workers, 3);
    EXPECT_EQ(tags, (std::vector<std::string>{"a", "b"}));
}

TEST_F(ConfigFile, InvalidTomlIsAConfigErrorNamingTheLine) {
    const auto file = write("port = 9100\nport = = 3\n");
    try {
        parse({"--config", file.string()});
        FAIL() << "invalid TOML was accepted";
    } catch (const CLI::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    }
}

} // namespace
