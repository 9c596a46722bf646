import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/enhanced';
import { fakeFetch, json } from '../../test/fixtures';
import { renderWithStore, signedIn } from '../../test/render';
import { LoginPage } from './LoginPage';
import { authSlice, loggedOut, signedOut } from './authSlice';
import { sessionExpired } from '../../api/enhanced/session';

afterEach(() => vi.unstubAllGlobals());

const user = {
  id: '6f1c2a52-8d5c-4b5e-9a57-1d1f0f0a0b01',
  username: 'alice',
  role: 'operator',
  disabled: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('login flow', () => {
  it('posts the credentials, keeps the token, sends it afterwards and leaves the login page', async () => {
    const { fn, seen } = fakeFetch({
      'POST /api/v1/auth/login': () =>
        json(200, { token: 'secret-token', tokenType: 'Bearer', expiresAt: '2099-01-01T00:00:00Z', user }),
      'GET /api/v1/stations': () => json(200, { items: [], nextCursor: null }),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    const { store } = renderWithStore(<LoginPage />, { route: '/login', path: '/login' });

    await userEvent.type(screen.getByLabelText('User name'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByText('home page');
    expect(await seen[0]!.json()).toEqual({ username: 'alice', password: 'correct horse' });
    expect(store.getState().auth).toMatchObject({ token: 'secret-token', username: 'alice', role: 'operator' });

    await store.dispatch(api.endpoints.listStations.initiate({}));
    const last = seen[seen.length - 1]!;
    expect(new URL(last.url).pathname).toBe('/api/v1/stations');
    expect(last.headers.get('Authorization')).toBe('Bearer secret-token');
  });

  it('shows the problem body of a refused login and stays signed out', async () => {
    const { fn } = fakeFetch({
      'POST /api/v1/auth/login': () =>
        json(
          401,
          { type: '/api/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'wrong user name or password' },
          'application/problem+json',
        ),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    const { store } = renderWithStore(<LoginPage />, { route: '/login', path: '/login' });

    await userEvent.type(screen.getByLabelText('User name'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('401');
    expect(alert).toHaveTextContent('Unauthorized');
    expect(alert).toHaveTextContent('wrong user name or password');
    expect(store.getState().auth.token).toBeNull();
    expect(screen.queryByText('home page')).toBeNull();
  });

  it('ends the session when the server answers 401 to a request with a token', async () => {
    const { fn } = fakeFetch({
      'GET /api/v1/stations': () =>
        json(401, { type: '/api/problems/unauthorized', title: 'Unauthorized', status: 401 }, 'application/problem+json'),
    });
    vi.stubGlobal('fetch', vi.fn(fn));
    const { store } = renderWithStore(<p>anything</p>, { auth: signedIn });
    await store.dispatch(api.endpoints.listStations.initiate({}));
    await waitFor(() => expect(store.getState().auth.token).toBeNull());
    expect(store.getState().auth.endedBecause).toBe('expired');
  });

  it('logs out to a clean state', () => {
    expect(authSlice.reducer(signedIn, loggedOut())).toEqual(signedOut);
    expect(authSlice.reducer(signedIn, sessionExpired())).toEqual({ ...signedOut, endedBecause: 'expired' });
  });
});
