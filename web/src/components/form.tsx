// Form and list building blocks shared by the screens: buttons, labelled inputs, a dialog, a data table frame and
// the cursor pager of the API's paginated lists ({items, nextCursor}).
import { useEffect, useRef, useState, type ButtonHTMLAttributes, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, Spinner } from './ui';

type Tone = 'primary' | 'secondary' | 'danger' | 'ghost';

const tones: Record<Tone, string> = {
  primary: 'bg-emerald-600 text-white shadow-sm hover:bg-emerald-500',
  secondary: 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50',
  danger: 'bg-white text-rose-700 ring-1 ring-rose-200 hover:bg-rose-50',
  ghost: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
};

export function Button({ tone = 'secondary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex items-center justify-center gap-1.5 rounded-lg px-3 py-1.5 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-50 ${tones[tone]} ${className}`}
    />
  );
}

export const inputClass =
  'mt-1 w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none placeholder:text-slate-400 focus:border-emerald-500 focus:ring-2 focus:ring-emerald-500/20';

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="block">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
      {children}
      {hint && <span className="mt-0.5 block text-xs text-slate-400">{hint}</span>}
    </label>
  );
}

// A modal dialog: Escape or the backdrop closes it.
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-4 pt-20" onMouseDown={onClose}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="w-full max-w-lg rounded-xl bg-white shadow-xl"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
          <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
          <button type="button" onClick={onClose} aria-label="Close" className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
            ✕
          </button>
        </header>
        <div className="p-5">{children}</div>
      </div>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle && <p className="text-sm text-slate-500">{subtitle}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function Th({ children, className = '' }: { children?: ReactNode; className?: string }) {
  return <th className={`px-4 py-2.5 font-medium ${className}`}>{children}</th>;
}

export function Td({ children, className = '' }: { children?: ReactNode; className?: string }) {
  return <td className={`px-4 py-3 ${className}`}>{children}</td>;
}

export function Table({ head, children }: { head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

// Cursor paging: the cursors of the pages seen so far, so that "Previous" goes back without the API's help.
export function useCursorPager() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    cursor: stack[stack.length - 1],
    page: stack.length + 1,
    next: (c: string) => setStack((s) => [...s, c]),
    prev: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

export function Pager({
  pager,
  nextCursor,
  count,
}: {
  pager: ReturnType<typeof useCursorPager>;
  nextCursor: string | null | undefined;
  count: number;
}) {
  return (
    <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
      <span>
        Page {pager.page} · {count} shown
      </span>
      <div className="flex gap-2">
        <Button tone="ghost" disabled={pager.page === 1} onClick={pager.prev}>
          ← Previous
        </Button>
        <Button tone="ghost" disabled={!nextCursor} onClick={() => nextCursor && pager.next(nextCursor)}>
          Next →
        </Button>
      </div>
    </div>
  );
}

// The value of an <input type="datetime-local"> (local time) as RFC 3339 UTC, or undefined when empty or invalid.
export function localToIso(local: string): string | undefined {
  if (!local) return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

// "2026-11-25 23:40:12" in local time, for tables.
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
}

// The buttons at the foot of a dialog's form: Cancel, and the submit button.
export function DialogActions({ onCancel, submit, disabled = false }: { onCancel: () => void; submit: string; disabled?: boolean }) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <Button onClick={onCancel}>Cancel</Button>
      <Button tone="primary" type="submit" disabled={disabled}>
        {submit}
      </Button>
    </div>
  );
}

// A list's filters: what the form holds, what was applied (the query), and the pager reset on each change.
export function useFilters<T extends object>(empty: T, pager: { reset: () => void }) {
  const [form, setForm] = useState<T>(empty);
  const [applied, setApplied] = useState<T>(empty);
  return {
    form,
    applied,
    filtered: JSON.stringify(applied) !== JSON.stringify(empty),
    set: (k: keyof T) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
    apply: (e: FormEvent) => {
      e.preventDefault();
      setApplied(form);
      pager.reset();
    },
    clear: () => {
      setForm(empty);
      setApplied(empty);
      pager.reset();
    },
  };
}

export function FilterForm({ filters, className, children }: { filters: { apply: (e: FormEvent) => void; clear: () => void }; className: string; children: ReactNode }) {
  return (
    <form onSubmit={filters.apply} className={`grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      {children}
      <div className="flex items-end gap-2">
        <Button tone="primary" type="submit">
          Apply
        </Button>
        <Button onClick={filters.clear}>Clear</Button>
      </div>
    </form>
  );
}

// A list's card: an optional toolbar, then the spinner while loading, the empty state, or the rows and the pager.
export function ListCard({
  loading,
  loadingLabel,
  empty,
  emptyTitle,
  emptyHint,
  toolbar,
  children,
}: {
  loading: boolean;
  loadingLabel: string;
  empty: boolean;
  emptyTitle: string;
  emptyHint?: ReactNode;
  toolbar?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
      {toolbar}
      {loading ? (
        <Spinner label={loadingLabel} />
      ) : empty ? (
        <div className="p-4">
          <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>
        </div>
      ) : (
        children
      )}
    </section>
  );
}

// "Parent / current" above a detail screen, with something at the right (the live indicator).
export function Breadcrumbs({ parent, current, aside }: { parent: { to: string; label: string }; current: string; aside?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <nav className="text-sm text-slate-500">
        <Link to={parent.to} className="hover:text-slate-900">
          {parent.label}
        </Link>
        <span className="mx-2">/</span>
        <span className="font-mono text-slate-700">{current}</span>
      </nav>
      {aside}
    </div>
  );
}
