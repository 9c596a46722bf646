// Transactions: the list with filters (station, status, id token, start time), paged, kept current by the event
// stream, and exported as CSV with the same filters.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useListTransactionsQuery, type ListTransactionsApiArg, type Transaction } from '../../api/enhanced';
import { downloadWithToken, exportUrl } from '../../api/download';
import { describeError, type ShownProblem } from '../../api/problem';
import { useAppSelector } from '../../app/hooks';
import { Button, Field, FilterForm, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, localToIso, useCursorPager, useFilters } from '../../components/form';
import { ProblemAlert } from '../../components/ui';
import { LiveIndicator } from '../live/LiveIndicator';
import { useFallbackPolling } from '../live/useLiveEvents';
import { formatDuration, formatEnergy } from './series';

export interface TransactionFilterForm {
  stationId: string;
  status: '' | 'active' | 'completed';
  idToken: string;
  from: string; // datetime-local
  to: string;
}

export const noTransactionFilter: TransactionFilterForm = { stationId: '', status: '', idToken: '', from: '', to: '' };

export function transactionQuery(f: TransactionFilterForm, cursor?: string, limit = 50): ListTransactionsApiArg {
  return {
    limit,
    cursor,
    stationId: f.stationId.trim() || undefined,
    status: f.status || undefined,
    idToken: f.idToken.trim() || undefined,
    from: localToIso(f.from),
    to: localToIso(f.to),
  };
}

export function TransactionStatus({ status }: { status: Transaction['status'] }) {
  return status === 'active' ? (
    <span className="inline-flex items-center gap-1.5 rounded-md bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-700 ring-1 ring-sky-600/20">
      <span className="size-1.5 animate-pulse rounded-full bg-sky-500" />
      Charging
    </span>
  ) : (
    <span className="inline-flex rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-500/20">Completed</span>
  );
}

export function connectorLabel(t: Pick<Transaction, 'evseId' | 'connectorId'>): string {
  if (t.evseId === null && t.connectorId === null) return '—';
  return `EVSE ${t.evseId ?? '?'}${t.connectorId !== null ? ` · ${t.connectorId}` : ''}`;
}

export function TransactionTable({ items, showStation = true }: { items: readonly Transaction[]; showStation?: boolean }) {
  return (
    <Table
      head={
        <>
          {showStation && <Th>Station</Th>}
          <Th>Transaction</Th>
          <Th>Status</Th>
          <Th className="hidden md:table-cell">Id token</Th>
          <Th>Started</Th>
          <Th className="hidden lg:table-cell">Duration</Th>
          <Th className="text-right">Energy</Th>
        </>
      }
    >
      {items.map((t) => (
        <tr key={t.id} className="hover:bg-slate-50" data-testid="transaction-row">
          {showStation && (
            <Td>
              <Link to={`/stations/${encodeURIComponent(t.stationId)}`} className="font-mono text-xs font-medium text-slate-900 hover:text-emerald-700">
                {t.stationId}
              </Link>
              <span className="block text-xs text-slate-400">{connectorLabel(t)}</span>
            </Td>
          )}
          <Td>
            <Link to={`/transactions/${encodeURIComponent(t.id)}`} className="font-mono text-xs font-medium text-emerald-700 hover:underline">
              {t.transactionId}
            </Link>
          </Td>
          <Td>
            <TransactionStatus status={t.status} />
          </Td>
          <Td className="hidden font-mono text-xs text-slate-600 md:table-cell">{t.idToken ?? '—'}</Td>
          <Td className="whitespace-nowrap text-slate-600">{formatTime(t.startedAt)}</Td>
          <Td className="hidden whitespace-nowrap text-slate-500 lg:table-cell">{formatDuration(t.startedAt, t.stoppedAt)}</Td>
          <Td className="whitespace-nowrap text-right font-medium tabular-nums text-slate-900">{formatEnergy(t.energyWh)}</Td>
        </tr>
      ))}
    </Table>
  );
}

export function TransactionsPage() {
  const pager = useCursorPager();
  const token = useAppSelector((s) => s.auth.token);
  const filters = useFilters<TransactionFilterForm>(noTransactionFilter, pager);
  const { form, set } = filters;
  const [exportProblem, setExportProblem] = useState<ShownProblem | null>(null);
  const { data, error, isLoading, refetch } = useListTransactionsQuery(transactionQuery(filters.applied, pager.cursor), {
    pollingInterval: useFallbackPolling(10000),
  });
  const problem = describeError(error) ?? exportProblem;
  const items = data?.items ?? [];
  const exportCsv = async () => {
    const { limit: _l, cursor: _c, ...params } = transactionQuery(filters.applied);
    setExportProblem(await downloadWithToken(exportUrl('/api/v1/transactions', params), token, 'transactions.csv'));
  };

  return (
    <div className="space-y-6">
      <PageHeader title="Transactions" subtitle={<LiveIndicator />} actions={<Button onClick={() => void exportCsv()}>Export CSV</Button>} />
      <FilterForm filters={filters} className="sm:grid-cols-3 lg:grid-cols-6">
        <Field label="Station">
          <input value={form.stationId} onChange={set('stationId')} placeholder="station id" className={inputClass} />
        </Field>
        <Field label="Status">
          <select value={form.status} onChange={set('status')} className={inputClass}>
            <option value="">Any</option>
            <option value="active">Charging</option>
            <option value="completed">Completed</option>
          </select>
        </Field>
        <Field label="Id token">
          <input value={form.idToken} onChange={set('idToken')} className={inputClass} />
        </Field>
        <Field label="Started from">
          <input type="datetime-local" value={form.from} onChange={set('from')} className={inputClass} />
        </Field>
        <Field label="Started before">
          <input type="datetime-local" value={form.to} onChange={set('to')} className={inputClass} />
        </Field>
      </FilterForm>
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard
        loading={isLoading}
        loadingLabel="Loading transactions…"
        empty={items.length === 0}
        emptyTitle={filters.filtered ? 'No transaction matches' : 'No transactions yet'}
        emptyHint={filters.filtered ? 'Change or clear the filters.' : 'Charging sessions appear here as stations report them.'}
      >
        <TransactionTable items={items} />
        <Pager pager={pager} nextCursor={data?.nextCursor} count={items.length} />
      </ListCard>
    </div>
  );
}
