import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch, json, station } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { NetworkOverview } from './NetworkOverview';
import { applyLiveEvent } from '../live/effects';
import { streamOpened } from '../live/liveSlice';

afterEach(() => vi.unstubAllGlobals());

describe('network overview', () => {
  it('shows counts and filters the list', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/stations': () =>
        json(200, {
          items: [station('CP-1'), station('CP-2', { connected: false }), station('DEPOT-3')],
          nextCursor: null,
        }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<NetworkOverview />, { auth: signedIn });

    expect(await screen.findAllByTestId('station-row')).toHaveLength(3);
    expect(screen.getByTestId('stat-online')).toHaveTextContent('2');
    expect(screen.getByTestId('stat-offline')).toHaveTextContent('1');

    await userEvent.click(screen.getByRole('radio', { name: /Offline/ }));
    expect(screen.getAllByTestId('station-row')).toHaveLength(1);
    expect(screen.getByText('CP-2')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: /All/ }));
    await userEvent.type(screen.getByRole('searchbox'), 'depot');
    expect(screen.getAllByTestId('station-row')).toHaveLength(1);
    await userEvent.type(screen.getByRole('searchbox'), 'zzz');
    expect(screen.getByText('No station matches')).toBeInTheDocument();
  });

  it('has an empty state', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/stations': () => json(200, { items: [], nextCursor: null }) });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<NetworkOverview />, { auth: signedIn });
    expect(await screen.findByText('No stations yet')).toBeInTheDocument();
  });

  it('updates the counts, the rows and the feed from live events', async () => {
    const { fn, seen } = fakeFetch({
      'GET /api/v1/stations': () =>
        json(200, {
          items: [station('CP-1', { connectorStatuses: [{ evseId: 1, connectorId: 1, status: 'Available', transactionActive: false }] }), station('CP-2', { connected: false })],
          nextCursor: null,
        }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    const { store } = renderWithStore(<NetworkOverview />, { auth: signedIn });
    expect(await screen.findAllByTestId('station-row')).toHaveLength(2);
    expect(screen.getByTestId('stat-charging')).toHaveTextContent('0');
    const at = new Date().toISOString();
    act(() => {
      store.dispatch(streamOpened());
      store.dispatch(applyLiveEvent({ id: '1', type: 'connector.status', stationId: 'CP-1', at, data: { evseId: 1, connectorId: 1, status: 'Charging', transactionActive: false } }));
      store.dispatch(applyLiveEvent({ id: '2', type: 'connector.status', stationId: 'CP-2', at, data: { evseId: 1, connectorId: 1, status: 'Faulted', transactionActive: false } }));
      store.dispatch(applyLiveEvent({ id: '3', type: 'station.connected', stationId: 'CP-2', at, data: {} }));
    });
    expect(screen.getByTestId('stat-charging')).toHaveTextContent('1');
    expect(screen.getByTestId('stat-faulted')).toHaveTextContent('1');
    expect(screen.getByTestId('stat-online')).toHaveTextContent('2');
    expect(screen.getByTestId('stat-offline')).toHaveTextContent('0');
    expect(screen.getAllByTestId('connector-summary')[0]).toHaveTextContent('Charging');
    expect(screen.getByTestId('activity-feed')).toHaveTextContent('EVSE 1 connector 1 → Faulted');
    expect(screen.getByTestId('live-indicator')).toHaveTextContent('Live');
    expect(seen).toHaveLength(1); // all of it without a request
  });
});
