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

/** One step of a process as the policy in force sets it (its name, limit, article and basis), once loaded. */
export function useStep(process: string, key: string): ProcessInfo['steps'][number] | undefined {
  return useProcesses()
    .find((p) => p.name === process)
    ?.steps.find((s) => s.key === key);
}
