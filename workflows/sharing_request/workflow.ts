/**
 * The sharing request (共享申请, art. 21–23). By the resource's sharing type:
 * unconditional → granted at once; not shared → rejected at once with the
 * catalogue's legal basis, unless the requester's department is a statutory
 * recipient; otherwise the provider reviews, then the platform authority
 * approves within the policy's period from the provider's approval. Once the
 * provider's deadline has passed the platform authority may decide in its
 * place (art. 22), and its decision is final. The requester may withdraw
 * before a decision. A grant ends by itself when its usage period ends (a
 * durable timer) or earlier when the provider or the platform revokes it. A
 * reform that transfers the resource (art. 9) makes the successor the provider
 * of an open review and of the grants; one that retires it closes an open
 * request (denied, with the reason) and ends the grants.
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
import { actorMatches, type Actor, type CandidateGroup } from '../../domain/roles';
import { SA } from '../../domain/search-attributes';
import { calendarChanged, completeTask, type TaskOutcome } from '../sla/task-contract';
import { articleLabel } from '../../domain/policy/articles';
import { stepPolicy } from '../../domain/policy/policy-document';
import { routeRequest } from './routing';
import {
  CaseRefusal,
  OPEN_REQUEST_STATUSES,
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
import { resourceRetired, resourceTransferred } from '../catalogue_update/contract';
import { CaseRecorder, noticeTo, type CaseEventInput } from '../cases/case-recorder';
import { HumanTasks, refuse } from '../sla/human-tasks';
import { acts } from '../cases/activities-proxy';
import {
  APPROVAL_GOES_WITH_NEXT_STEP,
  FIRST_MOVE_GOES_WITH_NEXT,
  ONE_NAME_PER_PROCESS,
  STATUTORY_AND_DIRECT_REVIEW,
} from '../cases/patches';

const OPEN: ReadonlySet<RequestStatus> = new Set(OPEN_REQUEST_STATUSES);

export async function sharingRequest(input: SharingRequestInput): Promise<SharingRequestResult> {
  const { requestId, resource } = input;
  // A reform may transfer the resource to the department taking over its duty (art. 9).
  let provider = resource.providerDepartment;
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
  const noticeParties: CandidateGroup[] = [
    { role: 'requester', department: consumer },
    { role: 'provider_reviewer', department: provider },
  ];
  const bothDepartments = noticeTo(noticeParties, {
    zh: `${resource.name}(${requestId})`,
    en: `${resource.code} (${requestId})`,
  });

  const route = routeRequest(resource, consumer, input.items);
  // Art. 19: a basic resource's base items are shared unconditionally. A request that mixes them
  // with business items gets the base items at once, as a grant of their own; the rest go by the
  // resource's sharing type. (Only inputs that carry the resource's base items can split.)
  const baseItems = route.kind === 'grant' ? [] : input.items.filter((i) => resource.baseItems?.includes(i));
  const terms = {
    requestId,
    resource,
    consumer,
    purpose: input.purpose,
    usageFrom: input.usageFrom,
    usageTo: input.usageTo,
    usageEndsAt: input.usageEndsAt,
  };
  const eventId = (action: string) => record.eventId(action);
  const keeper = new GrantKeeper(
    { ...terms, items: input.items.filter((i) => !baseItems.includes(i)) },
    bothDepartments,
    eventId,
  );
  const baseKeeper =
    baseItems.length > 0
      ? new GrantKeeper({ ...terms, items: baseItems, part: 'base' }, bothDepartments, eventId)
      : null;
  const keeperFor = (r: { grantId?: string }) =>
    baseKeeper && r?.grantId === baseKeeper.id ? baseKeeper : keeper;
  setHandler(revokeGrant, (r) => keeperFor(r).revoke(r), {
    validator: (r) => keeperFor(r).validateRevocation(r),
  });
  // A reform obligation's decision on the resource (art. 9). Transferred: the successor is the
  // provider from now on, of an open review (its task goes to the successor's reviewers, deadline
  // unchanged) and of the grants (it may revoke them). Retired: an open request is closed with the
  // reason, and the grants end with notice.
  let retirement: { actor: Actor; reason: string } | null = null;
  setHandler(resourceTransferred, async ({ successor, reason }) => {
    if (successor === provider) return;
    provider = successor;
    resource.providerDepartment = successor;
    noticeParties[1] = { role: 'provider_reviewer', department: successor };
    await tasks?.moveParty('provider', successor);
    await moveTo(record.status, { action: 'provider_transferred', reason: `${successor}:${reason}` });
  });
  setHandler(resourceRetired, (r) => {
    retirement ??= r;
    keeper.endWithResource(r);
    baseKeeper?.endWithResource(r);
    tasks?.cancelOpen(r.actor, r.reason);
  });

  /** The step a status names, for the open statuses past routing. */
  const stepOf = (status: RequestStatus) => (OPEN.has(status) && status !== 'submitted' ? status : null);

  /** Records the move to a new status with the event that caused it. */
  function moveTo(
    next: RequestStatus,
    event: CaseEventInput,
    extra: { decisionReason?: string | null; notice?: Notice } = {},
  ): Promise<void> {
    return record.move(next, stepOf(next), event, {
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
      // In the handler, not the validator: this failure is in the history, so it stays as recorded.
      if (record.status !== 'withdrawn')
        refuse(CaseRefusal.Closed, `the request was ${record.status} before it could be withdrawn`);
      return result();
    },
    {
      validator: (w) => {
        if (!actorMatches(w.actor, { role: 'requester', department: consumer }))
          refuse(
            CaseRefusal.Forbidden,
            `only a requester of ${consumer} may withdraw this request`,
            'not_requester',
          );
        if (!OPEN.has(record.status) || withdrawal)
          refuse(
            CaseRefusal.Closed,
            `the request is already ${withdrawal ? 'being withdrawn' : record.status}`,
            'already_closed',
            { status: withdrawal ? 'withdrawn' : record.status },
          );
        // A decision accepted first stands: a withdrawal sent at the same moment changes nothing.
        if (!tasks?.hasUndecidedTask())
          refuse(
            CaseRefusal.Closed,
            'no review is open: the request is still being routed, or a decision on it has just been taken; it can be withdrawn only while a review is open',
            'no_review_open',
          );
      },
    },
  );

  // A route that grants first runs the grant as an ordinary activity, past this workflow task: the
  // filing is recorded at once there. Every other route's first write (a review's opening, a
  // rejection) follows in this task, and records the filing with it.
  const filing = { action: 'submitted', actor: input.requester };
  if (route.kind === 'grant' || baseKeeper) await moveTo('submitted', filing);
  else await record.moveWithNext(FIRST_MOVE_GOES_WITH_NEXT, 'submitted', null, filing);
  const policy = input.policy ?? (await acts.loadPolicyInForce({ at: input.submittedAt }));
  tasks = new HumanTasks({
    processType: SHARING_REQUEST_PROCESS,
    caseId: requestId,
    policy,
    parties: { provider, consumer },
    caseMoveOnOpening: ({ step }) =>
      record.prepare(step as RequestStatus, stepOf(step as RequestStatus), { action: 'task_opened', step }),
    onOpened: async () => {
      // Retired before this task opened: it closes at once.
      if (retirement) tasks!.cancelOpen(retirement.actor, retirement.reason);
    },
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);

  // The base items' grant lives from now on, whatever becomes of the rest.
  let baseLifetime: Promise<unknown> = Promise.resolve();
  if (baseKeeper) {
    await baseKeeper.grant({
      zh: `基础信息项无条件共享,已授权并备案(第十九条):${baseItems.join('、')}`,
      en: `Base items shared unconditionally (art. 19): ${baseItems.join(', ')}`,
    });
    await moveTo('submitted', {
      action: 'base_items_granted',
      reason: `基础信息项无条件共享(第十九条):${baseItems.join('、')}`,
    });
    baseLifetime = baseKeeper.keep();
  }
  // Cases started before art. 21's and art. 22's rules were kept review a statutory request like any other.
  const faithful = route.kind !== 'grant' && route.kind !== 'reject' && patched(STATUTORY_AND_DIRECT_REVIEW);
  if (route.kind === 'reject') {
    await moveTo(
      'denied',
      { action: 'rejected', decision: 'deny', reason: route.reason },
      { decisionReason: route.reason, notice: bothDepartments('共享申请不予共享', 'Request rejected') },
    );
  } else if (route.kind === 'grant') {
    await grantNow('granted_at_once', route.reason);
  } else if (route.kind === 'statutory' && faithful) {
    if (await statutoryReview()) await grantNow('granted');
  } else {
    const decided = await review();
    if (decided) await grantNow('granted');
  }

  if (record.status === 'granted') await grantLifetime();
  await baseLifetime;
  await condition(allHandlersFinished);
  return result();

  /** The article of the city's overall authorisation (art. 22 by default): the escalation that lets the platform act. */
  function authorisationArticle(): string {
    const provider = stepPolicy(policy.document, SHARING_REQUEST_PROCESS, SHARING_STEPS.providerReview);
    return articleLabel(
      provider.escalation.find((e) => e.mayAct)?.citation.article ?? provider.citation.article,
    );
  }

  /** Art. 22's direct authority, where the policy grants it: the platform may decide a provider's review from the start. */
  function directAuthority() {
    const direct = faithful ? policy.document.sharing?.directAuthorisation : undefined;
    return direct?.enabled ? { alsoActing: [{ role: 'platform_approver' as const }] } : {};
  }

  /** What the timeline says of a decision the platform authority took in the provider's place (final). */
  function inProvidersPlace(o: TaskOutcome): string | undefined {
    return actorMatches(o.actor, { role: 'provider_reviewer', department: provider })
      ? undefined
      : `共享平台主管部门依整体授权直接决定,结果向双方备案(${authorisationArticle()})`;
  }

  /**
   * A statutory recipient's request (art. 21): the provider supplies the data, or answers
   * with reasons that the law cited does not cover this use. There is no discretionary
   * denial, and no platform approval after a supply: the law entitles the recipient.
   */
  async function statutoryReview(): Promise<boolean> {
    const step = await tasks!.run(SHARING_STEPS.statutoryReview);
    if (step.kind !== 'done') return withdrawn();
    const o = step.outcome;
    if (o.decision !== 'provide')
      return denied(o, inProvidersPlace(o), ['依法共享依据不适用', 'The cited law does not apply']);
    await recordDecision(o, inProvidersPlace(o));
    return true;
  }

  /** Provider review, then (unless the platform already decided in the provider's place) platform approval. */
  async function review(): Promise<boolean> {
    const byProvider = (o: TaskOutcome) =>
      actorMatches(o.actor, { role: 'provider_reviewer', department: provider });
    // The provider's own approval is followed by the platform review's opening, which closes it.
    const providerStep = await tasks!.run(SHARING_STEPS.providerReview, {
      ...directAuthority(),
      closeWithNext: (o) => o.decision === 'approve' && byProvider(o),
    });
    if (providerStep.kind !== 'done') return withdrawn();
    const first = providerStep.outcome;
    if (first.decision !== 'approve') return denied(first, faithful ? inProvidersPlace(first) : undefined);
    if (!byProvider(first)) {
      await recordDecision(
        first,
        faithful ? inProvidersPlace(first) : `共享平台主管部门依整体授权代为审批(${authorisationArticle()})`,
      );
      return true;
    }
    // The platform review's opening follows at once and records the approval with it.
    await recordDecision(first, undefined, APPROVAL_GOES_WITH_NEXT_STEP);
    const platformStep = await tasks!.run(SHARING_STEPS.platformReview);
    if (platformStep.kind !== 'done') return withdrawn();
    const second = platformStep.outcome;
    if (second.decision !== 'approve') return denied(second);
    await recordDecision(second);
    return true;
  }

  /** Records a decision on the case's timeline; with `withNext` (a patch), with the move that follows it. */
  async function recordDecision(o: TaskOutcome, note?: string, withNext?: string): Promise<void> {
    const event = {
      action: 'decided',
      step: o.step,
      actor: o.actor,
      decision: o.decision,
      reason: [o.reason, note].filter(Boolean).join(';') || null,
    };
    if (withNext) await record.moveWithNext(withNext, record.status, stepOf(record.status), event);
    else await moveTo(record.status, event);
  }

  async function denied(
    o: TaskOutcome,
    note?: string,
    title: [string, string] = ['共享申请未获批准', 'Request denied'],
  ): Promise<false> {
    const reason = [o.reason, note].filter(Boolean).join(';') || null;
    await moveTo(
      'denied',
      {
        action: 'decided',
        step: o.step,
        actor: o.actor,
        decision: o.decision,
        reason: note ? reason : o.reason,
      },
      { decisionReason: o.reason, notice: bothDepartments(...title) },
    );
    return false;
  }

  async function withdrawn(): Promise<false> {
    if (!withdrawal && retirement) return closedByRetirement();
    const w = withdrawal!;
    await moveTo(
      'withdrawn',
      { action: 'withdrawn', actor: w.actor, reason: w.reason?.trim() || null },
      { notice: bothDepartments('共享申请已撤回', 'Request withdrawn') },
    );
    return false;
  }

  /** The resource was retired while the request was open (art. 9): it is closed, not granted, with the reason. */
  async function closedByRetirement(): Promise<false> {
    const r = retirement!;
    await moveTo(
      'denied',
      { action: 'resource_retired', actor: r.actor, reason: r.reason },
      {
        decisionReason: `资源已停用:${r.reason}`,
        notice: bothDepartments('资源已停用,共享申请终止', 'Resource retired; request closed'),
      },
    );
    return false;
  }

  async function grantNow(action: string, reason?: string): Promise<void> {
    if (withdrawal || retirement) {
      await withdrawn();
      return;
    }
    await keeper.grant({
      zh: `共享申请已批准,结果备案(${authorisationArticle()})`,
      en: 'Request granted and filed with both departments',
    });
    // The status moves last, so whoever sees "granted" finds the grant in place.
    await moveTo('granted', { action, ...(reason ? { reason } : {}) }, { decisionReason: null });
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
