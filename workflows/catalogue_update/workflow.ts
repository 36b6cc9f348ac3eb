/**
 * A department's catalogue update after an institutional reform (目录更新,
 * art. 9, 37). Its data steward updates the catalogue within the policy's period
 * after the reform's effective date (the day itself not counted). The obligation
 * is met when the department changes one of its resources (the API signals
 * the change) or declares with a reason that nothing needs changing.
 *
 * Missed: the task stays open and the LG office gets a task to order
 * rectification; the order replaces the task with one due by the policy's new
 * deadline. Missed again: a public criticism is recorded and the department's
 * IT-project applications are suspended until the obligation is met and the
 * LG office lifts the suspension.
 *
 * Drawn in diagram.bpmn beside this file, whose ids are these steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import { condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import {
  catalogueChanged,
  CATALOGUE_UPDATE_PROCESS,
  CATALOGUE_UPDATE_STEPS as STEPS,
  decideResource,
  resourceRetired,
  resourceTransferred,
  type CatalogueChange,
  type CatalogueUpdateInput,
  type ObligationResource,
  type ObligationStatus,
  type ObligationFacts,
  type ResourceDecision,
  type ResourceDecisionInput,
} from './contract';
import { actorMatches, type Actor } from '../../domain/roles';
import { hasVisibleText } from '../../domain/text/visible';
import { freshnessWorkflowId } from '../resource_freshness/contract';
import {
  calendarChanged,
  completeTask,
  TaskRefusal,
  type CompleteTaskInput,
  type TaskOutcome,
} from '../sla/task-contract';
import { articleLabel } from '../../domain/policy/articles';
import { durationLabel } from '../../domain/policy/duration';
import { stepPolicy } from '../../domain/policy/policy-document';
import { acts } from '../cases/activities-proxy';
import { own } from './activities-proxy';
import { CaseRecorder, noticeTo } from '../cases/case-recorder';
import { HumanTasks, refuse, type StepResult } from '../sla/human-tasks';
import {
  CHANGE_LEAVES_DECISION_UNDER_WAY,
  LG_OFFICE_DECIDES_SANCTIONS,
  OBLIGATION_LISTS_RESOURCES,
} from '../cases/patches';
import { localDateOf, periodDuration, periodProblem, type SetPeriod } from '../../domain/policy/set-period';

const DUE_STEPS: string[] = [STEPS.update, STEPS.rectification];

/** A step's decision, or null when the case cancelled it. */
const decision = (r: StepResult): TaskOutcome | null => (r.kind === 'done' ? r.outcome : null);

export async function catalogueUpdate(input: CatalogueUpdateInput): Promise<ObligationStatus> {
  const { obligationId, department } = input;
  const record = new CaseRecorder<ObligationStatus, ObligationFacts>(
    CATALOGUE_UPDATE_PROCESS,
    obligationId,
    'open',
  );
  const toDepartment = noticeTo(
    [
      { role: 'data_steward', department },
      { role: 'lg_office', department: null },
    ],
    { zh: `${input.reformTitle}(${department})`, en: `${input.reformId} (${department})` },
  );
  let change: CatalogueChange | null = null;
  // Assigned once the policy is loaded; a change may be signalled before that.
  // eslint-disable-next-line prefer-const
  let tasks: HumanTasks | undefined;
  /**
   * The listed resources and their decisions, once listed; null for obligations met by any change
   * (started before OBLIGATION_LISTS_RESOURCES) and until the list is made.
   */
  let listed: Map<string, ResourceDecision | null> | null = null;
  const deciding = new Set<string>();
  let lastDecider: Actor | null = null;
  const changes: CatalogueChange[] = [];
  const meetByChange = () => {
    if (!change || listed) return;
    for (const step of DUE_STEPS)
      tasks?.completeOpen(step, {
        actor: change.by,
        decision: 'updated',
        reason: `目录资源 ${change.resourceCode} 已于 ${change.at} 更新`,
      });
  };
  /** Met once every listed resource has its decision. */
  const allDecided = () =>
    listed !== null && listed.size > 0 && [...listed.values()].every((d) => d !== null);
  const meetByDecisions = () => {
    if (!allDecided() || !lastDecider) return;
    const count = (d: ResourceDecision) => [...listed!.values()].filter((x) => x === d).length;
    for (const step of DUE_STEPS)
      tasks?.completeOpen(step, {
        actor: lastDecider,
        decision: 'updated',
        reason: `所列 ${listed!.size} 项资源均已处理:保留 ${count('keep')}、已更新 ${count('updated')}、移交 ${count('transfer')}、停用 ${count('retire')}`,
      });
  };
  setHandler(catalogueChanged, async (c) => {
    change ??= c;
    meetByChange();
    changes.push(c);
    // A steward's decision on the same resource, under way, stands (cases started before decided again).
    const decisionUnderWay = deciding.has(c.resourceCode) && patched(CHANGE_LEAVES_DECISION_UNDER_WAY);
    if (listed?.get(c.resourceCode) === null && !decisionUnderWay)
      await decide({ ...changeDecision(c), actor: c.by });
  });
  const changeDecision = (c: CatalogueChange) => ({
    resourceCode: c.resourceCode,
    decision: 'updated' as const,
    reason: `已于 ${c.at} 发布更新`,
  });
  setHandler(
    decideResource,
    async (d) => {
      await decide(d);
      return view();
    },
    { validator: (d) => validateDecision(d) },
  );
  const view = (): ObligationResource[] =>
    [...(listed ?? new Map()).entries()].map(([code, decision]) => ({ code, decision }));

  const policy = await acts.loadPolicyInForce({ at: input.registeredAt });
  tasks = new HumanTasks({
    processType: CATALOGUE_UPDATE_PROCESS,
    caseId: obligationId,
    policy,
    parties: { department },
    onOpened: async (t) => {
      if (!DUE_STEPS.includes(t.step)) return;
      meetByChange();
      meetByDecisions();
    },
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);
  const doc = policy.document;
  const limit = durationLabel(stepPolicy(doc, CATALOGUE_UPDATE_PROCESS, STEPS.update).deadline);
  const sanctionArticle = articleLabel(
    stepPolicy(doc, CATALOGUE_UPDATE_PROCESS, STEPS.rectification).citation.article,
  );
  /** "updated" is declared by changing the catalogue, not by saying so. */
  const onlyByChange = (i: CompleteTaskInput) => {
    if (i.decision === 'updated' && listed && !allDecided())
      refuse(
        TaskRefusal.Invalid,
        "decide on each of your department's listed resources (keep, transfer, retire, or publish its update): the obligation is then met by itself; or declare no_change with a reason",
        'decide_each_resource',
      );
    if (i.decision === 'updated' && !listed && !change)
      refuse(
        TaskRefusal.Invalid,
        "change one of your department's resources in the catalogue: the obligation is then met by itself; or declare no_change with a reason",
        'update_the_catalogue',
      );
  };
  await record.move(
    'open',
    STEPS.update,
    { action: 'started', reason: input.reformTitle },
    {
      notice: toDepartment(`机构改革后须在${limit.zh}内更新目录`, `Update the catalogue within ${limit.en}`),
    },
  );

  if (patched(OBLIGATION_LISTS_RESOURCES)) {
    const rows = await own.listObligationResources({
      obligationId,
      department,
      effectiveFrom: input.effectiveFrom,
    });
    listed = new Map(rows.map((r) => [r.code, r.decision]));
    // Changes published before the list was made count too (art. 9: since the effective date).
    for (const c of changes)
      if (listed.get(c.resourceCode) === null) await decide({ ...changeDecision(c), actor: c.by });
  }

  let met: TaskOutcome | null = null;
  let overdue = false;
  const update = tasks.run(STEPS.update, {
    from: input.effectiveFrom,
    validate: onlyByChange,
    onBreach: () => (overdue = true),
  });
  void update.then((r) => (met ??= decision(r)));
  await condition(() => met !== null || overdue);

  let suspended = false;
  if (!met) {
    await record.move('overdue', STEPS.update, { action: 'deadline_breached', step: STEPS.update });
    // Cases that passed this point before art. 37's reading was kept: a fixed period, automatic sanctions.
    const lgDecides = patched(LG_OFFICE_DECIDES_SANCTIONS);
    const bounds = lgDecides
      ? stepPolicy(doc, CATALOGUE_UPDATE_PROCESS, STEPS.rectification).periodSetBy
      : undefined;
    const today = () => localDateOf(Date.now());
    let order: TaskOutcome | null | undefined;
    const ordering = tasks.run(STEPS.rectificationOrder, {
      validate: (i) => {
        const period = i.data?.period;
        if (bounds && period !== undefined) {
          const problem = periodProblem(period, bounds, today());
          if (problem)
            refuse(TaskRefusal.Invalid, problem, 'period_out_of_bounds', {
              min: bounds.min.workingDays,
              max: bounds.max.workingDays,
              latestDays: bounds.latestDate.calendarDays,
            });
        }
      },
    });
    void ordering.then((r) => (order = decision(r)));
    await condition(() => met !== null || order !== undefined);
    if (met) {
      tasks.cancelOpen(null, '目录已更新,无需责令改正', STEPS.rectificationOrder);
      await ordering;
    } else {
      tasks.cancelOpen(order!.actor, '已责令限期改正,以改正期限为准', STEPS.update);
      await update;
      await record.move('rectification', STEPS.rectification, {
        action: 'rectification_ordered',
        step: STEPS.rectificationOrder,
        actor: order!.actor,
        decision: order!.decision,
        reason: order!.reason,
      });
      let missedAgain = false;
      const set = bounds ? (order!.data.period as SetPeriod | undefined) : undefined;
      const rectification = tasks.run(STEPS.rectification, {
        validate: onlyByChange,
        onBreach: () => (missedAgain = true),
        ...(set ? { deadline: periodDuration(set, today()) } : {}),
      });
      void rectification.then((r) => (met ??= decision(r)));
      await condition(() => met !== null || missedAgain);
      if (!met && !lgDecides) {
        suspended = true;
        await sanction();
        await condition(() => met !== null);
      } else if (!met) {
        suspended = await decideSanctions();
        if (!met) await condition(() => met !== null);
      }
    }
  }

  const how = met!;
  await record.move(
    'met',
    suspended ? STEPS.liftSuspension : null,
    { action: 'met', step: how.step, actor: how.actor, decision: how.decision, reason: how.reason },
    {
      facts: { met: { how: how.decision, note: how.reason, at: how.completedAt } },
      notice: toDepartment('机构改革后目录更新义务已履行', 'Catalogue update obligation met'),
    },
  );
  if (suspended) {
    const lift = await tasks.decide(STEPS.liftSuspension);
    for (const kind of ['suspension', 'criticism'] as const)
      await own.liftSanctions({
        eventId: record.eventId(`lift-${kind}`),
        caseType: 'catalogue_update',
        caseId: obligationId,
        department,
        kind,
        by: lift.actor.username,
        at: lift.completedAt,
      });
    await record.move('met', null, {
      action: 'suspension_lifted',
      step: lift.step,
      actor: lift.actor,
      decision: lift.decision,
      reason: lift.reason,
    });
  }
  return 'met';

  /** The `decideResource` Update's validator: the department's steward, a listed resource, once, with a reason. */
  function validateDecision(d: ResourceDecisionInput): void {
    if (!listed)
      refuse(
        TaskRefusal.Closed,
        'this obligation is met by any change to the catalogue, as obligations were before each resource had a decision',
        'decisions_not_listed',
      );
    if (!actorMatches(d.actor, { role: 'data_steward', department }))
      refuse(
        TaskRefusal.Forbidden,
        `only a data steward of ${department} decides on its resources`,
        'not_steward',
      );
    if (record.status === 'met')
      refuse(TaskRefusal.Closed, 'the obligation is already met', 'obligation_met');
    if (!listed.has(d.resourceCode))
      refuse(
        TaskRefusal.Invalid,
        `${d.resourceCode} is not one of the resources this obligation lists`,
        'not_listed',
        {
          code: d.resourceCode,
        },
      );
    if (listed.get(d.resourceCode) !== null || deciding.has(d.resourceCode))
      refuse(TaskRefusal.Closed, `${d.resourceCode} already has its decision`, 'already_decided', {
        code: d.resourceCode,
      });
    if (d.decision === 'updated')
      refuse(
        TaskRefusal.Invalid,
        'a resource is updated by publishing its change through a catalogue draft: it then counts by itself',
        'update_the_catalogue',
      );
    if (d.decision === 'transfer' && (!d.successor || d.successor === department))
      refuse(
        TaskRefusal.Invalid,
        'a transfer names the department that takes the resource over',
        'successor_required',
      );
    if (!hasVisibleText(d.reason))
      refuse(TaskRefusal.Invalid, 'a decision on a resource needs a reason', 'reason_required', {
        decision: d.decision,
      });
  }

  /**
   * Records and applies one decision (a transfer or retirement tells the workflows of the resource's
   * open requests, active grants and freshness case), puts it on the timeline, and meets the
   * obligation once all are decided.
   */
  async function decide(d: Omit<ResourceDecisionInput, 'successor'> & { successor?: string }): Promise<void> {
    deciding.add(d.resourceCode);
    try {
      const reason = d.reason.trim();
      const applied = await own.decideObligationResource({
        eventId: record.eventId(`resource-${d.decision}`),
        obligationId,
        department,
        resourceCode: d.resourceCode,
        decision: d.decision,
        successor: d.decision === 'transfer' ? (d.successor ?? null) : null,
        reason,
        actor: d.actor,
        at: new Date(Date.now()).toISOString(),
      });
      const moves = [
        ...applied.caseWorkflows,
        ...(d.decision === 'transfer' || d.decision === 'retire'
          ? [freshnessWorkflowId(d.resourceCode)]
          : []),
      ];
      for (const workflowId of moves) {
        try {
          const other = getExternalWorkflowHandle(workflowId);
          if (d.decision === 'transfer')
            await other.signal(resourceTransferred, { successor: d.successor!, reason });
          else await other.signal(resourceRetired, { actor: d.actor, reason });
        } catch {
          // That case ended meanwhile (or never ran): nothing left to move or end.
        }
      }
      listed!.set(d.resourceCode, d.decision);
      lastDecider = d.actor;
      await record.note({
        action: `resource_${d.decision}`,
        step: STEPS.update,
        actor: d.actor,
        decision: d.decision,
        reason: `${d.resourceCode}${d.successor && d.decision === 'transfer' ? ` → ${d.successor}` : ''}:${reason}`,
      });
      meetByDecisions();
    } finally {
      deciding.delete(d.resourceCode);
    }
  }

  /**
   * Art. 37: the LG office decides criticism and suspension (and, for a serious case, a
   * referral for discipline). Nothing is recorded without its decision; an update meanwhile
   * ends the obligation and cancels the task. Resolves to whether sanctions were recorded.
   */
  async function decideSanctions(): Promise<boolean> {
    await record.move('sanction_pending', STEPS.sanctionDecision, {
      action: 'deadline_breached',
      step: STEPS.rectification,
    });
    let ruling: TaskOutcome | null | undefined;
    const deciding = tasks!.run(STEPS.sanctionDecision);
    void deciding.then((r) => (ruling = decision(r)));
    await condition(() => met !== null || ruling !== undefined);
    if (!ruling) {
      tasks!.cancelOpen(null, '目录已更新,无需通报批评', STEPS.sanctionDecision);
      await deciding;
      return false;
    }
    await sanction(ruling);
    return true;
  }

  /** Art. 37: public criticism and suspension of IT-project applications (and a referral, when decided). */
  async function sanction(by?: TaskOutcome): Promise<void> {
    const at = new Date(Date.now()).toISOString();
    const kinds =
      by?.decision === 'sanction_and_refer'
        ? (['criticism', 'suspension', 'referral'] as const)
        : (['criticism', 'suspension'] as const);
    for (const kind of kinds)
      await own.recordSanction({
        id: record.eventId(kind),
        department,
        kind,
        caseType: 'catalogue_update',
        caseId: obligationId,
        reason:
          (kind === 'criticism'
            ? `逾期未按责令期限更新目录,予以通报批评(${sanctionArticle}):${input.reformTitle}`
            : kind === 'suspension'
              ? `暂停信息化项目申报,至目录更新完成并经领导小组办公室解除(${sanctionArticle})`
              : `情节严重,提请有关部门对负有直接责任的主管人员和其他责任人员依规给予处分(${sanctionArticle})`) +
          (by?.reason ? `;领导小组办公室决定:${by.reason}` : ''),
        at,
        notice: toDepartment(
          kind === 'criticism' ? '通报批评' : kind === 'suspension' ? '暂停信息化项目申报' : '提请给予处分',
          kind === 'criticism'
            ? 'Public criticism'
            : kind === 'suspension'
              ? 'IT-project applications suspended'
              : 'Referred for disciplinary action',
        ),
      });
    await record.move(
      'suspended',
      by ? null : STEPS.rectification,
      by
        ? {
            action: 'sanctioned',
            step: by.step,
            actor: by.actor,
            decision: by.decision,
            reason: by.reason,
          }
        : {
            action: 'sanctioned',
            step: STEPS.rectification,
            reason: `通报批评并暂停信息化项目申报(${sanctionArticle})`,
          },
    );
  }
}
