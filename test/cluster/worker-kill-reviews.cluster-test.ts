/**
 * A worker SIGKILLed while conditional requests are being routed: each routing is one
 * workflow task whose writes (state, policy, deadline, task, candidates, notices, rollups)
 * run as local activities, so a task the killed worker held is run again on the other
 * worker after it times out. Every request then has one open review with its candidates and
 * running deadline timers, both reviews are decided through the API, and every table a case
 * writes holds each thing once (test/cluster/reviews.ts).
 */
import { SHARING_REQUEST_PROCESS } from '../../workflows/sharing_request/contract';
import { countRows } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { useClusterHarness } from './cluster-harness';
import { lostWorkflowTasks } from './histories';
import { conditional, decideEachAndExpectGrantedOnce, expectEachRoutedOnce } from './reviews';
import { submitMany } from './submissions';

const COUNT = 100;
const h = useClusterHarness('worker-kill-reviews');

it('routes every conditional request once after a worker is SIGKILLed mid-routing, and decides each once', async () => {
  const submitting = submitMany(h, { from: 0, to: COUNT, prefix: 'review' }, [], conditional);
  await waitFor('some requests routed', async () => (await countRows(h.t.db, 'tasks')) >= 10, 120_000);
  h.workers[0]!.kill('SIGKILL');
  await submitting;
  h.startWorker(0);
  const tasks = await expectEachRoutedOnce(h.t.db, COUNT);
  const lost = await lostWorkflowTasks(h.client, SHARING_REQUEST_PROCESS);
  process.stdout.write(`worker kill while routing: ${lost} workflow tasks lost and run again\n`);
  await decideEachAndExpectGrantedOnce(h, tasks);
});
