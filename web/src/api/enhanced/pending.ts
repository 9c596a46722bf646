// TEMPORARY: the data endpoints of the REST contract (transactions, meter values, id tokens, station variables)
// as `npm run codegen` makes them from the spec of the branch that adds them, until that spec is in main; then
// this file goes and the generated client provides the same names. Not edited apart from the wrapping.
import { recargaApi } from '../generated/recargaApi';

const injected = recargaApi.enhanceEndpoints({ addTagTypes: ['transactions', 'id-tokens'] }).injectEndpoints({
  endpoints: (build) => ({
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
  }),
  overrideExisting: false,
});
export { injected as dataApi };
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
  /** meterStopWh - meterStartWh. */
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
export const {
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
} = injected;
