/**
 * How long an answer that waits for a workflow waits beyond the workflow itself: `settle` looks
 * often while the routing is quick, then less often, and gives up at its limit with what it saw.
 */
import { LOOK, settle, type SettleClock } from '../../api/cases/settle';

/** A clock that moves only when `settle` sleeps, recording each pause. */
function steppedClock(): SettleClock & { pauses: number[] } {
  let t = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => t,
    sleep: async (ms) => {
      pauses.push(ms);
      t += ms;
    },
  };
}

describe('settle: waiting for a workflow to move a case', () => {
  it('sees a case routed 75 ms in at its next look, within 10 ms', async () => {
    const clock = steppedClock();
    const looks: number[] = [];
    const status = await settle(
      async () => (looks.push(clock.now()), clock.now() >= 75 ? 'provider_review' : 'submitted'),
      (s) => s !== 'submitted',
      10_000,
      clock,
    );
    expect(status).toBe('provider_review');
    expect(looks.at(-1)).toBe(80);
    expect(looks.at(-1)! - 75).toBeLessThanOrEqual(LOOK.quickEveryMs);
  });

  it('looks every 10 ms for a second, then every 100 ms, and stops at its limit with the last answer', async () => {
    const clock = steppedClock();
    let looks = 0;
    const last = await settle(
      async () => ++looks,
      () => false,
      3_000,
      clock,
    );
    const quick = LOOK.quickForMs / LOOK.quickEveryMs;
    expect(clock.pauses.slice(0, quick).every((p) => p === LOOK.quickEveryMs)).toBe(true);
    expect(clock.pauses.slice(quick).every((p) => p === LOOK.thenEveryMs)).toBe(true);
    expect(clock.now()).toBe(3_000);
    expect(looks).toBe(1 + quick + (3_000 - LOOK.quickForMs) / LOOK.thenEveryMs);
    expect(last).toBe(looks);
  });

  it('answers at once, without waiting, when the case has already moved', async () => {
    const clock = steppedClock();
    expect(
      await settle(
        async () => 'granted',
        (s) => s !== 'submitted',
        10_000,
        clock,
      ),
    ).toBe('granted');
    expect(clock.pauses).toEqual([]);
  });
});
