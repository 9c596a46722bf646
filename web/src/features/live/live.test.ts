import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type StationDetail } from '../../api/enhanced';
import { makeStore } from '../../app/store';
import { detail, station } from '../../test/fixtures';
import { signedIn } from '../../test/render';
import { applyLiveEvent, patchStationDetail } from './effects';
import { RECENT_MAX, describeEvent, eventReceived, liveSlice, streamDown, streamOpened, toLiveEvent, type LiveEvent } from './liveSlice';
import { backoffDelay, startLiveStream } from './stream';

afterEach(() => vi.unstubAllGlobals());

const ev = (type: string, stationId: string, data: Record<string, unknown> = {}, id: string | null = '1'): LiveEvent => ({
  id,
  type,
  stationId,
  at: '2026-11-25T12:00:00Z',
  data,
});

describe('live reducer', () => {
  const r = liveSlice.reducer;

  it('tracks the stream state and the last event id', () => {
    let s = r(undefined, streamOpened());
    expect(s.stream).toBe('open');
    s = r(s, eventReceived(ev('station.connected', 'CP-1', {}, '41')));
    s = r(s, eventReceived(ev('station.connected', 'CP-2', {}, null)));
    expect(s.lastEventId).toBe('41');
    expect(s.received).toBe(2);
    s = r(s, streamDown({ error: 'gone', retryAt: 5 }));
    expect(s).toMatchObject({ stream: 'down', error: 'gone', retryAt: 5, lastEventId: '41' });
  });

  it('counts transaction and meter activity per station and keeps a bounded feed without meter values', () => {
    let s = r(undefined, eventReceived(ev('meter.values', 'CP-1')));
    s = r(s, eventReceived(ev('transaction.started', 'CP-1')));
    s = r(s, eventReceived(ev('connector.status', 'CP-2')));
    expect(s.activity).toEqual({ 'CP-1': 2 });
    expect(s.recent.map((e) => e.type)).toEqual(['connector.status', 'transaction.started']);
    for (let i = 0; i < 40; i++) s = r(s, eventReceived(ev('station.connected', `X-${i}`)));
    expect(s.recent).toHaveLength(RECENT_MAX);
    expect(s.recent[0]!.stationId).toBe('X-39');
  });

  it('reads events from SSE messages and ignores what is not one', () => {
    const m = { id: '9', event: 'connector.status', data: JSON.stringify({ type: 'connector.status', stationId: 'CP-1', at: 'T', data: { evseId: 1 } }) };
    expect(toLiveEvent(m)).toEqual({ id: '9', type: 'connector.status', stationId: 'CP-1', at: 'T', data: { evseId: 1 } });
    expect(toLiveEvent({ ...m, data: 'not json' })).toBeNull();
    expect(toLiveEvent({ ...m, data: '{"type":"x"}' })).toBeNull();
    expect(describeEvent(ev('connector.status', 'CP-1', { evseId: 1, connectorId: 2, status: 'Charging' }))).toBe('EVSE 1 connector 2 → Charging');
  });

  it('patches a station detail: known connector, new connector of a new EVSE', () => {
    const d: StationDetail = detail('CP-1');
    patchStationDetail(d, ev('connector.status', 'CP-1', { evseId: 1, connectorId: 1, status: 'Charging' }));
    expect(d.evses[1]!.connectors[0]).toMatchObject({ status: 'Charging', statusAt: '2026-11-25T12:00:00Z' });
    patchStationDetail(d, ev('connector.status', 'CP-1', { evseId: 3, connectorId: 1, status: 'Faulted' }));
    expect(d.evses.map((e) => e.evseId)).toEqual([0, 1, 2, 3]);
    expect(d.connectorStatuses).toContainEqual({ evseId: 3, connectorId: 1, status: 'Faulted', transactionActive: false });
    patchStationDetail(d, ev('connector.status', 'CP-1', { evseId: 'x' }));
    expect(d.evses).toHaveLength(4);
  });
});

describe('live events into the cache', () => {
  it('patches the listed station and the detail, and refetches the list for a station it does not show', async () => {
    const store = makeStore({ auth: signedIn });
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body = url.pathname.endsWith('/stations')
        ? { items: [station('CP-1', { connected: false })], nextCursor: null }
        : detail('CP-1', { connected: false });
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    const subs = [store.dispatch(api.endpoints.listStations.initiate({ limit: 500 })), store.dispatch(api.endpoints.getStation.initiate({ stationId: 'CP-1' }))];
    await Promise.all(subs);
    expect(fetchMock).toHaveBeenCalledTimes(2);

    store.dispatch(applyLiveEvent(ev('connector.status', 'CP-1', { evseId: 1, connectorId: 1, status: 'Charging' })));
    store.dispatch(applyLiveEvent(ev('station.connected', 'CP-1')));
    const list = api.endpoints.listStations.select({ limit: 500 })(store.getState()).data!;
    expect(list.items[0]).toMatchObject({ connected: true, connectionChangedAt: '2026-11-25T12:00:00Z' });
    expect(list.items[0]!.connectorStatuses).toEqual([{ evseId: 1, connectorId: 1, status: 'Charging', transactionActive: false }]);
    store.dispatch(applyLiveEvent(ev('transaction.started', 'CP-1', { transaction: { evseId: 1 } })));
    expect(api.endpoints.listStations.select({ limit: 500 })(store.getState()).data!.items[0]!.connectorStatuses![0]!.transactionActive).toBe(true);
    store.dispatch(applyLiveEvent(ev('transaction.ended', 'CP-1', { transaction: { evseId: 1 } })));
    expect(api.endpoints.listStations.select({ limit: 500 })(store.getState()).data!.items[0]!.connectorStatuses![0]!.transactionActive).toBe(false);
    const d = api.endpoints.getStation.select({ stationId: 'CP-1' })(store.getState()).data!;
    expect(d.connected).toBe(true);
    expect(d.evses[1]!.connectors[0]!.status).toBe('Charging');
    expect(store.getState().live.received).toBe(4);

    await new Promise((r) => setTimeout(r, 20));
    expect(fetchMock).toHaveBeenCalledTimes(2); // patched in place, nothing refetched
    store.dispatch(applyLiveEvent(ev('station.connected', 'NEW-1')));
    await new Promise((r) => setTimeout(r, 20));
    expect(fetchMock).toHaveBeenCalledTimes(3); // a station the list does not show: the list is fetched again
    expect(new URL((fetchMock.mock.calls[2]![0] as Request).url).pathname).toBe('/api/v1/stations');
    subs.forEach((s) => s.unsubscribe());
  });
});

// A controllable SSE response body.
function sseBody() {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) });
  const enc = new TextEncoder();
  return { body, send: (t: string) => ctl.enqueue(enc.encode(t)), end: () => ctl.close() };
}

const until = async (pred: () => boolean) => {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(pred()).toBe(true);
};

describe('event stream', () => {
  it('backs off exponentially with a cap and jitter', () => {
    expect(backoffDelay(0, 1000, 30000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 30000, () => 1)).toBe(8000);
    expect(backoffDelay(3, 1000, 30000, () => 0)).toBe(4000);
    expect(backoffDelay(50, 1000, 30000, () => 1)).toBe(30000);
  });

  it('reads events with the bearer token, reconnects after the end with Last-Event-ID, stops on request', async () => {
    const store = makeStore({ auth: signedIn });
    const bodies = [sseBody(), sseBody()];
    const requests: Request[] = [];
    const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      const b = bodies[requests.length - 1];
      return b ? new Response(b.body, { headers: { 'Content-Type': 'text/event-stream' } }) : new Response(null, { status: 503 });
    });
    const stop = startLiveStream({
      dispatch: store.dispatch,
      getState: store.getState,
      token: 'tok-123',
      fetch: fetchFn as typeof fetch,
      baseUrl: 'http://h',
      backoffBaseMs: 5,
      backoffMaxMs: 20,
    });
    await until(() => store.getState().live.stream === 'open');
    expect(requests[0]!.url).toBe('http://h/api/v1/events');
    expect(requests[0]!.headers.get('Authorization')).toBe('Bearer tok-123');
    expect(requests[0]!.headers.get('Last-Event-ID')).toBeNull();

    bodies[0]!.send(': keep-alive\n\nid: 17\nevent: station.connected\ndata: {"type":"station.connected","stationId":"CP-9","at":"T","data":{}}\n');
    bodies[0]!.send('\n');
    await until(() => store.getState().live.received === 1);
    expect(store.getState().live.lastEventId).toBe('17');

    bodies[0]!.end();
    await until(() => requests.length === 2 && store.getState().live.stream === 'open');
    expect(requests[1]!.headers.get('Last-Event-ID')).toBe('17');

    stop();
    bodies[1]!.send('id: 18\ndata: {"type":"station.connected","stationId":"CP-8","at":"T","data":{}}\n\n');
    await new Promise((r) => setTimeout(r, 30));
    expect(store.getState().live.received).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it('reports the stream down while the server has none, and keeps retrying with growing delays', async () => {
    const store = makeStore({ auth: signedIn });
    const fetchFn = vi.fn(async () => new Response('{}', { status: 404 }));
    const stop = startLiveStream({ dispatch: store.dispatch, getState: store.getState, token: 't', fetch: fetchFn, backoffBaseMs: 2, backoffMaxMs: 8, random: () => 1 });
    await until(() => fetchFn.mock.calls.length >= 3);
    stop();
    expect(store.getState().live.stream).toBe('down');
    expect(store.getState().live.error).toBe('the server offers no event stream');
  });

  it('ends the session when the server refuses the token', async () => {
    const store = makeStore({ auth: signedIn });
    const fetchFn = vi.fn(async () => new Response('{}', { status: 401 }));
    startLiveStream({ dispatch: store.dispatch, getState: store.getState, token: 't', fetch: fetchFn, backoffBaseMs: 1 });
    await until(() => store.getState().auth.token === null);
    expect(store.getState().auth.endedBecause).toBe('expired');
    await new Promise((r) => setTimeout(r, 20));
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('reconnects when the stream goes silent', async () => {
    const store = makeStore({ auth: signedIn });
    const bodies = [sseBody(), sseBody()];
    let n = 0;
    const fetchFn = vi.fn(async () => new Response(bodies[n++]!.body));
    const stop = startLiveStream({ dispatch: store.dispatch, getState: store.getState, token: 't', fetch: fetchFn, backoffBaseMs: 1, silenceMs: 30 });
    await until(() => fetchFn.mock.calls.length === 2);
    stop();
  });
});
