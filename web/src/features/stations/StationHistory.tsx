// A station's transactions and its connector status history (newest first).
import { useListStationStatusEventsQuery, useListTransactionsQuery, type StationDetail } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Pager, Table, Td, Th, formatTime, useCursorPager } from '../../components/form';
import { EmptyState, ProblemAlert, Spinner, StatusBadge } from '../../components/ui';
import { useFallbackPolling } from '../live/useLiveEvents';
import { TransactionTable } from '../transactions/TransactionsPage';

export function StationTransactions({ station }: { station: StationDetail }) {
  const pager = useCursorPager();
  const { data, error, isLoading, refetch } = useListTransactionsQuery(
    { stationId: station.id, limit: 20, cursor: pager.cursor },
    { pollingInterval: useFallbackPolling(10000) },
  );
  const problem = describeError(error);
  const items = data?.items ?? [];
  if (isLoading) return <Spinner label="Loading transactions…" />;
  return (
    <div className="space-y-3">
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      {items.length === 0 && !problem ? (
        <EmptyState title="No transactions at this station yet" />
      ) : (
        <div className="rounded-lg border border-slate-200">
          <TransactionTable items={items} showStation={false} />
          <Pager pager={pager} nextCursor={data?.nextCursor} count={items.length} />
        </div>
      )}
    </div>
  );
}

export function StationStatusHistory({ station }: { station: StationDetail }) {
  const pager = useCursorPager();
  const { data, error, isLoading, refetch } = useListStationStatusEventsQuery(
    { stationId: encodeURIComponent(station.id), limit: 50, cursor: pager.cursor },
    { pollingInterval: useFallbackPolling(10000) },
  );
  const problem = describeError(error);
  const items = data?.items ?? [];
  if (isLoading) return <Spinner label="Loading status history…" />;
  return (
    <div className="space-y-3">
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      {items.length === 0 && !problem ? (
        <EmptyState title="No status reports yet" />
      ) : (
        <div className="rounded-lg border border-slate-200">
          <Table
            head={
              <>
                <Th>Reported</Th>
                <Th>Connector</Th>
                <Th>Status</Th>
                <Th className="hidden md:table-cell">Error</Th>
              </>
            }
          >
            {items.map((e, i) => (
              <tr key={`${e.receivedAt}-${i}`} data-testid="status-event-row">
                <Td className="whitespace-nowrap text-slate-600">{formatTime(e.reportedAt)}</Td>
                <Td className="text-slate-600">
                  EVSE {e.evseId} · {e.connectorId}
                </Td>
                <Td>
                  <StatusBadge status={e.status} />
                </Td>
                <Td className="hidden text-xs text-slate-500 md:table-cell">
                  {[e.errorCode !== 'NoError' ? e.errorCode : null, e.info].filter(Boolean).join(' · ') || '—'}
                </Td>
              </tr>
            ))}
          </Table>
          <Pager pager={pager} nextCursor={data?.nextCursor} count={items.length} />
        </div>
      )}
    </div>
  );
}
