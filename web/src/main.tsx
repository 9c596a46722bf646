import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { makeStore } from './app/store';
import { saveSession } from './api/enhanced/session';
import { authFromStorage, toStoredSession } from './features/auth/authSlice';
import './index.css';

const store = makeStore({ auth: authFromStorage() });
let lastToken = store.getState().auth.token;
store.subscribe(() => {
  const auth = store.getState().auth;
  if (auth.token !== lastToken) {
    lastToken = auth.token;
    saveSession(toStoredSession(auth));
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </Provider>
  </StrictMode>,
);
