/**
 * Runs calls that share a key one after another, in this process; calls with
 * different keys run at once. The inbox sends one case's decisions to its
 * workflow one at a time: fifty clicks on one task make one Update and
 * forty-nine quick 409s read off the closed task, instead of fifty Updates
 * racing on one workflow (which the server may abort under load).
 */
export function oneAtATime() {
  const tails = new Map<string, Promise<unknown>>();
  /** `fn` is told whether it waited for an earlier call with its key (what it read before may be stale). */
  return async function run<T>(key: string, fn: (waited: boolean) => Promise<T>): Promise<T> {
    const tail = tails.get(key);
    const mine = (tail ?? Promise.resolve()).catch(() => undefined).then(() => fn(tail !== undefined));
    tails.set(key, mine);
    try {
      return await mine;
    } finally {
      if (tails.get(key) === mine) tails.delete(key);
    }
  };
}
