import { baseApi as api } from "../enhanced/baseApi";
export const addTagTypes = ["stations"] as const;
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
          },
        }),
        invalidatesTags: ["stations"],
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
  /** status 200 The station answered (CALLRESULT or CALLERROR). */ CommandAnswer;
export type SendCommandApiArg = {
  /** The station identity, as in its connection URL. */
  stationId: string;
  /** The OCPP action, spelled as in the station's version (e.g. Reset, GetVariables). */
  action: string;
  /** How long the station may take to answer. */
  timeoutMs?: number;
  body: object;
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
export const {
  useListStationsQuery,
  useGetStationQuery,
  useSendCommandMutation,
} = injectedRtkApi;
