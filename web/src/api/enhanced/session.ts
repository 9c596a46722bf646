// Actions shared by the API layer and the auth feature, kept apart so that neither imports the other.
import { createAction } from '@reduxjs/toolkit';

// The server answered 401 to a request that carried a token: the session is over.
export const sessionExpired = createAction('auth/sessionExpired');

const storageKey = 'recarga.session';

export interface StoredSession {
  token: string;
  username: string;
  role: string | null;
  expiresAt: string;
}

export function loadSession(): StoredSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    if (!s.token || Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(s: StoredSession | null): void {
  try {
    if (s) globalThis.localStorage?.setItem(storageKey, JSON.stringify(s));
    else globalThis.localStorage?.removeItem(storageKey);
  } catch {
    // storage unavailable (private mode): the session lives in memory only
  }
}
