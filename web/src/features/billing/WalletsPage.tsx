// Prepaid wallets: balances, a new wallet for a token or a token group, top-ups, and a wallet's ledger (every
// journal with the balance after it).
import { useState, type FormEvent } from 'react';
import {
  useCreateWalletMutation,
  useListWalletLedgerQuery,
  useListWalletsQuery,
  useTopUpWalletMutation,
  type Wallet,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Dialog, DialogActions, Field, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, useCursorPager } from '../../components/form';
import { Card, ProblemAlert } from '../../components/ui';
import { formatMoney, isDecimal } from './money';
import { OwnerField, PaymentMethods, type Owner } from './PaymentMethods';

function NewWalletDialog({ onClose }: { onClose: () => void }) {
  const [create, { error, isLoading }] = useCreateWalletMutation();
  const [id, setId] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [owner, setOwner] = useState<Owner>('idToken');
  const [value, setValue] = useState('');
  const [allowNegative, setAllowNegative] = useState(false);
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ walletCreate: { id: id.trim(), currency: currency.trim().toUpperCase(), [owner]: value.trim(), allowNegative } });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title="New wallet" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div className="grid grid-cols-2 gap-3">
          <Field label="Id">
            <input required value={id} onChange={(e) => setId(e.target.value)} pattern="[A-Za-z0-9._-]{1,64}" className={inputClass} />
          </Field>
          <Field label="Currency">
            <input required value={currency} onChange={(e) => setCurrency(e.target.value)} pattern="[A-Za-z]{3}" className={inputClass} />
          </Field>
        </div>
        <OwnerField label="Pays for" owner={owner} setOwner={setOwner} value={value} setValue={setValue} />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={allowNegative} onChange={(e) => setAllowNegative(e.target.checked)} className="size-4 accent-emerald-600" />
          may go below zero (never refused)
        </label>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Create wallet" disabled={isLoading || !id.trim() || !value.trim()} />
      </form>
    </Dialog>
  );
}

function TopUpDialog({ wallet, onClose }: { wallet: Wallet; onClose: () => void }) {
  const [topUp, { error, isLoading }] = useTopUpWalletMutation();
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await topUp({ walletId: wallet.id, amountRequest: { amount: amount.trim(), ...(memo.trim() && { memo: memo.trim() }) } });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title={`Top up ${wallet.id}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <Field label={`Amount (${wallet.currency})`}>
          <input required value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="20.00" className={inputClass} />
        </Field>
        <Field label="Memo">
          <input value={memo} onChange={(e) => setMemo(e.target.value)} className={inputClass} />
        </Field>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Top up" disabled={isLoading || !isDecimal(amount)} />
      </form>
    </Dialog>
  );
}

function Ledger({ wallet }: { wallet: Wallet }) {
  const pager = useCursorPager();
  const { data, error, isLoading } = useListWalletLedgerQuery({ walletId: wallet.id, limit: 20, cursor: pager.cursor });
  const problem = describeError(error);
  const rows = data?.items ?? [];
  return (
    <Card title={`Ledger of ${wallet.id}`}>
      {problem && <ProblemAlert problem={problem} />}
      <ListCard loading={isLoading} loadingLabel="Loading ledger…" empty={rows.length === 0} emptyTitle="No journals yet">
        <Table
          head={
            <>
              <Th>When</Th>
              <Th>Kind</Th>
              <Th>Amount</Th>
              <Th>Balance after</Th>
              <Th className="hidden md:table-cell">Memo</Th>
            </>
          }
        >
          {rows.map((j) => (
            <tr key={j.id} data-testid="ledger-row">
              <Td className="text-slate-500">{formatTime(j.createdAt)}</Td>
              <Td>
                {j.kind}
                {j.transactionId && <span className="block font-mono text-xs text-slate-500">transaction {j.transactionId}</span>}
              </Td>
              <Td className={`font-mono ${j.amount.startsWith('-') ? 'text-rose-700' : 'text-emerald-700'}`}>{formatMoney(j.amount, j.currency)}</Td>
              <Td className="font-mono">{formatMoney(j.balanceAfter, j.currency)}</Td>
              <Td className="hidden text-slate-500 md:table-cell">{j.memo ?? j.createdBy ?? ''}</Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={rows.length} />
      </ListCard>
    </Card>
  );
}

export function WalletsPage() {
  const pager = useCursorPager();
  const { data, error, isLoading, refetch } = useListWalletsQuery({ limit: 50, cursor: pager.cursor });
  const [creating, setCreating] = useState(false);
  const [toppingUp, setToppingUp] = useState<Wallet | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const problem = describeError(error);
  const wallets = data?.items ?? [];
  const shown = wallets.find((w) => w.id === selected);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Wallets"
        subtitle="Prepaid balances that pay for sessions, captured once each session is priced."
        actions={
          <Button tone="primary" onClick={() => setCreating(true)}>
            + New wallet
          </Button>
        }
      />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard loading={isLoading} loadingLabel="Loading wallets…" empty={wallets.length === 0} emptyTitle="No wallets" emptyHint="Sessions of tokens without a wallet are not paid here.">
        <Table
          head={
            <>
              <Th>Wallet</Th>
              <Th>Pays for</Th>
              <Th>Balance</Th>
              <Th className="hidden lg:table-cell">Updated</Th>
              <Th />
            </>
          }
        >
          {wallets.map((w) => (
            <tr key={w.id} data-testid="wallet-row" className={`hover:bg-slate-50 ${w.id === selected ? 'bg-emerald-50' : ''}`}>
              <Td>
                <button type="button" className="font-medium text-emerald-700 hover:underline" onClick={() => setSelected(w.id)}>
                  {w.id}
                </button>
              </Td>
              <Td className="text-slate-600">{w.idToken ? `token ${w.idToken}` : `group ${w.idTokenGroup}`}</Td>
              <Td className={`font-mono ${w.balance.startsWith('-') ? 'text-rose-700' : ''}`}>{formatMoney(w.balance, w.currency)}</Td>
              <Td className="hidden text-slate-500 lg:table-cell">{formatTime(w.updatedAt)}</Td>
              <Td className="text-right">
                <Button tone="ghost" onClick={() => setToppingUp(w)}>
                  Top up
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={wallets.length} />
      </ListCard>
      {shown && <Ledger wallet={shown} />}
      <PaymentMethods />
      {creating && <NewWalletDialog onClose={() => setCreating(false)} />}
      {toppingUp && <TopUpDialog wallet={toppingUp} onClose={() => setToppingUp(null)} />}
    </div>
  );
}
