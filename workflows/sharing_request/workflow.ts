/**
 * The sharing request (共享申请, art. 21–23). By the resource's sharing type:
 * unconditional → granted at once; not shared → rejected at once with the
 * catalogue's legal basis, unless the requester's department is a statutory
 * recipient; otherwise the provider reviews, then the platform authority
 * approves within the policy's period from the provider's approval. Once the
 * provider's deadline has passed the platform authority may decide in its
 * place (art. 22), and its decision is final. The requester may withdraw
 * before a decision. A grant ends by itself when its usage period ends (a
 * durable timer) or earlier when the provider or the platform revokes it.
 *
 * Steps and deadlines come from the policy document; the BPMN diagram beside
 * this file (diagram.bpmn) names the same steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import {
  allHandlersFinished,
  condition,
  patched,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Notice } from '../../activities/cases/notices';
import { actorMatches } from '../../domain/roles';
import { SA } from '../../domain/search-attributes';
import { calendarChanged, completeTask, type TaskOutcome } from '../sla/task-contract';
import { articleLabel } from '../../domain/policy/articles';
import { stepPolicy } from '../../domain/policy/policy-document';
import { routeRequest } from './routing';
import {
  CaseRefusal,
  SHARING_REQUEST_PROCESS,
  SHARING_STEPS,
  revokeGrant,
  withdrawRequest,
  type RequestStatus,
  type SharingRequestInput,
  type SharingRequestResult,
  type WithdrawInput,
  type SharingRequestFacts,
} from './contract';
import { GrantKeeper } from './grant-keeper';
import { CaseRecorder, noticeTo, type CaseEventInput } from '../cases/case-recorder';
import { HumanTasks, refuse } from '../sla/human-tasks';
import { acts } from '../cases/activities-proxy';
import { ONE_NAME_PER_PROCESS } from '../cases/patches';

const OPEN: ReadonlySet<RequestStatus> = new Set(['submitted', 'provider_review', 'platform_review']);

export async function sharingRequest(input: SharingRequestInput): Promise<SharingRequestResult> {
  const { requestId, resource } = input;
  const provider = resource.providerDepartment;
  const consumer = input.consumerDepartment;
  const record = new CaseRecorder<RequestStatus, SharingRequestFacts>(
    SHARING_REQUEST_PROCESS,
    requestId,
    'submitted',
  );
  let withdrawal: WithdrawInput | null = null;
  // Assigned once the policy is loaded; a withdrawal may arrive before that, so not a const (TDZ).
  // eslint-disable-next-line prefer-const
  let tasks: HumanTasks | undefined;
  const result = (): SharingRequestResult => ({ status: record.status, grant: keeper.status });
  const bothDepartments = noticeTo(
    [
      { role: 'requester', department: consumer },
      { role: 'provider_reviewer', department: provider },
    ],
    { zh: `${resource.name}(${requestId})`, en: `${resource.code} (${requestId})` },
  );

  const keeper = new GrantKeeper(
    {
      requestId,
      resource,
      consumer,
      items: input.items,
      purpose: input.purpose,
      usageFrom: input.usageFrom,
      usageTo: input.usageTo,
      usageEndsAt: input.usageEndsAt,
    },
    bothDepartments,
    (action) => record.eventId(action),
  );
  setHandler(revokeGrant, keeper.revoke, { validator: keeper.validateRevocation });

  /** Records the move to a new status with the event that caused it. */
  function moveTo(
    next: RequestStatus,
    event: CaseEventInput,
    extra: { decisionReason?: string | null; notice?: Notice } = {},
  ): Promise<void> {
    return record.move(next, OPEN.has(next) && next !== 'submitted' ? next : null, event, {
      facts: extra.decisionReason === undefined ? undefined : { decisionReason: extra.decisionReason },
      notice: extra.notice,
    });
  }

  setHandler(
    withdrawRequest,
    async (w) => {
      withdrawal = w;
      tasks?.cancelOpen(w.actor, w.reason?.trim() || '申请人撤回申请');
      await condition(() => !OPEN.has(record.status));
      if (record.status !== 'withdrawn')
        refuse(CaseRefusal.Closed, `the request was ${record.status} before it could be withdrawn`);
      return result();
    },
    {
      validator: (w) => {
        if (!actorMatches(w.actor, { role: 'requester', department: consumer }))
          refuse(CaseRefusal.Forbidden, `only a requester of ${consumer} may withdraw this request`);
        if (!OPEN.has(record.status) || withdrawal)
          refuse(
            CaseRefusal.Closed,
            `the request is already ${withdrawal ? 'being withdrawn' : record.status}`,
          );
        // A decision accepted first stands: a withdrawal sent at the same moment changes nothing.
        if (!tasks?.hasUndecidedTask())
          refuse(
            CaseRefusal.Closed,
            'a decision on the request has just been taken; it can be withdrawn only while a review is open',
          );
      },
    },
  );

  await moveTo('submitted', { action: 'submitted', actor: input.requester });
  const policy = await acts.loadPolicyInForce({ at: input.submittedAt });
  tasks = new HumanTasks({
    processType: SHARING_REQUEST_PROCESS,
    caseId: requestId,
    policy,
    parties: { provider, consumer },
    onOpened: (task) => moveTo(task.step as RequestStatus, { action: 'task_opened', step: task.step }),
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);

  const route = routeRequest(resource, consumer);
  if (route.kind === 'reject') {
    await moveTo(
      'denied',
      { action: 'rejected', decision: 'deny', reason: route.reason },
      { decisionReason: route.reason, notice: bothDepartments('共享申请不予共享', 'Request rejected') },
    );
  } else if (route.kind === 'grant') {
    await grantNow('granted_at_once');
  } else {
    const decided = await review();
    if (decided) await grantNow('granted');
  }

  if (record.status === 'granted') await grantLifetime();
  await condition(allHandlersFinished);
  return result();

  /** The article of the city's overall authorisation (art. 22 by default): the escalation that lets the platform act. */
  function authorisationArticle(): string {
    const provider = stepPolicy(policy.document, SHARING_REQUEST_PROCESS, SHARING_STEPS.providerReview);
    return articleLabel(
      provider.escalation.find((e) => e.mayAct)?.citation.article ?? provider.citation.article,
    );
  }

  /** Provider review, then (unless the platform already decided in the provider's place) platform approval. */
  async function review(): Promise<boolean> {
    const providerStep = await tasks!.run(SHARING_STEPS.providerReview);
    if (providerStep.kind !== 'done') return withdrawn();
    const first = providerStep.outcome;
    if (first.decision !== 'approve') return denied(first);
    const byProvider = actorMatches(first.actor, { role: 'provider_reviewer', department: provider });
    await recordDecision(
      first,
      byProvider ? undefined : `共享平台主管部门依整体授权代为审批(${authorisationArticle()})`,
    );
    if (!byProvider) return true;
    const platformStep = await tasks!.run(SHARING_STEPS.platformReview);
    if (platformStep.kind !== 'done') return withdrawn();
    const second = platformStep.outcome;
    if (second.decision !== 'approve') return denied(second);
    await recordDecision(second);
    return true;
  }

  async function recordDecision(o: TaskOutcome, note?: string): Promise<void> {
    await moveTo(record.status, {
      action: 'decided',
      step: o.step,
      actor: o.actor,
      decision: o.decision,
      reason: [o.reason, note].filter(Boolean).join(';') || null,
    });
  }

  async function denied(o: TaskOutcome): Promise<false> {
    await moveTo(
      'denied',
      { action: 'decided', step: o.step, actor: o.actor, decision: o.decision, reason: o.reason },
      { decisionReason: o.reason, notice: bothDepartments('共享申请未获批准', 'Request denied') },
    );
    return false;
  }

  async function withdrawn(): Promise<false> {
    const w = withdrawal!;
    await moveTo(
      'withdrawn',
      { action: 'withdrawn', actor: w.actor, reason: w.reason?.trim() || null },
      { notice: bothDepartments('共享申请已撤回', 'Request withdrawn') },
    );
    return false;
  }

  async function grantNow(action: string): Promise<void> {
    if (withdrawal) {
      await withdrawn();
      return;
    }
    await keeper.grant({
      zh: `共享申请已批准,结果备案(${authorisationArticle()})`,
      en: 'Request granted and filed with both departments',
    });
    // The status moves last, so whoever sees "granted" finds the grant in place.
    await moveTo('granted', { action }, { decisionReason: null });
  }

  /**
   * The grant lasts until the end of its usage period (a durable timer) or until it is revoked.
   * The request stays granted: how the grant ended is the grant's status, as the API shows it.
   * (Requests started before that rule recorded `granted_<end>` as their status attribute.)
   */
  async function grantLifetime(): Promise<void> {
    const ended = await keeper.keep();
    if (!patched(ONE_NAME_PER_PROCESS))
      upsertSearchAttributes([{ key: SA.status, value: `granted_${ended}` }]);
  }
}
