// Shows whether the console is live (event stream open) or polling while the stream is down, and when it retries.
import { useEffect, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { PulseDot } from '../../components/ui';
import { POLL_MS } from './useLiveEvents';

export function LiveIndicator() {
  const live = useAppSelector((s) => s.live);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (live.stream !== 'down') return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [live.stream]);

  if (live.stream === 'open') {
    return (
      <span className="inline-flex items-center gap-2 text-xs text-emerald-700" data-testid="live-indicator" title={`${live.received} events received`}>
        <PulseDot />
        Live
      </span>
    );
  }
  const retryIn = live.retryAt ? Math.max(0, Math.ceil((live.retryAt - now) / 1000)) : null;
  return (
    <span className="inline-flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" title={live.error ?? undefined}>
      <span className="size-2 rounded-full bg-amber-400" />
      {live.stream === 'connecting' ? 'Connecting…' : `Polling every ${POLL_MS / 1000} s`}
      {live.stream === 'down' && retryIn !== null && <span className="text-slate-400">· live again in {retryIn} s</span>}
    </span>
  );
}
