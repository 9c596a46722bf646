// Station detail: connection, boot information and the EVSEs with their connectors' live status; the commands; the
// configuration; the station's transactions and its status history.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useGetStationQuery, type StationDetail as Station } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Breadcrumbs } from '../../components/form';
import { Card, ConnectionBadge, DetailItem, EmptyState, ProblemAlert, Spinner, StatusBadge, timeAgo } from '../../components/ui';
import { CommandPanel } from '../commands/CommandPanel';
import { CommandControls } from '../commands/CommandControls';
import { StationConfiguration } from './StationConfiguration';
import { StationStatusHistory, StationTransactions } from './StationHistory';
import { LiveIndicator } from '../live/LiveIndicator';
import { useFallbackPolling } from '../live/useLiveEvents';


export function EvseList({ station }: { station: Station }) {
  const evses = station.evses.filter((e) => e.evseId !== 0 || e.connectors.length > 0);
  if (evses.length === 0) {
    return <EmptyState title="No connector reported yet">The station has not sent a StatusNotification.</EmptyState>;
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {evses.map((evse) => (
        <li key={evse.evseId} className="rounded-lg border border-slate-200 p-4" data-testid="evse">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {evse.evseId === 0 ? 'Station' : `EVSE ${evse.evseId}`}
          </p>
          <ul className="mt-2 space-y-2">
            {evse.connectors.map((c) => (
              <li key={c.connectorId} className="flex items-center justify-between gap-3" data-testid="connector">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-800">Connector {c.connectorId}</p>
                  <p className="truncate text-xs text-slate-500">
                    {c.errorCode && c.errorCode !== 'NoError' ? `${c.errorCode} · ` : ''}
                    {c.info ? `${c.info} · ` : ''}
                    {timeAgo(c.statusAt)}
                  </p>
                </div>
                <StatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

type Tab = 'overview' | 'commands' | 'configuration' | 'transactions' | 'history';
const tabs: { id: Tab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'commands', label: 'Commands' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'history', label: 'Status history' },
];

function Overview({ station }: { station: Station }) {
  const b = station.boot;
  return (
    <div className="grid gap-6 xl:grid-cols-3">
      <div className="space-y-6 xl:col-span-2">
        <Card title="EVSEs and connectors">
          <EvseList station={station} />
        </Card>
        <Card title="Boot information">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
            <DetailItem label="Vendor">{b?.vendor}</DetailItem>
            <DetailItem label="Model">{b?.model}</DetailItem>
            <DetailItem label="Serial number">{b?.serialNumber}</DetailItem>
            <DetailItem label="Firmware">{b?.firmwareVersion}</DetailItem>
            <DetailItem label="Meter">{[b?.meterType, b?.meterSerialNumber].filter(Boolean).join(' · ') || null}</DetailItem>
            <DetailItem label="Last boot">{b?.lastBootAt ? `${timeAgo(b.lastBootAt)}${b.reason ? ` (${b.reason})` : ''}` : null}</DetailItem>
          </dl>
        </Card>
      </div>
      <div className="space-y-6">
        <Card title="Connection">
          <dl className="grid grid-cols-2 gap-4 xl:grid-cols-1">
            <DetailItem label="Registration">{station.registrationStatus}</DetailItem>
            <DetailItem label="Last seen">{timeAgo(station.lastSeen)}</DetailItem>
            <DetailItem label={station.connected ? 'Connected since' : 'Disconnected since'}>{timeAgo(station.connectionChangedAt)}</DetailItem>
            <DetailItem label="Gateway">{station.gatewayId}</DetailItem>
            <DetailItem label="Remote address">{station.remoteAddress}</DetailItem>
          </dl>
        </Card>
      </div>
    </div>
  );
}

export function StationDetailView({ station, initialTab = 'overview' }: { station: Station; initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{station.id}</h1>
        <ConnectionBadge connected={station.connected} />
        <span className="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600">{station.protocol ?? 'no protocol'}</span>
      </div>
      <div role="tablist" aria-label="Station" className="flex gap-1 overflow-x-auto border-b border-slate-200">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              tab === t.id ? 'border-emerald-500 text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800'
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'overview' && <Overview station={station} />}
      {tab === 'commands' && (
        <div className="grid gap-6 xl:grid-cols-2">
          <CommandControls station={station} />
          <CommandPanel station={station} />
        </div>
      )}
      {tab === 'configuration' && <StationConfiguration station={station} />}
      {tab === 'transactions' && <StationTransactions station={station} />}
      {tab === 'history' && <StationStatusHistory station={station} />}
    </div>
  );
}

export function StationDetailPage() {
  const { stationId = '' } = useParams();
  const { data, error, isLoading, refetch } = useGetStationQuery(
    { stationId: encodeURIComponent(stationId) },
    { pollingInterval: useFallbackPolling(), skipPollingIfUnfocused: false },
  );
  const problem = describeError(error);
  return (
    <div className="space-y-4">
      <Breadcrumbs parent={{ to: '/', label: 'Network' }} current={stationId} aside={<LiveIndicator />} />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      {isLoading && <Spinner label="Loading station…" />}
      {data && <StationDetailView station={data} />}
    </div>
  );
}
