import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { Provider } from 'react-redux';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { makeStore } from '../app/store';
import type { AuthState } from '../features/auth/authSlice';

export function renderWithStore(ui: ReactElement, { route = '/', path = '/', auth }: { route?: string; path?: string; auth?: AuthState } = {}) {
  const store = makeStore(auth ? { auth } : undefined);
  const result = render(
    <Provider store={store}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={ui} />
          {path !== '/' && <Route path="/" element={<p>home page</p>} />}
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { store, ...result };
}

export const signedIn: AuthState = {
  token: 'tok-123',
  username: 'alice',
  role: 'operator',
  expiresAt: '2099-01-01T00:00:00Z',
  endedBecause: null,
};
