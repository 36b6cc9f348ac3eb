/**
 * Correction feedback (数据纠错, art. 24). A consumer department has reported
 * an error in shared data (late filings are accepted and flagged). The
 * provider verifies and replies within the policy's period — corrected, or no
 * error, each explained — escalating to the LG office if it does not; the
 * consumer then accepts the reply or contests it, which opens a dispute. A
 * ruling for the consumer reopens the provider's reply.
 *
 * Drawn in diagram.bpmn beside this file, whose ids are these steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import { executeChild, patched, setHandler } from '@temporalio/workflow';
import { calendarChanged, completeTask } from '../sla/task-contract';
import {
  CORRECTION_PROCESS,
  CORRECTION_STEPS,
  type CorrectionInput,
  type CorrectionStatus,
  type CorrectionFacts,
} from './contract';
import {
  DISPUTE_LABEL,
  DISPUTE_PROCESS,
  DISPUTE_STEPS,
  disputeIdOf,
  disputeWorkflowId,
  legacyDisputeWorkflowId,
  type DisputeInput,
  type DisputeResult,
} from '../dispute/contract';
import { articleLabel } from '../../domain/policy/articles';
import { durationLabel } from '../../domain/policy/duration';
import { stepPolicy } from '../../domain/policy/policy-document';
import { SA } from '../../domain/search-attributes';
import { acts } from '../cases/activities-proxy';
import { CaseRecorder, noticeTo } from '../cases/case-recorder';
import { caseMetadata } from '../cases/case-metadata';
import { FIRST_MOVE_GOES_WITH_NEXT, ONE_NAME_PER_PROCESS, REPLY_GOES_WITH_NEXT_STEP } from '../cases/patches';
import { disputeCase } from '../dispute/workflow';
import { HumanTasks } from '../sla/human-tasks';

export async function correctionFeedback(input: CorrectionInput): Promise<CorrectionStatus> {
  const { correctionId, provider, consumer } = input;
  const record = new CaseRecorder<CorrectionStatus, CorrectionFacts>(
    CORRECTION_PROCESS,
    correctionId,
    'provider_reply',
  );
  const toBoth = noticeTo(
    [
      { role: 'provider_reviewer', department: provider },
      { role: 'requester', department: consumer },
    ],
    { zh: `${input.resourceName}(${correctionId})`, en: `${input.resourceCode} (${correctionId})` },
  );
  const policy = input.policy ?? (await acts.loadPolicyInForce({ at: input.filedAt }));
  const tasks = new HumanTasks({
    processType: CORRECTION_PROCESS,
    caseId: correctionId,
    policy,
    parties: { provider, consumer },
    caseMoveOnOpening: (t) =>
      record.prepare(t.step as CorrectionStatus, t.step, { action: 'task_opened', step: t.step }),
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);
  // Recorded with the provider's task's opening, which follows at once.
  await record.moveWithNext(
    FIRST_MOVE_GOES_WITH_NEXT,
    'provider_reply',
    null,
    {
      action: 'filed',
      actor: input.filedBy,
      reason: input.late ? lateFilingNote() : null,
    },
    {
      notice: input.late
        ? toBoth('收到数据纠错反馈(逾期反馈)', 'Error reported in shared data (filed late)')
        : toBoth('收到数据纠错反馈', 'Error reported in shared data'),
    },
  );

  /** The filing rule as the policy in force sets it, e.g. 超过发现之日起5个工作日反馈(第二十四条),已标记逾期. */
  function lateFilingNote(): string {
    const filing = stepPolicy(policy.document, CORRECTION_PROCESS, 'filing');
    return `超过发现之日起${durationLabel(filing.deadline).zh}反馈(${articleLabel(filing.citation.article)}),已标记逾期`;
  }

  for (let round = 1; ; round += 1) {
    // Every reply is followed by the consumer's review, whose opening closes the reply's task.
    const reply = await tasks.decide(CORRECTION_STEPS.providerReply, { closeWithNext: () => true });
    // The status moves to consumer_review once the consumer's task is open (caseMoveOnOpening), not
    // before; the reply is recorded with that opening, which follows at once.
    await record.moveWithNext(
      REPLY_GOES_WITH_NEXT_STEP,
      'provider_reply',
      null,
      {
        action: 'replied',
        step: reply.step,
        actor: reply.actor,
        decision: reply.decision,
        reason: reply.reason,
      },
      {
        facts: { reply: { decision: reply.decision, text: reply.reason } },
        notice: toBoth('提供部门已回复纠错', 'The provider replied'),
      },
    );
    const review = await tasks.decide(CORRECTION_STEPS.consumerReview);
    if (review.decision === 'accept') {
      await record.move(
        'accepted',
        null,
        {
          action: 'accepted',
          step: review.step,
          actor: review.actor,
          decision: review.decision,
          reason: review.reason,
        },
        { notice: toBoth('使用部门已确认纠错回复', 'The consumer accepted the reply') },
      );
      return 'accepted';
    }
    await record.move('disputed', null, {
      action: 'contested',
      step: review.step,
      actor: review.actor,
      decision: review.decision,
      reason: review.reason,
    });
    const disputeInput: DisputeInput = {
      disputeId: disputeIdOf(correctionId, round),
      subjectType: 'correction',
      subjectId: correctionId,
      provider,
      consumer,
      openedBy: review.actor,
      claim: review.reason ?? '',
      openedAt: new Date(Date.now()).toISOString(),
    };
    const disputeAttributes = [
      { key: SA.process, value: DISPUTE_PROCESS },
      { key: SA.provider, value: provider },
      { key: SA.consumer, value: consumer },
    ];
    const dispute: DisputeResult = patched(ONE_NAME_PER_PROCESS)
      ? await executeChild<typeof disputeCase>(DISPUTE_PROCESS, {
          workflowId: disputeWorkflowId(disputeInput.disputeId),
          typedSearchAttributes: [...disputeAttributes, { key: SA.status, value: DISPUTE_STEPS.negotiation }],
          ...caseMetadata({
            processName: DISPUTE_LABEL.zh,
            caseId: disputeInput.disputeId,
            resource: { code: input.resourceCode, name: input.resourceName },
            provider,
            consumer,
          }),
          args: [disputeInput],
        })
      : await executeChild(disputeCase, {
          workflowId: legacyDisputeWorkflowId(correctionId, round),
          typedSearchAttributes: disputeAttributes,
          args: [disputeInput],
        });
    const o = dispute.outcome!;
    if (o.stage === DISPUTE_STEPS.ruling && o.decision === 'for_consumer') {
      await record.move('provider_reply', null, {
        action: 'reopened',
        decision: o.decision,
        reason: `领导小组裁定:${o.text}`,
      });
      continue;
    }
    const final: CorrectionStatus = o.stage === DISPUTE_STEPS.ruling ? 'upheld' : 'resolved';
    await record.move(final, null, { action: 'dispute_concluded', decision: o.decision, reason: o.text });
    return final;
  }
}
