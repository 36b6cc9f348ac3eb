/**
 * The cluster's history service SIGKILLed, as a crash would, while conditional requests
 * are being routed: requests sent while it is down are refused with 503 naming Temporal
 * and sent again with the same Idempotency-Key once it is back. Every request is routed
 * once to one open review, and decided once (test/cluster/reviews.ts).
 */
import { countRows } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { useClusterHarness } from './cluster-harness';
import { conditional, decideEachAndExpectGrantedOnce, expectEachRoutedOnce } from './reviews';
import { submitMany, type Refusal } from './submissions';

const COUNT = 100;
const h = useClusterHarness('history-kill');

it('routes and decides every conditional request once after the history service is SIGKILLed mid-flight', async () => {
  await submitMany(h, { from: 0, to: COUNT / 2, prefix: 'crash' }, [], conditional);
  await waitFor('some requests routed', async () => (await countRows(h.t.db, 'tasks')) >= 10, 120_000);
  await h.cluster.stopService('history', 'SIGKILL');

  const refused: Refusal[] = [];
  const submitting = submitMany(h, { from: COUNT / 2, to: COUNT, prefix: 'crash' }, refused, conditional);
  await waitFor('submissions refused while history is down', async () => refused.length >= 10, 60_000);
  h.cluster.startService('history');
  await h.cluster.serving('history');
  await submitting;

  process.stdout.write(`history kill: ${refused.length} submissions refused while it was down, sent again\n`);
  for (const r of refused) expect(r).toEqual({ status: 503, code: 'temporal_unavailable' });
  const tasks = await expectEachRoutedOnce(h.t.db, COUNT);
  await decideEachAndExpectGrantedOnce(h, tasks);
});
