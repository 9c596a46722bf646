// The console's frame: a sidebar (a top bar on narrow screens) with navigation and the signed-in user.
import { NavLink, Outlet, Navigate, useLocation } from 'react-router-dom';
import { api, useLogoutMutation } from '../api/enhanced';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { loggedOut } from '../features/auth/authSlice';
import { Logo } from './Logo';
import { useLiveEvents } from '../features/live/useLiveEvents';

const nav: { to: string; label: string; end?: boolean; admin?: boolean }[] = [
  { to: '/', label: 'Network', end: true },
  { to: '/transactions', label: 'Transactions' },
  { to: '/id-tokens', label: 'Id tokens' },
  { to: '/sites', label: 'Sites' },
  { to: '/tariffs', label: 'Tariffs' },
  { to: '/wallets', label: 'Wallets' },
  { to: '/users', label: 'Users', admin: true },
  { to: '/api-keys', label: 'API keys', admin: true },
  { to: '/audit', label: 'Audit log', admin: true },
];

function UserBox() {
  const auth = useAppSelector((s) => s.auth);
  const dispatch = useAppDispatch();
  const [logout] = useLogoutMutation();
  const signOut = async () => {
    await logout().unwrap().catch(() => undefined);
    dispatch(loggedOut());
    dispatch(api.util.resetApiState());
  };
  return (
    <div className="flex items-center gap-3">
      <div className="flex size-8 items-center justify-center rounded-full bg-slate-700 text-xs font-semibold uppercase text-slate-100">
        {auth.username?.slice(0, 2)}
      </div>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-100" data-testid="current-user">{auth.username}</p>
        <p className="text-xs text-slate-400">{auth.role}</p>
      </div>
      <button type="button" onClick={() => void signOut()} className="rounded-md px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-white">
        Sign out
      </button>
    </div>
  );
}

export function Layout() {
  const token = useAppSelector((s) => s.auth.token);
  const isAdmin = useAppSelector((s) => s.auth.role === 'admin');
  const location = useLocation();
  useLiveEvents();
  if (!token) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const link = ({ isActive }: { isActive: boolean }) =>
    `flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium ${
      isActive ? 'bg-slate-800 text-white' : 'text-slate-400 hover:bg-slate-800/60 hover:text-white'
    }`;

  return (
    <div className="flex min-h-full flex-col lg:flex-row">
      <aside className="flex shrink-0 flex-col bg-slate-900 lg:sticky lg:top-0 lg:h-screen lg:w-60">
        <div className="flex items-center justify-between gap-4 px-4 py-3 lg:block lg:px-5 lg:py-5">
          <div className="flex items-center gap-2.5">
            <Logo />
            <div>
              <p className="text-sm font-semibold text-white">Recarga</p>
              <p className="hidden text-xs text-slate-400 lg:block">Operations console</p>
            </div>
          </div>
          <nav className="flex flex-wrap gap-1 lg:mt-8 lg:flex-col">
            {nav.filter((n) => !n.admin || isAdmin).map((n) => (
              <NavLink key={n.to} to={n.to} end={n.end} className={link}>
                {n.label}
              </NavLink>
            ))}
          </nav>
        </div>
        <div className="mt-auto hidden border-t border-slate-800 p-4 lg:block">
          <UserBox />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 lg:px-8 lg:py-8">
        <div className="mx-auto max-w-7xl">
          <Outlet />
        </div>
        <div className="mt-8 rounded-xl bg-slate-900 p-3 lg:hidden">
          <UserBox />
        </div>
      </main>
    </div>
  );
}
