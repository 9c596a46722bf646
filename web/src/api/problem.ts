// Turns whatever an RTK Query call failed with into something to show an operator: the RFC 9457 problem body
// when the server sent one, otherwise a plain description of the network or parsing failure.
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';

export interface ShownProblem {
  status: number | null;
  title: string;
  detail: string | null;
  type: string | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function describeError(error: FetchBaseQueryError | SerializedError | undefined): ShownProblem | null {
  if (!error) return null;
  if ('status' in error) {
    if (typeof error.status === 'number') {
      const body = error.data;
      if (isObject(body) && typeof body.title === 'string') {
        return {
          status: error.status,
          title: body.title,
          detail: typeof body.detail === 'string' ? body.detail : null,
          type: typeof body.type === 'string' ? body.type : null,
        };
      }
      return { status: error.status, title: `HTTP ${error.status}`, detail: null, type: null };
    }
    switch (error.status) {
      case 'FETCH_ERROR':
        return { status: null, title: 'The server cannot be reached', detail: error.error, type: null };
      case 'PARSING_ERROR':
        return {
          status: error.originalStatus,
          title: `Unexpected answer (HTTP ${error.originalStatus})`,
          detail: error.error,
          type: null,
        };
      case 'TIMEOUT_ERROR':
        return { status: null, title: 'The request timed out', detail: error.error, type: null };
      default:
        return { status: null, title: 'The request failed', detail: error.error, type: null };
    }
  }
  return { status: null, title: error.name ?? 'Error', detail: error.message ?? null, type: null };
}
