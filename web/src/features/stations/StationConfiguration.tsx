// The station's configuration: OCPP 2.0.1 device-model variables as the manager stored them (from NotifyReport),
// or OCPP 1.6 configuration keys read from the station on request (the manager does not store them); writable
// ones are edited in place (SetVariables / ChangeConfiguration) with the station's answer shown.
import { useMemo, useState } from 'react';
import { useListStationVariablesQuery, useSendCommandMutation, type StationDetail, type StationVariable } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Table, Td, Th, formatTime } from '../../components/form';
import { EmptyState, ProblemAlert, Spinner } from '../../components/ui';
import { CommandAnswerView, answerOf } from '../commands/CommandAnswerView';
import { useFallbackPolling } from '../live/useLiveEvents';

export interface ConfigRow {
  key: string; // 1.6 key, or Component[.instance][/evse]/Variable for 2.0.1
  component?: string;
  variable?: string;
  value: string | null;
  readonly: boolean;
  updatedAt?: string;
}

export function variableRows(items: readonly StationVariable[]): ConfigRow[] {
  return items
    .filter((v) => v.attributeType === 'Actual')
    .map((v) => ({
      key: `${v.component}${v.componentInstance ? `[${v.componentInstance}]` : ''}${v.evseId !== null ? ` · EVSE ${v.evseId}${v.connectorId !== null ? `/${v.connectorId}` : ''}` : ''} · ${v.variable}${v.variableInstance ? `[${v.variableInstance}]` : ''}`,
      component: v.component,
      variable: v.variable,
      value: v.value,
      readonly: v.readonly,
      updatedAt: v.updatedAt,
    }));
}

// The configurationKey list of a 1.6 GetConfiguration answer.
export function configurationKeys(result: unknown): ConfigRow[] {
  const keys = (result as { configurationKey?: unknown } | null)?.configurationKey;
  if (!Array.isArray(keys)) return [];
  return keys
    .filter((k): k is { key: string; readonly?: boolean; value?: string } => typeof k === 'object' && k !== null && typeof (k as { key?: unknown }).key === 'string')
    .map((k) => ({ key: k.key, value: k.value ?? null, readonly: k.readonly === true }));
}

function EditableRows({ station, rows, onChanged }: { station: StationDetail; rows: ConfigRow[]; onChanged: () => void }) {
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [send, { data: sent, error, isLoading, originalArgs }] = useSendCommandMutation();
  const data = answerOf(sent);
  const problem = describeError(error);
  const shown = rows.filter((r) => r.key.toLowerCase().includes(filter.trim().toLowerCase()));
  const save = async (r: ConfigRow) => {
    const v16 = station.protocol === 'ocpp1.6';
    const r2 = await send({
      stationId: encodeURIComponent(station.id),
      action: v16 ? 'ChangeConfiguration' : 'SetVariables',
      body: v16
        ? { key: r.key, value: draft }
        : { setVariableData: [{ component: { name: r.component }, variable: { name: r.variable }, attributeValue: draft }] },
    });
    if (!('error' in r2)) {
      setEditing(null);
      onChanged();
    }
  };
  return (
    <div className="space-y-3">
      <input type="search" aria-label="Filter keys" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter…" className="w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm sm:w-72" />
      {problem && <ProblemAlert problem={problem} />}
      {data && <CommandAnswerView action={originalArgs?.action} answer={data} />}
      <div className="rounded-lg border border-slate-200">
        <Table
          head={
            <>
              <Th>Key</Th>
              <Th>Value</Th>
              <Th className="hidden md:table-cell">Updated</Th>
              <Th />
            </>
          }
        >
          {shown.map((r) => (
            <tr key={r.key} data-testid="config-row">
              <Td className="font-mono text-xs text-slate-700">{r.key}</Td>
              <Td className="font-mono text-xs">
                {editing === r.key ? (
                  <input autoFocus aria-label={`Value of ${r.key}`} value={draft} onChange={(e) => setDraft(e.target.value)} className="w-full rounded border border-emerald-400 px-2 py-1" />
                ) : (
                  <span className="break-all">{r.value ?? <span className="text-slate-400">—</span>}</span>
                )}
              </Td>
              <Td className="hidden whitespace-nowrap text-xs text-slate-500 md:table-cell">{r.updatedAt ? formatTime(r.updatedAt) : ''}</Td>
              <Td className="whitespace-nowrap text-right">
                {r.readonly ? (
                  <span className="text-xs text-slate-400">read-only</span>
                ) : editing === r.key ? (
                  <>
                    <Button tone="primary" disabled={isLoading} onClick={() => void save(r)}>
                      Save
                    </Button>
                    <Button tone="ghost" onClick={() => setEditing(null)}>
                      Cancel
                    </Button>
                  </>
                ) : (
                  <Button
                    tone="ghost"
                    disabled={!station.connected}
                    aria-label={`Edit ${r.key}`}
                    onClick={() => {
                      setEditing(r.key);
                      setDraft(r.value ?? '');
                    }}
                  >
                    Edit
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      </div>
    </div>
  );
}

function Variables201({ station }: { station: StationDetail }) {
  const { data, error, isLoading, refetch } = useListStationVariablesQuery(
    { stationId: encodeURIComponent(station.id), limit: 5000 },
    { pollingInterval: useFallbackPolling(15000) },
  );
  const [send, report] = useSendCommandMutation();
  const rows = useMemo(() => variableRows(data?.items ?? []), [data]);
  const problem = describeError(error) ?? describeError(report.error);
  const askReport = () =>
    void send({ stationId: encodeURIComponent(station.id), action: 'GetBaseReport', body: { requestId: Math.floor(Date.now() / 1000) % 2_000_000_000, reportBase: 'ConfigurationInventory' } });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-500">Device-model variables the station reported (actual values).</p>
        <Button onClick={askReport} disabled={!station.connected || report.isLoading}>
          Ask for a report
        </Button>
      </div>
      {answerOf(report.data) && <CommandAnswerView action="GetBaseReport" answer={answerOf(report.data)!} />}
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      {isLoading ? (
        <Spinner label="Loading variables…" />
      ) : rows.length === 0 ? (
        <EmptyState title="No variables reported yet">Ask the station for a report; its variables appear here as it sends them.</EmptyState>
      ) : (
        <EditableRows station={station} rows={rows} onChanged={() => void refetch()} />
      )}
    </div>
  );
}

function Configuration16({ station }: { station: StationDetail }) {
  const [send, { data: sent, error, isLoading }] = useSendCommandMutation();
  const data = answerOf(sent);
  const rows = data?.outcome === 'result' ? configurationKeys(data.result) : [];
  const problem = describeError(error);
  const read = () => void send({ stationId: encodeURIComponent(station.id), action: 'GetConfiguration', body: {} });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-500">OCPP 1.6 configuration keys, read from the station.</p>
        <Button tone="primary" onClick={read} disabled={!station.connected || isLoading}>
          {isLoading ? 'Reading…' : data ? 'Read again' : 'Read from the station'}
        </Button>
      </div>
      {problem && <ProblemAlert problem={problem} />}
      {data?.outcome === 'error' && <CommandAnswerView action="GetConfiguration" answer={data} />}
      {!data && !isLoading && <EmptyState title="Not read yet">{station.connected ? 'Read the keys from the station.' : 'The station is offline.'}</EmptyState>}
      {rows.length > 0 && <EditableRows station={station} rows={rows} onChanged={read} />}
    </div>
  );
}

export function StationConfiguration({ station }: { station: StationDetail }) {
  if (station.protocol === 'ocpp1.6') return <Configuration16 station={station} />;
  if (station.protocol === 'ocpp2.0.1' || station.protocol === 'ocpp2.1') return <Variables201 station={station} />;
  return <EmptyState title="Unknown OCPP version">The station has not connected yet.</EmptyState>;
}
