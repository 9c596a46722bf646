// Login screen: user name and password to POST /api/v1/auth/login; the token goes into the session (authSlice).
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useLoginMutation } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { useAppSelector } from '../../app/hooks';
import { ProblemAlert } from '../../components/ui';
import { Logo } from '../../components/Logo';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [login, { isLoading, error }] = useLoginMutation();
  const auth = useAppSelector((s) => s.auth);
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (auth.token) return <Navigate to={from} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login({ loginRequest: { username, password } });
  };
  const problem = describeError(error);

  return (
    <div className="flex min-h-full items-center justify-center bg-slate-950 bg-[radial-gradient(ellipse_at_top,_var(--color-emerald-900),_transparent_60%)] px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="size-12" />
          <h1 className="text-xl font-semibold text-white">Recarga console</h1>
          <p className="text-sm text-slate-400">Sign in to operate your charging network.</p>
        </div>
        <form onSubmit={submit} className="space-y-4 rounded-2xl bg-white p-6 shadow-xl" aria-label="Sign in">
          {auth.endedBecause === 'expired' && !problem && (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">Your session has ended. Please sign in again.</p>
          )}
          {problem && <ProblemAlert problem={problem} />}
          <label className="block">
            <span className="text-sm font-medium text-slate-700">User name</span>
            <input
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:border-emerald-500 focus:ring-2 focus:ring-emerald-500/20"
            />
          </label>
          <label className="block">
            <span className="text-sm font-medium text-slate-700">Password</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:border-emerald-500 focus:ring-2 focus:ring-emerald-500/20"
            />
          </label>
          <button
            type="submit"
            disabled={isLoading}
            className="w-full rounded-lg bg-emerald-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-emerald-500 disabled:opacity-60"
          >
            {isLoading ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
