// One transaction: who, where, when and how much, the energy and power charts from its meter values (growing live
// while it charges), the meter values as CSV, and a stop button while it is active.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  useGetStationQuery,
  useGetTransactionQuery,
  useListTransactionMeterValuesQuery,
  useSendCommandMutation,
  type Transaction,
} from '../../api/enhanced';
import { downloadWithToken, exportUrl } from '../../api/download';
import { describeError, type ShownProblem } from '../../api/problem';
import { useAppSelector } from '../../app/hooks';
import { Breadcrumbs, Button, formatTime } from '../../components/form';
import { Card, DetailItem, ProblemAlert, Spinner } from '../../components/ui';
import { LiveIndicator } from '../live/LiveIndicator';
import { useFallbackPolling } from '../live/useLiveEvents';
import { stopCommand } from '../commands/neutral';
import { answerOf } from '../commands/CommandAnswerView';
import { TransactionCost } from '../billing/TransactionCost';
import { LineChart } from './LineChart';
import { ENERGY, POWER, formatDuration, formatEnergy, formatPower, powerFromEnergy, seriesOf } from './series';
import { TransactionStatus, connectorLabel } from './TransactionsPage';

export const METER_LIMIT = 10000;

function StopButton({ tx }: { tx: Transaction }) {
  const { data: station } = useGetStationQuery({ stationId: encodeURIComponent(tx.stationId) });
  const [send, { data: sent, error, isLoading }] = useSendCommandMutation();
  const data = answerOf(sent);
  const cmd = station ? stopCommand(station.protocol, tx.transactionId) : null;
  const problem = describeError(error);
  return (
    <div className="space-y-2">
      <Button
        tone="danger"
        disabled={!cmd || isLoading || !station?.connected}
        onClick={() => cmd && void send({ stationId: encodeURIComponent(tx.stationId), action: cmd.action, body: cmd.payload })}
        title={station && !station.connected ? 'The station is offline' : undefined}
      >
        {isLoading ? 'Stopping…' : 'Stop charging'}
      </Button>
      {data && (
        <p className="text-xs text-slate-600" data-testid="stop-answer">
          {data.outcome === 'result' ? `Station answered ${data.status ?? 'OK'}` : `CALLERROR ${data.error?.code ?? ''}`}
        </p>
      )}
      {problem && <ProblemAlert problem={problem} />}
    </div>
  );
}

export function TransactionDetailPage() {
  const { id = '' } = useParams();
  const token = useAppSelector((s) => s.auth.token);
  const polling = useFallbackPolling();
  const tx = useGetTransactionQuery({ id: encodeURIComponent(id) }, { pollingInterval: polling });
  const active = tx.data?.status === 'active';
  const mv = useListTransactionMeterValuesQuery({ id: encodeURIComponent(id), limit: METER_LIMIT }, { pollingInterval: active ? polling : 0 });
  const [exportProblem, setExportProblem] = useState<ShownProblem | null>(null);
  const problem = describeError(tx.error) ?? describeError(mv.error) ?? exportProblem;
  const values = mv.data?.items ?? [];
  const energy = seriesOf(values, ENERGY);
  const reported = seriesOf(values, POWER);
  const power = reported.length > 0 ? reported : powerFromEnergy(energy);
  const t = tx.data;

  return (
    <div className="space-y-4">
      <Breadcrumbs parent={{ to: '/transactions', label: 'Transactions' }} current={t?.transactionId ?? id} aside={<LiveIndicator />} />
      {problem && <ProblemAlert problem={problem} onRetry={() => void tx.refetch()} />}
      {tx.isLoading && <Spinner label="Loading transaction…" />}
      {t && (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{t.transactionId}</h1>
            <TransactionStatus status={t.status} />
            <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="transaction-energy">
              {formatEnergy(t.energyWh ?? (energy.length > 1 ? energy[energy.length - 1]!.v - energy[0]!.v : null))}
            </span>
          </div>
          <div className="grid gap-6 xl:grid-cols-3">
            <div className="space-y-6 xl:col-span-2">
              <Card
                title="Energy and power"
                actions={
                  <Button
                    tone="ghost"
                    onClick={() =>
                      void downloadWithToken(exportUrl(`/api/v1/transactions/${encodeURIComponent(t.id)}/meter-values`, { limit: METER_LIMIT }), token, `transaction-${t.id}-meter-values.csv`).then(setExportProblem)
                    }
                  >
                    Meter values CSV
                  </Button>
                }
              >
                {mv.isLoading ? (
                  <Spinner label="Loading meter values…" />
                ) : (
                  <div className="space-y-6">
                    <LineChart points={energy.map((p) => ({ t: p.t, v: p.v - (energy[0]?.v ?? 0) }))} label="Energy" format={formatEnergy} color="#10b981" testId="energy-chart" />
                    <LineChart points={power} label="Power" format={formatPower} color="#0ea5e9" testId="power-chart" />
                    {mv.data?.nextCursor && <p className="text-xs text-slate-500">The first {METER_LIMIT} readings are shown.</p>}
                    <p className="text-xs text-slate-400">{values.length} readings</p>
                  </div>
                )}
              </Card>
            </div>
            <div className="space-y-6">
              <Card title="Session">
                <dl className="grid grid-cols-2 gap-4 xl:grid-cols-1">
                  <DetailItem label="Station">
                    <Link to={`/stations/${encodeURIComponent(t.stationId)}`} className="font-mono text-emerald-700 hover:underline">
                      {t.stationId}
                    </Link>
                  </DetailItem>
                  <DetailItem label="Connector">{connectorLabel(t)}</DetailItem>
                  <DetailItem label="Id token">
                    <span className="font-mono">{t.idToken ?? '—'}</span>
                    {t.idTokenType && <span className="ml-1 text-xs text-slate-400">{t.idTokenType}</span>}
                  </DetailItem>
                  <DetailItem label="Started">{formatTime(t.startedAt)}</DetailItem>
                  <DetailItem label="Stopped">{formatTime(t.stoppedAt)}</DetailItem>
                  <DetailItem label="Duration">{formatDuration(t.startedAt, t.stoppedAt)}</DetailItem>
                  <DetailItem label="Meter start">{formatEnergy(t.meterStartWh)}</DetailItem>
                  <DetailItem label={active ? 'Meter now' : 'Meter stop'}>{formatEnergy(t.meterStopWh)}</DetailItem>
                  {t.stopReason && <DetailItem label="Stop reason">{t.stopReason}</DetailItem>}
                </dl>
              </Card>
              <TransactionCost transactionId={t.id} active={active} />
              {active && (
                <Card title="Control">
                  <StopButton tx={t} />
                </Card>
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
