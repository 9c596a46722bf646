// The operator's session: the bearer token from POST /api/v1/auth/login and who it belongs to. Set when the login
// call succeeds, cleared on logout or when the server answers 401 (the token expired or was revoked).
import { createSlice } from '@reduxjs/toolkit';
import { recargaApi } from '../../api/generated/recargaApi';
import { loadSession, sessionExpired, type StoredSession } from '../../api/enhanced/session';

export interface AuthState {
  token: string | null;
  username: string | null;
  role: string | null;
  expiresAt: string | null;
  // Why the last session ended, shown on the login screen.
  endedBecause: 'expired' | null;
}

export const signedOut: AuthState = { token: null, username: null, role: null, expiresAt: null, endedBecause: null };

export function authFromStorage(s: StoredSession | null = loadSession()): AuthState {
  return s ? { token: s.token, username: s.username, role: s.role, expiresAt: s.expiresAt, endedBecause: null } : signedOut;
}

export const authSlice = createSlice({
  name: 'auth',
  initialState: signedOut,
  reducers: {
    loggedOut() {
      return signedOut;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(sessionExpired, () => ({ ...signedOut, endedBecause: 'expired' as const }))
      .addMatcher(recargaApi.endpoints.login.matchFulfilled, (_state, { payload }) => ({
        token: payload.token,
        username: payload.user.username,
        role: payload.user.role,
        expiresAt: payload.expiresAt,
        endedBecause: null,
      }));
  },
});

export const { loggedOut } = authSlice.actions;

export function toStoredSession(a: AuthState): StoredSession | null {
  return a.token ? { token: a.token, username: a.username ?? '', role: a.role, expiresAt: a.expiresAt ?? '' } : null;
}
