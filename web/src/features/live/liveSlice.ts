// The live event stream's state in the store: whether the stream is up (the screens poll while it is down), the
// last event id (sent back as Last-Event-ID on reconnect), per-station activity counters that screens watch to
// refresh what no cache patch covers, and the most recent events for the activity feed.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { SseMessage } from './sse';

export type LiveEventType =
  | 'station.connected'
  | 'station.disconnected'
  | 'connector.status'
  | 'transaction.started'
  | 'transaction.ended'
  | 'meter.values'
  | 'command.answered'
  | (string & {});

export interface LiveEvent {
  id: string | null;
  type: LiveEventType;
  stationId: string;
  at: string;
  data: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// The event of an SSE message: {type, stationId, at, data}; null when the message is not one (ignored).
export function toLiveEvent(m: SseMessage): LiveEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(m.data);
  } catch {
    return null;
  }
  if (!isObject(v) || typeof v.stationId !== 'string') return null;
  const type = typeof v.type === 'string' ? v.type : m.event;
  return {
    id: m.id,
    type,
    stationId: v.stationId,
    at: typeof v.at === 'string' ? v.at : new Date().toISOString(),
    data: isObject(v.data) ? v.data : {},
  };
}

export type StreamStatus = 'idle' | 'connecting' | 'open' | 'down';

export interface LiveState {
  stream: StreamStatus;
  lastEventId: string | null;
  lastEventAt: string | null;
  error: string | null;
  retryAt: number | null; // epoch ms of the next attempt while down
  received: number;
  activity: Record<string, number>; // station id -> transaction and meter events seen
  recent: LiveEvent[]; // newest first
}

export const RECENT_MAX = 25;

const initialState: LiveState = {
  stream: 'idle',
  lastEventId: null,
  lastEventAt: null,
  error: null,
  retryAt: null,
  received: 0,
  activity: {},
  recent: [],
};

export const liveSlice = createSlice({
  name: 'live',
  initialState,
  reducers: {
    streamConnecting(state) {
      state.stream = 'connecting';
      state.retryAt = null;
    },
    streamOpened(state) {
      state.stream = 'open';
      state.error = null;
      state.retryAt = null;
    },
    streamDown(state, action: PayloadAction<{ error: string; retryAt: number | null }>) {
      state.stream = 'down';
      state.error = action.payload.error;
      state.retryAt = action.payload.retryAt;
    },
    streamStopped() {
      return initialState;
    },
    eventReceived(state, { payload: ev }: PayloadAction<LiveEvent>) {
      state.received += 1;
      if (ev.id !== null) state.lastEventId = ev.id;
      state.lastEventAt = ev.at;
      if (ev.type.startsWith('transaction.') || ev.type === 'meter.values') {
        state.activity[ev.stationId] = (state.activity[ev.stationId] ?? 0) + 1;
      }
      // Meter values arrive often: the feed keeps the events an operator reads.
      if (ev.type !== 'meter.values') {
        state.recent.unshift(ev);
        if (state.recent.length > RECENT_MAX) state.recent.length = RECENT_MAX;
      }
    },
  },
});

export const { streamConnecting, streamOpened, streamDown, streamStopped, eventReceived } = liveSlice.actions;

// A one-line description of an event for the activity feed.
export function describeEvent(ev: LiveEvent): string {
  const d = ev.data;
  const tx = isObject(d.transaction) ? d.transaction : null;
  switch (ev.type) {
    case 'station.connected':
      return 'connected';
    case 'station.disconnected':
      return 'disconnected';
    case 'connector.status':
      return `EVSE ${String(d.evseId ?? '?')} connector ${String(d.connectorId ?? '?')} → ${String(d.status ?? '?')}`;
    case 'transaction.started':
      return `transaction ${String(tx?.transactionId ?? '')} started${tx?.idToken ? ` by ${String(tx.idToken)}` : ''}`;
    case 'transaction.ended':
      return `transaction ${String(tx?.transactionId ?? '')} ended${tx?.stopReason ? ` (${String(tx.stopReason)})` : ''}`;
    case 'command.answered':
      return `${String(d.action ?? 'command')} answered: ${String(d.outcome ?? '')}`;
    default:
      return ev.type;
  }
}
