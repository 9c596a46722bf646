import { describe, expect, it } from 'vitest';
import { station } from '../../test/fixtures';
import {
  connectionFilterChanged,
  countStations,
  filterStations,
  filtersCleared,
  searchChanged,
  stationsSlice,
  type ConnectionFilter,
} from './stationsSlice';

const fleet = [
  station('CP-001', { connected: true, connectorStatuses: [{ evseId: 1, connectorId: 1, status: 'Charging', transactionActive: false }, { evseId: 2, connectorId: 1, status: 'Faulted', transactionActive: false }] }),
  station('CP-002', { connected: false, connectorStatuses: [{ evseId: 1, connectorId: 1, status: 'Available', transactionActive: false }] }),
  station('DEPOT-7', { connected: true, boot: { vendor: 'Wallbox', model: 'Pulsar', serialNumber: 'WB-99' } }),
  station('NEW-1', { connected: false, registrationStatus: 'Pending', boot: undefined }),
];

describe('stations overview state', () => {
  it('counts online, offline, charging, faulted and not-accepted stations', () => {
    const more = [...fleet, station('CP-003', { connectorStatuses: [{ evseId: 1, connectorId: 1, status: 'Occupied', transactionActive: true }, { evseId: 2, connectorId: 1, status: 'Charging', transactionActive: false }] })];
    expect(countStations(more)).toEqual({ total: 5, online: 3, offline: 2, charging: 2, faulted: 1, pending: 1, rejected: 0 });
    expect(countStations([])).toEqual({ total: 0, online: 0, offline: 0, charging: 0, faulted: 0, pending: 0, rejected: 0 });
  });

  it('filters by connection', () => {
    const ids = (c: ConnectionFilter) => filterStations(fleet, { search: '', connection: c }).map((s) => s.id);
    expect(ids('all')).toEqual(['CP-001', 'CP-002', 'DEPOT-7', 'NEW-1']);
    expect(ids('online')).toEqual(['CP-001', 'DEPOT-7']);
    expect(ids('offline')).toEqual(['CP-002', 'NEW-1']);
    expect(ids('charging')).toEqual(['CP-001']);
    expect(ids('faulted')).toEqual(['CP-001']);
  });

  it('searches id, vendor, model and serial case-insensitively, combined with the connection filter', () => {
    const ids = (search: string, connection: 'all' | 'online' | 'offline' = 'all') =>
      filterStations(fleet, { search, connection }).map((s) => s.id);
    expect(ids('cp-')).toEqual(['CP-001', 'CP-002']);
    expect(ids('  wallbox ')).toEqual(['DEPOT-7']);
    expect(ids('pulsar')).toEqual(['DEPOT-7']);
    expect(ids('wb-99')).toEqual(['DEPOT-7']);
    expect(ids('cp-', 'offline')).toEqual(['CP-002']);
    expect(ids('nothing-like-this')).toEqual([]);
  });

  it('reduces filter actions and clears them', () => {
    const r = stationsSlice.reducer;
    let s = r(undefined, searchChanged('acme'));
    s = r(s, connectionFilterChanged('offline'));
    expect(s).toEqual({ search: 'acme', connection: 'offline' });
    expect(r(s, filtersCleared())).toEqual({ search: '', connection: 'all' });
  });
});
