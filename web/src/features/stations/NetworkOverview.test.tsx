import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch, json, station } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { NetworkOverview } from './NetworkOverview';

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
});
