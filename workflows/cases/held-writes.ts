/**
 * Writes a workflow holds back to make with its case's next write, in that write's activity (one
 * activity and one commit fewer): a decided task's closing goes with the next step's opening
 * (HumanTasks, `closeWithNext`), and a move with the case's next move (CaseRecorder.moveWithNext).
 * Each is held only where that write follows on every path, within the same workflow task.
 *
 * Should workflow code call any other activity first, the activity proxies (`withHeldWritesFirst`)
 * make each held write before it, in an activity of its own: one activity late, never lost, never
 * after a write that came later. A case ends with its final move, which goes through them too.
 * Nothing is held at a point a recorded history reached without its taker, so no history changes.
 *
 * Workflow state: module scope is the workflow's own (the SDK evaluates the bundle per workflow).
 */

export interface HeldWrite {
  /** The activities whose input carries it; its holder releases it when it hands it over. */
  readonly takenBy: readonly string[];
  /**
   * Makes it in one activity of its own, started before its first `await`; a second activity
   * would wait for the first to end, which waits for it.
   */
  write(): Promise<void>;
}

const held: HeldWrite[] = [];

export function hold(write: HeldWrite): void {
  held.push(write);
}

/** Its holder hands it to the activity that carries it (or has made it): no longer held. */
export function release(write: HeldWrite): void {
  const at = held.indexOf(write);
  if (at >= 0) held.splice(at, 1);
}

/** Held writes being made, which any other call waits for (one started beside them included). */
let making: Promise<void> | null = null;
/** True while a held write starts its own activity, which must not wait for itself. */
let starting = false;

/** Whether a call of `activity` must wait: for held writes it does not carry, or those being made. */
const mustWait = (activity: string) =>
  !starting && (making !== null || held.some((w) => !w.takenBy.includes(activity)));

/** Makes, in the order they were held, the held writes that `activity` does not carry. */
async function writeHeldBefore(activity: string): Promise<void> {
  while (making) await making;
  const due = held.filter((w) => !w.takenBy.includes(activity));
  if (due.length === 0) return;
  due.forEach(release);
  const mine = (async () => {
    for (const w of due) {
      starting = true;
      let written: Promise<void>;
      try {
        written = w.write();
      } finally {
        starting = false;
      }
      await written;
    }
  })();
  making = mine;
  try {
    await mine;
  } finally {
    if (making === mine) making = null;
  }
}

/**
 * An activity proxy whose calls make the held writes they do not carry first, and wait for those
 * being made. With nothing held (every path today), a call is the proxy's own, unchanged: the
 * same commands in the same order.
 */
export function withHeldWritesFirst<A extends object>(proxy: A): A {
  return new Proxy(proxy, {
    get(target, name) {
      const call = Reflect.get(target, name) as unknown;
      if (typeof name !== 'string' || typeof call !== 'function' || !mustWait(name)) return call;
      return async (...args: unknown[]) => {
        await writeHeldBefore(name);
        return (Reflect.get(target, name) as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
}
