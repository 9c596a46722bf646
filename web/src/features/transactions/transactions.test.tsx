import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { detail, fakeFetch, json, transaction } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { ENERGY, POWER, formatDuration, formatEnergy, niceTicks, powerFromEnergy, seriesOf } from './series';
import { TransactionsPage, noTransactionFilter, transactionQuery } from './TransactionsPage';
import { TransactionDetailPage } from './TransactionDetail';
import { startCommand, stopCommand } from '../commands/neutral';
import type { MeterValue } from '../../api/enhanced';

afterEach(() => vi.unstubAllGlobals());

const mv = (sampledAt: string, measurand: string, value: number, over: Partial<MeterValue> = {}): MeterValue => ({
  sampledAt,
  measurand,
  value,
  phase: null,
  location: null,
  unit: measurand === POWER ? 'W' : 'Wh',
  context: 'Sample.Periodic',
  ...over,
});

describe('meter series', () => {
  it('takes whole-station readings, ordered, converting kWh', () => {
    const values = [
      mv('2026-11-25T10:02:00Z', ENERGY, 3, { unit: 'kWh' }),
      mv('2026-11-25T10:00:00Z', ENERGY, 1000),
      mv('2026-11-25T10:01:00Z', ENERGY, 2000),
      mv('2026-11-25T10:01:00Z', ENERGY, 700, { phase: 'L1' }),
      mv('2026-11-25T10:01:00Z', ENERGY, 5, { location: 'Inlet' }),
      mv('2026-11-25T10:01:00Z', POWER, 7400),
    ];
    expect(seriesOf(values, ENERGY).map((p) => p.v)).toEqual([1000, 2000, 3000]);
    expect(seriesOf(values, POWER)).toEqual([{ t: Date.parse('2026-11-25T10:01:00Z'), v: 7400 }]);
  });

  it('sums phases when the station reports no total', () => {
    const values = ['L1', 'L2', 'L3'].map((phase) => mv('2026-11-25T10:00:00Z', POWER, 2300, { phase }));
    expect(seriesOf(values, POWER)).toEqual([{ t: Date.parse('2026-11-25T10:00:00Z'), v: 6900 }]);
  });

  it('derives power from the energy register', () => {
    const t = Date.parse('2026-11-25T10:00:00Z');
    expect(powerFromEnergy([{ t, v: 0 }, { t: t + 360_000, v: 1100 }])).toEqual([{ t: t + 360_000, v: 11000 }]);
  });

  it('formats and ticks', () => {
    expect(formatEnergy(7500)).toBe('7.50 kWh');
    expect(formatEnergy(12)).toBe('12 Wh');
    expect(formatEnergy(null)).toBe('—');
    expect(niceTicks(0, 7800)).toEqual([0, 2000, 4000, 6000]);
    expect(niceTicks(0, 1)).toEqual([0, 0.5, 1]);
    expect(formatDuration('2026-11-25T10:00:00Z', '2026-11-25T11:05:00Z')).toBe('1 h 5 min');
  });
});

describe('commands behind the console buttons', () => {
  it('stops and starts in the station version', () => {
    expect(stopCommand('ocpp1.6', '42')).toEqual({ action: 'RemoteStopTransaction', payload: { transactionId: 42 } });
    expect(stopCommand('ocpp1.6', 'abc')).toBeNull();
    expect(stopCommand('ocpp2.0.1', 'abc')).toEqual({ action: 'RequestStopTransaction', payload: { transactionId: 'abc' } });
    expect(startCommand('ocpp1.6', { evseId: 2, idToken: 'T' })).toEqual({ action: 'RemoteStartTransaction', payload: { connectorId: 2, idTag: 'T' } });
    expect(startCommand('ocpp2.0.1', { evseId: 1, idToken: 'T', remoteStartId: 7 })).toEqual({
      action: 'RequestStartTransaction',
      payload: { evseId: 1, remoteStartId: 7, idToken: { idToken: 'T', type: 'Central' } },
    });
  });
});

describe('transactions', () => {
  it('turns the filter form into query parameters', () => {
    expect(transactionQuery(noTransactionFilter)).toEqual({ limit: 50, cursor: undefined, stationId: undefined, status: undefined, idToken: undefined, from: undefined, to: undefined });
    expect(transactionQuery({ ...noTransactionFilter, stationId: ' CP-1 ', status: 'active', from: '2026-11-25T10:00' }, 'c')).toMatchObject({
      stationId: 'CP-1',
      status: 'active',
      cursor: 'c',
      from: new Date('2026-11-25T10:00').toISOString(),
    });
  });

  it('lists, filters and shows the empty and error states', async () => {
    const { fn, seen } = fakeFetch({
      'GET /api/v1/transactions': (req) => {
        const p = new URL(req.url).searchParams;
        if (p.get('stationId') === 'NONE') return json(200, { items: [], nextCursor: null });
        if (p.get('stationId') === 'BAD') return json(400, { type: '/api/problems/invalid-parameter', title: 'Invalid parameter', status: 400, detail: 'bad station' }, 'application/problem+json');
        return json(200, { items: [transaction('1'), transaction('2', { status: 'active', stoppedAt: null, energyWh: 1200 })], nextCursor: null });
      },
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<TransactionsPage />, { auth: signedIn });
    const rows = await screen.findAllByTestId('transaction-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('7.50 kWh');
    expect(rows[1]).toHaveTextContent('Charging');

    await userEvent.type(screen.getByLabelText('Station'), 'NONE');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('No transaction matches')).toBeInTheDocument();
    expect(seen.some((r) => new URL(r.url).searchParams.get('stationId') === 'NONE')).toBe(true);

    await userEvent.clear(screen.getByLabelText('Station'));
    await userEvent.type(screen.getByLabelText('Station'), 'BAD');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('bad station');
  });

  it('exports the filtered list as CSV with the token', async () => {
    const { fn, seen } = fakeFetch({
      'GET /api/v1/transactions': (req) =>
        new URL(req.url).searchParams.get('format') === 'csv'
          ? new Response('id,stationId\n1,CP-1\n', { headers: { 'Content-Type': 'text/csv' } })
          : json(200, { items: [transaction('1')], nextCursor: null }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    const created = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: () => undefined }));
    renderWithStore(<TransactionsPage />, { auth: signedIn });
    await screen.findAllByTestId('transaction-row');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'completed');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(created).toHaveBeenCalled());
    const csv = seen.find((r) => new URL(r.url).searchParams.get('format') === 'csv')!;
    expect(new URL(csv.url).searchParams.get('status')).toBe('completed');
    expect(csv.headers.get('Authorization')).toBe('Bearer tok-123');
  });

  it('shows a transaction with its charts and stops it through the station version', async () => {
    const values = [0, 1, 2, 3].map((i) => mv(`2026-11-25T10:0${i}:00Z`, ENERGY, 1000 + i * 120));
    const { fn, seen } = fakeFetch({
      'GET /api/v1/transactions/7': () => json(200, transaction('7', { status: 'active', stoppedAt: null, transactionId: '42', energyWh: 360 })),
      'GET /api/v1/transactions/7/meter-values': () => json(200, { items: values, nextCursor: null }),
      'GET /api/v1/stations/CP-1': () => json(200, detail('CP-1')),
      'POST /api/v1/stations/CP-1/commands/RemoteStopTransaction': () => json(200, { outcome: 'result', messageId: 'm', status: 'Accepted', result: { status: 'Accepted' } }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<TransactionDetailPage />, { route: '/transactions/7', path: '/transactions/:id', auth: signedIn });
    expect(await screen.findByRole('heading', { name: '42' })).toBeInTheDocument();
    expect(screen.getByTestId('transaction-energy')).toHaveTextContent('360 Wh');
    const energy = await screen.findByTestId('energy-chart');
    expect(energy).toHaveAttribute('data-points', '4');
    expect(within(energy).getByText('360 Wh')).toBeInTheDocument(); // latest, relative to the start
    expect(screen.getByTestId('power-chart')).toHaveAttribute('data-points', '3'); // derived from the register

    const stop = screen.getByRole('button', { name: 'Stop charging' });
    await waitFor(() => expect(stop).toBeEnabled());
    await userEvent.click(stop);
    expect(await screen.findByTestId('stop-answer')).toHaveTextContent('Accepted');
    const post = seen.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ transactionId: 42 });
  });
});
