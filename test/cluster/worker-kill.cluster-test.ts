/**
 * One of the cluster's two govshare workers is SIGKILLed while 200 requests are in
 * flight: the other carries on, the killed one is started again, and every request
 * is granted once, nothing written twice. The workflows' histories show that work
 * was cut off mid-flight: activities the killed worker held were attempted again.
 */
import { SHARING_REQUEST_PROCESS } from '../../workflows/sharing_request/contract';
import { countRows, expectEachGrantedOnce } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { useClusterHarness } from './cluster-harness';
import { submitMany } from './submissions';
import { lostWorkflowTasks, retriedActivities } from './histories';

const COUNT = 200;
const h = useClusterHarness('worker-kill');

it('finishes every request once after one of two workers is SIGKILLed mid-flight', async () => {
  const submitting = submitMany(h, { from: 0, to: COUNT, prefix: 'kill' });
  await waitFor(
    'some requests granted',
    async () => (await countRows(h.t.db, 'sharing_requests', { status: 'granted' })) >= 20,
    120_000,
  );
  h.workers[0]!.kill('SIGKILL');
  const grantedAtKill = await countRows(h.t.db, 'sharing_requests', { status: 'granted' });
  await submitting;
  expect(grantedAtKill).toBeLessThan(COUNT);
  h.startWorker(0);

  await waitFor(
    'every request granted',
    async () => (await countRows(h.t.db, 'sharing_requests', { status: 'granted' })) === COUNT,
    240_000,
  );
  await expectEachGrantedOnce(h.t.db, COUNT);
  const retried = await retriedActivities(h.client, SHARING_REQUEST_PROCESS);
  const lost = await lostWorkflowTasks(h.client, SHARING_REQUEST_PROCESS);
  process.stdout.write(
    `worker kill: ${retried.length} activities attempted again (${[...new Set(retried.map((r) => r.activityType))].join(', ')}), ${lost} workflow tasks lost\n`,
  );
  expect(retried.length).toBeGreaterThan(0);
});
