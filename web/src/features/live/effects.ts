// What a live event changes in the RTK Query cache: the station lists and the station detail are patched in place
// (no request), what cannot be patched is invalidated and refetched (a station not yet listed, transactions, meter
// values).
import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit';
import { api, type Station, type StationDetail } from '../../api/enhanced';
import type { RootState } from '../../app/store';
import { eventReceived, type LiveEvent } from './liveSlice';

type Thunk = ThunkAction<void, RootState, unknown, UnknownAction>;

export interface ConnectorChange {
  evseId: number;
  connectorId: number;
  status: string;
}

export function connectorChange(ev: LiveEvent): ConnectorChange | null {
  const { evseId, connectorId, status } = ev.data;
  if (typeof evseId !== 'number' || typeof connectorId !== 'number' || typeof status !== 'string') return null;
  return { evseId, connectorId, status };
}

// Mutate (an Immer draft of) a listed station for a connection change or a connector status.
export function patchStation(s: Station, ev: LiveEvent): void {
  if (ev.type === 'station.connected' || ev.type === 'station.disconnected') {
    s.connected = ev.type === 'station.connected';
    s.connectionChangedAt = ev.at;
    s.lastSeen = ev.at;
    return;
  }
  if (ev.type === 'transaction.started' || ev.type === 'transaction.ended') {
    const evseId = transactionEvse(ev);
    for (const c of s.connectorStatuses ?? []) if (c.evseId === evseId) c.transactionActive = ev.type === 'transaction.started';
    return;
  }
  const c = ev.type === 'connector.status' ? connectorChange(ev) : null;
  if (!c || c.evseId === 0) return;
  s.lastSeen = ev.at;
  const list = (s.connectorStatuses ??= []);
  const known = list.find((x) => x.evseId === c.evseId && x.connectorId === c.connectorId);
  if (known) known.status = c.status;
  else {
    list.push({ ...c, transactionActive: false });
    list.sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId);
  }
}

// The EVSE of a transaction.started/ended event (data.transaction.evseId), or null.
export function transactionEvse(ev: LiveEvent): number | null {
  const tx = ev.data.transaction;
  const evseId = typeof tx === 'object' && tx !== null ? (tx as { evseId?: unknown }).evseId : undefined;
  return typeof evseId === 'number' ? evseId : null;
}

export function patchStationDetail(s: StationDetail, ev: LiveEvent): void {
  patchStation(s, ev);
  const c = ev.type === 'connector.status' ? connectorChange(ev) : null;
  if (!c) return;
  let evse = s.evses.find((e) => e.evseId === c.evseId);
  if (!evse) {
    evse = { evseId: c.evseId, connectors: [] };
    s.evses.push(evse);
    s.evses.sort((a, b) => a.evseId - b.evseId);
  }
  const conn = evse.connectors.find((x) => x.connectorId === c.connectorId);
  if (conn) {
    conn.status = c.status;
    conn.statusAt = ev.at;
  } else {
    evse.connectors.push({ connectorId: c.connectorId, status: c.status, statusAt: ev.at });
    evse.connectors.sort((a, b) => a.connectorId - b.connectorId);
  }
}

export function applyLiveEvent(ev: LiveEvent): Thunk {
  return (dispatch, getState) => {
    dispatch(eventReceived(ev));
    const state = getState();
    const stationLike = ev.type.startsWith('station.') || ev.type === 'connector.status' || ev.type.startsWith('transaction.');
    if (stationLike) {
      let listed = false;
      const lists = api.util.selectCachedArgsForQuery(state, 'listStations');
      for (const arg of lists) {
        dispatch(
          api.util.updateQueryData('listStations', arg, (draft) => {
            const s = draft.items.find((x) => x.id === ev.stationId);
            if (s) {
              listed = true;
              patchStation(s, ev);
            }
          }),
        );
      }
      // A station the lists do not show yet (a new one): fetch them again.
      if (lists.length > 0 && !listed && !ev.type.startsWith('transaction.')) dispatch(api.util.invalidateTags(['stations']));
      for (const arg of api.util.selectCachedArgsForQuery(state, 'getStation')) {
        if (decodeURIComponent(arg.stationId) !== ev.stationId) continue;
        dispatch(api.util.updateQueryData('getStation', arg, (draft) => patchStationDetail(draft, ev)));
      }
    }
    if (ev.type.startsWith('transaction.') || ev.type === 'meter.values') {
      // The open transactions of the station, and the meter values of each (their charts grow).
      const tags: { type: 'activity'; id: string }[] = [{ type: 'activity', id: ev.stationId }];
      for (const arg of api.util.selectCachedArgsForQuery(state, 'getTransaction')) {
        const tx = api.endpoints.getTransaction.select(arg)(state).data;
        if (tx?.stationId === ev.stationId) tags.push({ type: 'activity', id: `tx:${arg.id}` });
      }
      // Lists change when a transaction starts or ends, not with every meter value.
      if (ev.type !== 'meter.values') tags.push({ type: 'activity', id: 'LIST' });
      dispatch(api.util.invalidateTags(tags));
    }
  };
}
