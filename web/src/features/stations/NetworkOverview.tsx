// Network overview: how many stations are online, offline, charging and faulted, the list of stations with search
// and a filter, and the feed of live events. Kept current by the event stream; polls while the stream is down.
import { Link } from 'react-router-dom';
import { useListStationsQuery, type ConnectorStatus } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { ConnectionBadge, EmptyState, ProblemAlert, Spinner, StatusBadge, timeAgo } from '../../components/ui';
import { LiveIndicator } from '../live/LiveIndicator';
import { describeEvent } from '../live/liveSlice';
import { useFallbackPolling } from '../live/useLiveEvents';
import {
  connectionFilterChanged,
  countStations,
  filterStations,
  filtersCleared,
  searchChanged,
  type ConnectionFilter,
} from './stationsSlice';

const PAGE = 500;

function Stat({ label, value, tone }: { label: string; value: number | string; tone: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${tone}`} data-testid={`stat-${label.toLowerCase()}`}>
        {value}
      </p>
    </div>
  );
}

const filters: { value: Exclude<ConnectionFilter, 'all'> | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'online', label: 'Online' },
  { value: 'offline', label: 'Offline' },
  { value: 'charging', label: 'Charging' },
  { value: 'faulted', label: 'Faulted' },
];

function ActivityFeed() {
  const recent = useAppSelector((s) => s.live.recent);
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-800">Live activity</h2>
      </header>
      {recent.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-slate-400">Events appear here as stations report them.</p>
      ) : (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" data-testid="activity-feed">
          {recent.map((e, i) => (
            <li key={`${e.id ?? ''}-${i}`} className="px-4 py-2 text-sm">
              <Link to={`/stations/${encodeURIComponent(e.stationId)}`} className="font-mono text-xs font-medium text-slate-900 hover:text-emerald-700">
                {e.stationId}
              </Link>
              <span className="ml-2 text-slate-600">{describeEvent(e)}</span>
              <span className="block text-xs text-slate-400">{timeAgo(e.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The statuses worth a badge in the list: anything but plain availability. A connector with an active transaction
// shows as Charging (2.0.1 reports it Occupied).
function ConnectorSummary({ statuses }: { statuses: ConnectorStatus[] | undefined }) {
  const notable = [...new Set((statuses ?? []).map((c) => (c.transactionActive ? 'Charging' : c.status)))].filter((s) => s !== 'Available');
  if (!statuses || statuses.length === 0) return <span className="text-slate-400">—</span>;
  if (notable.length === 0) return <span className="text-xs text-slate-500">{statuses.length} available</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {notable.map((s) => (
        <StatusBadge key={s} status={s} />
      ))}
    </span>
  );
}

export function NetworkOverview() {
  const dispatch = useAppDispatch();
  const ui = useAppSelector((s) => s.stations);
  const { data, error, isLoading, refetch } = useListStationsQuery(
    { limit: PAGE },
    { pollingInterval: useFallbackPolling(), skipPollingIfUnfocused: false },
  );
  const stations = data?.items ?? [];
  const counts = countStations(stations);
  const shown = filterStations(stations, ui);
  const problem = describeError(error);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Network</h1>
          <p className="text-sm text-slate-500">
            {data ? `${counts.total} station${counts.total === 1 ? '' : 's'}` : 'Every charging station known to the central system'}
            {data && counts.pending + counts.rejected > 0 && ` · ${counts.pending + counts.rejected} not accepted`}
          </p>
        </div>
        <LiveIndicator />
      </div>

      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Online" value={data ? counts.online : '–'} tone="text-emerald-600" />
        <Stat label="Offline" value={data ? counts.offline : '–'} tone="text-slate-500" />
        <Stat label="Charging" value={data ? counts.charging : '–'} tone="text-sky-600" />
        <Stat label="Faulted" value={data ? counts.faulted : '–'} tone="text-rose-600" />
      </div>

      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}

      <div className="grid items-start gap-6 xl:grid-cols-4">
      <section className="min-w-0 rounded-xl border border-slate-200 bg-white shadow-sm xl:col-span-3">
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-3">
          <label className="relative min-w-56 flex-1">
            <span className="sr-only">Search stations</span>
            <svg viewBox="0 0 20 20" className="pointer-events-none absolute left-3 top-2.5 size-4 fill-slate-400" aria-hidden>
              <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64-1.06 1.06-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
            </svg>
            <input
              type="search"
              value={ui.search}
              onChange={(e) => dispatch(searchChanged(e.target.value))}
              placeholder="Search id, vendor, model, serial…"
              className="w-full rounded-lg border border-slate-300 bg-white py-2 pl-9 pr-3 text-sm outline-none placeholder:text-slate-400 focus:border-emerald-500 focus:ring-2 focus:ring-emerald-500/20"
            />
          </label>
          <div role="radiogroup" aria-label="Filter" className="inline-flex flex-wrap rounded-lg bg-slate-100 p-1">
            {filters.map((f) => (
              <button
                key={f.value}
                type="button"
                role="radio"
                aria-checked={ui.connection === f.value}
                onClick={() => dispatch(connectionFilterChanged(f.value))}
                className={`rounded-md px-3 py-1.5 text-sm font-medium transition ${
                  ui.connection === f.value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
                }`}
              >
                {f.label}
                {data && f.value !== 'all' && <span className="ml-1.5 text-xs tabular-nums text-slate-400">{counts[f.value]}</span>}
              </button>
            ))}
          </div>
        </div>

        {isLoading ? (
          <Spinner label="Loading stations…" />
        ) : stations.length === 0 && !error ? (
          <div className="p-4">
            <EmptyState title="No stations yet">
              Stations appear here when they connect to <code className="font-mono">ws://&lt;gateway&gt;/ocpp/&lt;id&gt;</code>.
            </EmptyState>
          </div>
        ) : shown.length === 0 && stations.length > 0 ? (
          <div className="p-4">
            <EmptyState title="No station matches">
              <button type="button" className="font-medium text-emerald-700 hover:underline" onClick={() => dispatch(filtersCleared())}>
                Clear the filters
              </button>
            </EmptyState>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-2.5 font-medium">Station</th>
                  <th className="px-4 py-2.5 font-medium">Connection</th>
                  <th className="px-4 py-2.5 font-medium">Connectors</th>
                  <th className="hidden px-4 py-2.5 font-medium md:table-cell">Vendor / model</th>
                  <th className="hidden px-4 py-2.5 font-medium md:table-cell">Protocol</th>
                  <th className="hidden px-4 py-2.5 font-medium lg:table-cell">Registration</th>
                  <th className="px-4 py-2.5 font-medium">Last seen</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shown.map((s) => (
                  <tr key={s.id} className="group hover:bg-slate-50" data-testid="station-row">
                    <td className="px-4 py-3">
                      <Link to={`/stations/${encodeURIComponent(s.id)}`} className="whitespace-nowrap font-mono font-medium text-slate-900 group-hover:text-emerald-700">
                        {s.id}
                      </Link>
                    </td>
                    <td className="px-4 py-3">
                      <ConnectionBadge connected={s.connected} />
                    </td>
                    <td className="px-4 py-3" data-testid="connector-summary">
                      <ConnectorSummary statuses={s.connectorStatuses} />
                    </td>
                    <td className="hidden px-4 py-3 text-slate-600 md:table-cell">
                      {s.boot?.vendor ?? '—'} <span className="text-slate-400">{s.boot?.model ?? ''}</span>
                    </td>
                    <td className="hidden px-4 py-3 font-mono text-xs text-slate-500 md:table-cell">{s.protocol ?? '—'}</td>
                    <td className="hidden px-4 py-3 text-slate-600 lg:table-cell">{s.registrationStatus}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-500">{timeAgo(s.lastSeen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data?.nextCursor && (
              <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
                Showing the first {PAGE} stations of the network.
              </p>
            )}
          </div>
        )}
      </section>
      <ActivityFeed />
      </div>
    </div>
  );
}
