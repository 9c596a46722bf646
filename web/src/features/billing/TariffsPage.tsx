// Tariffs: the latest version of each, a new tariff or a new version (one unrestricted price element with
// per-kWh, charging-time and idle-time prices), and where each applies (assignments).
import { useState, type FormEvent } from 'react';
import {
  useCreateTariffAssignmentMutation,
  useCreateTariffMutation,
  useListTariffAssignmentsQuery,
  useListTariffsQuery,
  useUpdateTariffMutation,
  type Tariff,
  type TariffBody,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Dialog, DialogActions, Field, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, useCursorPager } from '../../components/form';
import { ProblemAlert } from '../../components/ui';
import { isDecimal } from './money';

type Draft = { id: string; name: string; currency: string; vatPercent: string; flatFee: string; perKwh: string; perHour: string; perIdleHour: string };

const emptyDraft: Draft = { id: '', name: '', currency: 'EUR', vatPercent: '0', flatFee: '0', perKwh: '0.30', perHour: '0', perIdleHour: '0' };

export function tariffBody(d: Draft): TariffBody {
  return {
    name: d.name.trim(),
    currency: d.currency.trim().toUpperCase(),
    vatPercent: d.vatPercent.trim(),
    flatFee: d.flatFee.trim(),
    elements: [{ pricePerKwh: d.perKwh.trim(), pricePerHourCharging: d.perHour.trim(), pricePerHourIdle: d.perIdleHour.trim() }],
  };
}

function draftOf(t: Tariff): Draft {
  const last = t.elements[t.elements.length - 1] ?? {};
  return {
    id: t.id,
    name: t.name,
    currency: t.currency,
    vatPercent: t.vatPercent,
    flatFee: t.flatFee,
    perKwh: last.pricePerKwh ?? '0',
    perHour: last.pricePerHourCharging ?? '0',
    perIdleHour: last.pricePerHourIdle ?? '0',
  };
}

function TariffDialog({ editing, onClose }: { editing: Tariff | null; onClose: () => void }) {
  const [create, created] = useCreateTariffMutation();
  const [update, updated] = useUpdateTariffMutation();
  const [d, setD] = useState<Draft>(editing ? draftOf(editing) : emptyDraft);
  const problem = describeError(created.error) ?? describeError(updated.error);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const valid = (d.id.trim() !== '' || editing) && [d.vatPercent, d.flatFee, d.perKwh, d.perHour, d.perIdleHour].every(isDecimal);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = editing
      ? await update({ tariffId: editing.id, tariffBody: tariffBody(d) })
      : await create({ tariffCreate: { ...tariffBody(d), id: d.id.trim() } });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title={editing ? `New version of ${editing.id}` : 'New tariff'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        {!editing && (
          <Field label="Id">
            <input required value={d.id} onChange={set('id')} pattern="[A-Za-z0-9._-]{1,64}" placeholder="standard" className={inputClass} />
          </Field>
        )}
        <Field label="Name">
          <input value={d.name} onChange={set('name')} className={inputClass} />
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field label="Currency">
            <input required value={d.currency} onChange={set('currency')} pattern="[A-Za-z]{3}" className={inputClass} />
          </Field>
          <Field label="VAT %">
            <input value={d.vatPercent} onChange={set('vatPercent')} className={inputClass} />
          </Field>
          <Field label="Session fee">
            <input value={d.flatFee} onChange={set('flatFee')} className={inputClass} />
          </Field>
        </div>
        <div className="grid grid-cols-3 gap-3">
          <Field label="Per kWh">
            <input aria-label="Price per kWh" value={d.perKwh} onChange={set('perKwh')} className={inputClass} />
          </Field>
          <Field label="Per hour charging">
            <input value={d.perHour} onChange={set('perHour')} className={inputClass} />
          </Field>
          <Field label="Per hour idle">
            <input value={d.perIdleHour} onChange={set('perIdleHour')} className={inputClass} />
          </Field>
        </div>
        <p className="text-xs text-slate-500">
          Prices are decimals with up to six digits after the point. Time bands and weekdays are set through the API
          (docs/billing.md).
        </p>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit={editing ? 'Publish version' : 'Create tariff'} disabled={!valid || created.isLoading || updated.isLoading} />
      </form>
    </Dialog>
  );
}

function AssignDialog({ tariff, onClose }: { tariff: Tariff; onClose: () => void }) {
  const [assign, { error, isLoading }] = useCreateTariffAssignmentMutation();
  const [stationId, setStationId] = useState('');
  const [group, setGroup] = useState('');
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await assign({
      tariffAssignmentCreate: { tariffId: tariff.id, ...(stationId.trim() && { stationId: stationId.trim() }), ...(group.trim() && { idTokenGroup: group.trim() }) },
    });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title={`Assign ${tariff.id}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <Field label="Station" hint="empty: every station">
          <input value={stationId} onChange={(e) => setStationId(e.target.value)} className={inputClass} />
        </Field>
        <Field label="Token group" hint="empty: any token">
          <input value={group} onChange={(e) => setGroup(e.target.value)} className={inputClass} />
        </Field>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Assign" disabled={isLoading} />
      </form>
    </Dialog>
  );
}

export function TariffsPage() {
  const pager = useCursorPager();
  const { data, error, isLoading, refetch } = useListTariffsQuery({ limit: 50, cursor: pager.cursor });
  const assignments = useListTariffAssignmentsQuery({});
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'version' | 'assign'; tariff: Tariff } | null>(null);
  const problem = describeError(error);
  const tariffs = data?.items ?? [];
  const where = (id: string) =>
    (assignments.data?.items ?? [])
      .filter((a) => a.tariffId === id)
      .map((a) => [a.stationId ?? 'all stations', a.evseId != null ? `EVSE ${a.evseId}` : null, a.idTokenGroup ? `group ${a.idTokenGroup}` : null].filter(Boolean).join(' · '));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Tariffs"
        subtitle="Prices per kWh, charging time and parking; every change is a new version, transactions keep theirs."
        actions={
          <Button tone="primary" onClick={() => setDialog({ kind: 'new' })}>
            + New tariff
          </Button>
        }
      />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard loading={isLoading} loadingLabel="Loading tariffs…" empty={tariffs.length === 0} emptyTitle="No tariffs" emptyHint="Sessions are free until a tariff applies.">
        <Table
          head={
            <>
              <Th>Tariff</Th>
              <Th>Per kWh</Th>
              <Th className="hidden md:table-cell">Fee · VAT</Th>
              <Th className="hidden lg:table-cell">Applies to</Th>
              <Th className="hidden lg:table-cell">Version</Th>
              <Th />
            </>
          }
        >
          {tariffs.map((t) => (
            <tr key={t.id} data-testid="tariff-row" className="hover:bg-slate-50">
              <Td>
                <p className="font-medium text-slate-900">{t.name || t.id}</p>
                <p className="font-mono text-xs text-slate-500">{t.id}</p>
              </Td>
              <Td className="font-mono">
                {t.elements.map((e, i) => (
                  <span key={i} className="block">
                    {e.pricePerKwh ?? '0'} {t.currency}
                    {e.startTime && <span className="text-xs text-slate-500"> {e.startTime}–{e.endTime}</span>}
                  </span>
                ))}
              </Td>
              <Td className="hidden font-mono md:table-cell">
                {t.flatFee} · {t.vatPercent} %
              </Td>
              <Td className="hidden text-slate-600 lg:table-cell">{where(t.id).join(', ') || <span className="text-slate-400">not assigned</span>}</Td>
              <Td className="hidden text-slate-500 lg:table-cell">
                v{t.version} <span className="block text-xs">{formatTime(t.createdAt)}</span>
              </Td>
              <Td className="whitespace-nowrap text-right">
                <Button tone="ghost" onClick={() => setDialog({ kind: 'version', tariff: t })}>
                  New version
                </Button>
                <Button tone="ghost" onClick={() => setDialog({ kind: 'assign', tariff: t })}>
                  Assign
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={tariffs.length} />
      </ListCard>
      {dialog?.kind === 'new' && <TariffDialog editing={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'version' && <TariffDialog editing={dialog.tariff} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'assign' && <AssignDialog tariff={dialog.tariff} onClose={() => setDialog(null)} />}
    </div>
  );
}
