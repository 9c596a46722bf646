// Command panel of the station detail: pick a ready-made OCPP command for the station's version (or type any
// action), edit its JSON payload, send it through POST /api/v1/stations/{id}/commands/{action}, and see the
// station's answer — its CALLRESULT, its CALLERROR, or the API's problem body.
import { useState } from 'react';
import { useSendCommandMutation, type StationDetail } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Card } from '../../components/ui';
import { parsePayload, presetsFor, type CommandPreset } from './presets';
import { CommandOutcome, answerOf } from './CommandAnswerView';

export function CommandPanel({ station }: { station: StationDetail }) {
  const presets = presetsFor(station.protocol);
  const [selected, setSelected] = useState<CommandPreset | null>(presets[0] ?? null);
  const [action, setAction] = useState(selected?.action ?? '');
  const [payload, setPayload] = useState(JSON.stringify(selected?.payload ?? {}, null, 2));
  const [send, { data: sent, error, isLoading, reset, originalArgs }] = useSendCommandMutation();
  const data = answerOf(sent);
  const parsed = parsePayload(payload);
  const problem = describeError(error);

  const pick = (p: CommandPreset) => {
    setSelected(p);
    setAction(p.action);
    setPayload(JSON.stringify(p.payload, null, 2));
    reset();
  };
  const submit = () => {
    if (!parsed.ok || !action.trim()) return;
    if (selected?.disruptive && selected.action === action && !window.confirm(`${selected.label} on ${station.id}?`)) return;
    void send({ stationId: encodeURIComponent(station.id), action: action.trim(), body: parsed.value });
  };

  return (
    <Card title="Raw OCPP">
      {!station.connected && (
        <p className="mb-3 rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600">
          The station is offline; commands are refused until it reconnects.
        </p>
      )}
      {presets.length > 0 && (
        <div className="flex flex-wrap gap-1.5" aria-label="Ready-made commands">
          {presets.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() => pick(p)}
              aria-pressed={selected?.id === p.id}
              className={`rounded-md px-2 py-1 text-xs font-medium ring-1 transition ${
                selected?.id === p.id
                  ? 'bg-slate-900 text-white ring-slate-900'
                  : p.disruptive
                    ? 'bg-white text-rose-700 ring-rose-200 hover:bg-rose-50'
                    : 'bg-white text-slate-700 ring-slate-200 hover:bg-slate-50'
              }`}
            >
              {p.label}
            </button>
          ))}
        </div>
      )}
      <div className="mt-4 space-y-3">
        <label className="block">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Action</span>
          <input
            value={action}
            onChange={(e) => setAction(e.target.value)}
            className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-1.5 font-mono text-sm outline-none focus:border-emerald-500 focus:ring-2 focus:ring-emerald-500/20"
          />
        </label>
        <label className="block">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Payload (JSON)</span>
          <textarea
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            rows={Math.min(12, Math.max(4, payload.split("\n").length + 1))}
            spellCheck={false}
            className={`mt-1 w-full rounded-lg border px-3 py-2 font-mono text-xs outline-none focus:ring-2 ${
              parsed.ok ? 'border-slate-300 focus:border-emerald-500 focus:ring-emerald-500/20' : 'border-rose-400 focus:ring-rose-500/20'
            }`}
          />
          {!parsed.ok && <span className="text-xs text-rose-700">{parsed.error}</span>}
        </label>
        <button
          type="button"
          onClick={submit}
          disabled={isLoading || !parsed.ok || !action.trim()}
          className="w-full rounded-lg bg-emerald-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-emerald-500 disabled:opacity-50"
        >
          {isLoading ? `Waiting for ${station.id}…` : `Send ${action.trim() || 'command'}`}
        </button>
      </div>
      <CommandOutcome problem={problem} answer={data} action={originalArgs?.action} />
    </Card>
  );
}
