/** The processes the platform runs, from the API's registry (GET /api/processes): the app names none itself. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ProcessInfo } from './types';

export function useProcesses(): ProcessInfo[] {
  const q = useQuery({
    queryKey: ['processes'],
    queryFn: () => api<{ items: ProcessInfo[] }>('/api/processes'),
    staleTime: Infinity,
  });
  return q.data?.items ?? [];
}
