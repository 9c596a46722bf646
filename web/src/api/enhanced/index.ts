// The API the console uses: the generated endpoints (src/api/generated, from api/openapi.yaml) with the
// adjustments the contract cannot express — per-station cache tags, so that a command refreshes that station.
import { recargaApi } from '../generated/recargaApi';

export const api = recargaApi.enhanceEndpoints({
  // 'activity': what transaction and meter events change (id: the station id; 'LIST' for lists).
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
  },
});

export * from '../generated/recargaApi';
