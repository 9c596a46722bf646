#include "handlers/routes.hpp"

#include "handlers/v16/core/authorize.hpp"
#include "handlers/v16/core/boot_notification.hpp"
#include "handlers/v16/core/data_transfer.hpp"
#include "handlers/v16/core/heartbeat.hpp"
#include "handlers/v16/core/meter_values.hpp"
#include "handlers/v16/core/start_transaction.hpp"
#include "handlers/v16/core/status_notification.hpp"
#include "handlers/v16/core/stop_transaction.hpp"
#include "handlers/v16/firmware/diagnostics_status_notification.hpp"
#include "handlers/v16/firmware/firmware_status_notification.hpp"
#include "handlers/v16/security/log_status_notification.hpp"
#include "handlers/v16/security/security_event_notification.hpp"
#include "handlers/v16/security/sign_certificate.hpp"
#include "handlers/v16/security/signed_firmware_status_notification.hpp"
#include "handlers/v201/authorization/authorize.hpp"
#include "handlers/v201/availability/heartbeat.hpp"
#include "handlers/v201/availability/status_notification.hpp"
#include "handlers/v201/data_transfer/data_transfer.hpp"
#include "handlers/v201/diagnostics/log_status_notification.hpp"
#include "handlers/v201/diagnostics/notify_customer_information.hpp"
#include "handlers/v201/diagnostics/notify_event.hpp"
#include "handlers/v201/diagnostics/notify_monitoring_report.hpp"
#include "handlers/v201/display/notify_display_messages.hpp"
#include "handlers/v201/firmware/firmware_status_notification.hpp"
#include "handlers/v201/firmware/publish_firmware_status_notification.hpp"
#include "handlers/v201/iso15118/get15118_ev_certificate.hpp"
#include "handlers/v201/iso15118/get_certificate_status.hpp"
#include "handlers/v201/provisioning/boot_notification.hpp"
#include "handlers/v201/provisioning/notify_report.hpp"
#include "handlers/v201/reservation/reservation_status_update.hpp"
#include "handlers/v201/security/security_event_notification.hpp"
#include "handlers/v201/security/sign_certificate.hpp"
#include "handlers/v201/smart_charging/cleared_charging_limit.hpp"
#include "handlers/v201/smart_charging/notify_charging_limit.hpp"
#include "handlers/v201/smart_charging/notify_ev_charging_needs.hpp"
#include "handlers/v201/smart_charging/notify_ev_charging_schedule.hpp"
#include "handlers/v201/smart_charging/report_charging_profiles.hpp"
#include "handlers/v201/transactions/meter_values.hpp"
#include "handlers/v201/transactions/transaction_event.hpp"
#include "recarga/ocpp/actions.hpp"
#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/v201/Authorize.hpp"
#include "recarga/ocpp/v201/BootNotification.hpp"
#include "recarga/ocpp/v201/ClearedChargingLimit.hpp"
#include "recarga/ocpp/v201/DataTransfer.hpp"
#include "recarga/ocpp/v201/FirmwareStatusNotification.hpp"
#include "recarga/ocpp/v201/Get15118EVCertificate.hpp"
#include "recarga/ocpp/v201/GetCertificateStatus.hpp"
#include "recarga/ocpp/v201/Heartbeat.hpp"
#include "recarga/ocpp/v201/LogStatusNotification.hpp"
#include "recarga/ocpp/v201/NotifyChargingLimit.hpp"
#include "recarga/ocpp/v201/NotifyCustomerInformation.hpp"
#include "recarga/ocpp/v201/NotifyDisplayMessages.hpp"
#include "recarga/ocpp/v201/NotifyEVChargingNeeds.hpp"
#include "recarga/ocpp/v201/NotifyEVChargingSchedule.hpp"
#include "recarga/ocpp/v201/NotifyEvent.hpp"
#include "recarga/ocpp/v201/NotifyMonitoringReport.hpp"
#include "recarga/ocpp/v201/NotifyReport.hpp"
#include "recarga/ocpp/v201/PublishFirmwareStatusNotification.hpp"
#include "recarga/ocpp/v201/ReportChargingProfiles.hpp"
#include "recarga/ocpp/v201/ReservationStatusUpdate.hpp"
#include "recarga/ocpp/v201/SecurityEventNotification.hpp"
#include "recarga/ocpp/v201/SignCertificate.hpp"
#include "recarga/ocpp/v201/StatusNotification.hpp"
#include "recarga/ocpp/v21/Authorize.hpp"
#include "recarga/ocpp/v21/BootNotification.hpp"
#include "recarga/ocpp/v21/ClearedChargingLimit.hpp"
#include "recarga/ocpp/v21/DataTransfer.hpp"
#include "recarga/ocpp/v21/FirmwareStatusNotification.hpp"
#include "recarga/ocpp/v21/Get15118EVCertificate.hpp"
#include "recarga/ocpp/v21/GetCertificateStatus.hpp"
#include "recarga/ocpp/v21/Heartbeat.hpp"
#include "recarga/ocpp/v21/LogStatusNotification.hpp"
#include "recarga/ocpp/v21/NotifyChargingLimit.hpp"
#include "recarga/ocpp/v21/NotifyCustomerInformation.hpp"
#include "recarga/ocpp/v21/NotifyDisplayMessages.hpp"
#include "recarga/ocpp/v21/NotifyEVChargingNeeds.hpp"
#include "recarga/ocpp/v21/NotifyEVChargingSchedule.hpp"
#include "recarga/ocpp/v21/NotifyEvent.hpp"
#include "recarga/ocpp/v21/NotifyMonitoringReport.hpp"
#include "recarga/ocpp/v21/NotifyReport.hpp"
#include "recarga/ocpp/v21/PublishFirmwareStatusNotification.hpp"
#include "recarga/ocpp/v21/ReportChargingProfiles.hpp"
#include "recarga/ocpp/v21/ReservationStatusUpdate.hpp"
#include "recarga/ocpp/v21/SecurityEventNotification.hpp"
#include "recarga/ocpp/v21/SignCertificate.hpp"
#include "recarga/ocpp/v21/StatusNotification.hpp"

#include <string_view>

namespace recarga::manager {

namespace {

using RouteFn = Outcome (*)(HandlerContext&, const boost::json::value&);

struct Route {
    std::string_view action;
    RouteFn fn;
};

template <class Action, auto Handler> Outcome typed(HandlerContext& ctx, const boost::json::value& payload) {
    auto request = ocpp::decode<typename Action::Request>(payload);
    auto answer = Handler(ctx, request);
    if (auto* err = std::get_if<ocpp::RpcError>(&answer)) {
        return {std::nullopt, std::move(*err)};
    }
    return {to_json(std::get<typename Action::Response>(answer)), std::nullopt};
}

namespace o16 = ocpp::v16;
namespace o201 = ocpp::v201;
namespace o21 = ocpp::v21;

constexpr Route kV16Routes[] = {
    {o16::BootNotification::name, &typed<o16::BootNotification, &v16::boot_notification>},
    {o16::Heartbeat::name, &typed<o16::Heartbeat, &v16::heartbeat>},
    {o16::StatusNotification::name, &typed<o16::StatusNotification, &v16::status_notification>},
    {o16::Authorize::name, &typed<o16::Authorize, &v16::authorize>},
    {o16::DataTransfer::name, &typed<o16::DataTransfer, &v16::data_transfer>},
    {o16::DiagnosticsStatusNotification::name,
     &typed<o16::DiagnosticsStatusNotification, &v16::diagnostics_status_notification>},
    {o16::FirmwareStatusNotification::name,
     &typed<o16::FirmwareStatusNotification, &v16::firmware_status_notification>},
    {o16::LogStatusNotification::name, &typed<o16::LogStatusNotification, &v16::log_status_notification>},
    {o16::MeterValues::name, &typed<o16::MeterValues, &v16::meter_values>},
    {o16::SecurityEventNotification::name, &typed<o16::SecurityEventNotification, &v16::security_event_notification>},
    {o16::SignCertificate::name, &typed<o16::SignCertificate, &v16::sign_certificate>},
    {o16::SignedFirmwareStatusNotification::name,
     &typed<o16::SignedFirmwareStatusNotification, &v16::signed_firmware_status_notification>},
    {o16::StartTransaction::name, &typed<o16::StartTransaction, &v16::start_transaction>},
    {o16::StopTransaction::name, &typed<o16::StopTransaction, &v16::stop_transaction>},
};

constexpr Route kV201Routes[] = {
    {o201::BootNotification::name,
     &typed<o201::BootNotification,
            &v2x::boot_notification<o201::BootNotificationRequest, o201::BootNotificationResponse>>},
    {o201::Heartbeat::name, &typed<o201::Heartbeat, &v2x::heartbeat<o201::HeartbeatRequest, o201::HeartbeatResponse>>},
    {o201::StatusNotification::name,
     &typed<o201::StatusNotification,
            &v2x::status_notification<o201::StatusNotificationRequest, o201::StatusNotificationResponse>>},
    {o201::Authorize::name, &typed<o201::Authorize, &v2x::authorize<o201::AuthorizeRequest, o201::AuthorizeResponse>>},
    {o201::ClearedChargingLimit::name,
     &typed<o201::ClearedChargingLimit,
            &v2x::cleared_charging_limit<o201::ClearedChargingLimitRequest, o201::ClearedChargingLimitResponse>>},
    {o201::DataTransfer::name,
     &typed<o201::DataTransfer, &v2x::data_transfer<o201::DataTransferRequest, o201::DataTransferResponse>>},
    {o201::FirmwareStatusNotification::name,
     &typed<o201::FirmwareStatusNotification,
            &v2x::firmware_status_notification<o201::FirmwareStatusNotificationRequest,
                                               o201::FirmwareStatusNotificationResponse>>},
    {o201::Get15118EVCertificate::name,
     &typed<o201::Get15118EVCertificate,
            &v2x::get15118_ev_certificate<o201::Get15118EVCertificateRequest, o201::Get15118EVCertificateResponse>>},
    {o201::GetCertificateStatus::name,
     &typed<o201::GetCertificateStatus,
            &v2x::get_certificate_status<o201::GetCertificateStatusRequest, o201::GetCertificateStatusResponse>>},
    {o201::LogStatusNotification::name,
     &typed<o201::LogStatusNotification,
            &v2x::log_status_notification<o201::LogStatusNotificationRequest, o201::LogStatusNotificationResponse>>},
    {o201::NotifyChargingLimit::name,
     &typed<o201::NotifyChargingLimit,
            &v2x::notify_charging_limit<o201::NotifyChargingLimitRequest, o201::NotifyChargingLimitResponse>>},
    {o201::NotifyCustomerInformation::name,
     &typed<o201::NotifyCustomerInformation,
            &v2x::notify_customer_information<o201::NotifyCustomerInformationRequest,
                                              o201::NotifyCustomerInformationResponse>>},
    {o201::NotifyDisplayMessages::name,
     &typed<o201::NotifyDisplayMessages,
            &v2x::notify_display_messages<o201::NotifyDisplayMessagesRequest, o201::NotifyDisplayMessagesResponse>>},
    {o201::NotifyEVChargingNeeds::name,
     &typed<o201::NotifyEVChargingNeeds,
            &v2x::notify_ev_charging_needs<o201::NotifyEVChargingNeedsRequest, o201::NotifyEVChargingNeedsResponse>>},
    {o201::NotifyEVChargingSchedule::name,
     &typed<o201::NotifyEVChargingSchedule, &v2x::notify_ev_charging_schedule<o201::NotifyEVChargingScheduleRequest,
                                                                              o201::NotifyEVChargingScheduleResponse>>},
    {o201::NotifyEvent::name,
     &typed<o201::NotifyEvent, &v2x::notify_event<o201::NotifyEventRequest, o201::NotifyEventResponse>>},
    {o201::NotifyMonitoringReport::name,
     &typed<o201::NotifyMonitoringReport,
            &v2x::notify_monitoring_report<o201::NotifyMonitoringReportRequest, o201::NotifyMonitoringReportResponse>>},
    {o201::NotifyReport::name,
     &typed<o201::NotifyReport, &v2x::notify_report<o201::NotifyReportRequest, o201::NotifyReportResponse>>},
    {o201::PublishFirmwareStatusNotification::name,
     &typed<o201::PublishFirmwareStatusNotification,
            &v2x::publish_firmware_status_notification<o201::PublishFirmwareStatusNotificationRequest,
                                                       o201::PublishFirmwareStatusNotificationResponse>>},
    {o201::ReportChargingProfiles::name,
     &typed<o201::ReportChargingProfiles,
            &v2x::report_charging_profiles<o201::ReportChargingProfilesRequest, o201::ReportChargingProfilesResponse>>},
    {o201::ReservationStatusUpdate::name,
     &typed<o201::ReservationStatusUpdate, &v2x::reservation_status_update<o201::ReservationStatusUpdateRequest,
                                                                           o201::ReservationStatusUpdateResponse>>},
    {o201::SecurityEventNotification::name,
     &typed<o201::SecurityEventNotification,
            &v2x::security_event_notification<o201::SecurityEventNotificationRequest,
                                              o201::SecurityEventNotificationResponse>>},
    {o201::SignCertificate::name,
     &typed<o201::SignCertificate,
            &v2x::sign_certificate<o201::SignCertificateRequest, o201::SignCertificateResponse>>},
    {o201::MeterValues::name,
     &typed<o201::MeterValues, &v2x::meter_values<o201::MeterValuesRequest, o201::MeterValuesResponse>>},
    {o201::TransactionEvent::name,
     &typed<o201::TransactionEvent,
            &v2x::transaction_event<o201::TransactionEventRequest, o201::TransactionEventResponse>>},
};

constexpr Route kV21Routes[] = {
    {o21::BootNotification::name,
     &typed<o21::BootNotification,
            &v2x::boot_notification<o21::BootNotificationRequest, o21::BootNotificationResponse>>},
    {o21::Heartbeat::name, &typed<o21::Heartbeat, &v2x::heartbeat<o21::HeartbeatRequest, o21::HeartbeatResponse>>},
    {o21::StatusNotification::name,
     &typed<o21::StatusNotification,
            &v2x::status_notification<o21::StatusNotificationRequest, o21::StatusNotificationResponse>>},
    {o21::Authorize::name, &typed<o21::Authorize, &v2x::authorize<o21::AuthorizeRequest, o21::AuthorizeResponse>>},
    {o21::ClearedChargingLimit::name,
     &typed<o21::ClearedChargingLimit,
            &v2x::cleared_charging_limit<o21::ClearedChargingLimitRequest, o21::ClearedChargingLimitResponse>>},
    {o21::DataTransfer::name,
     &typed<o21::DataTransfer, &v2x::data_transfer<o21::DataTransferRequest, o21::DataTransferResponse>>},
    {o21::FirmwareStatusNotification::name,
     &typed<o21::FirmwareStatusNotification,
            &v2x::firmware_status_notification<o21::FirmwareStatusNotificationRequest,
                                               o21::FirmwareStatusNotificationResponse>>},
    {o21::Get15118EVCertificate::name,
     &typed<o21::Get15118EVCertificate,
            &v2x::get15118_ev_certificate<o21::Get15118EVCertificateRequest, o21::Get15118EVCertificateResponse>>},
    {o21::GetCertificateStatus::name,
     &typed<o21::GetCertificateStatus,
            &v2x::get_certificate_status<o21::GetCertificateStatusRequest, o21::GetCertificateStatusResponse>>},
    {o21::LogStatusNotification::name,
     &typed<o21::LogStatusNotification,
            &v2x::log_status_notification<o21::LogStatusNotificationRequest, o21::LogStatusNotificationResponse>>},
    {o21::NotifyChargingLimit::name,
     &typed<o21::NotifyChargingLimit,
            &v2x::notify_charging_limit<o21::NotifyChargingLimitRequest, o21::NotifyChargingLimitResponse>>},
    {o21::NotifyCustomerInformation::name,
     &typed<o21::NotifyCustomerInformation, &v2x::notify_customer_information<o21::NotifyCustomerInformationRequest,
                                                                              o21::NotifyCustomerInformationResponse>>},
    {o21::NotifyDisplayMessages::name,
     &typed<o21::NotifyDisplayMessages,
            &v2x::notify_display_messages<o21::NotifyDisplayMessagesRequest, o21::NotifyDisplayMessagesResponse>>},
    {o21::NotifyEVChargingNeeds::name,
     &typed<o21::NotifyEVChargingNeeds,
            &v2x::notify_ev_charging_needs<o21::NotifyEVChargingNeedsRequest, o21::NotifyEVChargingNeedsResponse>>},
    {o21::NotifyEVChargingSchedule::name,
     &typed<o21::NotifyEVChargingSchedule, &v2x::notify_ev_charging_schedule<o21::NotifyEVChargingScheduleRequest,
                                                                             o21::NotifyEVChargingScheduleResponse>>},
    {o21::NotifyEvent::name,
     &typed<o21::NotifyEvent, &v2x::notify_event<o21::NotifyEventRequest, o21::NotifyEventResponse>>},
    {o21::NotifyMonitoringReport::name,
     &typed<o21::NotifyMonitoringReport,
            &v2x::notify_monitoring_report<o21::NotifyMonitoringReportRequest, o21::NotifyMonitoringReportResponse>>},
    {o21::NotifyReport::name,
     &typed<o21::NotifyReport, &v2x::notify_report<o21::NotifyReportRequest, o21::NotifyReportResponse>>},
    {o21::PublishFirmwareStatusNotification::name,
     &typed<o21::PublishFirmwareStatusNotification,
            &v2x::publish_firmware_status_notification<o21::PublishFirmwareStatusNotificationRequest,
                                                       o21::PublishFirmwareStatusNotificationResponse>>},
    {o21::ReportChargingProfiles::name,
     &typed<o21::ReportChargingProfiles,
            &v2x::report_charging_profiles<o21::ReportChargingProfilesRequest, o21::ReportChargingProfilesResponse>>},
    {o21::ReservationStatusUpdate::name,
     &typed<o21::ReservationStatusUpdate, &v2x::reservation_status_update<o21::ReservationStatusUpdateRequest,
                                                                          o21::ReservationStatusUpdateResponse>>},
    {o21::SecurityEventNotification::name,
     &typed<o21::SecurityEventNotification, &v2x::security_event_notification<o21::SecurityEventNotificationRequest,
                                                                              o21::SecurityEventNotificationResponse>>},
    {o21::SignCertificate::name,
     &typed<o21::SignCertificate, &v2x::sign_certificate<o21::SignCertificateRequest, o21::SignCertificateResponse>>},
    {o21::MeterValues::name,
     &typed<o21::MeterValues, &v2x::meter_values<o21::MeterValuesRequest, o21::MeterValuesResponse>>},
    {o21::TransactionEvent::name,
     &typed<o21::TransactionEvent,
            &v2x::transaction_event<o21::TransactionEventRequest, o21::TransactionEventResponse>>},
};

std::span<const Route> routes(ocpp::Version v) {
    switch (v) {
    case ocpp::Version::v16:
        return kV16Routes;
    case ocpp::Version::v201:
        return kV201Routes;
    case ocpp::Version::v21:
        return kV21Routes;
    }
    return {};
}

} // namespace

Outcome dispatch(HandlerContext& ctx, const boost::json::value& payload) {
    const auto& action = ctx.call.action;
    for (const auto& r : routes(ctx.version)) {
        if (r.action == action) {
            try {
                return r.fn(ctx, payload);
            } catch (const ocpp::DecodeError& e) {
                return {std::nullopt, e.to_rpc_error()};
            }
        }
    }
    const auto* info = ocpp::find_action(ctx.version, action);
    if (info != nullptr && info->sender == ocpp::Sender::Csms) {
        return {std::nullopt, ocpp::RpcError{ocpp::ErrorKind::NotSupported, action + " is sent by the central system"}};
    }
    return {std::nullopt,
            ocpp::RpcError{ocpp::ErrorKind::NotImplemented,
                           info != nullptr ? action + " is not implemented yet" : "unknown action " + action}};
}

} // namespace recarga::manager
