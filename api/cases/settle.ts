/** Waiting briefly for a workflow to move a case's read model, so an answer can show where the case went. */

/** Polls until `probe` answers, at most `ms`; the last answer either way. */
export async function settle<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  let v = await probe();
  while (!done(v) && Date.now() < until) {
    await new Promise((res) => setTimeout(res, 100));
    v = await probe();
  }
  return v;
}
