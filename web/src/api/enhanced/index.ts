// The API the console uses: the generated endpoints (src/api/generated, from api/openapi.yaml) with the
// adjustments the contract cannot express — per-station cache tags, so that a command refreshes that station, and
// 'activity' tags, so that transaction and meter events refresh what they change.
import { recargaApi } from '../generated/recargaApi';

export const api = recargaApi.enhanceEndpoints({
  // 'activity': what transaction and meter events change (id: the station id, `tx:<id>` for one transaction's
  // meter values, 'LIST' for lists).
  addTagTypes: ['station', 'activity'],
  endpoints: {
    listStations: {
      providesTags: (result) => [
        'stations',
        ...(result?.items ?? []).map((s) => ({ type: 'station' as const, id: s.id })),
      ],
    },
    getStation: {
      providesTags: (_result, _error, arg) => [{ type: 'station' as const, id: arg.stationId }],
    },
    // A command can change what the station reports: refresh it (not the whole list) once it answered.
    sendCommand: {
      invalidatesTags: (_result, _error, arg) => [{ type: 'station' as const, id: arg.stationId }],
    },
    listTransactions: {
      providesTags: ['transactions', { type: 'activity' as const, id: 'LIST' }],
    },
    getTransaction: {
      providesTags: (result) => ['transactions', { type: 'activity' as const, id: result?.stationId ?? 'LIST' }],
    },
    // A site's allocation changes when a session starts or ends (the live stream's transaction events).
    getSiteAllocation: {
      providesTags: ['sites', { type: 'activity' as const, id: 'LIST' }],
    },
    listTransactionMeterValues: {
      providesTags: (_result, _error, arg) => [{ type: 'activity' as const, id: `tx:${arg.id}` }],
    },
  },
});

export * from '../generated/recargaApi';
