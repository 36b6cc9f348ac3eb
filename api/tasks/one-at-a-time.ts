/**
 * Runs calls that share a key one after another, in this process; calls with
 * different keys run at once. The inbox sends one case's decisions to its
 * workflow one at a time: fifty clicks on one task make one Update and
 * forty-nine quick 409s read off the closed task, instead of fifty Updates
 * racing on one workflow (which the server may abort under load).
 */
export function oneAtATime() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const mine = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
    tails.set(key, mine);
    try {
      return await mine;
    } finally {
      if (tails.get(key) === mine) tails.delete(key);
    }
  };
}
