// The network overview's UI state: the search text and the connection filter, and the pure functions that derive
// what the overview shows (counts, the filtered list) from a page of stations.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Station } from '../../api/generated/recargaApi';

export type ConnectionFilter = 'all' | 'online' | 'offline';

export interface StationsUiState {
  search: string;
  connection: ConnectionFilter;
}

const initialState: StationsUiState = { search: '', connection: 'all' };

export const stationsSlice = createSlice({
  name: 'stations',
  initialState,
  reducers: {
    searchChanged(state, action: PayloadAction<string>) {
      state.search = action.payload;
    },
    connectionFilterChanged(state, action: PayloadAction<ConnectionFilter>) {
      state.connection = action.payload;
    },
    filtersCleared() {
      return initialState;
    },
  },
});

export const { searchChanged, connectionFilterChanged, filtersCleared } = stationsSlice.actions;

export interface NetworkCounts {
  total: number;
  online: number;
  offline: number;
  pending: number;
  rejected: number;
}

export function countStations(stations: readonly Station[]): NetworkCounts {
  const c: NetworkCounts = { total: stations.length, online: 0, offline: 0, pending: 0, rejected: 0 };
  for (const s of stations) {
    if (s.connected) c.online += 1;
    else c.offline += 1;
    if (s.registrationStatus === 'Pending') c.pending += 1;
    if (s.registrationStatus === 'Rejected') c.rejected += 1;
  }
  return c;
}

// The search matches the id, vendor, model and serial number, case-insensitively, like the API's `q`.
export function matchesSearch(s: Station, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [s.id, s.boot?.vendor, s.boot?.model, s.boot?.serialNumber].some(
    (field) => typeof field === 'string' && field.toLowerCase().includes(needle),
  );
}

export function filterStations(stations: readonly Station[], ui: StationsUiState): Station[] {
  return stations.filter(
    (s) =>
      (ui.connection === 'all' || (ui.connection === 'online') === s.connected) && matchesSearch(s, ui.search),
  );
}
