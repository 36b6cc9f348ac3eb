/**
 * Data freshness (数据更新时效, art. 20): "政务信息资源发生变化时,要确保目录和
 * 数据按…规定的时限在共享平台同步更新". One case per published entry with an
 * update cycle. It sleeps until the entry's data is due again by its cycle
 * (the policy's period, a platform default); if the provider has reported no
 * update by then, the entry is stale and its data steward gets a task whose
 * deadline escalates to the LG office. Reporting the update (the `dataUpdated`
 * signal) makes it fresh again and ends the task; so does the steward's
 * `no_change` with a reason (the data did not change this cycle). A new
 * version with another cycle (`cycleChanged`) reschedules it. A reform that
 * transfers the entry (`resourceTransferred`, art. 9) hands an open task to the
 * successor's steward; one that retires it (`resourceRetired`) ends the case. A durable timer,
 * not a polling loop; the case continues as new every so many rounds, so its
 * history stays short.
 *
 * Drawn in diagram.bpmn beside this file, whose ids are these steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import { condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { dueAt } from '../../domain/catalogue/freshness';
import type { UpdateCycle } from '../../domain/catalogue/resource';
import { acts } from '../cases/activities-proxy';
import { CaseRecorder, noticeTo } from '../cases/case-recorder';
import { HumanTasks } from '../sla/human-tasks';
import type { CandidateGroup } from '../../domain/roles';
import { calendarChanged, completeTask } from '../sla/task-contract';
import { resourceRetired, resourceTransferred } from '../catalogue_update/contract';
import {
  cycleChanged,
  dataUpdated,
  freshnessCaseId,
  RESOURCE_FRESHNESS_PROCESS,
  RESOURCE_FRESHNESS_STEPS as STEPS,
  type FreshnessFacts,
  type FreshnessInput,
  type FreshnessStatus,
} from './contract';

/** Rounds (a wait, and a stale spell if any) before the case continues as new. */
const ROUNDS_PER_RUN = 50;

export async function resourceFreshness(input: FreshnessInput): Promise<void> {
  const caseId = freshnessCaseId(input.resourceCode);
  const record = new CaseRecorder<FreshnessStatus, FreshnessFacts>(
    RESOURCE_FRESHNESS_PROCESS,
    caseId,
    'fresh',
  );
  // A reform may transfer the resource to the department taking over its duty, or retire it (art. 9).
  let provider = input.provider;
  let retirement: string | null = null;
  const stewards: CandidateGroup[] = [{ role: 'data_steward', department: provider }];
  const toSteward = noticeTo(stewards, {
    zh: `${input.resourceName}(${input.resourceCode})`,
    en: input.resourceCode,
  });
  let lastUpdated = Date.parse(input.lastUpdatedAt);
  let cycle: UpdateCycle = input.cycle;
  let woken = false;
  const policy = await acts.loadPolicyInForce({ at: new Date(Date.now()).toISOString() });
  const periods = policy.document.catalogue?.freshness.periods ?? {};
  const tasks = new HumanTasks({
    processType: RESOURCE_FRESHNESS_PROCESS,
    caseId,
    policy,
    parties: { provider },
    openedBefore: input.tasksOpened ?? 0,
    caseMoveOnOpening: (t) => record.prepare('stale', t.step, { action: 'task_opened', step: t.step }),
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);
  setHandler(dataUpdated, (u) => {
    lastUpdated = Math.max(lastUpdated, Date.parse(u.at));
    woken = true;
    tasks.cancelOpen(u.by, '已报告数据更新', STEPS.refresh);
  });
  setHandler(cycleChanged, (c) => {
    cycle = c.cycle;
    woken = true;
  });
  setHandler(resourceTransferred, async ({ successor }) => {
    provider = successor;
    stewards[0] = { role: 'data_steward', department: successor };
    await tasks.moveParty('provider', successor);
  });
  setHandler(resourceRetired, (r) => {
    retirement ??= r.reason;
    woken = true;
    tasks.cancelOpen(r.actor, r.reason, STEPS.refresh);
  });

  for (let round = 0; round < ROUNDS_PER_RUN; round += 1) {
    if (retirement !== null) {
      // Retired: nothing is due any more; the case ends.
      await record.move(
        'fresh',
        null,
        { action: 'resource_retired', reason: retirement },
        { facts: { staleSince: null } },
      );
      return;
    }
    woken = false;
    const due = dueAt(lastUpdated, cycle, periods);
    if (due === null) {
      // Updated on change only: nothing is due until something happens.
      await condition(() => woken);
      continue;
    }
    if (due > Date.now() && (await condition(() => woken, due - Date.now()))) continue;

    const staleSince = new Date(due).toISOString();
    await record.move(
      'stale',
      null,
      { action: 'data_overdue', reason: `${cycle} ${staleSince}` },
      {
        facts: { staleSince },
        notice: toSteward('数据未按更新周期更新', 'Data not updated as its cycle requires'),
      },
    );
    const stillDue = dueAt(lastUpdated, cycle, periods);
    if (stillDue === null || stillDue > Date.now()) {
      // Updated (or its cycle changed) while the spell was being recorded: no task.
      await record.move('fresh', null, { action: 'data_updated' }, { facts: { staleSince: null } });
      continue;
    }
    const spell = await tasks.run(STEPS.refresh);
    // Retired during the spell: the next round ends the case.
    if (retirement !== null) continue;
    if (spell.kind === 'done') lastUpdated = Math.max(lastUpdated, Date.parse(spell.outcome.completedAt));
    await record.move(
      'fresh',
      null,
      spell.kind === 'done'
        ? {
            action: 'no_change_declared',
            step: spell.outcome.step,
            actor: spell.outcome.actor,
            decision: spell.outcome.decision,
            reason: spell.outcome.reason,
          }
        : { action: 'data_updated', reason: spell.kind === 'cancelled' ? spell.reason : null },
      { facts: { staleSince: null } },
    );
  }
  await continueAsNew<typeof resourceFreshness>({
    ...input,
    provider,
    cycle,
    lastUpdatedAt: new Date(lastUpdated).toISOString(),
    tasksOpened: tasks.opened,
    eventsRecorded: record.recorded,
  });
}
