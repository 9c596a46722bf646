// Reads GET /api/v1/events with fetch() and a ReadableStream (EventSource cannot send the Authorization header),
// parses the server-sent events and hands each to the store. Reconnects with capped exponential backoff and jitter,
// sends Last-Event-ID to resume, and treats a stream silent for longer than the server's keep-alive as dead.
import { api } from '../../api/enhanced';
import { sessionExpired } from '../../api/enhanced/session';
import type { AppDispatch, RootState } from '../../app/store';
import { applyLiveEvent } from './effects';
import { streamConnecting, streamDown, streamOpened, toLiveEvent } from './liveSlice';
import { SseParser } from './sse';

export const EVENTS_PATH = '/api/v1/events';

export interface StreamOptions {
  dispatch: AppDispatch;
  getState: () => RootState;
  token: string;
  fetch?: typeof fetch;
  baseUrl?: string;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  silenceMs?: number; // no byte (not even a keep-alive) for this long: reconnect
  random?: () => number;
}

// Delay before attempt number `attempt` (0-based) after a failure: base·2^attempt capped at max, then jittered
// to between half and all of it, so that many consoles do not reconnect in step.
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(full / 2 + (full / 2) * random());
}

class HttpFailure extends Error {
  constructor(readonly status: number) {
    super(status === 404 ? 'the server offers no event stream' : `the event stream answered HTTP ${status}`);
  }
}

// Starts the stream; returns the function that stops it.
export function startLiveStream(o: StreamOptions): () => void {
  const doFetch = o.fetch ?? globalThis.fetch.bind(globalThis);
  const base = o.baseUrl ?? globalThis.location?.origin ?? 'http://localhost';
  const baseMs = o.backoffBaseMs ?? 1000;
  const maxMs = o.backoffMaxMs ?? 30000;
  const silenceMs = o.silenceMs ?? 45000;
  const stopper = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;

  // One connection; always ends in an exception (the stream ended, failed, went silent or was stopped).
  const once = async (): Promise<never> => {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    stopper.signal.addEventListener('abort', abort);
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(abort, silenceMs);
    };
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${o.token}`, Accept: 'text/event-stream' };
      const last = o.getState().live.lastEventId;
      if (last !== null) headers['Last-Event-ID'] = last;
      arm();
      const res = await doFetch(`${base}${EVENTS_PATH}`, { headers, signal: attempt.signal, cache: 'no-store' });
      if (!res.ok || !res.body) throw new HttpFailure(res.status);
      o.dispatch(streamOpened());
      // What happened while the stream was down (or before it opened) is fetched once; events keep it current.
      o.dispatch(api.util.invalidateTags(['stations', 'station', 'activity']));
      const parser = new SseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      // Stopping or the watchdog ends the read at once, whatever the transport does with the signal.
      attempt.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
      for (;;) {
        arm();
        const { value, done } = await reader.read();
        if (done || attempt.signal.aborted) break;
        for (const m of parser.push(value)) {
          const ev = toLiveEvent(m);
          if (ev) o.dispatch(applyLiveEvent(ev));
        }
      }
      if (attempt.signal.aborted) throw new DOMException('the event stream went silent', 'AbortError');
      throw new Error('the event stream ended');
    } finally {
      clearTimeout(watchdog);
      stopper.signal.removeEventListener('abort', abort);
    }
  };

  const loop = async () => {
    let failures = 0;
    while (!stopper.signal.aborted) {
      o.dispatch(streamConnecting());
      let error = 'the event stream ended';
      try {
        await once();
      } catch (e) {
        if (stopper.signal.aborted) return;
        if (e instanceof HttpFailure && e.status === 401) {
          o.dispatch(sessionExpired());
          return;
        }
        error = e instanceof Error ? e.message : String(e);
        if (e instanceof Error && e.name === 'AbortError') error = 'the event stream went silent';
      }
      const opened = o.getState().live.stream === 'open';
      // A stream that opened resets the backoff; the first retry after it comes quickly.
      failures = opened ? 0 : failures + 1;
      const delay = backoffDelay(failures, baseMs, maxMs, o.random);
      o.dispatch(streamDown({ error, retryAt: Date.now() + delay }));
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, delay);
        stopper.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  };
  void loop();
  return () => {
    clearTimeout(timer);
    stopper.abort();
  };
}
