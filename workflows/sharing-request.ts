/**
 * The sharing request (共享申请, art. 21–23). By the resource's sharing type:
 * unconditional → granted at once; not shared → rejected at once with the
 * catalogue's legal basis, unless the requester's department is a statutory
 * recipient; otherwise the provider reviews, then the platform authority
 * approves within 2 working days of the provider's approval. Once the
 * provider's deadline has passed the platform authority may decide in its
 * place (art. 22), and its decision is final. The requester may withdraw
 * before a decision. A grant ends by itself when its usage period ends (a
 * durable timer) or earlier when the provider or the platform revokes it.
 *
 * Steps and deadlines come from the policy document; the BPMN diagram beside
 * this file (sharing-request.bpmn) names the same steps.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineUpdate,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Notice } from '../activities/sharing-activities';
import { actorMatches, type Actor } from '../domain/roles';
import { SA } from '../domain/search-attributes';
import type { TaskOutcome } from '../domain/sla/task-contract';
import { routeRequest } from '../domain/sharing/routing';
import {
  CaseRefusal,
  REVOKE_GRANT_UPDATE,
  SHARING_REQUEST_PROCESS,
  SHARING_STEPS,
  WITHDRAW_REQUEST_UPDATE,
  type GrantStatus,
  type RequestStatus,
  type RevokeInput,
  type SharingRequestInput,
  type SharingRequestResult,
  type WithdrawInput,
} from '../domain/sharing/sharing-contract';
import { HumanTasks } from './sla/human-tasks';
import { acts } from './activities-proxy';

export const withdrawRequestUpdate = defineUpdate<SharingRequestResult, [WithdrawInput]>(
  WITHDRAW_REQUEST_UPDATE,
);
export const revokeGrantUpdate = defineUpdate<SharingRequestResult, [RevokeInput]>(REVOKE_GRANT_UPDATE);

const OPEN: ReadonlySet<RequestStatus> = new Set(['submitted', 'provider_review', 'platform_review']);

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

const nowIso = () => new Date(Date.now()).toISOString();

export async function sharingRequest(input: SharingRequestInput): Promise<SharingRequestResult> {
  const { requestId, resource } = input;
  const provider = resource.providerDepartment;
  const consumer = input.consumerDepartment;
  let status: RequestStatus = 'submitted';
  let grant: GrantStatus | null = null;
  let withdrawal: WithdrawInput | null = null;
  let revocation: RevokeInput | null = null;
  let seq = 0;
  // Assigned once the policy is loaded; a withdrawal may arrive before that, so not a const (TDZ).
  // eslint-disable-next-line prefer-const
  let tasks: HumanTasks | undefined;
  const result = (): SharingRequestResult => ({ status, grant });
  const bothDepartments = (zh: string, en: string): Notice => ({
    recipients: [
      { role: 'requester', department: consumer },
      { role: 'provider_reviewer', department: provider },
    ],
    title: { zh: `${zh}:${resource.name}(${requestId})`, en: `${en}: ${resource.code} (${requestId})` },
  });

  /** Records the move to a new status with the event that caused it; the status changes once it is stored. */
  async function moveTo(
    next: RequestStatus,
    event: {
      action: string;
      step?: string | null;
      actor?: Actor | null;
      decision?: string;
      reason?: string | null;
    },
    extra: { decisionReason?: string | null; notice?: Notice } = {},
  ): Promise<void> {
    seq += 1;
    await acts.recordRequestState({
      requestId,
      status: next,
      currentStep: OPEN.has(next) && next !== 'submitted' ? next : null,
      decisionReason: extra.decisionReason,
      event: {
        id: `${requestId}#${seq}#${event.action}`,
        requestId,
        at: nowIso(),
        step: event.step ?? null,
        action: event.action,
        actor: event.actor?.username ?? null,
        actorDepartment: event.actor?.department ?? null,
        decision: event.decision ?? null,
        reason: event.reason ?? null,
      },
      notice: extra.notice,
    });
    status = next;
    upsertSearchAttributes([{ key: SA.status, value: next }]);
  }

  setHandler(
    withdrawRequestUpdate,
    async (w) => {
      withdrawal = w;
      tasks?.cancelOpen(w.actor, w.reason?.trim() || '申请人撤回申请');
      await condition(() => !OPEN.has(status));
      if (status !== 'withdrawn')
        refuse(CaseRefusal.Closed, `the request was ${status} before it could be withdrawn`);
      return result();
    },
    {
      validator: (w) => {
        if (!actorMatches(w.actor, { role: 'requester', department: consumer }))
          refuse(CaseRefusal.Forbidden, `only a requester of ${consumer} may withdraw this request`);
        if (!OPEN.has(status) || withdrawal)
          refuse(CaseRefusal.Closed, `the request is already ${withdrawal ? 'being withdrawn' : status}`);
      },
    },
  );

  setHandler(
    revokeGrantUpdate,
    async (r) => {
      revocation = r;
      await condition(() => grant !== 'active');
      if (grant !== 'revoked') refuse(CaseRefusal.Closed, `the grant ${grant} before it could be revoked`);
      return result();
    },
    {
      validator: (r) => {
        const mayRevoke =
          actorMatches(r.actor, { role: 'provider_reviewer', department: provider }) ||
          actorMatches(r.actor, { role: 'data_steward', department: provider }) ||
          actorMatches(r.actor, { role: 'platform_approver', department: null });
        if (!mayRevoke)
          refuse(
            CaseRefusal.Forbidden,
            `only the provider (${provider}) or the platform authority may revoke`,
          );
        if (grant !== 'active' || revocation)
          refuse(
            CaseRefusal.Closed,
            grant ? `the grant is already ${revocation ? 'revoked' : grant}` : 'nothing is granted yet',
          );
        if (!r.reason?.trim()) refuse(CaseRefusal.Invalid, 'a reason is required to revoke a grant');
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

  if ((status as RequestStatus) === 'granted') await grantLifetime();
  await condition(allHandlersFinished);
  return result();

  /** Provider review, then (unless the platform already decided in the provider's place) platform approval. */
  async function review(): Promise<boolean> {
    const first = await tasks!.run(SHARING_STEPS.providerReview);
    if (!first) return withdrawn();
    if (first.decision !== 'approve') return denied(first);
    const byProvider = actorMatches(first.actor, { role: 'provider_reviewer', department: provider });
    await recordDecision(first, byProvider ? undefined : '共享平台主管部门依整体授权代为审批(第二十二条)');
    if (!byProvider) return true;
    const second = await tasks!.run(SHARING_STEPS.platformReview);
    if (!second) return withdrawn();
    if (second.decision !== 'approve') return denied(second);
    await recordDecision(second);
    return true;
  }

  async function recordDecision(o: TaskOutcome, note?: string): Promise<void> {
    await moveTo(status, {
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
    seq += 1;
    await acts.recordGrant({
      eventId: `${requestId}#${seq}#grant`,
      grant: {
        id: `G-${requestId}`,
        requestId,
        resourceCode: resource.code,
        consumerDepartment: consumer,
        providerDepartment: provider,
        items: input.items,
        purpose: input.purpose,
        usageFrom: input.usageFrom,
        usageTo: input.usageTo,
        mode: resource.mode,
        grantedAt: nowIso(),
      },
      notice: bothDepartments(
        '共享申请已批准,结果备案(第二十二条)',
        'Request granted and filed with both departments',
      ),
    });
    grant = 'active';
    // The status moves last, so whoever sees "granted" finds the grant in place.
    await moveTo('granted', { action }, { decisionReason: null });
  }

  /** The grant lasts until the end of its usage period (a durable timer) or until it is revoked. */
  async function grantLifetime(): Promise<void> {
    const remaining = Date.parse(input.usageEndsAt) - Date.now();
    if (remaining > 0) await condition(() => revocation !== null, remaining);
    seq += 1;
    const r = revocation as RevokeInput | null;
    await acts.recordGrantEnd({
      eventId: `${requestId}#${seq}#grant-end`,
      grantId: `G-${requestId}`,
      status: r ? 'revoked' : 'expired',
      // An expired grant ended at the end of its period, whenever the timer's wake-up was processed.
      at: r ? nowIso() : new Date(Date.parse(input.usageEndsAt)).toISOString(),
      by: r?.actor.username ?? null,
      byDepartment: r?.actor.department ?? null,
      reason: r ? r.reason.trim() : `使用期限于 ${input.usageTo} 届满`,
      notice: r
        ? bothDepartments('共享授权已撤销', 'Grant revoked')
        : bothDepartments('共享授权使用期满终止', 'Grant ended with its usage period'),
    });
    grant = r ? 'revoked' : 'expired';
    upsertSearchAttributes([{ key: SA.status, value: `granted_${grant}` }]);
  }
}
