// A control for each version-neutral command: pick the command, fill its few fields, send it, see the station's
// answer. The values become the request of the station's OCPP version (catalog.ts).
import { useState } from 'react';
import { useSendCommandMutation, type StationDetail } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, inputClass } from '../../components/form';
import { Card } from '../../components/ui';
import { asProtocol, catalog, initialValues, type CommandSpec, type Values } from './catalog';
import { CommandOutcome, answerOf } from './CommandAnswerView';

function FieldInput({ spec, value, onChange }: { spec: CommandSpec['fields'][number]; value: string | boolean; onChange: (v: string | boolean) => void }) {
  if (spec.kind === 'bool') {
    return (
      <label className="flex items-center gap-2 pt-5 text-sm text-slate-700">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} className="size-4 accent-emerald-600" />
        {spec.label}
      </label>
    );
  }
  return (
    <label className="block">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{spec.label}</span>
      {spec.kind === 'select' ? (
        <select aria-label={spec.label} value={String(value)} onChange={(e) => onChange(e.target.value)} className={inputClass}>
          {spec.options?.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : (
        <input
          aria-label={spec.label}
          value={String(value)}
          inputMode={spec.kind === 'number' ? 'numeric' : undefined}
          onChange={(e) => onChange(e.target.value)}
          placeholder={spec.optional ? 'optional' : undefined}
          className={`${inputClass} font-mono`}
        />
      )}
      {spec.hint && <span className="mt-0.5 block text-[11px] text-slate-400">{spec.hint}</span>}
    </label>
  );
}

export function CommandControls({ station, initial = 'start-charging' }: { station: StationDetail; initial?: string }) {
  const protocol = asProtocol(station.protocol);
  const [chosen, setChosen] = useState<CommandSpec>(catalog.find((c) => c.name === initial) ?? catalog[0]!);
  const [values, setValues] = useState<Values>(initialValues(chosen));
  const [send, { data: sent, error, isLoading, reset, originalArgs }] = useSendCommandMutation();
  const data = answerOf(sent);
  const raw = protocol ? chosen.toRaw(protocol, values) : 'the station has not told its OCPP version yet';
  const problem = describeError(error);

  const pick = (c: CommandSpec) => {
    setChosen(c);
    setValues(initialValues(c));
    reset();
  };
  const submit = () => {
    if (typeof raw === 'string') return;
    if (chosen.disruptive && !window.confirm(`${chosen.label} on ${station.id}?`)) return;
    void send({ stationId: encodeURIComponent(station.id), action: raw.action, body: raw.payload });
  };

  return (
    <Card title="Commands">
      {!station.connected && (
        <p className="mb-3 rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600">The station is offline; commands are refused until it reconnects.</p>
      )}
      <div className="flex flex-wrap gap-1.5" role="tablist" aria-label="Commands">
        {catalog.map((c) => (
          <button
            key={c.name}
            type="button"
            role="tab"
            aria-selected={chosen.name === c.name}
            onClick={() => pick(c)}
            className={`rounded-md px-2 py-1 text-xs font-medium ring-1 transition ${
              chosen.name === c.name
                ? 'bg-slate-900 text-white ring-slate-900'
                : c.disruptive
                  ? 'bg-white text-rose-700 ring-rose-200 hover:bg-rose-50'
                  : 'bg-white text-slate-700 ring-slate-200 hover:bg-slate-50'
            }`}
          >
            {c.label}
          </button>
        ))}
      </div>
      <form
        className="mt-4 space-y-3"
        aria-label={chosen.label}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {chosen.fields.length > 0 && (
          <div className="grid gap-3 sm:grid-cols-2">
            {chosen.fields.map((f) => (
              <FieldInput key={f.name} spec={f} value={values[f.name] ?? f.initial} onChange={(v) => setValues({ ...values, [f.name]: v })} />
            ))}
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button tone={chosen.disruptive ? 'danger' : 'primary'} type="submit" disabled={isLoading || typeof raw === 'string'}>
            {isLoading ? `Waiting for ${station.id}…` : chosen.label}
          </Button>
          {typeof raw === 'string' ? (
            <span className="text-xs text-rose-700">{raw}</span>
          ) : (
            <span className="font-mono text-xs text-slate-400" title={JSON.stringify(raw.payload)}>
              {raw.action}
            </span>
          )}
        </div>
      </form>
      <CommandOutcome problem={problem} answer={data} action={originalArgs?.action} />
    </Card>
  );
}
