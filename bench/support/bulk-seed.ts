/**
 * Bulk-seeds the read models at a city's scale for the inbox and dashboard
 * benchmark, with multi-row inserts and no workflows: sharing requests over the
 * past year, one open task for each open request (a fifth of them already at
 * the platform's step, city-wide), and one done task for each decided request,
 * each with its candidate row, as the SLA mechanism writes them; then the
 * dashboard's daily rollups are counted from them.
 */
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
import type { Db } from '../../db/connection';
import { rebuildInboxRollup } from '../../db/inbox-rollup-repository';
import { rebuildSlaRollups } from '../../db/sla-rollup-repository';
import { DEMO_DEPARTMENTS } from '../../seeds/demo-directory';
import { defaultPolicyKey } from '../../seeds/default-policy';

const BATCH = 4_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SeedCounts {
  requests: number;
  openTasks: number;
}

/** Inserts in batches, printing progress every `every` rows. */
async function inBatches<T>(
  what: string,
  total: number,
  make: (n: number) => T,
  write: (rows: T[]) => Promise<void>,
): Promise<void> {
  const every = Math.max(BATCH, Math.floor(total / 5 / BATCH) * BATCH);
  for (let i = 0; i < total; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, total - i) }, (_, j) => make(i + j));
    await write(rows);
    if ((i + rows.length) % every === 0 || i + rows.length === total)
      process.stdout.write(`   seeding ${what}: ${i + rows.length}/${total}\n`);
  }
}

export async function bulkSeed(db: Db, counts: SeedCounts, now = Date.now()): Promise<void> {
  const departments = DEMO_DEPARTMENTS.map((d) => d.code);
  // Requests spread evenly over the past year, the open ones over its last 30 days (a
  // multiplicative hash scatters neighbours, so every department gets every age).
  const scatter = (n: number, spanMs: number) =>
    now - (((n * 2_654_435_761) % 1_000_003) / 1_000_003) * spanMs;
  const submittedAt = (n: number) =>
    Math.floor(n < counts.openTasks ? scatter(n, 30 * DAY_MS) : scatter(n, 365 * DAY_MS));
  const providerOf = (n: number) => departments[(n + 3) % departments.length];
  await inBatches(
    'requests',
    counts.requests,
    (n) => ({
      id: `SR-BENCH-${n}`,
      workflow_id: sharingWorkflowId(`SR-BENCH-${n}`),
      requested_by: 'zhangwei',
      idempotency_key: `bench-${n}`,
      payload_hash: 'x',
      resource_code: 'RS-SB-001',
      share_type: 'conditional',
      consumer_department: departments[n % departments.length],
      provider_department: providerOf(n),
      items: '["参保状态"]',
      purpose: '基准',
      basis: '',
      answers: '{}',
      usage_from: '2026-01-01',
      usage_to: '2026-12-31',
      status: n < counts.openTasks ? 'provider_review' : n % 3 ? 'granted' : 'denied',
      current_step: n < counts.openTasks ? 'provider_review' : null,
      submitted_at_ms: submittedAt(n),
      updated_at_ms: submittedAt(n),
    }),
    async (rows) => {
      await db('sharing_requests').insert(rows);
    },
  );
  // Read, validated and hashed once: the policy file is the same for every row.
  const policyKey = defaultPolicyKey();
  // Request n has one task: open for the first `openTasks` (every fifth at the platform's
  // city-wide step), done for the others, taking 1 to 20 days, a seventh of them late.
  const task = (n: number) => {
    const open = n < counts.openTasks;
    const platform = open && n % 5 === 0;
    const started = submittedAt(n);
    const due = started + 14 * DAY_MS;
    const completed = open ? null : Math.min(now, started + (24 + (n % 456)) * HOUR_MS);
    const breached = open ? due < now : n % 7 === 0;
    const step = platform ? 'platform_review' : 'provider_review';
    return {
      id: `${sharingWorkflowId(`SR-BENCH-${n}`)}.${step}.1`,
      workflow_id: sharingWorkflowId(`SR-BENCH-${n}`),
      process_type: 'sharing_request',
      case_id: `SR-BENCH-${n}`,
      step,
      department_code: platform ? null : providerOf(n),
      role: platform ? 'platform_approver' : 'provider_reviewer',
      status: open ? 'open' : 'done',
      started_at: new Date(started).toISOString(),
      started_at_ms: started,
      deadline: new Date(due).toISOString(),
      due_at_ms: due,
      provisional: false,
      article: 23,
      policy_key: policyKey,
      breached,
      escalation_level: breached ? 1 : 0,
      decision: open ? null : n % 3 ? 'approve' : 'deny',
      completed_by: open ? null : 'bench',
      completed_at_ms: completed,
    };
  };
  await inBatches('tasks (open, then done) with their candidates', counts.requests, task, async (tasks) => {
    await db('tasks').insert(tasks);
    await db('task_candidates').insert(
      tasks.map((x) => ({
        id: `${x.id}|${x.role}|${x.department_code ?? '*'}`,
        task_id: x.id,
        role: x.role,
        department_code: x.department_code,
        source: 'actor',
        status: x.status,
        due_at_ms: x.due_at_ms,
      })),
    );
  });
  // Rows written around the repositories are counted for the dashboard and the inbox as after any bulk import.
  const counting = performance.now();
  await rebuildSlaRollups(db);
  await rebuildInboxRollup(db);
  process.stdout.write(
    `   dashboard and inbox rollups rebuilt in ${((performance.now() - counting) / 1000).toFixed(1)} s\n`,
  );
  await db.raw('ANALYZE TABLE tasks, task_candidates, sharing_requests');
}
