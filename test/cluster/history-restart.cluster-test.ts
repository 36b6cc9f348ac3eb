/**
 * The cluster's history service (which owns every workflow's state) is restarted
 * while requests are in flight: half are being worked on when it stops, the other
 * half arrive while it is down and are refused with 503 naming Temporal, and the
 * client sends those again with the same Idempotency-Key. Every request is granted
 * once, nothing written twice, with one workflow each.
 */
import { SHARING_REQUEST_PROCESS } from '../../workflows/sharing_request/contract';
import { countRows, expectEachGrantedOnce } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { useClusterHarness } from './cluster-harness';
import { submitMany, type Refusal } from './submissions';

const COUNT = 200;
const h = useClusterHarness('history-restart');

it('finishes every request once after the history service restarts mid-flight', async () => {
  await submitMany(h, { from: 0, to: COUNT / 2, prefix: 'history' });
  await waitFor(
    'some requests granted',
    async () => (await countRows(h.t.db, 'sharing_requests', { status: 'granted' })) >= 20,
    120_000,
  );
  await h.cluster.stopService('history');
  expect(await countRows(h.t.db, 'sharing_requests', { status: 'granted' })).toBeLessThan(COUNT / 2);

  const refused: Refusal[] = [];
  const submitting = submitMany(h, { from: COUNT / 2, to: COUNT, prefix: 'history' }, refused);
  await waitFor('submissions refused while history is down', async () => refused.length >= 10, 60_000);
  h.cluster.startService('history');
  await h.cluster.serving('history');
  await submitting;

  await waitFor(
    'every request granted',
    async () => (await countRows(h.t.db, 'sharing_requests', { status: 'granted' })) === COUNT,
    240_000,
  );
  expect(refused.length).toBeGreaterThanOrEqual(10);
  for (const r of refused) expect(r).toEqual({ status: 503, code: 'temporal_unavailable' });
  await expectEachGrantedOnce(h.t.db, COUNT);
  let workflows = 0;
  for await (const w of h.client.workflow.list({ query: `TaskQueue="${h.taskQueue}"` }))
    if (w.type === SHARING_REQUEST_PROCESS) workflows += 1;
  expect(workflows).toBe(COUNT);
});
