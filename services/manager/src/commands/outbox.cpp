#include "commands/outbox.hpp"

#include "api/commands_api.hpp"
#include "recarga/ocpp/version.hpp"
#include "store/command_store.hpp"
#include "store/station_owner.hpp"

#include <boost/json/parse.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace recarga::manager {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {
constexpr std::size_t kMaxDeliveryThreads = 64;
constexpr std::int64_t kLockSpace = 0x52435242; // advisory lock namespace ("RCRB"), keyed by hashtext(station)
} // namespace

bool opens_outbox(const envelope::Envelope& e, const std::optional<envelope::Envelope>& reply) {
    if (e.kind == envelope::Kind::Connected) {
        return true;
    }
    if (e.kind != envelope::Kind::Call || e.action != "BootNotification" || !reply ||
        reply->kind != envelope::Kind::Result || !reply->payload.is_object()) {
        return false;
    }
    const auto* status = reply->payload.as_object().if_contains("status");
    return status != nullptr && status->is_string() && status->as_string() == "Accepted";
}

Outbox::Outbox(const Config& config) : config_(config) {
    thread_ = std::thread([this] { run(); });
}

Outbox::~Outbox() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

Outbox& Outbox::shared(const Config& config) {
    static Outbox outbox(config);
    return outbox;
}

void Outbox::wake(const std::string& station) {
    {
        std::lock_guard lock(mutex_);
        if (delivering_.contains(station)) {
            again_.insert(station);
            return;
        }
        woken_.push_back(station);
    }
    cv_.notify_one();
}

void Outbox::run() {
    std::optional<pqxx::connection> db;
    while (true) {
        std::vector<std::string> stations; // everything woken since the last look, checked in one statement
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, 1s, [this] { return stopping_ || !woken_.empty(); });
            if (stopping_) {
                return;
            }
            std::set<std::string> seen;
            while (!woken_.empty() && delivering_.size() + stations.size() < kMaxDeliveryThreads) {
                auto station = std::move(woken_.front());
                woken_.pop_front();
                if (delivering_.contains(station)) {
                    again_.insert(station);
                } else if (seen.insert(station).second) {
                    stations.push_back(std::move(station));
                }
            }
        }
        if (stations.empty()) {
            continue;
        }
        std::set<std::string> pending;
        try {
            if (!db) {
                db.emplace(config_.pg_url);
            }
            pqxx::nontransaction tx(*db); // one read, no BEGIN/COMMIT round trips
            pending = PgCommandStore(tx).pending_among(stations);
        } catch (const std::exception& e) {
            spdlog::warn("outbox check of {} station(s) failed: {}", stations.size(), e.what());
            db.reset();
            continue;
        }
        for (const auto& station : pending) {
            {
                std::lock_guard lock(mutex_);
                delivering_.insert(station);
            }
            std::thread([this, station] { deliver(station); }).detach();
        }
    }
}

void Outbox::deliver(const std::string& station) {
    try {
        pqxx::connection db(config_.pg_url);
        while (true) {
            bool locked = false;
            {
                pqxx::nontransaction n(db);
                locked = n.exec_params1("SELECT pg_try_advisory_lock($1::integer, hashtext($2))",
                                        static_cast<std::int32_t>(kLockSpace), station)[0]
                             .as<bool>();
            }
            if (locked) {
                try {
                    while (deliver_round(db, station)) {
                    }
                } catch (...) {
                    pqxx::nontransaction n(db);
                    n.exec_params("SELECT pg_advisory_unlock($1::integer, hashtext($2))",
                                  static_cast<std::int32_t>(kLockSpace), station);
                    throw;
                }
                pqxx::nontransaction n(db);
                n.exec_params("SELECT pg_advisory_unlock($1::integer, hashtext($2))",
                              static_cast<std::int32_t>(kLockSpace), station);
            }
            // Another manager holds the station (it delivers everything pending), or this one is done; look once
            // more when a wake-up came in meanwhile.
            std::lock_guard lock(mutex_);
            if (!again_.erase(station)) {
                delivering_.erase(station);
                return;
            }
        }
    } catch (const std::exception& e) {
        spdlog::warn("station={} outbox delivery failed: {}", station, e.what());
    }
    std::lock_guard lock(mutex_);
    again_.erase(station);
    delivering_.erase(station);
}

bool Outbox::deliver_round(pqxx::connection& db, const std::string& station) {
    std::optional<QueuedCommand> next;
    ocpp::Version version = ocpp::Version::v16;
    {
        pqxx::work tx(db);
        auto owner = station_owner(tx, station);
        auto status = tx.exec_params("SELECT registration_status FROM stations WHERE id = $1", station);
        if (!owner || !owner->connected || owner->gateway.empty() || status.empty() ||
            status[0][0].c_str() != std::string_view("Accepted")) {
            return false; // delivered when it is connected and accepted
        }
        auto v = ocpp::version_from_subprotocol(owner->protocol);
        if (!v) {
            return false;
        }
        version = *v;
        PgCommandStore store(tx);
        if (auto n = store.expire_outbox(station); n > 0) {
            spdlog::info("station={} {} queued command(s) expired", station, n);
        }
        next = store.take_next(station);
        tx.commit();
    }
    if (!next) {
        return false;
    }
    boost::system::error_code ec;
    auto body = json::parse(next->request, ec);
    auto prepared = api::prepare_command(next->command, body, version, next->id);
    if (auto* problem = std::get_if<api::Response>(&prepared)) {
        // Valid when queued, but not for the version the station came back with.
        pqxx::work tx(db);
        PgCommandStore(tx).finish(next->id, "failed", problem->status, problem->body);
        tx.commit();
        return true;
    }
    spdlog::info("station={} delivering queued command id={} {}", station, next->id, next->command);
    auto res = api::execute_recorded(config_, db, next->id, station, next->command,
                                     std::get<api::PreparedCall>(prepared), version, next->timeout_ms, true);
    return res.has_value(); // nullopt: the station went away, the command is back in the outbox
}

} // namespace recarga::manager
