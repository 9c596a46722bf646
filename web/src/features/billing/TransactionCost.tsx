// The cost of one transaction on its detail screen: running or final, the breakdown by component, and whether
// it was paid.
import { useGetTransactionCostQuery } from '../../api/enhanced';
import { Card, DetailItem } from '../../components/ui';
import { formatMoney } from './money';

export function TransactionCost({ transactionId, active }: { transactionId: string; active: boolean }) {
  // A running cost changes with every meter value: poll while the transaction is active.
  const { data } = useGetTransactionCostQuery({ transactionId }, { pollingInterval: active ? 10000 : 0 });
  if (!data) return null;
  const c = data.cost;
  return (
    <Card title={data.final ? 'Cost' : 'Running cost'}>
      {!c ? (
        <p className="text-sm text-slate-500" data-testid="transaction-cost">
          {data.pricingState === 'none' ? 'No tariff applies: free.' : 'Not priced yet.'}
        </p>
      ) : (
        <dl className="grid grid-cols-2 gap-3" data-testid="transaction-cost">
          <DetailItem label="Total">
            <span className="font-mono text-lg font-semibold text-slate-900">{formatMoney(c.total, c.currency)}</span>
          </DetailItem>
          <DetailItem label="Energy">
            <span className="font-mono">{formatMoney(c.energy, c.currency)}</span>
            <span className="block text-xs text-slate-500">{c.energyWh} Wh</span>
          </DetailItem>
          <DetailItem label="Time · idle">
            <span className="font-mono">
              {c.chargingTime} · {c.idleTime}
            </span>
          </DetailItem>
          <DetailItem label="Fee · VAT">
            <span className="font-mono">
              {c.flatFee} · {c.vat}
            </span>
          </DetailItem>
          <DetailItem label="Tariff">
            {data.tariffId} v{data.tariffVersion}
          </DetailItem>
          <DetailItem label="Payment">
            <span className={data.payment.state === 'failed' || data.payment.state === 'shortfall' ? 'text-rose-700' : ''}>{data.payment.state}</span>
            {data.payment.error && <span className="block text-xs text-rose-700">{data.payment.error}</span>}
            {data.payment.hold && (
              <span className="block text-xs text-slate-500" data-testid="payment-hold">
                card hold {formatMoney(data.payment.hold.amount, data.payment.hold.currency)} {data.payment.hold.state}
                {data.payment.hold.captured && `, captured ${formatMoney(data.payment.hold.captured, data.payment.hold.currency)}`}
              </span>
            )}
          </DetailItem>
        </dl>
      )}
    </Card>
  );
}
