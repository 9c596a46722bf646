// One site: its limit, groups and stations (with the electrical settings the allocator uses), the allocation in
// force per station and EVSE, and the power its stations drew over time against the limit line. The allocation is
// fetched again on the live stream's transaction events (src/api/enhanced) and every 5 s (the allocator recomputes
// shortly after them); the chart as often as its range needs. Operators and administrators edit.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  useDeleteSiteMutation,
  useGetSiteAllocationQuery,
  useGetSitePowerQuery,
  useGetSiteQuery,
  useListSiteStationsQuery,
  useListStationsQuery,
  usePutSiteStationMutation,
  useRemoveSiteStationMutation,
  type SiteStation,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Breadcrumbs, Button, Dialog, DialogActions, Field, PageHeader, Table, Td, Th, inputClass } from '../../components/form';
import { Card, DetailItem, EmptyState, ProblemAlert, Spinner, StatusBadge, timeAgo } from '../../components/ui';
import { LineChart } from '../transactions/LineChart';
import { formatPower } from '../transactions/series';
import { SiteDialog, useAllSites, useCanEditSites } from './SitesPage';
import { formatAmps, formatLimit, limitFromInput, limitToInput, powerPoints } from './sites';

type MemberDraft = { stationId: string; evseMax: string; min: string; phases: string; priority: string };

function MemberDialog({ siteId, editing, onClose }: { siteId: string; editing: SiteStation | null; onClose: () => void }) {
  const [put, { error, isLoading }] = usePutSiteStationMutation();
  const stations = useListStationsQuery({ limit: 500 });
  const [d, setD] = useState<MemberDraft>(
    editing
      ? { stationId: editing.stationId, evseMax: limitToInput(editing.evseMaxMa), min: limitToInput(editing.minMa), phases: String(editing.phases), priority: String(editing.priority) }
      : { stationId: '', evseMax: '32', min: '6', phases: '3', priority: '0' },
  );
  const set = (k: keyof MemberDraft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const evseMaxMa = limitFromInput(d.evseMax);
  const minMa = limitFromInput(d.min);
  const valid = d.stationId !== '' && evseMaxMa !== null && evseMaxMa > 0 && minMa !== null && minMa <= evseMaxMa && /^-?\d+$/.test(d.priority.trim());
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const r = await put({
      siteId,
      stationId: d.stationId,
      siteStationSettings: { evseMaxMa: evseMaxMa!, minMa: minMa!, phases: Number(d.phases), priority: Number(d.priority.trim()) },
    });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title={editing ? `Settings of ${editing.stationId}` : 'Assign a station'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        {!editing && (
          <Field label="Station" hint="a station on another site moves here">
            <select aria-label="Station" required value={d.stationId} onChange={set('stationId')} className={inputClass}>
              <option value="">— choose —</option>
              {(stations.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                </option>
              ))}
            </select>
          </Field>
        )}
        <div className="grid grid-cols-2 gap-3">
          <Field label="EVSE maximum (A)">
            <input aria-label="EVSE maximum" value={d.evseMax} onChange={set('evseMax')} inputMode="decimal" className={inputClass} />
          </Field>
          <Field label="Minimum (A)" hint="below it a session pauses">
            <input aria-label="Minimum" value={d.min} onChange={set('min')} inputMode="decimal" className={inputClass} />
          </Field>
          <Field label="Phases">
            <select aria-label="Phases" value={d.phases} onChange={set('phases')} className={inputClass}>
              <option value="1">1</option>
              <option value="2">2</option>
              <option value="3">3</option>
            </select>
          </Field>
          <Field label="Priority" hint="higher is served first">
            <input aria-label="Priority" value={d.priority} onChange={set('priority')} inputMode="numeric" className={inputClass} />
          </Field>
        </div>
        {minMa !== null && evseMaxMa !== null && minMa > evseMaxMa && <p className="text-xs text-rose-600">The minimum must not be above the EVSE maximum.</p>}
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit={editing ? 'Save' : 'Assign'} disabled={!valid || isLoading} />
      </form>
    </Dialog>
  );
}

// Time ranges of the chart: its buckets, and how often it is fetched again.
const RANGES = [
  { label: '15 min', seconds: 900, bucket: 10, refreshMs: 5_000 },
  { label: '1 h', seconds: 3600, bucket: 60, refreshMs: 15_000 },
  { label: '6 h', seconds: 6 * 3600, bucket: 300, refreshMs: 60_000 },
  { label: '24 h', seconds: 24 * 3600, bucket: 900, refreshMs: 60_000 },
] as const;

function PowerChart({ siteId }: { siteId: string }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>(RANGES[1]);
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    setTick(Date.now());
    const t = setInterval(() => setTick(Date.now()), range.refreshMs);
    return () => clearInterval(t);
  }, [range]);
  const from = useMemo(() => new Date(tick - range.seconds * 1000).toISOString(), [tick, range]);
  const { data, error, isLoading } = useGetSitePowerQuery({ siteId, from, bucket: range.bucket });
  const problem = describeError(error);
  const points = useMemo(() => powerPoints(data?.points ?? []), [data]);
  const latest = data?.points.filter((p) => p.powerW !== null).at(-1);
  return (
    <Card
      title="Power drawn"
      actions={
        <div className="flex gap-1" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <Button key={r.label} tone={r === range ? 'primary' : 'ghost'} onClick={() => setRange(r)}>
              {r.label}
            </Button>
          ))}
        </div>
      }
    >
      {problem && <ProblemAlert problem={problem} />}
      {isLoading ? (
        <Spinner label="Loading power…" />
      ) : (
        data && (
          <>
            <LineChart
              points={points}
              label="Power"
              format={formatPower}
              color="#059669"
              testId="site-power-chart"
              limit={{ value: data.limitW, label: `limit ${formatPower(data.limitW)}` }}
              span={{ from: Date.parse(data.from), to: Date.parse(data.to) }}
            />
            <p className="mt-2 text-xs text-slate-500">
              Mean per {data.bucketSeconds < 60 ? `${data.bucketSeconds} s` : `${data.bucketSeconds / 60} min`} from the stations' meter values
              {latest?.source ? ` (latest from ${latest.source === 'Mixed' ? 'mixed measurands' : latest.source.toLowerCase()} readings, ${latest.stations} station${latest.stations === 1 ? '' : 's'})` : ''}.
            </p>
          </>
        )
      )}
    </Card>
  );
}

export function SiteDetailPage() {
  const { siteId = '' } = useParams();
  const navigate = useNavigate();
  const canEdit = useCanEditSites();
  const site = useGetSiteQuery({ siteId });
  const all = useAllSites();
  const members = useListSiteStationsQuery({ siteId });
  const allocation = useGetSiteAllocationQuery({ siteId }, { pollingInterval: 5000 });
  const [remove] = useRemoveSiteStationMutation();
  const [deleteSite, deleted] = useDeleteSiteMutation();
  const [dialog, setDialog] = useState<{ kind: 'edit' | 'group' } | { kind: 'member'; member: SiteStation | null } | null>(null);
  const problem = describeError(site.error) ?? describeError(deleted.error);
  if (site.isLoading) return <Spinner label="Loading site…" />;
  if (!site.data) return <div className="space-y-4">{problem ? <ProblemAlert problem={problem} onRetry={() => void site.refetch()} /> : <EmptyState title="Site not found" />}</div>;
  const s = site.data;
  const sites = all.data?.items ?? [];
  const parent = sites.find((x) => x.id === s.parentId);
  const groups = sites.filter((x) => x.parentId === s.id);
  const items = allocation.data?.items ?? [];
  return (
    <div className="space-y-6">
      <Breadcrumbs parent={{ to: '/sites', label: 'Sites' }} current={s.id} />
      <PageHeader
        title={s.name}
        subtitle={parent ? <>Group of <Link to={`/sites/${encodeURIComponent(parent.id)}`} className="text-emerald-700 hover:underline">{parent.name}</Link></> : 'Site'}
        actions={
          canEdit && (
            <div className="flex gap-2">
              <Button onClick={() => setDialog({ kind: 'group' })}>+ Group</Button>
              <Button onClick={() => setDialog({ kind: 'edit' })}>Edit</Button>
              <Button
                tone="danger"
                onClick={() => {
                  if (window.confirm(`Delete ${s.id}, its groups and their station assignments?`)) void deleteSite({ siteId: s.id }).unwrap().then(() => navigate('/sites'));
                }}
              >
                Delete
              </Button>
            </div>
          )
        }
      />
      {problem && <ProblemAlert problem={problem} />}
      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <DetailItem label="Limit">
            <span data-testid="site-limit">{formatLimit(s.limitKind, s.limitValue)}</span>
          </DetailItem>
          <DetailItem label="Voltage">{s.voltage} V</DetailItem>
          <DetailItem label="Fallback">{formatAmps(s.fallbackLimitMa)} per session</DetailItem>
          <DetailItem label="Groups">
            {groups.length === 0
              ? 'none'
              : groups.map((g, i) => (
                  <span key={g.id}>
                    {i > 0 && ', '}
                    <Link to={`/sites/${encodeURIComponent(g.id)}`} className="text-emerald-700 hover:underline">
                      {g.name}
                    </Link>
                  </span>
                ))}
          </DetailItem>
        </dl>
      </Card>
      <PowerChart siteId={s.id} />
      <div className="space-y-6">
        <Card title="Stations" actions={canEdit && <Button onClick={() => setDialog({ kind: 'member', member: null })}>+ Assign station</Button>}>
          {(members.data?.items ?? []).length === 0 ? (
            <EmptyState title="No stations on this site" />
          ) : (
            <Table
              head={
                <>
                  <Th>Station</Th>
                  <Th>EVSE max</Th>
                  <Th>Minimum</Th>
                  <Th>Phases</Th>
                  <Th>Priority</Th>
                  {canEdit && <Th />}
                </>
              }
            >
              {(members.data?.items ?? []).map((m) => (
                <tr key={m.stationId} data-testid={`site-station-${m.stationId}`}>
                  <Td>
                    <Link to={`/stations/${encodeURIComponent(m.stationId)}`} className="font-mono text-emerald-700 hover:underline">
                      {m.stationId}
                    </Link>
                  </Td>
                  <Td className="tabular-nums">{formatAmps(m.evseMaxMa)}</Td>
                  <Td className="tabular-nums">{formatAmps(m.minMa)}</Td>
                  <Td className="tabular-nums">{m.phases}</Td>
                  <Td className="tabular-nums">{m.priority}</Td>
                  {canEdit && (
                    <Td className="whitespace-nowrap text-right">
                      <Button tone="ghost" onClick={() => setDialog({ kind: 'member', member: m })}>
                        Edit
                      </Button>
                      <Button tone="ghost" onClick={() => void remove({ siteId: s.id, stationId: m.stationId })}>
                        Remove
                      </Button>
                    </Td>
                  )}
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Allocation in force">
          {items.length === 0 ? (
            <EmptyState title="No session is charging">Each charging session on this site gets its share of the limit here.</EmptyState>
          ) : (
            <Table
              head={
                <>
                  <Th>Station / EVSE</Th>
                  <Th>Limit</Th>
                  <Th>Why</Th>
                  <Th>Profile</Th>
                  <Th>Computed</Th>
                </>
              }
            >
              {items.map((a) => (
                <tr key={`${a.stationId}/${a.evseId}`} data-testid={`allocation-${a.stationId}-${a.evseId}`}>
                  <Td className="font-mono">
                    {a.stationId} / {a.evseId}
                  </Td>
                  <Td className="tabular-nums">{a.limitMa === 0 ? 'paused' : formatAmps(a.limitMa)}</Td>
                  <Td>{a.reason}</Td>
                  <Td>
                    <StatusBadge status={a.status} />
                  </Td>
                  <Td className="text-slate-500">{timeAgo(a.computedAt)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
      {dialog?.kind === 'edit' && <SiteDialog editing={s} sites={sites} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'group' && <SiteDialog editing={null} parentId={s.id} sites={sites} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'member' && <MemberDialog siteId={s.id} editing={dialog.member} onClose={() => setDialog(null)} />}
    </div>
  );
}
