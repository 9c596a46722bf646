// The network overview's UI state: the search text and the connection filter, and the pure functions that derive
// what the overview shows (counts, the filtered list) from a page of stations.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Station } from '../../api/generated/recargaApi';

export type ConnectionFilter = 'all' | 'online' | 'offline' | 'charging' | 'faulted';

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
  charging: number;
  faulted: number;
  pending: number;
  rejected: number;
}

export function hasConnectorIn(s: Station, status: string): boolean {
  return (s.connectorStatuses ?? []).some((c) => c.status === status);
}

// A station charges when a transaction is active on one of its EVSEs (2.0.1 reports such a connector Occupied)
// or a connector reports Charging (1.6).
export function isCharging(s: Station): boolean {
  return (s.connectorStatuses ?? []).some((c) => c.transactionActive || c.status === 'Charging');
}

export function countStations(stations: readonly Station[]): NetworkCounts {
  const c: NetworkCounts = { total: stations.length, online: 0, offline: 0, charging: 0, faulted: 0, pending: 0, rejected: 0 };
  for (const s of stations) {
    if (s.connected) c.online += 1;
    else c.offline += 1;
    if (isCharging(s)) c.charging += 1;
    if (hasConnectorIn(s, 'Faulted')) c.faulted += 1;
    if (s.registrationStatus === 'Pending') c.pending += 1;
    if (s.registrationStatus === 'Rejected') c.rejected += 1;
  }
  return c;
}

export function matchesFilter(s: Station, f: ConnectionFilter): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'online':
      return s.connected;
    case 'offline':
      return !s.connected;
    case 'charging':
      return isCharging(s);
    case 'faulted':
      return hasConnectorIn(s, 'Faulted');
  }
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
  return stations.filter((s) => matchesFilter(s, ui.connection) && matchesSearch(s, ui.search));
}
