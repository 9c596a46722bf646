import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminSession, fakeFetch, json, user } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { UsersPage, userChanges } from './UsersPage';
import { ApiKeysPage, keyState } from './ApiKeysPage';
import { AuditPage, auditQuery } from '../audit/AuditPage';

afterEach(() => vi.unstubAllGlobals());

const admin = { ...adminSession };

describe('users', () => {
  it('is for administrators only', () => {
    renderWithStore(<UsersPage />, { auth: signedIn });
    expect(screen.getByText('Administrators only')).toBeInTheDocument();
  });

  it('lists, creates and deletes users, showing API problems plainly', async () => {
    let users = [user('root', { role: 'admin' }), user('bob')];
    const { fn, seen } = fakeFetch({
      'GET /api/v1/users': () => json(200, { items: users, nextCursor: null }),
      'POST /api/v1/users': async (req) => {
        const body = (await req.json()) as { username: string };
        if (body.username === 'root') return json(409, { type: '/api/problems/conflict', title: 'Conflict', status: 409, detail: 'user root exists' }, 'application/problem+json');
        const u = user(body.username);
        users = [...users, u];
        return json(201, u);
      },
      'DELETE /api/v1/users/u-bob': () => {
        users = users.filter((u) => u.username !== 'bob');
        return new Response(null, { status: 204 });
      },
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    vi.stubGlobal('confirm', () => true);
    renderWithStore(<UsersPage />, { auth: admin });
    expect(await screen.findAllByTestId('user-row')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: '+ New user' }));
    const dialog = screen.getByRole('dialog', { name: 'New user' });
    await userEvent.type(within(dialog).getByLabelText(/User name/), 'root');
    await userEvent.type(within(dialog).getByLabelText(/Password/), 'secret-123');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('user root exists');

    await userEvent.clear(within(dialog).getByLabelText(/User name/));
    await userEvent.type(within(dialog).getByLabelText(/User name/), 'carol');
    await userEvent.selectOptions(within(dialog).getByLabelText('Role'), 'viewer');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('carol')).toBeInTheDocument();
    const post = seen.filter((r) => r.method === 'POST')[1];
    expect(await post!.json()).toEqual({ username: 'carol', email: null, role: 'viewer', password: 'secret-123' });

    await userEvent.click(screen.getByRole('button', { name: 'Delete bob' }));
    await waitFor(() => expect(screen.queryByText('bob')).not.toBeInTheDocument());
  });

  it('sends only what changed', () => {
    const u = user('bob', { email: 'bob@x.org' });
    expect(userChanges(u, { email: 'bob@x.org', role: 'operator', disabled: false, password: '' })).toEqual({});
    expect(userChanges(u, { email: ' ', role: 'admin', disabled: true, password: 'new-pass-1' })).toEqual({
      email: null,
      role: 'admin',
      disabled: true,
      password: 'new-pass-1',
    });
  });

  it('edits a user with a PATCH of the changes', async () => {
    const { fn, seen } = fakeFetch({
      'GET /api/v1/users': () => json(200, { items: [user('bob')], nextCursor: null }),
      'PATCH /api/v1/users/u-bob': () => json(200, user('bob', { disabled: true })),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<UsersPage />, { auth: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit bob' }));
    await userEvent.click(screen.getByLabelText(/Disabled/));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'PATCH')).toBe(true));
    expect(await seen.find((r) => r.method === 'PATCH')!.json()).toEqual({ disabled: true });
  });
});

describe('API keys', () => {
  it('tells active, revoked and expired keys apart', () => {
    const k = { id: '1', name: 'k', prefix: 'rk_1', scopes: ['read' as const], createdAt: '2026-01-01T00:00:00Z' };
    expect(keyState(k)).toBe('active');
    expect(keyState({ ...k, revokedAt: '2026-01-02T00:00:00Z' })).toBe('revoked');
    expect(keyState({ ...k, expiresAt: '2026-01-02T00:00:00Z' }, Date.parse('2026-02-01T00:00:00Z'))).toBe('expired');
  });

  it('creates a key with its scopes, shows the secret once, and revokes', async () => {
    let keys = [{ id: 'k1', name: 'old', prefix: 'rk_old', scopes: ['read'], createdAt: '2026-01-01T00:00:00Z', revokedAt: null as string | null }];
    const { fn, seen } = fakeFetch({
      'GET /api/v1/api-keys': () => json(200, { items: keys, nextCursor: null }),
      'POST /api/v1/api-keys': async (req) => {
        const b = (await req.json()) as { name: string; scopes: string[] };
        const k = { id: 'k2', name: b.name, prefix: 'rk_new', scopes: b.scopes, createdAt: '2026-01-03T00:00:00Z', revokedAt: null };
        keys = [k, ...keys];
        return json(201, { ...k, key: 'rk_new_SECRET' });
      },
      'DELETE /api/v1/api-keys/k1': () => {
        keys = keys.map((k) => (k.id === 'k1' ? { ...k, revokedAt: '2026-01-04T00:00:00Z' } : k));
        return new Response(null, { status: 204 });
      },
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    vi.stubGlobal('confirm', () => true);
    renderWithStore(<ApiKeysPage />, { auth: admin });
    expect(await screen.findAllByTestId('api-key-row')).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: '+ New API key' }));
    await userEvent.type(screen.getByLabelText('Name'), 'billing');
    await userEvent.click(screen.getByRole('checkbox', { name: /command/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByTestId('new-api-key')).toHaveTextContent('rk_new_SECRET');
    expect(await seen.find((r) => r.method === 'POST')!.json()).toEqual({ name: 'billing', scopes: ['read', 'command'], expiresAt: null });
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('rk_new_SECRET')).not.toBeInTheDocument();
    expect(await screen.findAllByTestId('api-key-row')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke old' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke old' })).not.toBeInTheDocument());
    expect(screen.getByText('revoked')).toBeInTheDocument();
  });
});

describe('audit log', () => {
  it('turns the filter form into query parameters', () => {
    expect(auditQuery({ actor: '', since: '', until: '' }, undefined)).toEqual({
      limit: 50,
      cursor: undefined,
      actor: undefined,
      since: undefined,
      until: undefined,
    });
    const q = auditQuery({ actor: ' root ', since: '2026-11-25T10:00', until: 'garbage' }, 'c2');
    expect(q.actor).toBe('root');
    expect(q.cursor).toBe('c2');
    expect(q.since).toBe(new Date('2026-11-25T10:00').toISOString());
    expect(q.until).toBeUndefined();
  });

  it('filters by actor and pages with the cursor', async () => {
    const entry = (id: number, name: string) => ({
      id,
      at: '2026-11-25T10:00:00Z',
      actor: { kind: 'user', name },
      method: 'POST',
      path: `/api/v1/users/${id}`,
      status: 201,
      outcome: 'success',
    });
    const { fn, seen } = fakeFetch({
      'GET /api/v1/audit': (req) => {
        const u = new URL(req.url);
        if (u.searchParams.get('cursor') === 'p2') return json(200, { items: [entry(3, 'root')], nextCursor: null });
        if (u.searchParams.get('actor') === 'bob') return json(200, { items: [], nextCursor: null });
        return json(200, { items: [entry(1, 'root'), entry(2, 'root')], nextCursor: 'p2' });
      },
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    renderWithStore(<AuditPage />, { auth: admin });
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(screen.getByText('Page 2 · 1 shown')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '← Previous' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));

    await userEvent.type(screen.getByLabelText('Actor'), 'bob');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('No entry matches')).toBeInTheDocument();
    expect(seen.some((r) => new URL(r.url).searchParams.get('actor') === 'bob')).toBe(true);
  });
});
