// Id tokens: the tokens (RFID cards, app tokens, ...) the central system authorizes, searched and filtered, created,
// edited, blocked and deleted, and imported from CSV with the lines that failed shown.
import { useState, type FormEvent } from 'react';
import {
  api,
  useCreateIdTokenMutation,
  useDeleteIdTokenMutation,
  useListIdTokensQuery,
  useUpdateIdTokenMutation,
  type IdToken,
  type IdTokenImportResult,
  type IdTokenStatus,
  type IdTokenType,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Dialog, DialogActions, Field, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, localToIso, useCursorPager } from '../../components/form';
import { ProblemAlert } from '../../components/ui';
import { csvSummary, stationList } from './csv';

export const tokenTypes: IdTokenType[] = ['ISO14443', 'ISO15693', 'eMAID', 'Central', 'KeyCode', 'Local', 'MacAddress', 'NoAuthorization'];
export const tokenStatuses: IdTokenStatus[] = ['Accepted', 'Blocked', 'Expired', 'Invalid'];

// CSV import: the generated client sends JSON only; the contract also takes text/csv.
const importApi = api.injectEndpoints({
  endpoints: (build) => ({
    importIdTokensCsv: build.mutation<IdTokenImportResult, string>({
      query: (csv) => ({ url: '/api/v1/id-tokens/import', method: 'POST', body: csv, headers: { 'Content-Type': 'text/csv' } }),
      invalidatesTags: ['id-tokens'],
    }),
  }),
});
const { useImportIdTokensCsvMutation } = importApi;

const statusStyle: Record<IdTokenStatus, string> = {
  Accepted: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  Blocked: 'bg-rose-50 text-rose-700 ring-rose-600/20',
  Expired: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  Invalid: 'bg-amber-50 text-amber-800 ring-amber-600/20',
};

function TokenStatus({ status }: { status: IdTokenStatus }) {
  return <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ${statusStyle[status]}`}>{status}</span>;
}

function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function TokenDialog({ token, onClose }: { token: IdToken | null; onClose: () => void }) {
  const [create, creation] = useCreateIdTokenMutation();
  const [update, updating] = useUpdateIdTokenMutation();
  const [value, setValue] = useState(token?.idToken ?? '');
  const [type, setType] = useState<IdTokenType>(token?.type ?? 'ISO14443');
  const [status, setStatus] = useState<IdTokenStatus>(token?.status ?? 'Accepted');
  const [expires, setExpires] = useState(isoToLocal(token?.expiresAt ?? null));
  const [group, setGroup] = useState(token?.groupIdToken ?? '');
  const [stations, setStations] = useState((token?.allowedStations ?? []).join(', '));
  const problem = describeError(creation.error ?? updating.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = { status, expiresAt: localToIso(expires) ?? null, groupIdToken: group.trim() || null, allowedStations: stationList(stations) };
    const r = token
      ? await update({ type: token.type, idToken: encodeURIComponent(token.idToken), idTokenUpdate: fields })
      : await create({ idTokenCreate: { idToken: value.trim(), type, ...fields } });
    if (!('error' in r)) onClose();
  };
  return (
    <Dialog title={token ? `Edit ${token.idToken}` : 'New id token'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Token">
            <input required disabled={token !== null} value={value} onChange={(e) => setValue(e.target.value)} maxLength={255} className={`${inputClass} font-mono disabled:bg-slate-50`} />
          </Field>
          <Field label="Type">
            <select disabled={token !== null} value={type} onChange={(e) => setType(e.target.value as IdTokenType)} className={`${inputClass} disabled:bg-slate-50`}>
              {tokenTypes.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </Field>
          <Field label="Status">
            <select value={status} onChange={(e) => setStatus(e.target.value as IdTokenStatus)} className={inputClass}>
              {tokenStatuses.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field label="Expires" hint="empty: never">
            <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} className={inputClass} />
          </Field>
        </div>
        <Field label="Group token" hint="2.0.1 groupIdToken / 1.6 parentIdTag">
          <input value={group} onChange={(e) => setGroup(e.target.value)} className={`${inputClass} font-mono`} />
        </Field>
        <Field label="Allowed stations" hint="comma-separated station ids; empty: every station">
          <input value={stations} onChange={(e) => setStations(e.target.value)} className={`${inputClass} font-mono`} />
        </Field>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit={token ? 'Save' : 'Create token'} disabled={creation.isLoading || updating.isLoading} />
      </form>
    </Dialog>
  );
}

const sampleCsv = 'idToken,type,status,expiresAt,groupIdToken\nAABBCCDD,ISO14443,Accepted,,\n';

function ImportDialog({ onClose }: { onClose: () => void }) {
  const [run, { data, error, isLoading, reset }] = useImportIdTokensCsvMutation();
  const [csv, setCsv] = useState('');
  const summary = csvSummary(csv);
  const problem = describeError(error);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    reset();
  };
  return (
    <Dialog title="Import id tokens" onClose={onClose}>
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          A CSV file with a header row naming its columns: <code className="font-mono text-xs">idToken</code> (required), <code className="font-mono text-xs">type</code>,{' '}
          <code className="font-mono text-xs">status</code>, <code className="font-mono text-xs">expiresAt</code>, <code className="font-mono text-xs">groupIdToken</code>. Existing tokens are updated.
        </p>
        <Field label="File">
          <input type="file" accept=".csv,text/csv" onChange={(e) => void pick(e.target.files?.[0])} className="mt-1 block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium" />
        </Field>
        <Field label="or paste it">
          <textarea
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              reset();
            }}
            rows={6}
            placeholder={sampleCsv}
            spellCheck={false}
            className={`${inputClass} font-mono text-xs`}
          />
        </Field>
        {csv && !summary.hasIdToken && <p className="text-xs text-rose-700">The header row has no idToken column.</p>}
        {problem && <ProblemAlert problem={problem} />}
        {data && (
          <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="import-result">
            <p>
              <span className="font-semibold text-emerald-700">{data.created} created</span>
              <span className="mx-2 text-slate-300">·</span>
              <span className="font-semibold text-sky-700">{data.updated} updated</span>
              <span className="mx-2 text-slate-300">·</span>
              <span className={`font-semibold ${data.errors.length ? 'text-rose-700' : 'text-slate-500'}`}>{data.errors.length} refused</span>
            </p>
            {data.errors.length > 0 && (
              <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto" data-testid="import-errors">
                {data.errors.map((e, i) => (
                  <li key={i} className="text-xs text-rose-800">
                    <span className="mr-2 font-mono font-semibold">line {e.line}</span>
                    {e.detail}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="flex items-center justify-between gap-2 pt-2">
          <span className="text-xs text-slate-500">{csv ? `${summary.entries} entr${summary.entries === 1 ? 'y' : 'ies'}` : ''}</span>
          <div className="flex gap-2">
            <Button onClick={onClose}>{data ? 'Close' : 'Cancel'}</Button>
            <Button tone="primary" disabled={isLoading || !summary.hasIdToken || summary.entries === 0} onClick={() => void run(csv)}>
              {isLoading ? 'Importing…' : 'Import'}
            </Button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}

export function IdTokensPage() {
  const pager = useCursorPager();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<IdTokenStatus | ''>('');
  const { data, error, isLoading, refetch } = useListIdTokensQuery({ limit: 50, cursor: pager.cursor, q: q.trim() || undefined, status: status || undefined });
  const [update, updating] = useUpdateIdTokenMutation();
  const [remove, removal] = useDeleteIdTokenMutation();
  const [editing, setEditing] = useState<IdToken | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  const problem = describeError(error) ?? describeError(updating.error) ?? describeError(removal.error);
  const items = data?.items ?? [];
  const key = (t: IdToken) => ({ type: t.type, idToken: encodeURIComponent(t.idToken) });

  return (
    <div className="space-y-6">
      <PageHeader
        title="Id tokens"
        subtitle="Cards and tokens the central system authorizes."
        actions={
          <>
            <Button onClick={() => setImporting(true)}>Import CSV</Button>
            <Button tone="primary" onClick={() => setEditing('new')}>
              + New token
            </Button>
          </>
        }
      />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard
        loading={isLoading}
        loadingLabel="Loading id tokens…"
        empty={items.length === 0}
        emptyTitle={q || status ? 'No token matches' : 'No id tokens yet'}
        emptyHint={q || status ? 'Change the search or the status.' : 'Create one or import a CSV file.'}
        toolbar={
          <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-3">
            <input
              type="search"
              aria-label="Search tokens"
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                pager.reset();
              }}
              placeholder="Search token or group…"
              className="min-w-56 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:border-emerald-500 focus:ring-2 focus:ring-emerald-500/20"
            />
            <select
              aria-label="Status"
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as IdTokenStatus | '');
                pager.reset();
              }}
              className="rounded-lg border border-slate-300 px-3 py-2 text-sm"
            >
              <option value="">Any status</option>
              {tokenStatuses.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </div>
        }
      >
        <Table
          head={
            <>
              <Th>Token</Th>
              <Th>Status</Th>
              <Th className="hidden md:table-cell">Group</Th>
              <Th className="hidden lg:table-cell">Stations</Th>
              <Th className="hidden md:table-cell">Expires</Th>
              <Th />
            </>
          }
        >
          {items.map((t) => (
            <tr key={`${t.type}/${t.idToken}`} className="hover:bg-slate-50" data-testid="id-token-row">
              <Td>
                <p className="font-mono text-sm font-medium text-slate-900">{t.idToken}</p>
                <p className="text-xs text-slate-400">{t.type}</p>
              </Td>
              <Td>
                <TokenStatus status={t.status} />
              </Td>
              <Td className="hidden font-mono text-xs text-slate-600 md:table-cell">{t.groupIdToken ?? '—'}</Td>
              <Td className="hidden text-xs text-slate-600 lg:table-cell">{t.allowedStations ? t.allowedStations.join(', ') : 'all'}</Td>
              <Td className="hidden whitespace-nowrap text-slate-500 md:table-cell">{formatTime(t.expiresAt)}</Td>
              <Td className="whitespace-nowrap text-right">
                <Button tone="ghost" onClick={() => setEditing(t)} aria-label={`Edit ${t.idToken}`}>
                  Edit
                </Button>
                {t.status === 'Blocked' ? (
                  <Button tone="ghost" onClick={() => void update({ ...key(t), idTokenUpdate: { status: 'Accepted' } })} aria-label={`Unblock ${t.idToken}`}>
                    Unblock
                  </Button>
                ) : (
                  <Button tone="ghost" className="text-amber-700" onClick={() => void update({ ...key(t), idTokenUpdate: { status: 'Blocked' } })} aria-label={`Block ${t.idToken}`}>
                    Block
                  </Button>
                )}
                <Button
                  tone="ghost"
                  className="text-rose-700"
                  aria-label={`Delete ${t.idToken}`}
                  onClick={() => window.confirm(`Delete the token ${t.idToken}?`) && void remove(key(t))}
                >
                  Delete
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={items.length} />
      </ListCard>
      {editing && <TokenDialog token={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
