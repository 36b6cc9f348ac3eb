/**
 * What a harness makes that outlives its process unless it is undone: a test database, a
 * cluster's PostgreSQL databases and service processes. Each is tracked from when it is made
 * until it is undone, so that `npm run bench`, stopped with Ctrl-C midway, undoes what is left
 * (undoOnInterrupt; jest tears its own down in afterAll).
 */
const tracked = new Map<number, { what: string; undo: () => Promise<void> }>();
let next = 0;

/** Tracks a thing made; returns the function that undoes it and stops tracking it. */
export function tracking(what: string, undo: () => Promise<void>): () => Promise<void> {
  const id = next++;
  tracked.set(id, { what, undo });
  return async () => {
    if (!tracked.delete(id)) return;
    await undo();
  };
}

/** Undoes everything still tracked, newest first, saying what; a failure is reported, not thrown. */
export async function undoLeftovers(say: (line: string) => void): Promise<void> {
  for (const [id, { what, undo }] of [...tracked].reverse()) {
    if (!tracked.delete(id)) continue;
    say(`undoing ${what}…`);
    try {
      await undo();
    } catch (err) {
      say(`could not undo ${what}: ${(err as Error).message}`);
    }
  }
}

/** On SIGINT or SIGTERM: undoes what is left, saying so, and exits 130. */
export function undoOnInterrupt(name: string): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.log(`\n${name}: ${signal}; undoing what was made…`);
      void undoLeftovers((line) => console.log(`   ${line}`)).finally(() => process.exit(130));
    });
}
