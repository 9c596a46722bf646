#include "harness.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

namespace recarga::test {

std::string require_env(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        throw std::runtime_error(std::string(name) + " is not set: run the tests through scripts/test.sh");
    }
    return v;
}

std::uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

Process::Process(std::string exe, std::vector<std::string> args, std::vector<std::string> env, std::string log_file) {
    pid_ = ::fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        for (auto& e : env) {
            ::putenv(e.data());
        }
        std::vector<char*> argv;
        argv.push_back(exe.data());
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        ::execv(exe.c_str(), argv.data());
        ::_exit(127);
    }
}

Process::~Process() {
    if (pid_ > 0) {
        kill_hard();
    }
}

void Process::kill_hard() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

void Process::terminate() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

int Process::wait() {
    int status = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &status, 0) < 0) {
        return -1;
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool Process::running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

TestDatabase::TestDatabase() {
    name_ = "recarga_it_" + std::to_string(::getpid());
    pqxx::connection admin(require_env("RECARGA_TEST_PG_ADMIN_URL"));
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + name_);
    tx.exec("CREATE DATABASE " + name_);
    auto base = require_env("RECARGA_TEST_PG_URL");
    url_ = base.substr(0, base.rfind('/') + 1) + name_;
}

TestDatabase::~TestDatabase() {
    try {
        pqxx::connection admin(require_env("RECARGA_TEST_PG_ADMIN_URL"));
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
}

std::string TestDatabase::scalar(const std::string& sql) const {
    pqxx::connection c(url_);
    pqxx::nontransaction tx(c);
    auto r = tx.exec(sql);
    if (r.empty() || r[0][0].is_null()) {
        return "";
    }
    return r[0][0].c_str();
}

Stack::Stack(const TestDatabase& db, std::string gateway_id, int call_timeout_ms)
    : db_(db), gateway_id_(std::move(gateway_id)), call_timeout_ms_(call_timeout_ms) {
    gateway_port = free_port();
    http_port = free_port();
}

void Stack::start_manager() {
    // The first admin comes from the command line, as an operator would create it.
    const std::string password_file = "admin-password-" + gateway_id_ + ".txt";
    {
        std::ofstream(password_file) << kAdminPassword << "\n";
    }
    Process create_admin(RECARGA_MANAGER_BIN,
                         std::vector<std::string>{"create-admin", "--username", kAdminUser, "--password-file",
                                                  password_file},
                         std::vector<std::string>{"RECARGA_PG_URL=" + db_.url()}, "manager-" + gateway_id_ + ".log");
    if (create_admin.wait() != 0) {
        throw std::runtime_error("recarga-manager create-admin failed");
    }
    // The API alone ("RECARGA_WEB_ROOT=": no console, so unknown paths stay 404); web.e2e tests the console.
    std::vector<std::string> env{"RECARGA_PG_URL=" + db_.url(),
                                 "RECARGA_AMQP_URL=" + (amqp_url.empty() ? require_env("RECARGA_TEST_AMQP_URL") : amqp_url),
                                 "RECARGA_WEB_ROOT="};
    env.insert(env.end(), manager_env.begin(), manager_env.end());
    manager = std::make_unique<Process>(
        RECARGA_MANAGER_BIN, std::vector<std::string>{"--http-port", std::to_string(http_port), "--http-listen",
                                                      "127.0.0.1", "--log-level", "info"},
        env, "manager-" + gateway_id_ + ".log");
    if (!eventually([&] {
            try {
                return http_get(http_port, "/health").status == 200;
            } catch (...) {
                return false;
            }
        })) {
        throw std::runtime_error("manager did not start");
    }
    admin_token = login(http_port, kAdminUser, kAdminPassword);
    if (admin_token.empty()) {
        throw std::runtime_error("the admin could not log in");
    }
}

std::string login(std::uint16_t port, const std::string& username, const std::string& password) {
    boost::json::object body{{"username", username}, {"password", password}};
    auto res = http_request(port, "POST", "/api/v1/auth/login", boost::json::serialize(body));
    if (res.status != 200) {
        return "";
    }
    return std::string(boost::json::parse(res.body).at("token").as_string());
}

void Stack::start_gateway() {
    std::vector<std::string> args{"--id",     gateway_id_, "--port", std::to_string(gateway_port), "--listen",
                                  "127.0.0.1", "--call-timeout-ms", std::to_string(call_timeout_ms_)};
    args.insert(args.end(), gateway_args.begin(), gateway_args.end());
    gateway = std::make_unique<Process>(
        RECARGA_GATEWAY_BIN, args,
        std::vector<std::string>{"RECARGA_AMQP_URL=" + (amqp_url.empty() ? require_env("RECARGA_TEST_AMQP_URL") : amqp_url)},
        "gateway-" + gateway_id_ + ".log");
    if (!eventually([&] {
            try {
                return http_get(gateway_port, "/health").status == 200;
            } catch (...) {
                return false;
            }
        })) {
        throw std::runtime_error("gateway did not start");
    }
}

std::string Stack::ws_base() const { return "/ocpp/"; }

} // namespace recarga::test
