import { baseApi as api } from "../enhanced/baseApi";
export const addTagTypes = [
  "stations",
  "commands",
  "transactions",
  "id-tokens",
  "auth",
  "users",
  "api-keys",
  "audit",
  "tariffs",
  "payments",
  "events",
  "sites",
] as const;
const injectedRtkApi = api
  .enhanceEndpoints({
    addTagTypes,
  })
  .injectEndpoints({
    endpoints: (build) => ({
      listStations: build.query<ListStationsApiResponse, ListStationsApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/stations`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
            connected: queryArg.connected,
            q: queryArg.q,
          },
        }),
        providesTags: ["stations"],
      }),
      getStation: build.query<GetStationApiResponse, GetStationApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}`,
        }),
        providesTags: ["stations"],
      }),
      sendCommand: build.mutation<SendCommandApiResponse, SendCommandApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/${queryArg.action}`,
          method: "POST",
          body: queryArg.body,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      startCharging: build.mutation<
        StartChargingApiResponse,
        StartChargingApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/start-charging`,
          method: "POST",
          body: queryArg.startChargingRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      stopCharging: build.mutation<StopChargingApiResponse, StopChargingApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/stations/${queryArg.stationId}/commands/stop-charging`,
            method: "POST",
            body: queryArg.stopChargingRequest,
            params: {
              timeoutMs: queryArg.timeoutMs,
              async: queryArg["async"],
              deliver: queryArg.deliver,
              expiresIn: queryArg.expiresIn,
            },
          }),
          invalidatesTags: ["commands"],
        },
      ),
      resetStation: build.mutation<ResetStationApiResponse, ResetStationApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/stations/${queryArg.stationId}/commands/reset`,
            method: "POST",
            body: queryArg.resetRequest,
            params: {
              timeoutMs: queryArg.timeoutMs,
              async: queryArg["async"],
              deliver: queryArg.deliver,
              expiresIn: queryArg.expiresIn,
            },
          }),
          invalidatesTags: ["commands"],
        },
      ),
      unlockConnector: build.mutation<
        UnlockConnectorApiResponse,
        UnlockConnectorApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/unlock-connector`,
          method: "POST",
          body: queryArg.unlockConnectorRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      changeAvailability: build.mutation<
        ChangeAvailabilityApiResponse,
        ChangeAvailabilityApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/change-availability`,
          method: "POST",
          body: queryArg.changeAvailabilityRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      getConfiguration: build.mutation<
        GetConfigurationApiResponse,
        GetConfigurationApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/get-configuration`,
          method: "POST",
          body: queryArg.getConfigurationRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      setConfiguration: build.mutation<
        SetConfigurationApiResponse,
        SetConfigurationApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/set-configuration`,
          method: "POST",
          body: queryArg.setConfigurationRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      triggerMessage: build.mutation<
        TriggerMessageApiResponse,
        TriggerMessageApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/trigger-message`,
          method: "POST",
          body: queryArg.triggerMessageRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      clearCache: build.mutation<ClearCacheApiResponse, ClearCacheApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/clear-cache`,
          method: "POST",
          body: queryArg.emptyCommandRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      dataTransfer: build.mutation<DataTransferApiResponse, DataTransferApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/stations/${queryArg.stationId}/commands/data-transfer`,
            method: "POST",
            body: queryArg.dataTransferRequest,
            params: {
              timeoutMs: queryArg.timeoutMs,
              async: queryArg["async"],
              deliver: queryArg.deliver,
              expiresIn: queryArg.expiresIn,
            },
          }),
          invalidatesTags: ["commands"],
        },
      ),
      uploadDiagnostics: build.mutation<
        UploadDiagnosticsApiResponse,
        UploadDiagnosticsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/upload-diagnostics`,
          method: "POST",
          body: queryArg.uploadDiagnosticsRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      updateFirmware: build.mutation<
        UpdateFirmwareApiResponse,
        UpdateFirmwareApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/update-firmware`,
          method: "POST",
          body: queryArg.updateFirmwareRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      sendLocalList: build.mutation<
        SendLocalListApiResponse,
        SendLocalListApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/send-local-list`,
          method: "POST",
          body: queryArg.sendLocalListRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      getLocalListVersion: build.mutation<
        GetLocalListVersionApiResponse,
        GetLocalListVersionApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/get-local-list-version`,
          method: "POST",
          body: queryArg.emptyCommandRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      reserveNow: build.mutation<ReserveNowApiResponse, ReserveNowApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/reserve`,
          method: "POST",
          body: queryArg.reserveRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      cancelReservation: build.mutation<
        CancelReservationApiResponse,
        CancelReservationApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/cancel-reservation`,
          method: "POST",
          body: queryArg.cancelReservationRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      setChargingProfile: build.mutation<
        SetChargingProfileApiResponse,
        SetChargingProfileApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/set-charging-profile`,
          method: "POST",
          body: queryArg.setChargingProfileRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      clearChargingProfile: build.mutation<
        ClearChargingProfileApiResponse,
        ClearChargingProfileApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/clear-charging-profile`,
          method: "POST",
          body: queryArg.clearChargingProfileRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      getCompositeSchedule: build.mutation<
        GetCompositeScheduleApiResponse,
        GetCompositeScheduleApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/commands/get-composite-schedule`,
          method: "POST",
          body: queryArg.getCompositeScheduleRequest,
          params: {
            timeoutMs: queryArg.timeoutMs,
            async: queryArg["async"],
            deliver: queryArg.deliver,
            expiresIn: queryArg.expiresIn,
          },
        }),
        invalidatesTags: ["commands"],
      }),
      listCommands: build.query<ListCommandsApiResponse, ListCommandsApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/commands`,
          params: {
            stationId: queryArg.stationId,
            status: queryArg.status,
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["commands"],
      }),
      getCommand: build.query<GetCommandApiResponse, GetCommandApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/commands/${queryArg.commandId}`,
        }),
        providesTags: ["commands"],
      }),
      putStationSecurity: build.mutation<
        PutStationSecurityApiResponse,
        PutStationSecurityApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/security`,
          method: "PUT",
          body: queryArg.body,
        }),
        invalidatesTags: ["stations"],
      }),
      listStationVariables: build.query<
        ListStationVariablesApiResponse,
        ListStationVariablesApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/variables`,
          params: {
            component: queryArg.component,
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["stations"],
      }),
      listStationStatusEvents: build.query<
        ListStationStatusEventsApiResponse,
        ListStationStatusEventsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/stations/${queryArg.stationId}/status-events`,
          params: {
            evseId: queryArg.evseId,
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["stations"],
      }),
      listTransactions: build.query<
        ListTransactionsApiResponse,
        ListTransactionsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/transactions`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
            stationId: queryArg.stationId,
            status: queryArg.status,
            idToken: queryArg.idToken,
            from: queryArg["from"],
            to: queryArg.to,
            format: queryArg.format,
          },
        }),
        providesTags: ["transactions"],
      }),
      getTransaction: build.query<
        GetTransactionApiResponse,
        GetTransactionApiArg
      >({
        query: (queryArg) => ({ url: `/api/v1/transactions/${queryArg.id}` }),
        providesTags: ["transactions"],
      }),
      listTransactionMeterValues: build.query<
        ListTransactionMeterValuesApiResponse,
        ListTransactionMeterValuesApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/transactions/${queryArg.id}/meter-values`,
          params: {
            from: queryArg["from"],
            to: queryArg.to,
            measurand: queryArg.measurand,
            limit: queryArg.limit,
            cursor: queryArg.cursor,
            format: queryArg.format,
          },
        }),
        providesTags: ["transactions"],
      }),
      listIdTokens: build.query<ListIdTokensApiResponse, ListIdTokensApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/id-tokens`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
            q: queryArg.q,
            status: queryArg.status,
          },
        }),
        providesTags: ["id-tokens"],
      }),
      createIdToken: build.mutation<
        CreateIdTokenApiResponse,
        CreateIdTokenApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/id-tokens`,
          method: "POST",
          body: queryArg.idTokenCreate,
        }),
        invalidatesTags: ["id-tokens"],
      }),
      importIdTokens: build.mutation<
        ImportIdTokensApiResponse,
        ImportIdTokensApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/id-tokens/import`,
          method: "POST",
          body: queryArg.body,
        }),
        invalidatesTags: ["id-tokens"],
      }),
      getIdToken: build.query<GetIdTokenApiResponse, GetIdTokenApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/id-tokens/${queryArg["type"]}/${queryArg.idToken}`,
        }),
        providesTags: ["id-tokens"],
      }),
      updateIdToken: build.mutation<
        UpdateIdTokenApiResponse,
        UpdateIdTokenApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/id-tokens/${queryArg["type"]}/${queryArg.idToken}`,
          method: "PATCH",
          body: queryArg.idTokenUpdate,
        }),
        invalidatesTags: ["id-tokens"],
      }),
      deleteIdToken: build.mutation<
        DeleteIdTokenApiResponse,
        DeleteIdTokenApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/id-tokens/${queryArg["type"]}/${queryArg.idToken}`,
          method: "DELETE",
        }),
        invalidatesTags: ["id-tokens"],
      }),
      login: build.mutation<LoginApiResponse, LoginApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/auth/login`,
          method: "POST",
          body: queryArg.loginRequest,
        }),
        invalidatesTags: ["auth"],
      }),
      logout: build.mutation<LogoutApiResponse, LogoutApiArg>({
        query: () => ({ url: `/api/v1/auth/logout`, method: "POST" }),
        invalidatesTags: ["auth"],
      }),
      getMe: build.query<GetMeApiResponse, GetMeApiArg>({
        query: () => ({ url: `/api/v1/auth/me` }),
        providesTags: ["auth"],
      }),
      listUsers: build.query<ListUsersApiResponse, ListUsersApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/users`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["users"],
      }),
      createUser: build.mutation<CreateUserApiResponse, CreateUserApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/users`,
          method: "POST",
          body: queryArg.userCreate,
        }),
        invalidatesTags: ["users"],
      }),
      getUser: build.query<GetUserApiResponse, GetUserApiArg>({
        query: (queryArg) => ({ url: `/api/v1/users/${queryArg.userId}` }),
        providesTags: ["users"],
      }),
      updateUser: build.mutation<UpdateUserApiResponse, UpdateUserApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/users/${queryArg.userId}`,
          method: "PATCH",
          body: queryArg.userUpdate,
        }),
        invalidatesTags: ["users"],
      }),
      deleteUser: build.mutation<DeleteUserApiResponse, DeleteUserApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/users/${queryArg.userId}`,
          method: "DELETE",
        }),
        invalidatesTags: ["users"],
      }),
      listApiKeys: build.query<ListApiKeysApiResponse, ListApiKeysApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/api-keys`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["api-keys"],
      }),
      createApiKey: build.mutation<CreateApiKeyApiResponse, CreateApiKeyApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/api-keys`,
            method: "POST",
            body: queryArg.apiKeyCreate,
          }),
          invalidatesTags: ["api-keys"],
        },
      ),
      getApiKey: build.query<GetApiKeyApiResponse, GetApiKeyApiArg>({
        query: (queryArg) => ({ url: `/api/v1/api-keys/${queryArg.keyId}` }),
        providesTags: ["api-keys"],
      }),
      revokeApiKey: build.mutation<RevokeApiKeyApiResponse, RevokeApiKeyApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/api-keys/${queryArg.keyId}`,
            method: "DELETE",
          }),
          invalidatesTags: ["api-keys"],
        },
      ),
      listAuditEntries: build.query<
        ListAuditEntriesApiResponse,
        ListAuditEntriesApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/audit`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
            actor: queryArg.actor,
            since: queryArg.since,
            until: queryArg.until,
          },
        }),
        providesTags: ["audit"],
      }),
      listTariffs: build.query<ListTariffsApiResponse, ListTariffsApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/tariffs`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["tariffs"],
      }),
      createTariff: build.mutation<CreateTariffApiResponse, CreateTariffApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/tariffs`,
            method: "POST",
            body: queryArg.tariffCreate,
          }),
          invalidatesTags: ["tariffs"],
        },
      ),
      getTariff: build.query<GetTariffApiResponse, GetTariffApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/tariffs/${queryArg.tariffId}`,
          params: {
            version: queryArg.version,
          },
        }),
        providesTags: ["tariffs"],
      }),
      updateTariff: build.mutation<UpdateTariffApiResponse, UpdateTariffApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/tariffs/${queryArg.tariffId}`,
            method: "PUT",
            body: queryArg.tariffBody,
          }),
          invalidatesTags: ["tariffs"],
        },
      ),
      listTariffVersions: build.query<
        ListTariffVersionsApiResponse,
        ListTariffVersionsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/tariffs/${queryArg.tariffId}/versions`,
        }),
        providesTags: ["tariffs"],
      }),
      listTariffAssignments: build.query<
        ListTariffAssignmentsApiResponse,
        ListTariffAssignmentsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/tariff-assignments`,
          params: {
            stationId: queryArg.stationId,
          },
        }),
        providesTags: ["tariffs"],
      }),
      createTariffAssignment: build.mutation<
        CreateTariffAssignmentApiResponse,
        CreateTariffAssignmentApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/tariff-assignments`,
          method: "POST",
          body: queryArg.tariffAssignmentCreate,
        }),
        invalidatesTags: ["tariffs"],
      }),
      deleteTariffAssignment: build.mutation<
        DeleteTariffAssignmentApiResponse,
        DeleteTariffAssignmentApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/tariff-assignments/${queryArg.assignmentId}`,
          method: "DELETE",
        }),
        invalidatesTags: ["tariffs"],
      }),
      getTransactionCost: build.query<
        GetTransactionCostApiResponse,
        GetTransactionCostApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/transactions/${queryArg.transactionId}/cost`,
        }),
        providesTags: ["tariffs"],
      }),
      refundTransaction: build.mutation<
        RefundTransactionApiResponse,
        RefundTransactionApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/transactions/${queryArg.transactionId}/refunds`,
          method: "POST",
          body: queryArg.amountRequest,
        }),
        invalidatesTags: ["payments"],
      }),
      listWallets: build.query<ListWalletsApiResponse, ListWalletsApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/wallets`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["payments"],
      }),
      createWallet: build.mutation<CreateWalletApiResponse, CreateWalletApiArg>(
        {
          query: (queryArg) => ({
            url: `/api/v1/wallets`,
            method: "POST",
            body: queryArg.walletCreate,
          }),
          invalidatesTags: ["payments"],
        },
      ),
      getWallet: build.query<GetWalletApiResponse, GetWalletApiArg>({
        query: (queryArg) => ({ url: `/api/v1/wallets/${queryArg.walletId}` }),
        providesTags: ["payments"],
      }),
      topUpWallet: build.mutation<TopUpWalletApiResponse, TopUpWalletApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/wallets/${queryArg.walletId}/top-ups`,
          method: "POST",
          body: queryArg.amountRequest,
        }),
        invalidatesTags: ["payments"],
      }),
      listWalletLedger: build.query<
        ListWalletLedgerApiResponse,
        ListWalletLedgerApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/wallets/${queryArg.walletId}/ledger`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["payments"],
      }),
      listPaymentMethods: build.query<
        ListPaymentMethodsApiResponse,
        ListPaymentMethodsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/payment-methods`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["payments"],
      }),
      createPaymentMethod: build.mutation<
        CreatePaymentMethodApiResponse,
        CreatePaymentMethodApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/payment-methods`,
          method: "POST",
          body: queryArg.paymentMethodCreate,
        }),
        invalidatesTags: ["payments"],
      }),
      deletePaymentMethod: build.mutation<
        DeletePaymentMethodApiResponse,
        DeletePaymentMethodApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/payment-methods/${queryArg.paymentMethodId}`,
          method: "DELETE",
        }),
        invalidatesTags: ["payments"],
      }),
      streamEvents: build.query<StreamEventsApiResponse, StreamEventsApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/events`,
          headers: {
            "Last-Event-ID": queryArg["Last-Event-ID"],
          },
          params: {
            stationId: queryArg.stationId,
          },
        }),
        providesTags: ["events"],
      }),
      listWebhooks: build.query<ListWebhooksApiResponse, ListWebhooksApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/webhooks`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["events"],
      }),
      createWebhook: build.mutation<
        CreateWebhookApiResponse,
        CreateWebhookApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/webhooks`,
          method: "POST",
          body: queryArg.webhookCreate,
        }),
        invalidatesTags: ["events"],
      }),
      getWebhook: build.query<GetWebhookApiResponse, GetWebhookApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/webhooks/${queryArg.webhookId}`,
        }),
        providesTags: ["events"],
      }),
      deleteWebhook: build.mutation<
        DeleteWebhookApiResponse,
        DeleteWebhookApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/webhooks/${queryArg.webhookId}`,
          method: "DELETE",
        }),
        invalidatesTags: ["events"],
      }),
      listSites: build.query<ListSitesApiResponse, ListSitesApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/sites`,
          params: {
            limit: queryArg.limit,
            cursor: queryArg.cursor,
          },
        }),
        providesTags: ["sites"],
      }),
      createSite: build.mutation<CreateSiteApiResponse, CreateSiteApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/sites`,
          method: "POST",
          body: queryArg.siteCreate,
        }),
        invalidatesTags: ["sites"],
      }),
      getSite: build.query<GetSiteApiResponse, GetSiteApiArg>({
        query: (queryArg) => ({ url: `/api/v1/sites/${queryArg.siteId}` }),
        providesTags: ["sites"],
      }),
      updateSite: build.mutation<UpdateSiteApiResponse, UpdateSiteApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}`,
          method: "PATCH",
          body: queryArg.siteUpdate,
        }),
        invalidatesTags: ["sites"],
      }),
      deleteSite: build.mutation<DeleteSiteApiResponse, DeleteSiteApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}`,
          method: "DELETE",
        }),
        invalidatesTags: ["sites"],
      }),
      listSiteStations: build.query<
        ListSiteStationsApiResponse,
        ListSiteStationsApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}/stations`,
        }),
        providesTags: ["sites"],
      }),
      putSiteStation: build.mutation<
        PutSiteStationApiResponse,
        PutSiteStationApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}/stations/${queryArg.stationId}`,
          method: "PUT",
          body: queryArg.siteStationSettings,
        }),
        invalidatesTags: ["sites"],
      }),
      removeSiteStation: build.mutation<
        RemoveSiteStationApiResponse,
        RemoveSiteStationApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}/stations/${queryArg.stationId}`,
          method: "DELETE",
        }),
        invalidatesTags: ["sites"],
      }),
      getSiteAllocation: build.query<
        GetSiteAllocationApiResponse,
        GetSiteAllocationApiArg
      >({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}/allocation`,
        }),
        providesTags: ["sites"],
      }),
      getSitePower: build.query<GetSitePowerApiResponse, GetSitePowerApiArg>({
        query: (queryArg) => ({
          url: `/api/v1/sites/${queryArg.siteId}/power`,
          params: {
            from: queryArg["from"],
            to: queryArg.to,
            bucket: queryArg.bucket,
          },
        }),
        providesTags: ["sites"],
      }),
    }),
    overrideExisting: false,
  });
export { injectedRtkApi as recargaApi };
export type ListStationsApiResponse =
  /** status 200 A page of stations. */ StationPage;
export type ListStationsApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only stations whose WebSocket is (true) or is not (false) open now. */
  connected?: boolean;
  /** Case-insensitive substring of the station id, vendor or model. */
  q?: string;
};
export type GetStationApiResponse =
  /** status 200 The station. */ StationDetail;
export type GetStationApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
};
export type SendCommandApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type SendCommandApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** The OCPP action, spelled as in the station's version (e.g. Reset, GetVariables). */
  action: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  body: object;
};
export type StartChargingApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type StartChargingApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  startChargingRequest: StartChargingRequest;
};
export type StopChargingApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type StopChargingApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  stopChargingRequest: StopChargingRequest;
};
export type ResetStationApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type ResetStationApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  resetRequest: ResetRequest;
};
export type UnlockConnectorApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type UnlockConnectorApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  unlockConnectorRequest: UnlockConnectorRequest;
};
export type ChangeAvailabilityApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type ChangeAvailabilityApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  changeAvailabilityRequest: ChangeAvailabilityRequest;
};
export type GetConfigurationApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type GetConfigurationApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  getConfigurationRequest: GetConfigurationRequest;
};
export type SetConfigurationApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type SetConfigurationApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  setConfigurationRequest: SetConfigurationRequest;
};
export type TriggerMessageApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type TriggerMessageApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  triggerMessageRequest: TriggerMessageRequest;
};
export type ClearCacheApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type ClearCacheApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  emptyCommandRequest: EmptyCommandRequest;
};
export type DataTransferApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type DataTransferApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  dataTransferRequest: DataTransferRequest;
};
export type UploadDiagnosticsApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type UploadDiagnosticsApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  uploadDiagnosticsRequest: UploadDiagnosticsRequest;
};
export type UpdateFirmwareApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type UpdateFirmwareApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  updateFirmwareRequest: UpdateFirmwareRequest;
};
export type SendLocalListApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type SendLocalListApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  sendLocalListRequest: SendLocalListRequest;
};
export type GetLocalListVersionApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type GetLocalListVersionApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  emptyCommandRequest: EmptyCommandRequest;
};
export type ReserveNowApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type ReserveNowApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  reserveRequest: ReserveRequest;
};
export type CancelReservationApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type CancelReservationApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  cancelReservationRequest: CancelReservationRequest;
};
export type SetChargingProfileApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type SetChargingProfileApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  setChargingProfileRequest: SetChargingProfileRequest;
};
export type ClearChargingProfileApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type ClearChargingProfileApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  clearChargingProfileRequest: ClearChargingProfileRequest;
};
export type GetCompositeScheduleApiResponse =
  | /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer
  | /** status 202 With async=true or deliver=queue, the command record to poll. */ Command;
export type GetCompositeScheduleApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  /** Answer 202 with the command record at once instead of waiting; poll GET /api/v1/commands/{commandId}. */
  async?: boolean;
  /** `now` (default): a station that is not connected gives 409. `queue`: the command goes to the station's
    durable outbox (202 with the record) and is delivered, in order and one at a time, when the station is
    connected and accepted; connected stations get it from the outbox at once.
     */
  deliver?: "now" | "queue";
  /** With deliver=queue, seconds after which an undelivered command expires (never sent). */
  expiresIn?: number;
  getCompositeScheduleRequest: GetCompositeScheduleRequest;
};
export type ListCommandsApiResponse =
  /** status 200 A page of command records. */ CommandPage;
export type ListCommandsApiArg = {
  /** Only the commands of this station. */
  stationId?: string;
  /** Only commands in this state. */
  status?: CommandStatus;
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type GetCommandApiResponse =
  /** status 200 The command record. */ Command;
export type GetCommandApiArg = {
  /** The command's id. */
  commandId: string;
};
export type PutStationSecurityApiResponse = /** status 200 Stored. */ {
  id?: string;
  securityProfile?: number;
  hasPassword?: boolean;
};
export type PutStationSecurityApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  body: {
    securityProfile: number;
    /** Required for profiles 1 and 2 unless already set */
    password?: string;
  };
};
export type ListStationVariablesApiResponse =
  /** status 200 A page of variables. */ StationVariablePage;
export type ListStationVariablesApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** Only variables of this component (exact name). */
  component?: string;
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type ListStationStatusEventsApiResponse =
  /** status 200 A page of status reports. */ StatusEventPage;
export type ListStationStatusEventsApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** Only reports of this EVSE (1.6 connector N is EVSE N). */
  evseId?: number;
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type ListTransactionsApiResponse =
  /** status 200 A page of transactions, or the CSV file. */ TransactionPage;
export type ListTransactionsApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only transactions of this station. */
  stationId?: string;
  /** Only active (not yet ended) or completed transactions. */
  status?: "active" | "completed";
  /** Only transactions started with this id token value. */
  idToken?: string;
  /** Only transactions started at or after this time (RFC 3339). */
  from?: string;
  /** Only transactions started before this time (RFC 3339). */
  to?: string;
  /** json (default) or csv (a file, `text/csv`, sent as an attachment). */
  format?: "json" | "csv";
};
export type GetTransactionApiResponse =
  /** status 200 The transaction. */ Transaction;
export type GetTransactionApiArg = {
  /** The manager's id of the transaction. */
  id: string;
};
export type ListTransactionMeterValuesApiResponse =
  /** status 200 A page of meter values, or the CSV file. */ MeterValuePage;
export type ListTransactionMeterValuesApiArg = {
  /** The manager's id of the transaction. */
  id: string;
  /** Only values sampled at or after this time (RFC 3339). */
  from?: string;
  /** Only values sampled before this time (RFC 3339). */
  to?: string;
  /** Only this measurand, e.g. Energy.Active.Import.Register or Power.Active.Import. */
  measurand?: string;
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** json (default) or csv (a file, `text/csv`, sent as an attachment). */
  format?: "json" | "csv";
};
export type ListIdTokensApiResponse =
  /** status 200 A page of id tokens. */ IdTokenPage;
export type ListIdTokensApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Case-insensitive substring of the token value or its group token. */
  q?: string;
  /** Only tokens with this status. */
  status?: IdTokenStatus;
};
export type CreateIdTokenApiResponse = /** status 201 Created. */ IdToken;
export type CreateIdTokenApiArg = {
  idTokenCreate: IdTokenCreate;
};
export type ImportIdTokensApiResponse =
  /** status 200 What was imported and what was not. */ IdTokenImportResult;
export type ImportIdTokensApiArg = {
  body: any[];
};
export type GetIdTokenApiResponse = /** status 200 The token. */ IdToken;
export type GetIdTokenApiArg = {
  /** The token's type. */
  type: IdTokenType;
  /** The token's value. */
  idToken: IdTokenValue;
};
export type UpdateIdTokenApiResponse =
  /** status 200 The token as changed. */ IdToken;
export type UpdateIdTokenApiArg = {
  /** The token's type. */
  type: IdTokenType;
  /** The token's value. */
  idToken: IdTokenValue;
  idTokenUpdate: IdTokenUpdate;
};
export type DeleteIdTokenApiResponse = unknown;
export type DeleteIdTokenApiArg = {
  /** The token's type. */
  type: IdTokenType;
  /** The token's value. */
  idToken: IdTokenValue;
};
export type LoginApiResponse = /** status 200 Logged in. */ LoginResponse;
export type LoginApiArg = {
  loginRequest: LoginRequest;
};
export type LogoutApiResponse = unknown;
export type LogoutApiArg = void;
export type GetMeApiResponse = /** status 200 The caller. */ Principal;
export type GetMeApiArg = void;
export type ListUsersApiResponse = /** status 200 A page of users. */ UserPage;
export type ListUsersApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreateUserApiResponse =
  /** status 201 The user was created. */ User;
export type CreateUserApiArg = {
  userCreate: UserCreate;
};
export type GetUserApiResponse = /** status 200 The user. */ User;
export type GetUserApiArg = {
  /** The user's id. */
  userId: string;
};
export type UpdateUserApiResponse = /** status 200 The user as changed. */ User;
export type UpdateUserApiArg = {
  /** The user's id. */
  userId: string;
  userUpdate: UserUpdate;
};
export type DeleteUserApiResponse = unknown;
export type DeleteUserApiArg = {
  /** The user's id. */
  userId: string;
};
export type ListApiKeysApiResponse =
  /** status 200 A page of API keys. */ ApiKeyPage;
export type ListApiKeysApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreateApiKeyApiResponse =
  /** status 201 The key was created; `key` is shown this once. */ ApiKeyCreated;
export type CreateApiKeyApiArg = {
  apiKeyCreate: ApiKeyCreate;
};
export type GetApiKeyApiResponse = /** status 200 The key. */ ApiKey;
export type GetApiKeyApiArg = {
  /** The API key's id. */
  keyId: string;
};
export type RevokeApiKeyApiResponse = unknown;
export type RevokeApiKeyApiArg = {
  /** The API key's id. */
  keyId: string;
};
export type ListAuditEntriesApiResponse =
  /** status 200 A page of audit entries. */ AuditPage;
export type ListAuditEntriesApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Only entries of this actor (user name or API key name). */
  actor?: string;
  /** Only entries at or after this time (RFC 3339). */
  since?: string;
  /** Only entries before this time (RFC 3339). */
  until?: string;
};
export type ListTariffsApiResponse =
  /** status 200 A page of tariffs. */ TariffPage;
export type ListTariffsApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreateTariffApiResponse =
  /** status 201 The tariff, version 1. */ Tariff;
export type CreateTariffApiArg = {
  tariffCreate: TariffCreate;
};
export type GetTariffApiResponse = /** status 200 The tariff. */ Tariff;
export type GetTariffApiArg = {
  /** The tariff's id. */
  tariffId: string;
  /** A version number; the latest when absent. */
  version?: number;
};
export type UpdateTariffApiResponse = /** status 200 The new version. */ Tariff;
export type UpdateTariffApiArg = {
  /** The tariff's id. */
  tariffId: string;
  tariffBody: TariffBody;
};
export type ListTariffVersionsApiResponse =
  /** status 200 The versions. */ TariffPage;
export type ListTariffVersionsApiArg = {
  /** The tariff's id. */
  tariffId: string;
};
export type ListTariffAssignmentsApiResponse =
  /** status 200 The assignments. */ TariffAssignmentPage;
export type ListTariffAssignmentsApiArg = {
  /** Only assignments of this station. */
  stationId?: string;
};
export type CreateTariffAssignmentApiResponse =
  /** status 201 The assignment. */ TariffAssignment;
export type CreateTariffAssignmentApiArg = {
  tariffAssignmentCreate: TariffAssignmentCreate;
};
export type DeleteTariffAssignmentApiResponse = unknown;
export type DeleteTariffAssignmentApiArg = {
  /** The assignment's id. */
  assignmentId: string;
};
export type GetTransactionCostApiResponse =
  /** status 200 The cost. */ TransactionCost;
export type GetTransactionCostApiArg = {
  /** The manager's id of the transaction. */
  transactionId: string;
};
export type RefundTransactionApiResponse =
  /** status 201 The refund's ledger journal. */ LedgerJournal;
export type RefundTransactionApiArg = {
  /** The manager's id of the transaction. */
  transactionId: string;
  amountRequest: AmountRequest;
};
export type ListWalletsApiResponse =
  /** status 200 A page of wallets. */ WalletPage;
export type ListWalletsApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreateWalletApiResponse = /** status 201 The wallet. */ Wallet;
export type CreateWalletApiArg = {
  walletCreate: WalletCreate;
};
export type GetWalletApiResponse = /** status 200 The wallet. */ Wallet;
export type GetWalletApiArg = {
  /** The wallet's id. */
  walletId: string;
};
export type TopUpWalletApiResponse =
  /** status 201 The top-up's ledger journal. */ LedgerJournal;
export type TopUpWalletApiArg = {
  /** The wallet's id. */
  walletId: string;
  amountRequest: AmountRequest;
};
export type ListWalletLedgerApiResponse =
  /** status 200 A page of journals. */ LedgerPage;
export type ListWalletLedgerApiArg = {
  /** The wallet's id. */
  walletId: string;
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type ListPaymentMethodsApiResponse =
  /** status 200 A page of payment methods. */ PaymentMethodPage;
export type ListPaymentMethodsApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreatePaymentMethodApiResponse =
  /** status 201 The payment method. */ PaymentMethod;
export type CreatePaymentMethodApiArg = {
  paymentMethodCreate: PaymentMethodCreate;
};
export type DeletePaymentMethodApiResponse = unknown;
export type DeletePaymentMethodApiArg = {
  /** The payment method's id. */
  paymentMethodId: string;
};
export type StreamEventsApiResponse =
  /** status 200 The event stream (stays open). */ string;
export type StreamEventsApiArg = {
  /** Only events of this station; repeat the parameter to follow several stations. */
  stationId?: string[];
  /** The `id` of the last event received, to get what was missed after a reconnect. */
  "Last-Event-ID"?: string;
};
export type ListWebhooksApiResponse =
  /** status 200 A page of webhooks. */ WebhookPage;
export type ListWebhooksApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreateWebhookApiResponse =
  /** status 201 The webhook was registered; `secret` is shown this once. */ WebhookCreated;
export type CreateWebhookApiArg = {
  webhookCreate: WebhookCreate;
};
export type GetWebhookApiResponse = /** status 200 The webhook. */ Webhook;
export type GetWebhookApiArg = {
  /** The webhook's id. */
  webhookId: string;
};
export type DeleteWebhookApiResponse = unknown;
export type DeleteWebhookApiArg = {
  /** The webhook's id. */
  webhookId: string;
};
export type ListSitesApiResponse = /** status 200 A page of sites. */ SitePage;
export type ListSitesApiArg = {
  /** Page size. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};
export type CreateSiteApiResponse =
  /** status 201 The site was created. */ Site;
export type CreateSiteApiArg = {
  siteCreate: SiteCreate;
};
export type GetSiteApiResponse = /** status 200 The site. */ Site;
export type GetSiteApiArg = {
  /** The site's id. */
  siteId: string;
};
export type UpdateSiteApiResponse = /** status 200 The site as changed. */ Site;
export type UpdateSiteApiArg = {
  /** The site's id. */
  siteId: string;
  siteUpdate: SiteUpdate;
};
export type DeleteSiteApiResponse = unknown;
export type DeleteSiteApiArg = {
  /** The site's id. */
  siteId: string;
};
export type ListSiteStationsApiResponse =
  /** status 200 The site's stations (all of them; nextCursor is always null). */ SiteStationPage;
export type ListSiteStationsApiArg = {
  /** The site's id. */
  siteId: string;
};
export type PutSiteStationApiResponse =
  /** status 200 The station on the site. */ SiteStation;
export type PutSiteStationApiArg = {
  /** The site's id. */
  siteId: string;
  /** The station identity. */
  stationId: string;
  siteStationSettings: SiteStationSettings;
};
export type RemoveSiteStationApiResponse = unknown;
export type RemoveSiteStationApiArg = {
  /** The site's id. */
  siteId: string;
  /** The station identity. */
  stationId: string;
};
export type GetSiteAllocationApiResponse =
  /** status 200 The allocation in force. */ SiteAllocation;
export type GetSiteAllocationApiArg = {
  /** The site's id. */
  siteId: string;
};
export type GetSitePowerApiResponse =
  /** status 200 One point per bucket of the window, in time order. */ SitePower;
export type GetSitePowerApiArg = {
  /** The site's id. */
  siteId: string;
  /** Start of the window (RFC 3339); default one hour before `to`. */
  from?: string;
  /** End of the window (RFC 3339, exclusive); default now. */
  to?: string;
  /** Bucket length in seconds. */
  bucket?: number;
};
export type Boot = {
  vendor?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  firmwareVersion?: string | null;
  iccid?: string | null;
  imsi?: string | null;
  meterType?: string | null;
  meterSerialNumber?: string | null;
  /** OCPP 2.0.1 boot reason */
  reason?: string | null;
  lastBootAt?: string | null;
};
export type ConnectorStatus = {
  evseId: number;
  connectorId: number;
  status: string;
  /** A transaction is active on its EVSE (2.0.1 reports Occupied, not Charging). */
  transactionActive: boolean;
};
export type Station = {
  id: string;
  /** What the station is answered at boot. */
  registrationStatus: "Accepted" | "Pending" | "Rejected";
  protocol?:
    | ("ocpp1.6" | "ocpp2.0.1" | "ocpp2.1" | null)
    | ("ocpp1.6" | "ocpp2.0.1" | "ocpp2.1" | null);
  /** Whether its WebSocket is open now. */
  connected: boolean;
  /** The gateway that holds (or last held) its connection. */
  gatewayId?: string | null;
  remoteAddress?: string | null;
  lastSeen?: string | null;
  connectionChangedAt?: string | null;
  boot?: Boot;
  /** The last reported status of each connector (EVSE 0, the station itself, left out), for the counts and badges of lists. */
  connectorStatuses?: ConnectorStatus[];
  createdAt?: string;
  updatedAt?: string;
};
export type StationPage = {
  items: Station[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
};
export type Problem = {
  /** Machine-readable kind, e.g. /api/problems/not-found */
  type: string;
  title: string;
  status: number;
  detail?: string;
};
export type Connector = {
  connectorId: number;
  /** Last reported status, e.g. Available, Occupied, Charging, Faulted */
  status: string;
  errorCode?: string | null;
  info?: string | null;
  vendorErrorCode?: string | null;
  /** The station's time of the report. */
  statusAt?: string;
};
export type Evse = {
  evseId: number;
  connectors: Connector[];
};
export type StationDetail = Station & {
  evses: Evse[];
};
export type CommandAnswer = {
  outcome: "result" | "error";
  /** OCPP message id of the CALL */
  messageId: string;
  /** The `status` member of the result payload, when it has one (e.g. Accepted) */
  status?: string;
  /** The CALLRESULT payload (outcome result) */
  result?: object;
  /** The CALLERROR (outcome error). */
  error?: {
    code?: string;
    description?: string;
    details?: object;
  };
};
export type CommandStatus =
  "pending" | "sent" | "answered" | "failed" | "expired";
export type Command = {
  id: string;
  stationId: string;
  /** The neutral command (e.g. reset) or the raw OCPP action (e.g. Reset) */
  command: string;
  /** The OCPP action sent (after translation) */
  action?: string | null;
  /** The body as the caller sent it */
  request?: object;
  status: CommandStatus;
  /** Queued for delivery when the station is connected (deliver=queue) */
  outbox?: boolean;
  /** The user or API key that sent it */
  createdBy?: string | null;
  createdAt: string;
  sentAt?: string | null;
  answeredAt?: string | null;
  expiresAt?: string | null;
  /** The status the synchronous call would have answered with */
  httpStatus?: number | null;
  /** The CommandAnswer, or the problem body when it failed. */
  answer?: object | null;
};
export type EvseId = number;
export type NeutralIdToken = {
  idToken: string;
  /** 2.x only (1.6 id tags have no type: 422 there). Default Central (ISO14443 in local lists). */
  type?:
    | "Central"
    | "eMAID"
    | "ISO14443"
    | "ISO15693"
    | "KeyCode"
    | "Local"
    | "MacAddress"
    | "NoAuthorization";
};
export type ChargingProfile = {
  id: number;
  stackLevel: number;
  purpose: "ChargingStationMaxProfile" | "TxDefaultProfile" | "TxProfile";
  kind: "Absolute" | "Recurring" | "Relative";
  recurrency?: "Daily" | "Weekly";
  validFrom?: string;
  validTo?: string;
  /** An integer on 1.6 */
  transactionId?: string;
  schedule: {
    /** 2.x only */
    id?: number;
    chargingRateUnit: "W" | "A";
    duration?: number;
    startSchedule?: string;
    minChargingRate?: number;
    periods: {
      startPeriod: number;
      /** W or A, as chargingRateUnit says */
      limit: number;
      numberPhases?: number;
    }[];
  };
};
export type StartChargingRequest = {
  evseId?: EvseId;
  /** 1.6: must be 1 (with evseId); 2.x: no equivalent */
  connectorId?: number;
  idToken: NeutralIdToken;
  chargingProfile?: ChargingProfile;
};
export type StopChargingRequest = {
  /** The station's transaction id (1.6: the integer, as text) */
  transactionId: string;
};
export type ResetRequest = {
  type: "Immediate" | "OnIdle";
  /** 2.x only */
  evseId?: number;
};
export type UnlockConnectorRequest = {
  evseId: number;
  connectorId?: number;
};
export type ChangeAvailabilityRequest = {
  evseId?: EvseId;
  connectorId?: number;
  operational: boolean;
};
export type GetConfigurationRequest = {
  /** 1.6 keys, or 2.x Component/Variable; absent: all keys (1.6 only) */
  keys?: string[];
};
export type SetConfigurationRequest = {
  key: string;
  value: string;
};
export type TriggerMessageRequest = {
  message:
    | "BootNotification"
    | "Heartbeat"
    | "MeterValues"
    | "StatusNotification"
    | "FirmwareStatusNotification"
    | "LogStatusNotification"
    | "TransactionEvent"
    | "SignChargingStationCertificate";
  evseId?: number;
  connectorId?: number;
};
export type EmptyCommandRequest = object;
export type DataTransferRequest = {
  vendorId: string;
  messageId?: string;
  /** Any JSON on 2.x; a string on 1.6 */
  data?: any;
};
export type UploadDiagnosticsRequest = {
  location: string;
  logType?: "DiagnosticsLog" | "SecurityLog";
  from?: string;
  to?: string;
  retries?: number;
  retryInterval?: number;
};
export type UpdateFirmwareRequest = {
  location: string;
  retrieveAt: string;
  installAt?: string;
  signingCertificate?: string;
  signature?: string;
  retries?: number;
  retryInterval?: number;
};
export type SendLocalListRequest = {
  listVersion: number;
  updateType: "Full" | "Differential";
  entries?: {
    idToken: NeutralIdToken;
    status?: "Accepted" | "Blocked" | "Expired" | "Invalid" | "ConcurrentTx";
    expiresAt?: string;
    groupIdToken?: NeutralIdToken;
  }[];
};
export type ReserveRequest = {
  reservationId: number;
  expiresAt: string;
  idToken: NeutralIdToken;
  groupIdToken?: NeutralIdToken;
  evseId?: number;
  /** 2.x only */
  connectorType?: string;
};
export type CancelReservationRequest = {
  reservationId: number;
};
export type SetChargingProfileRequest = {
  evseId: EvseId;
  chargingProfile: ChargingProfile;
};
export type ClearChargingProfileRequest = {
  chargingProfileId?: number;
  evseId?: EvseId;
  purpose?: "ChargingStationMaxProfile" | "TxDefaultProfile" | "TxProfile";
  stackLevel?: number;
};
export type GetCompositeScheduleRequest = {
  evseId: EvseId;
  duration: number;
  chargingRateUnit?: "W" | "A";
};
export type CommandPage = {
  items: Command[];
  nextCursor: string | null;
};
export type StationVariable = {
  component: string;
  componentInstance: string | null;
  evseId: number | null;
  connectorId: number | null;
  variable: string;
  variableInstance: string | null;
  /** Actual */
  attributeType: string;
  value: string | null;
  /** The station reported the attribute's mutability as ReadOnly. */
  readonly: boolean;
  /** When the manager last changed it. */
  updatedAt: string;
};
export type StationVariablePage = {
  items: StationVariable[];
  nextCursor: string | null;
};
export type StatusEvent = {
  evseId: number;
  connectorId: number;
  status: string;
  errorCode: string | null;
  info: string | null;
  /** The station's time of the report. */
  reportedAt: string;
  receivedAt: string;
};
export type StatusEventPage = {
  items: StatusEvent[];
  nextCursor: string | null;
};
export type Transaction = {
  /** The manager's id, for /api/v1/transactions/{id}. */
  id: string;
  stationId: string;
  /** The station's id: the 2.0.1 transactionId or the 1.6 integer as text. */
  transactionId: string;
  /** 1.6 connector N is EVSE N. */
  evseId: number | null;
  connectorId: number | null;
  /** The token that started it. */
  idToken: string | null;
  /** 2.0.1 only; 1.6 sends no type. */
  idTokenType: string | null;
  status: "active" | "completed";
  /** The station's time of the start; null when a stop arrived for a transaction never started here. */
  startedAt: string | null;
  stoppedAt: string | null;
  /** Energy register at the start. */
  meterStartWh: number | null;
  /** Energy register at the stop (2.0.1: the latest reading while active). */
  meterStopWh: number | null;
  /** meterStopWh - meterStartWh; while active without a stop reading (1.6), the latest energy register reading minus meterStartWh. */
  energyWh: number | null;
  stopReason: string | null;
};
export type TransactionPage = {
  items: Transaction[];
  nextCursor: string | null;
};
export type MeterValue = {
  sampledAt: string;
  /** e.g. Energy.Active.Import.Register */
  measurand: string;
  phase: string | null;
  location: string | null;
  /** The unit after conversion (Wh, W, V, A, ...); null when the station sent none. */
  unit: string | null;
  context: string | null;
  value: number;
};
export type MeterValuePage = {
  items: MeterValue[];
  nextCursor: string | null;
};
export type IdTokenType =
  | "ISO14443"
  | "ISO15693"
  | "eMAID"
  | "Central"
  | "KeyCode"
  | "Local"
  | "MacAddress"
  | "NoAuthorization";
export type IdTokenStatus = "Accepted" | "Blocked" | "Expired" | "Invalid";
export type IdToken = {
  idToken: string;
  type: IdTokenType;
  status: IdTokenStatus;
  /** After this time the token is Expired. */
  expiresAt: string | null;
  /** 2.0.1 groupIdToken / 1.6 parentIdTag. */
  groupIdToken: string | null;
  /** Stations where the token may be used; null for every station. */
  allowedStations: string[] | null;
  createdAt: string;
  updatedAt: string;
};
export type IdTokenPage = {
  items: IdToken[];
  nextCursor: string | null;
};
export type IdTokenValue = string;
export type IdTokenCreate = {
  idToken: IdTokenValue;
  type?: IdTokenType;
  status?: IdTokenStatus;
  expiresAt?: string | null;
  groupIdToken?: IdTokenValue | null;
  allowedStations?: string[] | null;
};
export type IdTokenImportResult = {
  created: number;
  updated: number;
  errors: {
    /** JSON: position in the array, from 1; CSV: line of the file. */
    line: number;
    detail: string;
  }[];
};
export type IdTokenUpdate = {
  status?: IdTokenStatus;
  expiresAt?: string | null;
  groupIdToken?: IdTokenValue | null;
  allowedStations?: string[] | null;
};
export type Role = "admin" | "operator" | "viewer";
export type User = {
  id: string;
  username: string;
  email?: string | null;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt?: string | null;
};
export type LoginResponse = {
  /** Send as `Authorization: Bearer <token>`. */
  token: string;
  tokenType: "Bearer";
  expiresAt: string;
  user: User;
};
export type LoginRequest = {
  username: string;
  password: string;
};
export type Permission = "read" | "command" | "admin";
export type Principal = {
  kind: "user" | "apiKey";
  id?: string;
  /** The user name or the API key's name. */
  name: string;
  /** The user's role (users only). */
  role?: Role | null;
  permissions: Permission[];
};
export type UserPage = {
  items: User[];
  nextCursor: string | null;
};
export type UserCreate = {
  username: string;
  email?: string | null;
  role: Role;
  password: string;
};
export type UserUpdate = {
  email?: string | null;
  role?: Role;
  password?: string;
  disabled?: boolean;
};
export type ApiKey = {
  id: string;
  name: string;
  /** The first characters of the key */
  prefix: string;
  scopes: Permission[];
  /** Name of the user or key that created it. */
  createdBy?: string | null;
  createdAt: string;
  expiresAt?: string | null;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
};
export type ApiKeyPage = {
  items: ApiKey[];
  nextCursor: string | null;
};
export type ApiKeyCreated = ApiKey & {
  /** The key; send as `X-API-Key`. Shown only in this answer. */
  key: string;
};
export type ApiKeyCreate = {
  name: string;
  scopes: Permission[];
  expiresAt?: string | null;
};
export type AuditEntry = {
  id: number;
  at: string;
  actor: {
    kind: "user" | "apiKey" | "anonymous";
    id?: string | null;
    name: string;
  };
  method: string;
  path: string;
  /** The resource changed, e.g. users/<id>. */
  resource?: string | null;
  /** HTTP status of the answer. */
  status: number;
  outcome: "success" | "failure";
  remoteAddress?: string | null;
};
export type AuditPage = {
  items: AuditEntry[];
  nextCursor: string | null;
};
export type Amount = string;
export type TariffElement = {
  pricePerKwh?: Amount;
  pricePerHourCharging?: Amount;
  pricePerHourIdle?: Amount;
  weekdays?: ("Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun")[];
  /** Local HH:MM */
  startTime?: string;
  /** Local HH:MM; before startTime runs past midnight */
  endTime?: string;
};
export type Tariff = {
  id: string;
  version: number;
  name: string;
  currency: string;
  vatPercent: Amount;
  flatFee: Amount;
  minimum?: string | null;
  maximum?: string | null;
  utcOffsetMinutes: number;
  timeZone?: string | null;
  elements: TariffElement[];
  createdAt: string;
  createdBy?: string | null;
};
export type TariffPage = {
  items: Tariff[];
  nextCursor: string | null;
};
export type TariffBody = {
  name?: string;
  /** ISO 4217 code */
  currency: string;
  vatPercent?: Amount;
  flatFee?: Amount;
  minimum?: Amount | null;
  maximum?: Amount | null;
  utcOffsetMinutes?: number;
  /** IANA time zone (Europe/Berlin) whose local time the bands follow, daylight saving included; when set,
    utcOffsetMinutes is not used.
     */
  timeZone?: string | null;
  elements: TariffElement[];
};
export type TariffCreate = TariffBody & {
  id: string;
};
export type TariffAssignment = {
  id: string;
  tariffId: string;
  stationId: string | null;
  evseId: number | null;
  idTokenGroup: string | null;
  createdAt: string;
};
export type TariffAssignmentPage = {
  items: TariffAssignment[];
  nextCursor: string | null;
};
export type TariffAssignmentCreate = {
  tariffId: string;
  stationId?: string;
  evseId?: number;
  idTokenGroup?: string;
};
export type CostBreakdown = {
  currency: string;
  energyWh: string;
  chargingSeconds: number;
  idleSeconds: number;
  energy: Amount;
  chargingTime: Amount;
  idleTime: Amount;
  flatFee: Amount;
  adjustment: Amount;
  net: Amount;
  vat: Amount;
  total: Amount;
  usage: {
    /** Index of the tariff element */
    element: number;
    energyWh: string;
    chargingSeconds: number;
    idleSeconds: number;
  }[];
};
export type PaymentHold = {
  /** The card processor's payment intent id. */
  reference: string;
  amount: Amount;
  currency: string;
  state: "held" | "captured" | "voided";
  captured: Amount | null;
};
export type TransactionCost = {
  transactionId: string;
  pricingState: "pending" | "none" | "tariffed" | "priced";
  tariffId: string | null;
  tariffVersion: number | null;
  final: boolean;
  cost: CostBreakdown | null;
  /** pending until priced; none: nothing pays it; captured; failed: retried with backoff; shortfall: the
    price exceeded the card hold, the hold was captured and the rest is owed (error says how much);
    voided: the card hold was released (nothing owed).
     */
  payment: {
    state: "pending" | "none" | "captured" | "failed" | "shortfall" | "voided";
    error: string | null;
    attempts: number;
    /** The card hold taken at Authorize or start, if the token pays by card. */
    hold?: PaymentHold | null;
  };
};
export type LedgerJournal = {
  id: string;
  kind: "top-up" | "capture" | "refund";
  transactionId: string | null;
  amount: Amount;
  currency: string;
  balanceAfter: Amount;
  memo?: string | null;
  createdBy?: string | null;
  createdAt: string;
};
export type AmountRequest = {
  amount: Amount;
  memo?: string;
};
export type Wallet = {
  id: string;
  currency: string;
  idToken: string | null;
  idTokenGroup: string | null;
  allowNegative: boolean;
  balance: Amount;
  createdAt: string;
  updatedAt: string;
};
export type WalletPage = {
  items: Wallet[];
  nextCursor: string | null;
};
export type WalletCreate = {
  id: string;
  currency: string;
  idToken?: string;
  idTokenGroup?: string;
  allowNegative?: boolean;
};
export type LedgerPage = {
  items: LedgerJournal[];
  nextCursor: string | null;
};
export type PaymentMethod = {
  id: string;
  idToken: string | null;
  idTokenGroup: string | null;
  method: "card" | "wallet";
  cardCustomer: string | null;
  createdAt: string;
};
export type PaymentMethodPage = {
  items: PaymentMethod[];
  nextCursor: string | null;
};
export type PaymentMethodCreate = {
  idToken?: string;
  idTokenGroup?: string;
  method: "card" | "wallet";
  cardCustomer?: string;
};
export type EventType =
  | "station.connected"
  | "station.disconnected"
  | "connector.status"
  | "transaction.started"
  | "transaction.ended"
  | "meter.values"
  | "command.answered";
export type WebhookDelivery = {
  lastAttemptAt?: string | null;
  lastSuccessAt?: string | null;
  /** HTTP status of the last attempt (null when there was no answer). */
  lastStatus?: number | null;
  /** Why the last attempt failed (null when it succeeded). */
  lastError?: string | null;
  consecutiveFailures: number;
  /** Events delivered. */
  delivered: number;
  /** Events given up after the last retry (or dropped). */
  failed: number;
};
export type Webhook = {
  id: string;
  url: string;
  events: EventType[];
  createdAt: string;
  createdBy?: string | null;
  delivery: WebhookDelivery;
};
export type WebhookPage = {
  items: Webhook[];
  nextCursor: string | null;
};
export type WebhookCreated = Webhook & {
  /** The signing secret. Shown only in this answer. */
  secret: string;
};
export type WebhookCreate = {
  /** An absolute http:// or https:// URL. */
  url: string;
  events: EventType[];
  /** The signing secret (generated when absent). Write-only. */
  secret?: string;
};
export type LimitKind = "CurrentPerPhase" | "Power";
export type Site = {
  id: string;
  name: string;
  /** The site this group belongs to. */
  parentId: string | null;
  limitKind: LimitKind;
  /** mA per phase, or W */
  limitValue: number;
  /** Nominal phase voltage for power limits. */
  voltage: number;
  /** What a session may draw when its station does not take its profile. */
  fallbackLimitMa: number;
  createdAt: string;
  updatedAt: string;
};
export type SitePage = {
  items: Site[];
  nextCursor: string | null;
};
export type SiteCreate = {
  id: string;
  name: string;
  parentId?: string | null;
  limitKind: LimitKind;
  limitValue: number;
  voltage?: number;
  fallbackLimitMa?: number;
};
export type SiteUpdate = {
  name?: string;
  parentId?: string | null;
  limitKind?: LimitKind;
  limitValue?: number;
  voltage?: number;
  fallbackLimitMa?: number;
};
export type SiteStation = {
  siteId: string;
  stationId: string;
  /** The most each EVSE of the station may take (mA per phase). */
  evseMaxMa: number;
  /** Below this a session is paused rather than slowed (mA per phase). */
  minMa: number;
  phases: number;
  /** Higher is served first. */
  priority: number;
};
export type SiteStationPage = {
  items: SiteStation[];
  nextCursor: null;
};
export type SiteStationSettings = {
  evseMaxMa?: number;
  minMa?: number;
  phases?: number;
  priority?: number;
};
export type AllocationEntry = {
  stationId: string;
  evseId: number;
  transactionId: string;
  /** mA per phase; 0: paused */
  limitMa: number;
  /** Why: EvseMax all its EVSE allows; Demand all the car draws; Shared its fair share; Minimum held at its minimum; Paused its minimum did not fit; Invalid its parameters make no sense. */
  reason: "Invalid" | "Paused" | "EvseMax" | "Demand" | "Shared" | "Minimum";
  /** Whether the station took the TxProfile that carries the limit. */
  status: "Pending" | "Accepted" | "Rejected" | "Failed";
  profileId?: number | null;
  computedAt: string;
};
export type SiteAllocation = {
  siteId: string;
  limitKind: LimitKind;
  limitValue: number;
  items: AllocationEntry[];
};
export type SitePowerPoint = {
  /** The bucket's start. */
  at: string;
  /** Mean power drawn in the bucket (W); null: no station reported. */
  powerW: number | null;
  /** Stations whose meter values the figure holds. */
  stations: number;
  /** The measurand the figure comes from (see the operation). */
  source:
    | ("Power" | "Current" | "Energy" | "Mixed" | null)
    | ("Power" | "Current" | "Energy" | "Mixed" | null);
};
export type SitePower = {
  siteId: string;
  from: string;
  to: string;
  bucketSeconds: number;
  limitKind: LimitKind;
  /** mA per phase, or W */
  limitValue: number;
  /** The limit in W (a current per phase times the voltage times three phases). */
  limitW: number;
  points: SitePowerPoint[];
};
export const {
  useListStationsQuery,
  useGetStationQuery,
  useSendCommandMutation,
  useStartChargingMutation,
  useStopChargingMutation,
  useResetStationMutation,
  useUnlockConnectorMutation,
  useChangeAvailabilityMutation,
  useGetConfigurationMutation,
  useSetConfigurationMutation,
  useTriggerMessageMutation,
  useClearCacheMutation,
  useDataTransferMutation,
  useUploadDiagnosticsMutation,
  useUpdateFirmwareMutation,
  useSendLocalListMutation,
  useGetLocalListVersionMutation,
  useReserveNowMutation,
  useCancelReservationMutation,
  useSetChargingProfileMutation,
  useClearChargingProfileMutation,
  useGetCompositeScheduleMutation,
  useListCommandsQuery,
  useGetCommandQuery,
  usePutStationSecurityMutation,
  useListStationVariablesQuery,
  useListStationStatusEventsQuery,
  useListTransactionsQuery,
  useGetTransactionQuery,
  useListTransactionMeterValuesQuery,
  useListIdTokensQuery,
  useCreateIdTokenMutation,
  useImportIdTokensMutation,
  useGetIdTokenQuery,
  useUpdateIdTokenMutation,
  useDeleteIdTokenMutation,
  useLoginMutation,
  useLogoutMutation,
  useGetMeQuery,
  useListUsersQuery,
  useCreateUserMutation,
  useGetUserQuery,
  useUpdateUserMutation,
  useDeleteUserMutation,
  useListApiKeysQuery,
  useCreateApiKeyMutation,
  useGetApiKeyQuery,
  useRevokeApiKeyMutation,
  useListAuditEntriesQuery,
  useListTariffsQuery,
  useCreateTariffMutation,
  useGetTariffQuery,
  useUpdateTariffMutation,
  useListTariffVersionsQuery,
  useListTariffAssignmentsQuery,
  useCreateTariffAssignmentMutation,
  useDeleteTariffAssignmentMutation,
  useGetTransactionCostQuery,
  useRefundTransactionMutation,
  useListWalletsQuery,
  useCreateWalletMutation,
  useGetWalletQuery,
  useTopUpWalletMutation,
  useListWalletLedgerQuery,
  useListPaymentMethodsQuery,
  useCreatePaymentMethodMutation,
  useDeletePaymentMethodMutation,
  useStreamEventsQuery,
  useListWebhooksQuery,
  useCreateWebhookMutation,
  useGetWebhookQuery,
  useDeleteWebhookMutation,
  useListSitesQuery,
  useCreateSiteMutation,
  useGetSiteQuery,
  useUpdateSiteMutation,
  useDeleteSiteMutation,
  useListSiteStationsQuery,
  usePutSiteStationMutation,
  useRemoveSiteStationMutation,
  useGetSiteAllocationQuery,
  useGetSitePowerQuery,
} = injectedRtkApi;
