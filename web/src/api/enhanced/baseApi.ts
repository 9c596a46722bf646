// The empty RTK Query API that the generated endpoints (src/api/generated) are injected into. Here, and not in
// the generated code, live the transport adjustments: the bearer token on every request, and ending the session
// when the server answers 401.
import {
  createApi,
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react';
import { sessionExpired } from './session';

interface StateWithToken {
  auth: { token: string | null };
}

const rawBaseQuery = fetchBaseQuery({
  // Absolute, so that it also resolves outside a browser page (tests).
  baseUrl: `${globalThis.location?.origin ?? 'http://localhost'}/`,
  prepareHeaders: (headers, { getState }) => {
    const token = (getState() as StateWithToken).auth.token;
    if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
    return headers;
  },
});

// Optional query parameters left out by the caller are dropped; with none left, the URL gets no "?" at all (the
// server refuses an empty parameter).
export function withoutUnsetParams(args: string | FetchArgs): string | FetchArgs {
  if (typeof args === 'string' || !args.params) return args;
  const params = Object.fromEntries(Object.entries(args.params).filter(([, v]) => v !== undefined));
  const { params: _dropped, ...rest } = args;
  return Object.keys(params).length > 0 ? { ...rest, params } : rest;
}

const baseQuery: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = async (args, api, extra) => {
  const result = await rawBaseQuery(withoutUnsetParams(args), api, extra);
  if (result.error?.status === 401 && (api.getState() as StateWithToken).auth.token) {
    api.dispatch(sessionExpired());
  }
  return result;
};

export const baseApi = createApi({
  reducerPath: 'api',
  baseQuery,
  endpoints: () => ({}),
});
