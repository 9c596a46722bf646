// Keeps the live event stream running while someone is signed in, and tells the screens how often to poll: not at
// all while the stream is up (events patch the cache), every few seconds while it is down.
import { useEffect } from 'react';
import { useStore } from 'react-redux';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { RootState } from '../../app/store';
import { streamStopped } from './liveSlice';
import { startLiveStream } from './stream';

export const POLL_MS = 3000;

export function useLiveEvents(): void {
  const token = useAppSelector((s) => s.auth.token);
  const dispatch = useAppDispatch();
  const store = useStore<RootState>();
  useEffect(() => {
    if (!token) return undefined;
    const stop = startLiveStream({ dispatch, getState: store.getState, token });
    return () => {
      stop();
      dispatch(streamStopped());
    };
  }, [token, dispatch, store]);
}

// The polling interval for a screen's queries: 0 (none) while the stream is open.
export function useFallbackPolling(ms: number = POLL_MS): number {
  return useAppSelector((s) => (s.live.stream === 'open' ? 0 : ms));
}
