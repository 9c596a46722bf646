// The Redux store: the RTK Query cache of the generated API, the session, the overview's filters and the state of
// the live event stream.
import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';
import { api } from '../api/enhanced';
import { authSlice, type AuthState } from '../features/auth/authSlice';
import { stationsSlice } from '../features/stations/stationsSlice';
import { liveSlice } from '../features/live/liveSlice';

const rootReducer = combineReducers({
  [api.reducerPath]: api.reducer,
  auth: authSlice.reducer,
  stations: stationsSlice.reducer,
  live: liveSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloaded?: { auth?: AuthState }) {
  const store = configureStore({
    reducer: rootReducer,
    middleware: (getDefault) => getDefault().concat(api.middleware),
    preloadedState: preloaded as Partial<RootState> | undefined,
  });
  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
