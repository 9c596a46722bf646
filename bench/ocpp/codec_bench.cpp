// OCPP codec micro-benchmark: the per-frame CPU cost of the message layer on the gateway/manager hot path.
//
// Each iteration does what a received CALL costs and what its answer costs: parse_frame (JSON + framing),
// SchemaValidator::validate, decode into the generated struct, to_json of the struct, serialize_call. Frames:
// a 1.6 BootNotification, a 1.6 MeterValues with 10 sampled values, and a 2.0.1 TransactionEvent (Updated,
// with meter values). Stages are also measured one by one to show where the time goes.
#include <chrono>
#include <cstdio>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/json/serialize.hpp>

#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/frame.hpp"
#include "recarga/ocpp/v16/BootNotification.hpp"
#include "recarga/ocpp/v16/MeterValues.hpp"
#include "recarga/ocpp/v201/TransactionEvent.hpp"
#include "recarga/ocpp/validator.hpp"

namespace {

using namespace recarga::ocpp;

const std::string kBoot16 =
    R"([2,"b7e1c5a2-0001","BootNotification",{"chargePointVendor":"Recarga","chargePointModel":"RC-22",)"
    R"("chargePointSerialNumber":"SN-000123","chargeBoxSerialNumber":"CB-000123","firmwareVersion":"1.4.2",)"
    R"("iccid":"8931080019073497795","imsi":"204080012345678","meterType":"EM340","meterSerialNumber":"M-991"}])";

std::string meter_values_16() {
    static const char* measurands[] = {"Energy.Active.Import.Register", "Power.Active.Import", "Current.Import",
                                       "Voltage", "Current.Offered"};
    std::string sv;
    for (int i = 0; i < 10; ++i) {
        if (i != 0) {
            sv += ',';
        }
        sv += R"({"value":")" + std::to_string(1000 + i * 17) + R"(","context":"Sample.Periodic","measurand":")" +
              measurands[i % 5] + R"(","phase":"L)" + std::to_string(i % 3 + 1) +
              R"(","location":"Outlet","unit":")" + (i % 5 == 0 ? "Wh" : i % 5 == 1 ? "W" : i % 5 == 3 ? "V" : "A") +
              "\"}";
    }
    return R"([2,"b7e1c5a2-0002","MeterValues",{"connectorId":1,"transactionId":4711,"meterValue":[)"
           R"({"timestamp":"2026-11-25T20:00:00Z","sampledValue":[)" +
           sv + "]}]}]";
}

const std::string kTransactionEvent201 =
    R"([2,"b7e1c5a2-0003","TransactionEvent",{"eventType":"Updated","timestamp":"2026-11-25T20:00:00Z",)"
    R"("triggerReason":"MeterValuePeriodic","seqNo":12,"transactionInfo":{"transactionId":"tx-0001",)"
    R"("chargingState":"Charging"},"evse":{"id":1,"connectorId":1},"idToken":{"idToken":"04A1B2C3D4","type":"ISO14443"},)"
    R"("meterValue":[{"timestamp":"2026-11-25T20:00:00Z","sampledValue":[)"
    R"({"value":12345.6,"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh"}},)"
    R"({"value":7200,"measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W"}},)"
    R"({"value":31.5,"measurand":"Current.Import","phase":"L1"},)"
    R"({"value":230.1,"measurand":"Voltage","phase":"L1-N"}]}]}])";

template <class Request> void full_pipeline(benchmark::State& state, const std::string& text, Version v) {
    const auto& validator = SchemaValidator::instance();
    for (auto _ : state) {
        auto frame = parse_frame(text, v);
        if (!frame) {
            state.SkipWithError(frame.error().description.c_str());
            break;
        }
        if (auto err = validator.validate(v, frame->action, Direction::Request, frame->payload)) {
            state.SkipWithError(err->description.c_str());
            break;
        }
        auto request = decode<Request>(frame->payload);
        auto out = serialize_call(frame->message_id, frame->action, to_json(request));
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_Pipeline_V16_BootNotification(benchmark::State& s) {
    full_pipeline<v16::BootNotificationRequest>(s, kBoot16, Version::v16);
}
void BM_Pipeline_V16_MeterValues10(benchmark::State& s) {
    static const std::string text = meter_values_16();
    full_pipeline<v16::MeterValuesRequest>(s, text, Version::v16);
}
void BM_Pipeline_V201_TransactionEvent(benchmark::State& s) {
    full_pipeline<v201::TransactionEventRequest>(s, kTransactionEvent201, Version::v201);
}
BENCHMARK(BM_Pipeline_V16_BootNotification);
BENCHMARK(BM_Pipeline_V16_MeterValues10);
BENCHMARK(BM_Pipeline_V201_TransactionEvent);

// Stages, on the MeterValues frame.
void BM_Stage_Parse_V16_MeterValues10(benchmark::State& s) {
    static const std::string text = meter_values_16();
    for (auto _ : s) {
        benchmark::DoNotOptimize(parse_frame(text, Version::v16));
    }
}
void BM_Stage_Validate_V16_MeterValues10(benchmark::State& s) {
    static const auto frame = parse_frame(meter_values_16(), Version::v16).value();
    for (auto _ : s) {
        benchmark::DoNotOptimize(
            SchemaValidator::instance().validate(Version::v16, frame.action, Direction::Request, frame.payload));
    }
}
void BM_Stage_Decode_V16_MeterValues10(benchmark::State& s) {
    static const auto frame = parse_frame(meter_values_16(), Version::v16).value();
    for (auto _ : s) {
        benchmark::DoNotOptimize(decode<v16::MeterValuesRequest>(frame.payload));
    }
}
void BM_Stage_EncodeSerialise_V16_MeterValues10(benchmark::State& s) {
    static const auto frame = parse_frame(meter_values_16(), Version::v16).value();
    static const auto request = decode<v16::MeterValuesRequest>(frame.payload);
    for (auto _ : s) {
        benchmark::DoNotOptimize(serialize_call(frame.message_id, frame.action, to_json(request)));
    }
}
BENCHMARK(BM_Stage_Parse_V16_MeterValues10);
BENCHMARK(BM_Stage_Validate_V16_MeterValues10);
BENCHMARK(BM_Stage_Decode_V16_MeterValues10);
BENCHMARK(BM_Stage_EncodeSerialise_V16_MeterValues10);

void BM_ValidatorFirstUse(benchmark::State& s) {
    // instance() is already built by now; this measures a lookup. The one-off compile is timed in main's log.
    for (auto _ : s) {
        benchmark::DoNotOptimize(&SchemaValidator::instance());
    }
}
BENCHMARK(BM_ValidatorFirstUse);

} // namespace

int main(int argc, char** argv) {
    const auto t0 = std::chrono::steady_clock::now();
    (void)SchemaValidator::instance();
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("compiling all embedded schemas (1.6, 2.0.1, 2.1) once: %.1f ms\n", ms);
    std::printf("frame sizes: BootNotification %zu B, MeterValues %zu B, TransactionEvent %zu B\n", kBoot16.size(),
                meter_values_16().size(), kTransactionEvent201.size());
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
