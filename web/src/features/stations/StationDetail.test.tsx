import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { detail, fakeFetch, json } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { StationDetailPage, StationDetailView } from './StationDetail';

afterEach(() => vi.unstubAllGlobals());

describe('station detail', () => {
  it('shows every EVSE with its connectors and their status', () => {
    renderWithStore(<StationDetailView station={detail('CP-42')} />);
    expect(screen.getByRole('heading', { name: 'CP-42' })).toBeInTheDocument();
    const evses = screen.getAllByTestId('evse');
    expect(evses).toHaveLength(2); // EVSE 0 without connectors is left out
    expect(within(evses[0]!).getByText('EVSE 1')).toBeInTheDocument();
    expect(within(evses[0]!).getByText('Available')).toBeInTheDocument();
    const second = within(evses[1]!).getAllByTestId('connector');
    expect(second).toHaveLength(2);
    expect(second[0]).toHaveTextContent('Charging');
    expect(second[1]).toHaveTextContent('Faulted');
    expect(second[1]).toHaveTextContent('GroundFailure');
    expect(screen.getByText('Acme')).toBeInTheDocument();
    expect(screen.getByText('1.2.3')).toBeInTheDocument();
  });

  it('says so when no connector has been reported', () => {
    renderWithStore(<StationDetailView station={detail('CP-1', { evses: [], connected: false })} />);
    expect(screen.getByText('No connector reported yet')).toBeInTheDocument();
    expect(screen.getByText('Offline')).toBeInTheDocument();
  });

  it('shows the problem body when the station does not exist', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/stations/NOPE': () =>
        json(404, { type: '/api/problems/not-found', title: 'Not found', status: 404, detail: 'no station NOPE' }, 'application/problem+json'),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<StationDetailPage />, { route: '/stations/NOPE', path: '/stations/:stationId', auth: signedIn });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('404');
    expect(alert).toHaveTextContent('no station NOPE');
  });
});
