// Small presentational building blocks shared by the screens: problem alert, loading and empty states, badges.
import type { ReactNode } from 'react';
import type { ShownProblem } from '../api/problem';

export function ProblemAlert({ problem, onRetry }: { problem: ShownProblem; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="font-semibold">
            {problem.status !== null && <span className="mr-2 font-mono text-rose-700">{problem.status}</span>}
            {problem.title}
          </p>
          {problem.detail && <p className="mt-1 text-rose-800">{problem.detail}</p>}
          {problem.type && <p className="mt-1 font-mono text-xs text-rose-600">{problem.type}</p>}
        </div>
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="shrink-0 rounded-md border border-rose-300 bg-white px-2.5 py-1 text-xs font-medium text-rose-800 hover:bg-rose-100"
          >
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-3 py-10 text-sm text-slate-500 justify-center">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-emerald-500" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <p className="text-sm font-semibold text-slate-700">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-500">{children}</div>}
    </div>
  );
}

// A green dot that pulses: something is live.
export function PulseDot() {
  return (
    <span className="relative flex size-2">
      <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />
      <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
    </span>
  );
}

export function ConnectionBadge({ connected }: { connected: boolean }) {
  return connected ? (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20">
      <PulseDot />
      Online
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-500/20">
      <span className="size-2 rounded-full bg-slate-400" />
      Offline
    </span>
  );
}

const statusStyles: Record<string, string> = {
  Available: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  Charging: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  Occupied: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Preparing: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  SuspendedEV: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  SuspendedEVSE: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Finishing: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Reserved: 'bg-violet-50 text-violet-700 ring-violet-600/20',
  Faulted: 'bg-rose-50 text-rose-700 ring-rose-600/20',
  Unavailable: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

export function StatusBadge({ status }: { status: string }) {
  const style = statusStyles[status] ?? 'bg-slate-100 text-slate-700 ring-slate-500/20';
  return (
    <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>
      {status}
    </span>
  );
}

export function Card({ title, actions, children }: { title?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
      {(title || actions) && (
        <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
          {title && <h2 className="text-sm font-semibold text-slate-800">{title}</h2>}
          {actions}
        </header>
      )}
      <div className="p-5">{children}</div>
    </section>
  );
}

// "12 s ago", "5 min ago", or the date for older times.
export function timeAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.round((now - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(t).toLocaleString();
}

// One label and value of a <dl> of facts.
export function DetailItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">{children ?? '—'}</dd>
    </div>
  );
}
