// Screens for accounts and the audit log need the admin role: others see why the screen is empty (the API would
// answer 403 anyway).
import type { ReactNode } from 'react';
import { useAppSelector } from '../../app/hooks';
import { EmptyState } from '../../components/ui';

export function useIsAdmin(): boolean {
  return useAppSelector((s) => s.auth.role === 'admin');
}

export function AdminOnly({ children }: { children: ReactNode }) {
  const isAdmin = useIsAdmin();
  return isAdmin ? <>{children}</> : <EmptyState title="Administrators only">Ask an administrator for access to this screen.</EmptyState>;
}
