/** Who is signed in: the token in localStorage and the user it names (GET /api/me). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { api, ApiError, tokenStore } from '../api/client';
import type { User } from '../api/types';
import { NoAccountPage } from '../pages/NoAccountPage';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => api<User>('/api/me'),
    enabled: tokenStore.get() !== null,
    retry: false,
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return () => {
    tokenStore.clear();
    qc.clear();
    window.location.assign('/sign-in');
  };
}

export function RequireUser({ children }: { children: (user: User) => ReactNode }) {
  const location = useLocation();
  const me = useMe();
  const signOut = useSignOut();
  // Signed in with the identity provider, but no account here: say so and whom to ask, not the sign-in page again.
  if (tokenStore.get() && me.error instanceof ApiError && me.error.status === 403)
    return <NoAccountPage error={me.error} onSignOut={signOut} />;
  if (!tokenStore.get() || me.isError)
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  if (!me.data) return <Spin style={{ margin: 64 }} />;
  return <>{children(me.data)}</>;
}

export const hasRole = (user: User, ...roles: User['roles']) => roles.some((r) => user.roles.includes(r));
