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
  /** The clock's times at which `settle` looked, for a case routed `routedAt` ms in. */
  async function looksFor(routedAt: number) {
    const clock = steppedClock();
    const looks: number[] = [];
    const status = await settle(
      async () => (looks.push(clock.now()), clock.now() >= routedAt ? 'provider_review' : 'submitted'),
      (s) => s !== 'submitted',
      10_000,
      clock,
    );
    return { status, looks };
  }

  it('alone, sees a case routed 73 ms in at its next look, within 5 ms', async () => {
    const { status, looks } = await looksFor(73);
    expect(status).toBe('provider_review');
    expect(looks.at(-1)).toBe(75);
  });

  it('while another answer waits too (cases queueing), looks every 10 ms: a case routed 253 ms in is seen at 260', async () => {
    // The other answer waits in its first pause until released.
    let release!: () => void;
    let pausing!: () => void;
    const paused = new Promise<void>((r) => (pausing = r));
    let routed = false;
    const other = settle(
      async () => (routed ? 'granted' : 'submitted'),
      (s) => s !== 'submitted',
      10_000,
      { now: () => 0, sleep: () => new Promise<void>((r) => ((release = r), pausing())) },
    );
    await paused;
    const { status, looks } = await looksFor(253);
    routed = true;
    release();
    expect(await other).toBe('granted');
    expect(status).toBe('provider_review');
    expect(looks.at(-1)).toBe(260);
    expect(looks.slice(0, 4)).toEqual([0, 10, 20, 30]);
  });

  it('alone, looks every 5 ms for a second, then every 100 ms, and stops at its limit with the last answer', async () => {
    const clock = steppedClock();
    let looks = 0;
    const last = await settle(
      async () => ++looks,
      () => false,
      3_000,
      clock,
    );
    const quick = LOOK.quickForMs / LOOK.aloneEveryMs;
    expect(clock.pauses.slice(0, quick)).toEqual(Array(quick).fill(5));
    expect(clock.pauses.slice(quick)).toEqual(Array(20).fill(100));
    expect(clock.now()).toBe(3_000);
    expect(looks).toBe(1 + quick + 20);
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
