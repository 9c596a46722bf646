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

describe('command panel', () => {
  it('sends the chosen command and shows the station answer', async () => {
    const { fn, seen } = fakeFetch({
      'POST /api/v1/stations/CP-42/commands/TriggerMessage': () =>
        json(200, { outcome: 'result', messageId: 'm-1', status: 'Accepted', result: { status: 'Accepted' } }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    const { default: userEvent } = await import('@testing-library/user-event');
    renderWithStore(<StationDetailView station={detail('CP-42')} initialTab="commands" />, { auth: signedIn });
    await userEvent.click(screen.getByRole('button', { name: 'Trigger heartbeat' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send TriggerMessage' }));
    const answer = await screen.findByTestId('command-answer');
    expect(answer).toHaveTextContent('Accepted');
    expect(await seen[0]!.json()).toEqual({ requestedMessage: 'Heartbeat' });
    expect(seen[0]!.headers.get('Authorization')).toBe('Bearer tok-123');
    expect(seen[0]!.url).toMatch(/\/api\/v1\/stations\/CP-42\/commands\/TriggerMessage$/); // no empty query
  });

  it('shows a CALLERROR and a problem body plainly', async () => {
    let call = 0;
    const { fn } = fakeFetch({
      'POST /api/v1/stations/CP-42/commands/Reset': () =>
        ++call === 1
          ? json(200, { outcome: 'error', messageId: 'm-2', error: { code: 'NotImplemented', description: 'no reset here' } })
          : json(409, { type: '/api/problems/station-offline', title: 'Station offline', status: 409, detail: 'CP-42 is not connected' }, 'application/problem+json'),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    vi.stubGlobal('confirm', () => true);
    const { default: userEvent } = await import('@testing-library/user-event');
    renderWithStore(<StationDetailView station={detail('CP-42')} initialTab="commands" />, { auth: signedIn });
    await userEvent.click(screen.getByRole('button', { name: 'Soft reset' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send Reset' }));
    expect(await screen.findByTestId('command-answer')).toHaveTextContent('CALLERROR NotImplemented');
    await userEvent.click(screen.getByRole('button', { name: 'Send Reset' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('409');
    expect(alert).toHaveTextContent('CP-42 is not connected');
  });
});
