/**
 * Benchmark 2: the inbox and the dashboard at scale. MariaDB is bulk-seeded
 * with 1,000,000 sharing requests and 100,000 open tasks over the
 * departments (multi-row inserts, no workflows), then GET /api/tasks for an
 * approver and GET /api/dashboard/sla for a supervisor are timed, beside a
 * baseline of GET /healthz (the same stack answering without those queries).
 * Targets: inbox p95 ≤ 20 ms, dashboard p95 ≤ 100 ms. The query plans are printed.
 */
import type { Server } from 'node:http';
import { createApp } from '../api/app';
import { createTemporalGateway } from '../api/temporal-gateway';
import { parseConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { DEMO_DEPARTMENTS } from '../seeds/demo-directory';
import { createTestDb } from '../test/support/databases';
import { startDevServer } from '../test/support/servers';
import { fmt, measure, record } from './support/stats';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const BATCH = 5_000;
const TARGETS = { inbox: 20, dashboard: 100 };

export async function inboxDashboardBench() {
  const [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  const db = t.db;
  const departments = DEMO_DEPARTMENTS.map((d) => d.code);
  const now = Date.now();
  try {
    const seeding = performance.now();
    for (let i = 0; i < REQUESTS; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, REQUESTS - i) }, (_, j) => {
        const n = i + j;
        const at = now - (n % (365 * 86_400)) * 1000;
        return {
          id: `SR-BENCH-${n}`,
          workflow_id: `sharing-request-SR-BENCH-${n}`,
          requested_by: 'zhangwei',
          idempotency_key: `bench-${n}`,
          payload_hash: 'x',
          resource_code: 'RS-SB-001',
          share_type: 'conditional',
          consumer_department: departments[n % departments.length],
          provider_department: departments[(n + 3) % departments.length],
          items: '["参保状态"]',
          purpose: '基准',
          basis: '',
          answers: '{}',
          usage_from: '2026-01-01',
          usage_to: '2026-12-31',
          status: n < TASKS ? 'provider_review' : n % 3 ? 'granted' : 'denied',
          current_step: n < TASKS ? 'provider_review' : null,
          submitted_at_ms: at,
          updated_at_ms: at,
        };
      });
      await db('sharing_requests').insert(rows);
      if ((i / BATCH) % 40 === 0)
        process.stdout.write(`   seeding requests: ${i + rows.length}/${REQUESTS}\n`);
    }
    for (let i = 0; i < TASKS; i += BATCH) {
      const tasks = Array.from({ length: Math.min(BATCH, TASKS - i) }, (_, j) => {
        const n = i + j;
        const dept = departments[(n + 3) % departments.length];
        const started = now - (n % (30 * 86_400)) * 1000;
        const due = started + 14 * 86_400_000;
        return {
          id: `sharing-request-SR-BENCH-${n}.provider_review.1`,
          workflow_id: `sharing-request-SR-BENCH-${n}`,
          process_type: 'sharing_request',
          case_id: `SR-BENCH-${n}`,
          step: 'provider_review',
          department_code: dept,
          role: 'provider_reviewer',
          status: 'open',
          started_at: new Date(started).toISOString(),
          started_at_ms: started,
          deadline: new Date(due).toISOString(),
          due_at_ms: due,
          provisional: false,
          article: 23,
          policy_key: 'panzhihua-2019@2',
          breached: due < now,
          escalation_level: due < now ? 1 : 0,
        };
      });
      await db('tasks').insert(tasks);
      await db('task_candidates').insert(
        tasks.map((x) => ({
          id: `${x.id}|provider_reviewer|${x.department_code}`,
          task_id: x.id,
          role: 'provider_reviewer',
          department_code: x.department_code,
          source: 'actor',
        })),
      );
    }
    await db.raw('ANALYZE TABLE tasks, task_candidates, sharing_requests');
    const seedSeconds = (performance.now() - seeding) / 1000;
    console.log(
      `\n2. Inbox and dashboard at scale: seeded ${REQUESTS} requests and ${TASKS} open tasks in ${fmt(seedSeconds)} s`,
    );

    const app = createApp({
      config: parseConfig({ NODE_ENV: 'test' }),
      db,
      temporal: createTemporalGateway(env.client, 'bench'),
      logger: createLogger('silent', 'bench'),
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const token = async (username: string) =>
      (
        (await (
          await fetch(`${base}/api/auth/dev-login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username }),
          })
        ).json()) as { token: string }
      ).token;
    const approver = await token('zhaoqiang');
    const supervisor = await token('zhengli');
    const get = (path: string, tok?: string) => async () => {
      const res = await fetch(`${base}${path}`, { headers: tok ? { Authorization: `Bearer ${tok}` } : {} });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    const inbox = await measure(200, 4, get('/api/tasks', approver));
    const dashboard = await measure(20, 2, get('/api/dashboard/sla', supervisor));
    const baseline = await measure(200, 4, get('/healthz'));
    console.table({
      'GET /api/tasks (approver)': {
        'p50 ms': fmt(inbox.p50),
        'p95 ms': fmt(inbox.p95),
        'p99 ms': fmt(inbox.p99),
        'target p95': `≤ ${TARGETS.inbox} ms`,
        met: inbox.p95 <= TARGETS.inbox,
      },
      'GET /api/dashboard/sla (supervisor)': {
        'p50 ms': fmt(dashboard.p50),
        'p95 ms': fmt(dashboard.p95),
        'p99 ms': fmt(dashboard.p99),
        'target p95': `≤ ${TARGETS.dashboard} ms`,
        met: dashboard.p95 <= TARGETS.dashboard,
      },
      'GET /healthz (baseline)': {
        'p50 ms': fmt(baseline.p50),
        'p95 ms': fmt(baseline.p95),
        'p99 ms': fmt(baseline.p99),
        'target p95': '',
        met: '',
      },
    });
    const plan = await db.raw(
      `EXPLAIN SELECT tasks.* FROM tasks WHERE EXISTS (SELECT 1 FROM task_candidates WHERE task_candidates.task_id = tasks.id AND task_candidates.role IN ('provider_reviewer','data_steward') AND (task_candidates.department_code IS NULL OR task_candidates.department_code = 'hr-social-security')) AND tasks.status = 'open' ORDER BY tasks.due_at_ms ASC, tasks.id ASC LIMIT 20`,
    );
    console.log('   inbox query plan:');
    console.table(plan[0]);
    server.close();
    const file = record('inbox-dashboard', {
      requests: REQUESTS,
      tasks: TASKS,
      seedSeconds,
      inbox,
      dashboard,
      baseline,
      targets: TARGETS,
      inboxPlan: plan[0],
    });
    console.log(`   written to ${file}`);
  } finally {
    await env.teardown();
    await t.drop();
  }
}
