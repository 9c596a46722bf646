// Audit log (admin only): every request that changed or tried to change state, newest first, filtered by actor
// and time, paged with the API's cursor.
import { useListAuditEntriesQuery, type ListAuditEntriesApiArg } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Field, FilterForm, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, localToIso, useCursorPager, useFilters } from '../../components/form';
import { ProblemAlert } from '../../components/ui';
import { AdminOnly } from '../admin/AdminOnly';

export interface AuditFilterForm {
  actor: string;
  since: string; // datetime-local
  until: string;
}

export function auditQuery(f: AuditFilterForm, cursor: string | undefined, limit = 50): ListAuditEntriesApiArg {
  return { limit, cursor, actor: f.actor.trim() || undefined, since: localToIso(f.since), until: localToIso(f.until) };
}

const methodStyle: Record<string, string> = {
  POST: 'bg-emerald-50 text-emerald-700',
  PUT: 'bg-sky-50 text-sky-700',
  PATCH: 'bg-sky-50 text-sky-700',
  DELETE: 'bg-rose-50 text-rose-700',
};

const empty: AuditFilterForm = { actor: '', since: '', until: '' };

function Audit() {
  const pager = useCursorPager();
  const filters = useFilters<AuditFilterForm>(empty, pager);
  const { form, set } = filters;
  const { data, error, isLoading, isFetching, refetch } = useListAuditEntriesQuery(auditQuery(filters.applied, pager.cursor));
  const problem = describeError(error);
  const entries = data?.items ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        subtitle="Who changed what, and when."
        actions={
          <Button onClick={() => void refetch()} disabled={isFetching}>
            Refresh
          </Button>
        }
      />
      <FilterForm filters={filters} className="sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Actor">
          <input value={form.actor} onChange={set('actor')} placeholder="user or key name" className={inputClass} />
        </Field>
        <Field label="Since">
          <input type="datetime-local" value={form.since} onChange={set('since')} className={inputClass} />
        </Field>
        <Field label="Until">
          <input type="datetime-local" value={form.until} onChange={set('until')} className={inputClass} />
        </Field>
      </FilterForm>
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard
        loading={isLoading}
        loadingLabel="Loading the audit log…"
        empty={entries.length === 0}
        emptyTitle={filters.filtered ? 'No entry matches' : 'No entries yet'}
        emptyHint={filters.filtered ? 'Change or clear the filters.' : 'Changes made through the API appear here.'}
      >
        <Table
          head={
            <>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Request</Th>
              <Th className="hidden md:table-cell">Resource</Th>
              <Th>Result</Th>
              <Th className="hidden lg:table-cell">From</Th>
            </>
          }
        >
          {entries.map((a) => (
            <tr key={a.id} data-testid="audit-row" className="hover:bg-slate-50">
              <Td className="whitespace-nowrap text-slate-600">{formatTime(a.at)}</Td>
              <Td>
                <span className="font-medium text-slate-900">{a.actor.name}</span>
                <span className="ml-1 text-xs text-slate-400">{a.actor.kind === 'apiKey' ? 'key' : a.actor.kind}</span>
              </Td>
              <Td>
                <span className={`mr-2 rounded px-1.5 py-0.5 font-mono text-xs font-semibold ${methodStyle[a.method] ?? 'bg-slate-100 text-slate-700'}`}>
                  {a.method}
                </span>
                <span className="break-all font-mono text-xs text-slate-700">{a.path}</span>
              </Td>
              <Td className="hidden font-mono text-xs text-slate-500 md:table-cell">{a.resource ?? '—'}</Td>
              <Td>
                <span className={`font-mono text-xs font-semibold ${a.outcome === 'success' ? 'text-emerald-700' : 'text-rose-700'}`}>{a.status}</span>
              </Td>
              <Td className="hidden font-mono text-xs text-slate-500 lg:table-cell">{a.remoteAddress ?? '—'}</Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={entries.length} />
      </ListCard>
    </div>
  );
}

export function AuditPage() {
  return (
    <AdminOnly>
      <Audit />
    </AdminOnly>
  );
}
