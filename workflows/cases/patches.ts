/**
 * The `patched()` markers of changes to workflow code, one place for all of
 * them, so a reader sees which changes running cases may still be replaying.
 * A marker stays until no case started before its change can still run.
 */

/**
 * Each process has one name (workflow type, id prefix, GovshareProcess);
 * GovshareStatus takes only the API's statuses. Cases started before keep the
 * old child workflow type and id of their disputes and the `granted_<end>` status.
 */
export const ONE_NAME_PER_PROCESS = 'one-name-per-process';

/**
 * A statutory recipient's request (art. 21) goes to the provider's
 * `statutory_review` (provide, or the cited law does not apply; no denial),
 * and the platform authority may decide a provider's review at any time where
 * the policy grants it direct authority (art. 22). Cases started before run the
 * ordinary provider review.
 */
export const STATUTORY_AND_DIRECT_REVIEW = 'statutory-and-direct-review';

/**
 * Art. 37: the LG office sets the period of each rectification order, and a
 * missed period gives it a task to decide criticism and suspension (and a
 * referral in serious cases); the timer no longer sanctions by itself.
 */
export const LG_OFFICE_DECIDES_SANCTIONS = 'lg-office-decides-sanctions';

/**
 * Art. 25 (必要时由领导小组最终决定): referral to the leading group is the LG
 * office's decision. The coordination task stays open past its deadline (the
 * breach is escalated) instead of handing the case over by itself.
 */
export const LG_OFFICE_REFERS_TO_RULING = 'lg-office-refers-to-ruling';

/**
 * Art. 20: a published catalogue draft starts the freshness case of each entry it registers (and
 * tells an existing one of a changed update cycle). Drafts published before leave their entries
 * to be watched from their first reported update.
 */
export const DRAFTS_WATCH_FRESHNESS = 'drafts-watch-freshness';

/**
 * Art. 9, done properly: an obligation lists the department's resources and is met when each has a
 * decision (keep, updated, transfer, retire) or by a reasoned "no change" for the whole department.
 * Obligations started before are met, as they were, by any change to any of its resources.
 */
export const OBLIGATION_LISTS_RESOURCES = 'obligation-lists-resources';

/**
 * Art. 9: a change published for a listed resource while its steward's decision on it is under
 * way leaves that decision to stand. Cases started before recorded the change as a second decision.
 */
export const CHANGE_LEAVES_DECISION_UNDER_WAY = 'change-leaves-decision-under-way';

/**
 * The shared activities (case state, policy, deadlines, tasks and their SLA events) run as local
 * activities, within the workflow task that calls them (workflows/cases/activities-proxy.ts).
 * Cases started before call them as activities, through the Temporal server.
 */
export const CASE_WRITES_LOCAL = 'case-writes-local';

/**
 * A step opens in one local activity that computes its schedule on the working calendar and
 * writes its task (`openTaskOnSchedule`); cases started before compute the schedule, then open
 * the task, in two.
 */
export const TASK_OPENS_ON_ITS_SCHEDULE = 'task-opens-on-its-schedule';

/**
 * A task's opening also records the case's move to its step, in the same local activity
 * (`openTaskOnSchedule` with `caseMove`). Cases started before record the move in an activity of
 * its own once the task is open.
 */
export const STEP_OPENS_WITH_CASE_MOVE = 'step-opens-with-case-move';

/**
 * A case's first move (a request's or a correction's filing) is recorded with its next move, in
 * one local activity (`CaseRecorder.moveWithNext`): routing a request is then one activity, its
 * first step's opening. Cases started before recorded it in an activity of its own.
 */
export const FIRST_MOVE_GOES_WITH_NEXT = 'first-move-goes-with-next';

/**
 * A provider's approval is recorded with the platform review's opening, in one local activity
 * (`CaseRecorder.moveWithNext`): the decision's answer waits for one activity fewer. Cases that
 * reached it before recorded the approval in an activity of its own.
 */
export const APPROVAL_GOES_WITH_NEXT_STEP = 'approval-goes-with-next-step';

/**
 * A provider's reply to a correction is recorded with the opening of the consumer's review, in
 * one local activity (`CaseRecorder.moveWithNext`). Cases that replied before recorded the reply in
 * an activity of its own.
 */
export const REPLY_GOES_WITH_NEXT_STEP = 'reply-goes-with-next-step';

/**
 * A provider's approval of a request, or its reply to a correction, closes its task in the same
 * local activity and transaction that opens the next review (`RunOptions.closeWithNext`): the
 * decision's answer waits for one activity fewer, and the inbox never shows the case with neither
 * task open. Cases that reached that point before closed the task in an activity of its own.
 */
export const CLOSURE_GOES_WITH_NEXT_STEP = 'closure-goes-with-next-step';
