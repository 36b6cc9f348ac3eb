/** Waiting briefly for a workflow to move a case's read model, so an answer can show where the case went. */

/**
 * Polls until `probe` answers, at most `ms`; the last answer either way. The first looks come
 * soon (10, 20, 40 ms…, then every 100 ms): a workflow task that routes a case often ends within
 * tens of milliseconds, and a fixed 100 ms would add its own wait to every answer.
 */
export async function settle<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  let v = await probe();
  for (let pause = 10; !done(v) && Date.now() < until; pause = Math.min(100, pause * 2)) {
    await new Promise((res) => setTimeout(res, pause));
    v = await probe();
  }
  return v;
}
