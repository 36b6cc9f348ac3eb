/**
 * A dispute (异议协调, art. 21, 25) over a denied sharing request, a
 * contested correction reply, a revoked grant or an exchange, in three stages
 * with policy deadlines:
 *
 * 1. negotiation: either department proposes a resolution, the other accepts
 *    it, or either declares failure; at the stage's deadline it moves on;
 * 2. coordination by the leading group's office: it records a resolution or
 *    refers the case; at the deadline it moves on;
 * 3. a binding ruling by the leading group (the task stays open past its
 *    deadline and is escalated). A ruling for the consumer on a request grants
 *    the data as an approval would; on a correction the parent workflow
 *    reopens the provider's reply.
 *
 * Drawn in diagram.bpmn beside this file, whose ids are these steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  DISPUTE_PROCESS,
  DISPUTE_STEPS,
  type DisputeInput,
  type DisputeOutcome,
  type DisputeResult,
  type DisputeStatus,
  type DisputeFacts,
} from './contract';
import { calendarChanged, completeTask, TaskRefusal } from '../sla/task-contract';
import type { Actor } from '../../domain/roles';
import { acts } from '../cases/activities-proxy';
import { own } from './activities-proxy';
import { CaseRecorder, noticeTo } from '../cases/case-recorder';
import { revokeGrant } from '../sharing_request/contract';
import { GrantKeeper } from '../sharing_request/grant-keeper';
import { HumanTasks, refuse } from '../sla/human-tasks';
import { LG_OFFICE_REFERS_TO_RULING } from '../cases/patches';

/** A stage that ended without an outcome; the next counts from its deadline if it ran out (else from now). */
interface HandOver {
  handedOverAt: string | null;
}

export async function disputeCase(input: DisputeInput): Promise<DisputeResult> {
  const { disputeId, provider, consumer } = input;
  const record = new CaseRecorder<DisputeStatus, DisputeFacts>(DISPUTE_PROCESS, disputeId, 'negotiation');
  const toBoth = noticeTo(
    [
      { role: 'provider_reviewer', department: provider },
      { role: 'requester', department: consumer },
    ],
    { zh: disputeId, en: disputeId },
  );
  const keeper = input.grantTerms
    ? new GrantKeeper({ ...input.grantTerms, consumer }, toBoth, (action) => record.eventId(action), {
        ruling: disputeId,
      })
    : null;
  if (keeper) setHandler(revokeGrant, keeper.revoke, { validator: keeper.validateRevocation });

  await own.openDisputeRecord({
    id: disputeId,
    workflowId: workflowInfo().workflowId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    providerDepartment: provider,
    consumerDepartment: consumer,
    openedBy: input.openedBy.username,
    openedByDepartment: input.openedBy.department,
    claim: input.claim,
    openedAt: input.openedAt,
  });
  const policy = await acts.loadPolicyInForce({ at: input.openedAt });
  const tasks = new HumanTasks({
    processType: DISPUTE_PROCESS,
    caseId: disputeId,
    policy,
    parties: { provider, consumer },
    caseMoveOnOpening: (t) =>
      record.prepare(t.step as DisputeStatus, t.step, { action: 'task_opened', step: t.step }),
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);
  await record.move(
    'negotiation',
    null,
    { action: 'opened', actor: input.openedBy, reason: input.claim },
    { notice: toBoth('异议已提出,进入协商', 'Dispute opened; negotiation begins') },
  );

  const outcome = await negotiate().then((n) =>
    'stage' in n ? n : coordinate(n.handedOverAt).then((c) => ('stage' in c ? c : rule(c.handedOverAt))),
  );
  const final: DisputeStatus = outcome.stage === DISPUTE_STEPS.ruling ? 'ruled' : 'resolved';
  await record.move(
    final,
    null,
    { action: 'concluded', step: outcome.stage, decision: outcome.decision, reason: outcome.text },
    {
      facts: { outcome },
      notice: toBoth('异议处理结果', 'Dispute concluded'),
    },
  );
  if (keeper && final === 'ruled' && outcome.decision === 'for_consumer') {
    await keeper.grant({
      zh: '领导小组裁定予以共享,结果备案',
      en: 'Ruled to be shared; filed with both departments',
    });
    await keeper.keep();
  }
  return { status: final, outcome };

  /** Stage 1: proposals back and forth until one is accepted, either side gives up, or the stage's deadline passes. */
  async function negotiate(): Promise<DisputeOutcome | HandOver> {
    const stageStart = new Date(Date.now()).toISOString();
    let proposal: { by: Actor; text: string } | null = null;
    for (;;) {
      const r = await tasks.run(DISPUTE_STEPS.negotiation, {
        from: stageStart,
        interruptAtDeadline: true,
        validate: (i) => {
          if (i.decision !== 'accept') return;
          if (!proposal)
            refuse(
              TaskRefusal.Invalid,
              'nothing has been proposed yet: propose a resolution first',
              'nothing_proposed',
            );
          if (proposal.by.department === i.actor.department)
            refuse(TaskRefusal.Invalid, 'the other department must accept your proposal', 'own_proposal');
        },
      });
      if (r.kind !== 'done') {
        await record.move('negotiation', null, { action: 'stage_expired', step: DISPUTE_STEPS.negotiation });
        return { handedOverAt: r.at };
      }
      const o = r.outcome;
      if (o.decision === 'propose') {
        proposal = { by: o.actor, text: o.reason ?? '' };
        await record.move(
          'negotiation',
          DISPUTE_STEPS.negotiation,
          { action: 'proposed', step: o.step, actor: o.actor, decision: o.decision, reason: o.reason },
          {
            facts: {
              proposal: { by: o.actor.username, department: o.actor.department, text: proposal.text },
            },
          },
        );
        continue;
      }
      await record.move('negotiation', null, {
        action: o.decision === 'accept' ? 'accepted' : 'negotiation_failed',
        step: o.step,
        actor: o.actor,
        decision: o.decision,
        reason: o.reason,
      });
      if (o.decision === 'accept')
        return {
          stage: DISPUTE_STEPS.negotiation,
          decision: 'accept',
          text: proposal!.text,
          by: o.actor.username,
        };
      return { handedOverAt: null };
    }
  }

  /**
   * Stage 2: the LG office resolves or refers the case to the leading group. Referral is its
   * decision (art. 25): past the deadline the task stays open and the breach is escalated.
   * (Cases started before that reading moved on to the ruling at the deadline by themselves.)
   */
  async function coordinate(handedOverAt: string | null): Promise<DisputeOutcome | HandOver> {
    // A stage that ran out hands over at its deadline; the next stage's days count from there.
    const r = await tasks.run(DISPUTE_STEPS.coordination, {
      interruptAtDeadline: !patched(LG_OFFICE_REFERS_TO_RULING),
      from: handedOverAt ?? undefined,
    });
    const o = r.kind === 'done' ? r.outcome : null;
    if (o?.decision === 'resolve')
      return {
        stage: DISPUTE_STEPS.coordination,
        decision: 'resolve',
        text: o.reason ?? '',
        by: o.actor.username,
      };
    await record.move('coordination', null, {
      action: o ? 'referred' : 'stage_expired',
      step: DISPUTE_STEPS.coordination,
      actor: o?.actor,
      decision: o?.decision,
      reason: o?.reason,
    });
    return { handedOverAt: r.kind === 'expired' ? r.at : null };
  }

  /** Stage 3: the leading group's ruling is final; its task stays open past the deadline and is escalated. */
  async function rule(handedOverAt: string | null): Promise<DisputeOutcome> {
    const o = await tasks.decide(DISPUTE_STEPS.ruling, { from: handedOverAt ?? undefined });
    return { stage: DISPUTE_STEPS.ruling, decision: o.decision, text: o.reason ?? '', by: o.actor.username };
  }
}
