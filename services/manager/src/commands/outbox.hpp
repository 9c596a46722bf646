// Delivery of each station's durable outbox (the command records queued with deliver=queue): in id order, one
// at a time, each waiting for the station's answer before the next; expired ones are marked expired and never
// sent. The worker wakes it when a station connects (and after an accepted BootNotification); the API wakes it
// when a command is queued for a connected station.
//
// When: on connect only for a station whose registration is Accepted (a reconnect without a reboot sends no
// BootNotification, so waiting for one would strand the outbox); a Pending station gets its outbox after its
// BootNotification is accepted. The deliverer reads the registration status itself, so both wake-ups are safe.
//
// Two managers: a station's outbox is delivered by the holder of a PostgreSQL advisory lock on the station
// (session level, on the deliverer's own connection), and each command is taken with FOR UPDATE SKIP LOCKED
// and marked sent in the same transaction, so no command is delivered twice. A command is marked sent before
// it goes out: a manager that dies while the station holds it leaves it "sent" (at most once, never twice).
//
// Threads: one dispatcher thread checks woken stations for pending commands (one indexed query each); a
// station with pending commands gets a delivery thread of its own for as long as its outbox is not empty.
#pragma once

#include "config.hpp"
#include "recarga/envelope/envelope.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <pqxx/connection>
#include <set>
#include <string>
#include <thread>

namespace recarga::manager {

// Whether handling `e` (with its reply) may let the station's outbox be delivered: a connect, or a
// BootNotification answered Accepted (pure; unit-tested).
bool opens_outbox(const envelope::Envelope& e, const std::optional<envelope::Envelope>& reply);

class Outbox {
public:
    explicit Outbox(const Config& config);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // The process-wide deliverer, started on first use.
    static Outbox& shared(const Config& config);

    // Delivers the station's pending commands soon, unless its outbox is empty; cheap, never blocks.
    void wake(const std::string& station);

private:
    void run();
    void deliver(const std::string& station);
    bool deliver_round(pqxx::connection& db,
                       const std::string& station); // true: delivered at least one; false: nothing or not now

    const Config& config_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::string> woken_;
    std::set<std::string> delivering_; // stations with a delivery thread in this process
    std::set<std::string> again_;      // woken while delivering: look once more before the thread ends
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace recarga::manager
