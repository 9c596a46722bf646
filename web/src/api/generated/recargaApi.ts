import { baseApi as api } from "../enhanced/baseApi";
export const addTagTypes = [
  "stations",
  "auth",
  "users",
  "api-keys",
  "audit",
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
          },
        }),
        invalidatesTags: ["stations"],
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
export const {
  useListStationsQuery,
  useGetStationQuery,
  useSendCommandMutation,
  usePutStationSecurityMutation,
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
  useListSitesQuery,
  useCreateSiteMutation,
  useGetSiteQuery,
  useUpdateSiteMutation,
  useDeleteSiteMutation,
  useListSiteStationsQuery,
  usePutSiteStationMutation,
  useRemoveSiteStationMutation,
  useGetSiteAllocationQuery,
} = injectedRtkApi;
