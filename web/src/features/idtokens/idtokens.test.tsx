import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch, json } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import type { IdToken } from '../../api/enhanced';
import { IdTokensPage } from './IdTokensPage';
import { csvSummary, stationList } from './csv';

afterEach(() => vi.unstubAllGlobals());

const tok = (idToken: string, over: Partial<IdToken> = {}): IdToken => ({
  idToken,
  type: 'ISO14443',
  status: 'Accepted',
  expiresAt: null,
  groupIdToken: null,
  allowedStations: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('id token helpers', () => {
  it('summarizes a CSV file and reads a station list', () => {
    expect(csvSummary('idToken,type\nA,ISO14443\r\nB,Central\n\n')).toEqual({ entries: 2, header: ['idToken', 'type'], hasIdToken: true });
    expect(csvSummary('token\nA').hasIdToken).toBe(false);
    expect(stationList(' CP-1, CP-2 ,,CP-1 ')).toEqual(['CP-1', 'CP-2']);
    expect(stationList('  ')).toBeNull();
  });
});

describe('id tokens', () => {
  it('lists, searches, creates, blocks and deletes', async () => {
    let tokens = [tok('AABB'), tok('CCDD', { status: 'Blocked', allowedStations: ['CP-1'] })];
    const { fn, seen } = fakeFetch({
      'GET /api/v1/id-tokens': (req) => {
        const q = new URL(req.url).searchParams.get('q');
        return json(200, { items: tokens.filter((t) => !q || t.idToken.includes(q)), nextCursor: null });
      },
      'POST /api/v1/id-tokens': async (req) => {
        const b = (await req.json()) as IdToken;
        tokens = [...tokens, tok(b.idToken, b)];
        return json(201, tok(b.idToken, b));
      },
      'PATCH /api/v1/id-tokens/ISO14443/AABB': async (req) => {
        const b = (await req.json()) as Partial<IdToken>;
        tokens = tokens.map((t) => (t.idToken === 'AABB' ? { ...t, ...b } : t));
        return json(200, tokens[0]);
      },
      'DELETE /api/v1/id-tokens/ISO14443/CCDD': () => {
        tokens = tokens.filter((t) => t.idToken !== 'CCDD');
        return new Response(null, { status: 204 });
      },
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    vi.stubGlobal('confirm', () => true);
    renderWithStore(<IdTokensPage />, { auth: signedIn });
    expect(await screen.findAllByTestId('id-token-row')).toHaveLength(2);
    expect(screen.getAllByTestId('id-token-row')[1]).toHaveTextContent('CP-1');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search tokens' }), 'CC');
    await waitFor(() => expect(screen.getAllByTestId('id-token-row')).toHaveLength(1));
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search tokens' }));
    await waitFor(() => expect(screen.getAllByTestId('id-token-row')).toHaveLength(2));

    await userEvent.click(screen.getByRole('button', { name: '+ New token' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Token'), 'EEFF');
    await userEvent.selectOptions(within(dialog).getByLabelText('Type'), 'Central');
    await userEvent.type(within(dialog).getByLabelText(/Allowed stations/), 'CP-9, CP-8');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(screen.getAllByTestId('id-token-row')).toHaveLength(3));
    expect(await seen.find((r) => r.method === 'POST')!.json()).toEqual({
      idToken: 'EEFF',
      type: 'Central',
      status: 'Accepted',
      expiresAt: null,
      groupIdToken: null,
      allowedStations: ['CP-9', 'CP-8'],
    });

    await userEvent.click(screen.getByRole('button', { name: 'Block AABB' }));
    expect(await screen.findByRole('button', { name: 'Unblock AABB' })).toBeInTheDocument();
    expect(await seen.find((r) => r.method === 'PATCH')!.json()).toEqual({ status: 'Blocked' });

    await userEvent.click(screen.getByRole('button', { name: 'Delete CCDD' }));
    await waitFor(() => expect(screen.getAllByTestId('id-token-row')).toHaveLength(2));
  });

  it('imports CSV and shows the lines that were refused', async () => {
    const { fn, seen } = fakeFetch({
      'GET /api/v1/id-tokens': () => json(200, { items: [], nextCursor: null }),
      'POST /api/v1/id-tokens/import': () => json(200, { created: 1, updated: 1, errors: [{ line: 4, detail: 'status must be one of Accepted, Blocked, Expired, Invalid' }] }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<IdTokensPage />, { auth: signedIn });
    expect(await screen.findByText('No id tokens yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
    const csv = 'idToken,type,status\nA,ISO14443,Accepted\nB,ISO14443,Blocked\nC,ISO14443,Nope\n';
    const file = new File([csv], 'tokens.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('File'), file);
    expect(await screen.findByText('3 entries')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const result = await screen.findByTestId('import-result');
    expect(result).toHaveTextContent('1 created');
    expect(result).toHaveTextContent('1 refused');
    expect(within(result).getByTestId('import-errors')).toHaveTextContent('line 4status must be one of');
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post.headers.get('Content-Type')).toBe('text/csv');
    expect(await post.text()).toBe(csv);
  });
});
