#include "api/static_files.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using namespace recarga::manager::api;

TEST(StaticFiles, ContentTypesByExtension) {
    EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("assets/index-abc.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("assets/index-abc.CSS"), "text/css; charset=utf-8");
    EXPECT_EQ(content_type_for("favicon.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("a.dir/noext"), "application/octet-stream");
    EXPECT_EQ(content_type_for("archive.tar.zz"), "application/octet-stream");
}

TEST(StaticFiles, ServerPathsAreNeverShadowed) {
    EXPECT_TRUE(is_server_path("/api"));
    EXPECT_TRUE(is_server_path("/api/v1/stations"));
    EXPECT_TRUE(is_server_path("/api/openapi.yaml"));
    EXPECT_TRUE(is_server_path("/health"));
    EXPECT_TRUE(is_server_path("/metrics"));
    EXPECT_FALSE(is_server_path("/"));
    EXPECT_FALSE(is_server_path("/apis"));
    EXPECT_FALSE(is_server_path("/healthy"));
    EXPECT_FALSE(is_server_path("/stations/CP-1"));
}

TEST(StaticFiles, PathsThatCouldLeaveTheRootAreRefused) {
    EXPECT_EQ(relative_file("/"), "");
    EXPECT_EQ(relative_file("/assets/x.js"), "assets/x.js");
    EXPECT_FALSE(relative_file("/../etc/passwd"));
    EXPECT_FALSE(relative_file("/assets/../../x"));
    EXPECT_FALSE(relative_file("/.."));
    EXPECT_FALSE(relative_file("/./x"));
    EXPECT_FALSE(relative_file("/a\\..\\b"));
    EXPECT_FALSE(relative_file(std::string_view("/a\0b", 4)));
    EXPECT_FALSE(relative_file("relative"));
}

class StaticFilesServe : public ::testing::Test {
protected:
    void SetUp() override {
        root = fs::temp_directory_path() / ("recarga-static-" + std::to_string(::getpid()));
        fs::create_directories(root / "assets");
        std::ofstream(root / "index.html") << "<html>console</html>";
        std::ofstream(root / "assets" / "app.js") << "console.log(1)";
    }
    void TearDown() override { fs::remove_all(root); }
    fs::path root;
};

TEST_F(StaticFilesServe, ServesFilesWithTheirTypes) {
    StaticFiles web(root.string());
    auto js = web.serve("GET", "/assets/app.js");
    ASSERT_TRUE(js);
    EXPECT_EQ(js->status, 200);
    EXPECT_EQ(js->body, "console.log(1)");
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    auto index = web.serve("GET", "/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->body, "<html>console</html>");
    EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
}

TEST_F(StaticFilesServe, ClientRoutesFallBackToIndex) {
    StaticFiles web(root.string());
    auto page = web.serve("GET", "/stations/CP-1");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->body, "<html>console</html>");
}

TEST_F(StaticFilesServe, MissingAssetsAndServerPathsGoToTheRouter) {
    StaticFiles web(root.string());
    EXPECT_FALSE(web.serve("GET", "/assets/missing.js"));
    EXPECT_FALSE(web.serve("GET", "/missing.css"));
    EXPECT_FALSE(web.serve("GET", "/api/v1/stations"));
    EXPECT_FALSE(web.serve("GET", "/api/v1/nope"));
    EXPECT_FALSE(web.serve("GET", "/health"));
    EXPECT_FALSE(web.serve("GET", "/metrics"));
    EXPECT_FALSE(web.serve("POST", "/"));
}

TEST_F(StaticFilesServe, TraversalIsNotFound) {
    StaticFiles web(root.string());
    auto r = web.serve("GET", "/../../etc/passwd");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->content_type, "application/problem+json");
}

TEST(StaticFilesOff, NoRootServesNothing) {
    StaticFiles web("");
    EXPECT_FALSE(web.serve("GET", "/"));
    EXPECT_FALSE(web.serve("GET", "/stations/CP-1"));
}
