// Floor: what PostgreSQL alone takes on this machine: single-row autocommit inserts, multi-row inserts of
// 500 rows in one transaction, and COPY. Prints one JSON object with rows/s.
#include <chrono>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <pqxx/pqxx>
#include <pqxx/stream_to>
#include <tuple>

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"pg_floor: raw PostgreSQL insert rates"};
    std::string url = "postgresql://postgres@127.0.0.1:5432/recarga";
    int rows = 50000;
    app.add_option("--pg-url", url)->envname("RECARGA_PG_URL");
    app.add_option("--rows", rows, "rows per bulk method (single-row inserts use a tenth)");
    CLI11_PARSE(app, argc, argv);
    try {
        pqxx::connection c(url);
        {
            pqxx::nontransaction nt(c);
            nt.exec("DROP TABLE IF EXISTS bench_floor");
            nt.exec("CREATE UNLOGGED TABLE bench_floor (station text, ts timestamptz, measurand text, value double "
                    "precision)");
        }
        c.prepare("ins", "INSERT INTO bench_floor VALUES ($1, now(), 'Energy.Active.Import.Register', $2)");
        const int single = std::max(1, rows / 10);
        auto t0 = Clock::now();
        for (int i = 0; i < single; ++i) {
            pqxx::work tx(c);
            tx.exec_prepared("ins", "CP-1", i * 1.5);
            tx.commit();
        }
        const double single_rate = single / seconds_since(t0);

        t0 = Clock::now();
        {
            pqxx::work tx(c);
            for (int i = 0; i < rows; i += 500) {
                std::string sql = "INSERT INTO bench_floor VALUES ";
                for (int j = 0; j < 500; ++j) {
                    sql += (j ? ",('CP-1',now(),'Energy.Active.Import.Register'," : "('CP-1',now(),'Energy.Active.Import.Register',") +
                           std::to_string(i + j) + ")";
                }
                tx.exec(sql);
            }
            tx.commit();
        }
        const double multi_rate = rows / seconds_since(t0);

        t0 = Clock::now();
        {
            pqxx::work tx(c);
            pqxx::stream_to w(tx, "bench_floor");
            for (int i = 0; i < rows; ++i) {
                w << std::make_tuple(std::string("CP-1"), std::string("2026-01-01T00:00:00Z"),
                                     std::string("Energy.Active.Import.Register"), i * 1.5);
            }
            w.complete();
            tx.commit();
        }
        const double copy_rate = rows / seconds_since(t0);
        pqxx::nontransaction nt(c);
        nt.exec("DROP TABLE bench_floor");
        std::printf("{\"single_row_autocommit_per_s\":%.0f,\"multi_row_500_per_s\":%.0f,\"copy_per_s\":%.0f}\n",
                    single_rate, multi_rate, copy_rate);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pg_floor: %s\n", e.what());
        return 1;
    }
    return 0;
}
