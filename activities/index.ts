/** All activities, bound to their dependencies: the shared ones and each registered process's. The worker registers this object. */
import type { Db } from '../db/connection';
import { PROCESSES, processNamed } from '../processes';
import { createSharedActivities } from './shared';

export function createActivities(db: Db): Record<string, (input: never) => Promise<unknown>> {
  const all: Record<string, (input: never) => Promise<unknown>> = {
    ...createSharedActivities(db, processNamed),
  };
  for (const p of PROCESSES) {
    for (const [name, fn] of Object.entries(p.activities?.(db) ?? {})) {
      if (all[name]) throw new Error(`activity ${name} of process ${p.name} is already registered`);
      all[name] = fn;
    }
  }
  return all;
}
