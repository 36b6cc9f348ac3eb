/** Waiting briefly for a workflow to move a case's read model, so an answer can show where the case went. */
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How often `settle` looks: every `aloneEveryMs` while no other answer in this process waits,
 * else every `sharedEveryMs`, for `quickForMs`; every `thenEveryMs` after that.
 */
export const LOOK = { quickForMs: 1_000, aloneEveryMs: 5, sharedEveryMs: 10, thenEveryMs: 100 } as const;

/** The time `settle` waits on: the real clock, or a test's. */
export interface SettleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: SettleClock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

/** How many `settle` calls of this process are waiting now. */
let waiting = 0;

/**
 * Polls until `probe` answers, at most `ms`; the last answer either way. A caller waits at most a
 * look's interval longer than the workflow took, so for its first second it looks often: a
 * workflow task that routes a case ends within tens of milliseconds (looks that doubled their
 * interval, 10, 20, 40, 80 ms…, held an answer back by up to half of what the routing took). A
 * look is one primary-key read. Alone it looks every 5 ms; while other answers wait too, cases
 * are queueing behind one another, each takes hundreds of milliseconds, and looks every 10 ms
 * cost half as much for a delay that no longer shows. After that second the workflow is late (a
 * backlog, or no worker), and it looks every 100 ms until `ms`.
 */
export async function settle<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  ms = 10_000,
  clock: SettleClock = realClock,
): Promise<T> {
  const start = clock.now();
  let v = await probe();
  if (done(v)) return v;
  waiting++;
  try {
    for (let elapsed = clock.now() - start; !done(v) && elapsed < ms; elapsed = clock.now() - start) {
      const every =
        elapsed >= LOOK.quickForMs ? LOOK.thenEveryMs : waiting > 1 ? LOOK.sharedEveryMs : LOOK.aloneEveryMs;
      await clock.sleep(Math.min(every, ms - elapsed));
      v = await probe();
    }
    return v;
  } finally {
    waiting--;
  }
}
