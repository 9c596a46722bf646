import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Site } from '../../api/enhanced';
import { fakeFetch, json } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { SitesPage } from './SitesPage';
import { SiteDetailPage } from './SiteDetail';
import { flatten, formatLimit, limitFromInput, powerPoints, siteTree, subtreeIds } from './sites';

afterEach(() => vi.unstubAllGlobals());

function site(id: string, over: Partial<Site> = {}): Site {
  return {
    id,
    name: id.toUpperCase(),
    parentId: null,
    limitKind: 'CurrentPerPhase',
    limitValue: 32000,
    voltage: 230,
    fallbackLimitMa: 6000,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

const viewer = { ...signedIn, role: 'viewer' };

describe('site helpers', () => {
  it('nests groups under their parents, parents first, an unknown parent making a root', () => {
    const sites = [site('b-f1', { parentId: 'b' }), site('a'), site('b'), site('b-f1-x', { parentId: 'b-f1' }), site('lost', { parentId: 'gone' })];
    const rows = flatten(siteTree(sites)).map((n) => `${n.depth}:${n.site.id}`);
    expect(rows).toEqual(['0:a', '0:b', '1:b-f1', '2:b-f1-x', '0:lost']);
    expect([...subtreeIds(sites, 'b')].sort()).toEqual(['b', 'b-f1', 'b-f1-x']);
  });
  it('shows and reads limits in A per phase or kW, sending mA or W', () => {
    expect(formatLimit('CurrentPerPhase', 63000)).toBe('63 A per phase');
    expect(formatLimit('Power', 22500)).toBe('22.5 kW');
    expect(limitFromInput('22.5')).toBe(22500);
    expect(limitFromInput(' 16 ')).toBe(16000);
    expect(limitFromInput('-1')).toBeNull();
    expect(limitFromInput('1e3')).toBeNull();
    expect(limitFromInput('0.0001')).toBeNull();
  });
  it('charts the buckets with readings only', () => {
    const pts = powerPoints([
      { at: '2026-01-01T00:00:00Z', powerW: 1000, stations: 1, source: 'Power' },
      { at: '2026-01-01T00:01:00Z', powerW: null, stations: 0, source: null },
      { at: '2026-01-01T00:02:00Z', powerW: 3000, stations: 2, source: 'Mixed' },
    ]);
    expect(pts).toEqual([
      { t: Date.parse('2026-01-01T00:00:00Z'), v: 1000 },
      { t: Date.parse('2026-01-01T00:02:00Z'), v: 3000 },
    ]);
  });
});

describe('sites page', () => {
  it('shows the tree to a viewer without the means to change it', async () => {
    const { fn } = fakeFetch({ 'GET /api/v1/sites': () => json(200, { items: [site('north'), site('north-f1', { parentId: 'north' })], nextCursor: null }) });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<SitesPage />, { auth: viewer });
    expect(await screen.findByTestId('site-row-north-f1')).toHaveTextContent('group');
    expect(screen.queryByRole('button', { name: '+ New site' })).not.toBeInTheDocument();
  });

  it('creates a group with a power limit in W', async () => {
    let sites = [site('north')];
    const { fn, seen } = fakeFetch({
      'GET /api/v1/sites': () => json(200, { items: sites, nextCursor: null }),
      'POST /api/v1/sites': async (req) => {
        const body = (await req.json()) as Site;
        sites = [...sites, site(body.id, body)];
        return json(201, sites.at(-1));
      },
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<SitesPage />, { auth: signedIn });
    await screen.findByTestId('site-row-north');
    await userEvent.click(screen.getByRole('button', { name: '+ New site' }));
    const dialog = screen.getByRole('dialog', { name: 'New site or group' });
    await userEvent.type(within(dialog).getByLabelText(/Id/), 'feeder-1');
    await userEvent.selectOptions(within(dialog).getByLabelText('Parent'), 'north');
    await userEvent.selectOptions(within(dialog).getByLabelText('Limit kind'), 'Power');
    await userEvent.clear(within(dialog).getByLabelText('Limit'));
    await userEvent.type(within(dialog).getByLabelText('Limit'), '11.5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create site' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = seen.find((r) => r.method === 'POST');
    expect(await post!.json()).toEqual({ id: 'feeder-1', name: 'feeder-1', parentId: 'north', limitKind: 'Power', limitValue: 11500 });
    expect(await screen.findByTestId('site-row-feeder-1')).toHaveTextContent('11.5 kW');
  });
});

describe('site detail', () => {
  it('shows stations, the allocation and the power chart with its limit line', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/sites': () => json(200, { items: [site('north')], nextCursor: null }),
      'GET /api/v1/sites/north': () => json(200, site('north')),
      'GET /api/v1/sites/north/stations': () =>
        json(200, { items: [{ siteId: 'north', stationId: 'CP-1', evseMaxMa: 16000, minMa: 6000, phases: 3, priority: 1 }], nextCursor: null }),
      'GET /api/v1/sites/north/allocation': () =>
        json(200, {
          siteId: 'north',
          limitKind: 'CurrentPerPhase',
          limitValue: 32000,
          items: [{ stationId: 'CP-1', evseId: 1, transactionId: 't1', limitMa: 16000, reason: 'EvseMax', status: 'Accepted', profileId: 7, computedAt: '2026-01-01T00:00:00Z' }],
        }),
      'GET /api/v1/sites/north/power': () =>
        json(200, {
          siteId: 'north',
          from: '2026-01-01T00:00:00Z',
          to: '2026-01-01T00:02:00Z',
          bucketSeconds: 60,
          limitKind: 'CurrentPerPhase',
          limitValue: 32000,
          limitW: 22080,
          points: [
            { at: '2026-01-01T00:00:00Z', powerW: 10000, stations: 1, source: 'Power' },
            { at: '2026-01-01T00:01:00Z', powerW: 11000, stations: 1, source: 'Power' },
          ],
        }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<SiteDetailPage />, { auth: viewer, route: '/sites/north', path: '/sites/:siteId' });
    expect(await screen.findByTestId('site-limit')).toHaveTextContent('32 A per phase');
    expect(await screen.findByTestId('site-station-CP-1')).toHaveTextContent('16 A');
    expect(await screen.findByTestId('allocation-CP-1-1')).toHaveTextContent('Accepted');
    const chart = await screen.findByTestId('site-power-chart');
    expect(chart).toHaveAttribute('data-points', '2');
    expect(screen.getByTestId('site-power-chart-limit')).toHaveTextContent('limit');
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
