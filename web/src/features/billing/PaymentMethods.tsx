// Payment methods: which id tokens and token groups pay by card (a hold on the card processor's customer at
// Authorize or start, captured at stop) or from their wallet; set and removed by an admin.
import { useState, type FormEvent } from 'react';
import {
  useCreatePaymentMethodMutation,
  useDeletePaymentMethodMutation,
  useListPaymentMethodsQuery,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Dialog, DialogActions, Field, ListCard, Pager, Table, Td, Th, formatTime, inputClass, useCursorPager } from '../../components/form';
import { Card, ProblemAlert } from '../../components/ui';
import type { PaymentMethodCreate } from '../../api/enhanced';

// The request body of the form: the customer reference only for a card.
export function paymentMethodBody(owner: Owner, value: string, method: 'card' | 'wallet', customer: string): PaymentMethodCreate {
  return { [owner]: value.trim(), method, ...(method === 'card' && { cardCustomer: customer.trim() }) };
}

export type Owner = 'idToken' | 'idTokenGroup';

// One id token or every token of a group: what a wallet or a payment method belongs to.
export function OwnerField(props: { label: string; owner: Owner; setOwner: (o: Owner) => void; value: string; setValue: (v: string) => void }) {
  return (
    <Field label={props.label}>
      <div className="flex gap-2">
        <select value={props.owner} onChange={(e) => props.setOwner(e.target.value as Owner)} className={inputClass}>
          <option value="idToken">the id token</option>
          <option value="idTokenGroup">every token of the group</option>
        </select>
        <input required aria-label="Token or group" value={props.value} onChange={(e) => props.setValue(e.target.value)} className={inputClass} />
      </div>
    </Field>
  );
}

function NewPaymentMethodDialog({ onClose }: { onClose: () => void }) {
  const [create, { error, isLoading }] = useCreatePaymentMethodMutation();
  const [owner, setOwner] = useState<Owner>('idToken');
  const [value, setValue] = useState('');
  const [method, setMethod] = useState<'card' | 'wallet'>('card');
  const [customer, setCustomer] = useState('');
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ paymentMethodCreate: paymentMethodBody(owner, value, method, customer) });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title="Set a payment method" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <OwnerField label="For" owner={owner} setOwner={setOwner} value={value} setValue={setValue} />
        <Field label="Pays">
          <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)} className={inputClass}>
            <option value="card">by card</option>
            <option value="wallet">from its wallet</option>
          </select>
        </Field>
        {method === 'card' && (
          <Field label="Card processor customer">
            <input required value={customer} onChange={(e) => setCustomer(e.target.value)} pattern="[A-Za-z0-9_.:\-]{1,128}" placeholder="cus_…" className={inputClass} />
          </Field>
        )}
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Save" disabled={isLoading || !value.trim() || (method === 'card' && !customer.trim())} />
      </form>
    </Dialog>
  );
}

export function PaymentMethods() {
  const pager = useCursorPager();
  const { data, error, isLoading, refetch } = useListPaymentMethodsQuery({ limit: 50, cursor: pager.cursor });
  const [remove, removal] = useDeletePaymentMethodMutation();
  const [creating, setCreating] = useState(false);
  const problem = describeError(error) ?? describeError(removal.error);
  const rows = data?.items ?? [];
  return (
    <Card title="Payment methods">
      <div className="mb-3 flex items-center justify-between gap-3">
        <p className="text-sm text-slate-500">Tokens without a setting pay from their wallet, if they have one; a token&apos;s own setting wins over its group&apos;s.</p>
        <Button tone="primary" onClick={() => setCreating(true)}>
          + Set
        </Button>
      </div>
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard loading={isLoading} loadingLabel="Loading payment methods…" empty={rows.length === 0} emptyTitle="No payment methods set">
        <Table
          head={
            <>
              <Th>For</Th>
              <Th>Pays</Th>
              <Th className="hidden lg:table-cell">Since</Th>
              <Th />
            </>
          }
        >
          {rows.map((m) => (
            <tr key={m.id} data-testid="payment-method-row">
              <Td className="text-slate-600">{m.idToken ? `token ${m.idToken}` : `group ${m.idTokenGroup}`}</Td>
              <Td>{m.method === 'card' ? <span>card <span className="font-mono text-xs text-slate-500">{m.cardCustomer}</span></span> : 'wallet'}</Td>
              <Td className="hidden text-slate-500 lg:table-cell">{formatTime(m.createdAt)}</Td>
              <Td className="text-right">
                <Button tone="ghost" onClick={() => void remove({ paymentMethodId: m.id })}>
                  Remove
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={rows.length} />
      </ListCard>
      {creating && <NewPaymentMethodDialog onClose={() => setCreating(false)} />}
    </Card>
  );
}
