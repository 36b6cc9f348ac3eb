/**
 * The task read model the SLA mechanism writes. Every write is idempotent,
 * keyed by ids derived from the workflow id, so a retried activity never
 * writes twice.
 */
import { localIso } from '../domain/calendar/working-days';
import type { Knex } from 'knex';
import { isMysql, type Db } from './connection';
import { countBreach, countClosed, countOpened, countRescheduled } from './sla-rollup-repository';
import { countGroupsClosed, countGroupsOpened, openCountsOf } from './inbox-rollup-repository';
import { withRollups, type RollupChanges } from './rollup-counts';
import type { CandidateGroup } from '../domain/roles';
import type { Duration } from '../domain/policy/duration';
import { casesMatching, type CaseSummarySpec } from './case-summaries';
import { insertOnce } from './insert-once';

export interface NewTask {
  id: string;
  workflowId: string;
  processType: string;
  caseId: string;
  step: string;
  candidates: CandidateGroup[];
  startedAt: string;
  deadline: string;
  provisional: boolean;
  article: number;
  policyKey: string;
  /** The period an earlier decision set for this task (art. 37's order), when not its policy's. */
  setPeriod?: Duration | null;
}

export function candidateId(taskId: string, group: CandidateGroup): string {
  return `${taskId}|${group.role}|${group.department ?? '*'}`;
}

/**
 * Opens a task in the read model, with its candidate groups and the notices
 * that announce it, in one transaction; a task already there is left as it is.
 * With it, in the same transaction: `closing`, the task the case decided just
 * before, closed first (so the inbox never shows the case between its steps);
 * `andThen`, writes that land after it (the case's move to the task's step).
 * Whether this call opened it.
 */
export async function insertTask(
  db: Db,
  task: NewTask,
  notices: NotificationInput[] = [],
  also: { closing?: TaskClosure; andThen?: (trx: Knex.Transaction) => Promise<void> } = {},
): Promise<boolean> {
  const { closing, andThen } = also;
  const primary = task.candidates[0];
  // READ COMMITTED: looking for a task that is not there takes no gap lock, so openings of
  // different tasks never deadlock. A retried activity racing its first attempt hits the
  // primary key on insert and is retried again, finding the row: it inserts and counts once.
  const mysql = isMysql(db);
  return withRollups(
    db,
    async (trx, rollups) => {
      if (closing) await closeIn(trx, rollups, closing);
      const read = trx('tasks').where({ id: task.id }).first('id');
      const existing = await (mysql ? read.forUpdate() : read);
      if (existing) {
        await addCandidates(trx, rollups, task.id, task.candidates, 'actor');
      } else {
        const row = {
          id: task.id,
          workflow_id: task.workflowId,
          process_type: task.processType,
          case_id: task.caseId,
          step: task.step,
          department_code: primary.department,
          role: primary.role,
          status: 'open',
          started_at: task.startedAt,
          started_at_ms: Date.parse(task.startedAt),
          deadline: task.deadline,
          due_at_ms: Date.parse(task.deadline),
          provisional: task.provisional,
          article: task.article,
          policy_key: task.policyKey,
          set_period: task.setPeriod ? JSON.stringify(task.setPeriod) : null,
        };
        await trx('tasks').insert(row);
        // Counted, and its holders added, from the row just written: nothing to read back.
        countOpened(rollups, row);
        await addCandidates(trx, rollups, task.id, task.candidates, 'actor', row);
      }
      await insertNotifications(trx, notices);
      return !existing;
    },
    mysql ? { isolationLevel: 'read committed' } : {},
    andThen,
  );
}

/**
 * Adds candidate groups to a task (idempotently). Each row carries a copy of
 * the task's status and deadline for the inbox index, read from the task row
 * under its lock.
 */
export async function insertCandidates(
  db: Db,
  taskId: string,
  groups: CandidateGroup[],
  source: 'actor' | 'escalation',
): Promise<void> {
  if (groups.length === 0) return;
  await withRollups(db, (trx, rollups) => addCandidates(trx, rollups, taskId, groups, source));
}

/**
 * insertCandidates' writes, inside a transaction the caller holds. `inserted`: the task's row as
 * this transaction has just inserted it, so it is locked, known, and held by no one yet.
 */
async function addCandidates(
  trx: Knex.Transaction,
  rollups: RollupChanges,
  taskId: string,
  groups: CandidateGroup[],
  source: 'actor' | 'escalation',
  inserted?: { status: string; due_at_ms: number },
): Promise<void> {
  if (groups.length === 0) return;
  let task = inserted;
  let held = new Set<string>();
  if (!task) {
    // The task row's lock orders this against a concurrent close, so the copy is never stale.
    const read = trx('tasks').where({ id: taskId }).first('status', 'due_at_ms');
    task = await (isMysql(trx) ? read.forUpdate() : read);
    if (!task) return;
    // Under that lock, the groups not yet held are the ones this write adds (and counts).
    held = new Set(
      (await trx('task_candidates').where({ task_id: taskId }).select('id')).map((r: Row) => r.id as string),
    );
  }
  const byId = new Map(groups.map((g) => [candidateId(taskId, g), g]));
  const added = [...byId].filter(([id]) => !held.has(id)).map(([, g]) => g);
  if (added.length === 0) return;
  await trx('task_candidates').insert(
    added.map((g) => ({
      id: candidateId(taskId, g),
      task_id: taskId,
      role: g.role,
      department_code: g.department,
      source,
      status: task.status,
      due_at_ms: task.due_at_ms,
    })),
  );
  if (task.status === 'open') countGroupsOpened(rollups, added);
}

/**
 * The task's holders are now `groups` (a party of its case became another department, e.g. a
 * resource transferred to the department taking over its duty): its own candidate groups are
 * replaced, escalation recipients kept, and the notices announce it to the new holders, in one
 * transaction. Replacing them again with the same groups changes nothing.
 */
export async function replaceCandidates(
  db: Db,
  taskId: string,
  groups: CandidateGroup[],
  notices: NotificationInput[],
): Promise<void> {
  await withRollups(db, async (trx, rollups) => {
    const read = trx('tasks').where({ id: taskId }).first('status');
    const task = await (isMysql(db) ? read.forUpdate() : read);
    if (!task || task.status !== 'open') return;
    const replaced = trx('task_candidates').where({ task_id: taskId, source: 'actor' });
    countGroupsClosed(
      rollups,
      groupsOf(await replaced.clone().where({ status: 'open' }).select('role', 'department_code')),
    );
    await replaced.delete();
    await trx('tasks')
      .where({ id: taskId })
      .update({ department_code: groups[0].department, role: groups[0].role });
    await addCandidates(trx, rollups, taskId, groups, 'actor');
    await insertNotifications(trx, notices);
  });
}

/**
 * The task's deadline is now `deadline` (computed again after the working calendar changed). When
 * it moved and the task is open, `announce` gives the notices that tell its holders (every group
 * that may act on it, read under the task's lock), written in the same transaction: a retry finds
 * the deadline already moved and sends nothing twice. Answers whether it moved.
 */
export async function updateTaskDeadline(
  db: Db,
  taskId: string,
  deadline: string,
  provisional: boolean,
  announce?: (holders: CandidateGroup[]) => NotificationInput[],
): Promise<boolean> {
  const dueAtMs = Date.parse(deadline);
  return withRollups(db, async (trx, rollups) => {
    const read = trx('tasks').where({ id: taskId }).first('due_at_ms', 'status');
    const before = await (isMysql(db) ? read.forUpdate() : read);
    if (!before) return false;
    await trx('tasks').where({ id: taskId }).update({ deadline, due_at_ms: dueAtMs, provisional });
    await trx('task_candidates').where({ task_id: taskId }).update({ due_at_ms: dueAtMs });
    await countRescheduled(trx, rollups, taskId, Number(before.due_at_ms));
    const moved = Number(before.due_at_ms) !== dueAtMs;
    if (moved && announce && before.status === 'open') {
      const holders = await trx('task_candidates')
        .where({ task_id: taskId })
        .distinct('role', 'department_code')
        .orderBy(['role', 'department_code']);
      await insertNotifications(trx, announce(groupsOf(holders)));
    }
    return moved;
  });
}

export interface SlaEventInput {
  taskId: string;
  kind: 'reminder' | 'breach' | 'escalation';
  level: number;
  at: string;
  detail?: unknown;
}

export function slaEventId(e: Pick<SlaEventInput, 'taskId' | 'kind' | 'level'>): string {
  return `${e.taskId}#${e.kind}#${e.level}`;
}

/**
 * Records the SLA events of one task that fell due together (what its workflow finds on
 * waking after an outage: a reminder, the breach, each escalation level), the candidate
 * groups its escalations let act, and the notices they all send, in one transaction: a
 * handful of statements and one commit, however many events there are.
 */
export async function recordDueSlaEvents(
  db: Db,
  due: {
    taskId: string;
    events: SlaEventInput[];
    escalationCandidates: CandidateGroup[];
    notices: NotificationInput[];
  },
): Promise<void> {
  await withRollups(db, async (trx, rollups) => {
    await applySlaEvents(trx, rollups, due.taskId, due.events);
    await addCandidates(trx, rollups, due.taskId, due.escalationCandidates, 'escalation');
    await insertNotifications(trx, due.notices);
  });
}

/** Records each event once; a breach marks the task breached (and counts it), an escalation raises its level. */
async function applySlaEvents(
  trx: Knex.Transaction,
  rollups: RollupChanges,
  taskId: string,
  events: SlaEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await insertOnce(
    trx('sla_events').insert(
      events.map((e) => ({
        id: slaEventId(e),
        task_id: e.taskId,
        kind: e.kind,
        level: e.level,
        at: e.at,
        at_ms: Date.parse(e.at),
        detail: e.detail === undefined ? null : JSON.stringify(e.detail),
      })),
    ),
    'id',
  );
  if (events.some((e) => e.kind === 'breach')) {
    const flipped = await trx('tasks').where({ id: taskId, breached: false }).update({ breached: true });
    if (flipped > 0) await countBreach(trx, rollups, taskId);
  }
  const level = Math.max(0, ...events.filter((e) => e.kind === 'escalation').map((e) => e.level));
  if (level > 0)
    await trx('tasks')
      .where({ id: taskId })
      .andWhere('escalation_level', '<', level)
      .update({ escalation_level: level });
}

export interface TaskClosure {
  taskId: string;
  status: 'done' | 'cancelled';
  decision: string | null;
  reason: string | null;
  by: string | null;
  at: string;
}

/** Closes an open task (and counts it for the dashboard); closing a closed task changes nothing. */
export async function closeTaskRow(db: Db, c: TaskClosure): Promise<void> {
  await withRollups(db, (trx, rollups) => closeIn(trx, rollups, c));
}

/** Closes an open task inside a transaction that writes `rollups` at its end. */
async function closeIn(trx: Knex.Transaction, rollups: RollupChanges, c: TaskClosure): Promise<void> {
  const changed = await trx('tasks')
    .where({ id: c.taskId, status: 'open' })
    .update({
      status: c.status,
      decision: c.decision,
      reason: c.reason,
      completed_by: c.by,
      completed_at_ms: Date.parse(c.at),
    });
  if (changed === 0) return;
  const candidates = trx('task_candidates').where({ task_id: c.taskId });
  countGroupsClosed(
    rollups,
    groupsOf(await candidates.clone().where({ status: 'open' }).select('role', 'department_code')),
  );
  await candidates.update({ status: c.status });
  await countClosed(trx, rollups, c.taskId);
}

/** What a notice is about: a new task, a reminder, a breach, an escalation, a case's result, a catalogue change. */
export const NOTICE_KINDS = ['task', 'reminder', 'breach', 'escalation', 'result', 'catalogue'] as const;

export interface NotificationInput {
  id: string;
  recipient: CandidateGroup;
  kind: (typeof NOTICE_KINDS)[number];
  taskId: string | null;
  title: { zh: string; en: string };
}

export async function insertNotifications(db: Db, notes: NotificationInput[]): Promise<void> {
  if (notes.length === 0) return;
  await insertOnce(
    db('notifications').insert(
      notes.map((n) => ({
        id: n.id,
        recipient_role: n.recipient.role,
        recipient_department: n.recipient.department,
        kind: n.kind,
        task_id: n.taskId,
        title_zh: n.title.zh.slice(0, 300),
        title_en: n.title.en.slice(0, 300),
        created_at_ms: Date.now(),
      })),
    ),
    'id',
  );
}

/** Workflows with an open task whose deadline is provisional: they recompute after a calendar import. */
export async function workflowsWithProvisionalTasks(db: Db): Promise<string[]> {
  const rows = await db('tasks').where({ status: 'open', provisional: true }).distinct('workflow_id');
  return rows.map((r: { workflow_id: string }) => r.workflow_id);
}

export interface TaskRow {
  id: string;
  workflowId: string;
  processType: string;
  caseId: string;
  step: string;
  department: string | null;
  role: string;
  status: 'open' | 'done' | 'cancelled';
  claimedBy: string | null;
  startedAt: string;
  deadline: string;
  provisional: boolean;
  article: number;
  policyKey: string;
  /** The period an earlier decision set for it, when not its policy's (art. 37's order). */
  setPeriod: Duration | null;
  breached: boolean;
  escalationLevel: number;
  decision: string | null;
  reason: string | null;
  completedBy: string | null;
  /** The absent colleague a delegate decided it for (代理), if any. */
  completedFor: string | null;
  completedAt: string | null;
  candidates: CandidateGroup[];
}

type Row = Record<string, unknown>;

/** Candidate rows' groups. */
const groupsOf = (rows: Row[]): CandidateGroup[] =>
  rows.map((c) => ({
    role: c.role as CandidateGroup['role'],
    department: (c.department_code as string | null) ?? null,
  }));

function candidatesOf(db: Db, taskIds: string[]): Promise<Row[]> {
  return db('task_candidates').whereIn('task_id', taskIds).orderBy(['task_id', 'source', 'id']);
}

function toTaskRows(rows: Row[], candidates: Row[]): TaskRow[] {
  return rows.map((r) => ({
    id: r.id as string,
    workflowId: r.workflow_id as string,
    processType: r.process_type as string,
    caseId: r.case_id as string,
    step: r.step as string,
    department: (r.department_code as string | null) ?? null,
    role: r.role as string,
    status: r.status as TaskRow['status'],
    claimedBy: (r.claimed_by as string | null) ?? null,
    startedAt: r.started_at as string,
    deadline: r.deadline as string,
    provisional: Boolean(r.provisional),
    article: Number(r.article),
    policyKey: r.policy_key as string,
    setPeriod: r.set_period ? (JSON.parse(r.set_period as string) as Duration) : null,
    breached: Boolean(r.breached),
    escalationLevel: Number(r.escalation_level),
    decision: (r.decision as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    completedBy: (r.completed_by as string | null) ?? null,
    completedFor: (r.completed_for as string | null) ?? null,
    completedAt: r.completed_at_ms == null ? null : localIso(r.completed_at_ms),
    candidates: groupsOf(candidates.filter((c: Row) => c.task_id === r.id)),
  }));
}

/**
 * `q` (over `tasks as t`) joined with each task's candidate groups, so a list of tasks and their
 * groups come in one round trip: a task's columns come once per group, in the order `q` sets,
 * then by group. Read the rows with `joinedTaskRows`.
 */
function withCandidateGroups(q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q
    .leftJoin('task_candidates as c', 'c.task_id', 't.id')
    .select('t.*', 'c.role as candidate_role', 'c.department_code as candidate_department')
    .orderBy([
      { column: 'c.source', order: 'asc' },
      { column: 'c.id', order: 'asc' },
    ]);
}

/** The tasks of rows `withCandidateGroups` read, in the order they first come. */
function joinedTaskRows(joined: Row[]): TaskRow[] {
  const rows = new Map<string, Row>();
  const candidates: Row[] = [];
  for (const r of joined) {
    if (!rows.has(r.id as string)) rows.set(r.id as string, r);
    if (r.candidate_role != null)
      candidates.push({ task_id: r.id, role: r.candidate_role, department_code: r.candidate_department });
  }
  return toTaskRows([...rows.values()], candidates);
}

export async function getTask(db: Db, id: string): Promise<TaskRow | null> {
  const [task] = joinedTaskRows(await withCandidateGroups(db('tasks as t').where('t.id', id)));
  return task ?? null;
}

export async function tasksOfCase(db: Db, caseId: string): Promise<TaskRow[]> {
  return joinedTaskRows(
    await withCandidateGroups(
      db('tasks as t')
        .where('t.case_id', caseId)
        .orderBy([
          { column: 't.started_at_ms', order: 'asc' },
          { column: 't.id', order: 'asc' },
        ]),
    ),
  );
}

/** The open tasks of the cases `caseIds`, with their candidate groups, in one query; in each case's order of opening. */
export async function openTasksOfCases(db: Db, caseIds: readonly string[]): Promise<TaskRow[]> {
  if (caseIds.length === 0) return [];
  return joinedTaskRows(
    await withCandidateGroups(
      db('tasks as t')
        .whereIn('t.case_id', caseIds)
        .where('t.status', 'open')
        .orderBy([
          { column: 't.started_at_ms', order: 'asc' },
          { column: 't.id', order: 'asc' },
        ]),
    ),
  );
}

export interface SlaEventRow {
  taskId: string;
  kind: 'reminder' | 'breach' | 'escalation';
  level: number;
  at: string;
  detail: Record<string, unknown> | null;
}

export async function slaEventsOfTasks(db: Db, taskIds: string[]): Promise<SlaEventRow[]> {
  if (taskIds.length === 0) return [];
  const rows = await db('sla_events').whereIn('task_id', taskIds).orderBy(['at_ms', 'id']);
  return rows.map((r: Row) => ({
    taskId: r.task_id as string,
    kind: r.kind as SlaEventRow['kind'],
    level: Number(r.level),
    at: localIso(r.at_ms),
    detail: r.detail == null ? null : JSON.parse(r.detail as string),
  }));
}

/** The inbox counts its tasks up to this many; past it the total reads as "1000+". */
export const INBOX_TOTAL_CAP = 1000;

export interface InboxFilter {
  /** The caller: their department and roles decide which tasks they see. */
  username: string;
  department: string;
  roles: string[];
  status: 'open' | 'done';
  mine: boolean;
  /** With `mine`: also the tasks these people claimed (colleagues whose tasks the caller decides while they are away). */
  standingInFor?: string[];
  /** Only tasks nobody has claimed. */
  unclaimed?: boolean;
  overdue: boolean;
  /** Only open tasks due at or before this instant (ms). */
  dueBeforeMs?: number;
  processType?: string;
  /** Only tasks of cases this names (by case id, requesting department or subject), read through each process's summary. */
  search?: { term: string; specs: readonly CaseSummarySpec[] };
  nowMs: number;
  page: number;
  pageSize: number;
}

/** Keeps the tasks (joined as `t`) of the cases a search names. */
function searched(db: Db, q: Knex.QueryBuilder, search: InboxFilter['search']): void {
  if (!search) return;
  q.where((w) => {
    for (const spec of search.specs) w.orWhereIn('t.case_id', casesMatching(db, spec, search.term));
  });
}

/**
 * The caller's inbox: tasks one of their candidate groups may act on, soonest
 * deadline first. Each group (role × own department or city-wide) is read off
 * `task_candidates_inbox_idx` in deadline order and cut at the page's end, so
 * a page costs a few index reads however many tasks are open. The total is
 * counted up to INBOX_TOTAL_CAP (`totalCapped` says there are more): nobody
 * pages through a thousand tasks.
 *
 * Open tasks start from the inbox rollup (`open_task_groups`): the groups that
 * hold nothing are left out, and when one group holds all of the caller's
 * work, or one holds more than the cap, the unfiltered total is read off it.
 * Otherwise (several groups may share a task; a filter) the distinct tasks
 * are counted over the same index ranges.
 */
export async function listInbox(
  db: Db,
  f: InboxFilter,
): Promise<{ items: TaskRow[]; total: number; totalCapped: boolean }> {
  // Overdue and due-soon are about open tasks; asked of done tasks they match none.
  const none = { items: [], total: 0, totalCapped: false };
  if (f.status === 'done' && (f.overdue || f.dueBeforeMs !== undefined)) return none;
  const statuses = f.status === 'open' ? ['open'] : ['done', 'cancelled'];
  const needsTask = f.mine || f.unclaimed || f.processType !== undefined || f.search !== undefined;
  let groups: CandidateGroup[] = (f.roles.length ? f.roles : ['-']).flatMap((role) =>
    [f.department, null].map((department) => ({ role: role as CandidateGroup['role'], department })),
  );
  let counted: number | undefined;
  if (f.status === 'open') {
    const held = (await openCountsOf(db, groups)).filter((g) => g.open > 0);
    if (held.length === 0) return none;
    groups = held;
    const unfiltered = !f.overdue && f.dueBeforeMs === undefined && !needsTask;
    const most = Math.max(...held.map((g) => g.open));
    if (unfiltered && (held.length === 1 || most > INBOX_TOTAL_CAP)) counted = most;
  }
  const filtered = (q: Knex.QueryBuilder) => {
    if (f.overdue) q.where('c.due_at_ms', '<', f.nowMs);
    if (f.dueBeforeMs !== undefined) q.where('c.due_at_ms', '<=', f.dueBeforeMs);
    if (needsTask) {
      q.join('tasks as t', 't.id', 'c.task_id');
      if (f.mine)
        q.where((w) =>
          w
            .whereIn('t.claimed_by', [f.username, ...(f.standingInFor ?? [])])
            .orWhere('t.completed_by', f.username),
        );
      if (f.unclaimed) q.whereNull('t.claimed_by');
      if (f.processType) q.where('t.process_type', f.processType);
      searched(db, q, f.search);
    }
    return q;
  };
  const ofGroup = (q: Knex.QueryBuilder, g: CandidateGroup) =>
    g.department === null
      ? q.where('c.role', g.role).whereNull('c.department_code')
      : q.where({ 'c.role': g.role, 'c.department_code': g.department });
  const end = f.page * f.pageSize;
  const ranges = groups.flatMap((g) =>
    statuses.map((status) =>
      filtered(
        ofGroup(db('task_candidates as c').select('c.task_id', 'c.due_at_ms'), g).where('c.status', status),
      ).orderBy([
        { column: 'c.due_at_ms', order: 'asc' },
        { column: 'c.task_id', order: 'asc' },
      ]),
    ),
  );
  // One range comes off the index in order, each task once: the page is a slice of it. Several
  // are each cut at the page's end and merged, keeping once a task that two groups share.
  const page =
    ranges.length === 1
      ? ranges[0].limit(f.pageSize).offset(end - f.pageSize)
      : db
          .from(
            ranges
              .map((r, i) => db.select('*').from(r.limit(end).as(`b${i}`)))
              .reduce((union, next) => union.unionAll(next))
              .as('u'),
          )
          .distinct('task_id', 'due_at_ms')
          .orderBy([
            { column: 'due_at_ms', order: 'asc' },
            { column: 'task_id', order: 'asc' },
          ])
          .limit(f.pageSize)
          .offset(end - f.pageSize);
  // The page's tasks and their groups come with it in one round trip; the total, if counted, beside it.
  const [joined, n] = await Promise.all([
    withCandidateGroups(
      db
        .from(page.as('p'))
        .join('tasks as t', 't.id', 'p.task_id')
        .orderBy([
          { column: 'p.due_at_ms', order: 'asc' },
          { column: 'p.task_id', order: 'asc' },
        ]),
    ),
    counted ??
      db
        .from(
          filtered(
            db('task_candidates as c')
              .whereIn('c.status', statuses)
              .andWhere((w) => {
                for (const g of groups) w.orWhere((one) => ofGroup(one, g));
              }),
          )
            .distinct('c.task_id')
            .limit(INBOX_TOTAL_CAP + 1)
            .as('counted'),
        )
        .count({ n: '*' })
        .then(([row]) => Number(row.n)),
  ]);
  return {
    items: joinedTaskRows(joined),
    total: Math.min(n, INBOX_TOTAL_CAP),
    totalCapped: n > INBOX_TOTAL_CAP,
  };
}

/**
 * What the caller's department has done (已办): tasks completed by anyone of
 * their department, through one of the caller's groups, the latest first.
 * Only what a person decided: a task cancelled with its case is nobody's
 * action. Counted up to INBOX_TOTAL_CAP, like the inbox.
 */
export async function listDone(
  db: Db,
  f: Omit<InboxFilter, 'status' | 'overdue' | 'dueBeforeMs' | 'unclaimed' | 'nowMs'>,
): Promise<{ items: TaskRow[]; total: number; totalCapped: boolean }> {
  const roles = f.roles.length ? f.roles : ['-'];
  const q = db('tasks as t')
    .where('t.status', 'done')
    .whereIn(
      't.completed_by',
      f.mine ? [f.username] : db('users').select('username').where('department_code', f.department),
    )
    .whereExists((c) =>
      c
        .select(db.raw('1'))
        .from('task_candidates as c')
        .whereRaw('c.task_id = t.id')
        .whereIn('c.role', roles)
        .andWhere((w) => w.where('c.department_code', f.department).orWhereNull('c.department_code')),
    );
  if (f.processType) q.where('t.process_type', f.processType);
  searched(db, q, f.search);
  const [rows, [{ n }]] = await Promise.all([
    q
      .clone()
      .select('t.*')
      .orderBy([
        { column: 't.completed_at_ms', order: 'desc' },
        { column: 't.id', order: 'desc' },
      ])
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .from(
        q
          .clone()
          .select('t.id')
          .limit(INBOX_TOTAL_CAP + 1)
          .as('counted'),
      )
      .count({ n: '*' }),
  ]);
  const ids = rows.map((r: Row) => r.id as string);
  return {
    items: toTaskRows(rows, ids.length ? await candidatesOf(db, ids) : []),
    total: Math.min(Number(n), INBOX_TOTAL_CAP),
    totalCapped: Number(n) > INBOX_TOTAL_CAP,
  };
}

/**
 * Claims an open task for a user, or releases it (`claim` false). Only the
 * claimer may release; a task claimed by someone else stays theirs. Returns
 * whether the row changed.
 */
export async function setClaim(db: Db, taskId: string, by: string, claim: boolean): Promise<boolean> {
  const q = db('tasks').where({ id: taskId, status: 'open' });
  if (claim) q.andWhere((w) => w.whereNull('claimed_by').orWhere('claimed_by', by));
  else q.andWhere('claimed_by', by);
  return (await q.update({ claimed_by: claim ? by : null })) > 0;
}
