/**
 * Correction feedback (数据纠错, art. 24). A consumer department has reported
 * an error in shared data (late filings are accepted and flagged). The
 * provider verifies and replies within 5 working days — corrected, or no
 * error, each explained — escalating to the LG office if it does not; the
 * consumer then accepts the reply or contests it, which opens a dispute. A
 * ruling for the consumer reopens the provider's reply.
 *
 * Drawn in correction-feedback.bpmn, whose ids are these steps.
 */
import { executeChild } from '@temporalio/workflow';
import {
  CORRECTION_PROCESS,
  CORRECTION_STEPS,
  type CorrectionInput,
  type CorrectionStatus,
} from '../domain/correction/correction-contract';
import {
  DISPUTE_STEPS,
  disputeIdOf,
  disputeWorkflowId,
  type DisputeResult,
} from '../domain/dispute/dispute-contract';
import { articleLabel } from '../domain/policy/articles';
import { durationLabel } from '../domain/policy/duration';
import { stepPolicy } from '../domain/policy/policy-document';
import { SA } from '../domain/search-attributes';
import { acts } from './activities-proxy';
import { CaseRecorder, noticeTo } from './case-recorder';
import { disputeCase } from './dispute-case';
import { HumanTasks } from './sla/human-tasks';

export async function correctionFeedback(input: CorrectionInput): Promise<CorrectionStatus> {
  const { correctionId, provider, consumer } = input;
  const record = new CaseRecorder<CorrectionStatus>('correction', correctionId, 'provider_reply');
  const toBoth = noticeTo(
    [
      { role: 'provider_reviewer', department: provider },
      { role: 'requester', department: consumer },
    ],
    { zh: `${input.resourceName}(${correctionId})`, en: `${input.resourceCode} (${correctionId})` },
  );
  const policy = await acts.loadPolicyInForce({ at: input.filedAt });
  const tasks = new HumanTasks({
    processType: CORRECTION_PROCESS,
    caseId: correctionId,
    policy,
    parties: { provider, consumer },
    onOpened: (t) => record.move(t.step as CorrectionStatus, t.step, { action: 'task_opened', step: t.step }),
  });
  await record.move(
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
    const reply = (await tasks.run(CORRECTION_STEPS.providerReply))!;
    // The status moves to consumer_review once the consumer's task is open (onOpened), not before.
    await record.move(
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
        patch: { reply_decision: reply.decision, reply_text: reply.reason },
        notice: toBoth('提供部门已回复纠错', 'The provider replied'),
      },
    );
    const review = (await tasks.run(CORRECTION_STEPS.consumerReview))!;
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
    const dispute: DisputeResult = await executeChild(disputeCase, {
      workflowId: disputeWorkflowId(correctionId, round),
      typedSearchAttributes: [
        { key: SA.process, value: 'dispute' },
        { key: SA.provider, value: provider },
        { key: SA.consumer, value: consumer },
      ],
      args: [
        {
          disputeId: disputeIdOf(correctionId, round),
          subjectType: 'correction',
          subjectId: correctionId,
          provider,
          consumer,
          openedBy: review.actor,
          claim: review.reason ?? '',
          openedAt: new Date(Date.now()).toISOString(),
        },
      ],
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
