/**
 * Benchmark 2: the inbox and the dashboard at scale. MariaDB is bulk-seeded
 * with 1,000,000 sharing requests, 100,000 open tasks over the departments
 * and a done task for every decided request (no workflows), then
 * GET /api/tasks for a department's approver and for the city-wide platform
 * approver, and GET /api/dashboard/sla for a supervisor, are timed beside a
 * baseline of GET /api/me (the same stack: auth, a user read, JSON) in the
 * same run, one caller at a time and then 4 in flight. Targets: inbox p95
 * ≤ 20 ms, dashboard p95 ≤ 100 ms. The plan of
 * every query those endpoints run is printed.
 */
import { createTestDb } from '../scripts/harness/databases';
import { startDevServer } from '../scripts/harness/servers';
import { serveApi } from './support/bench-api';
import { bulkSeed } from './support/bulk-seed';
import { fmt, latencyRow, record, rounds, type Round } from './support/stats';
import type { Db } from '../db/connection';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGETS = { inbox: 20, dashboard: 100 };
/** A production server holds its working set in memory; Debian's default buffer pool is 128 MiB. */
const BUFFER_POOL_MIB = Number(process.env.BENCH_BUFFER_POOL_MIB ?? 2048);

/** Sets MariaDB's InnoDB buffer pool for the run (it resizes online); returns the size to restore. */
async function sizeBufferPool(db: Db, mib: number): Promise<number> {
  const [[{ size }]] = await db.raw('select @@innodb_buffer_pool_size as size');
  const before = Number(size);
  if (before !== mib * 2 ** 20) {
    await db.raw('set global innodb_buffer_pool_size = ?', [mib * 2 ** 20]);
    console.log(`   InnoDB buffer pool ${before / 2 ** 20} MiB → ${mib} MiB for this run`);
  }
  return before;
}

/** The SELECTs one call runs, each with MariaDB's plan (table, access, key, rows, extra). */
async function plansOf(db: Db, call: () => Promise<unknown>) {
  const seen: { sql: string; bindings: unknown[] }[] = [];
  const listen = (q: { sql: string; bindings?: unknown[] }) => {
    if (/^\s*select/i.test(q.sql)) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  db.on('query', listen);
  try {
    await call();
  } finally {
    db.removeListener('query', listen);
  }
  const plans = [];
  for (const q of seen) {
    const [rows] = await db.raw(`EXPLAIN ${q.sql}`, q.bindings as never);
    plans.push({
      sql: q.sql.length > 160 ? `${q.sql.slice(0, 157)}…` : q.sql,
      plan: (rows as Record<string, unknown>[]).map((r) => ({
        table: r.table,
        type: r.type,
        key: r.key,
        rows: r.rows,
        extra: r.Extra,
      })),
    });
  }
  return plans;
}

export async function inboxDashboardBench() {
  const [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  const db = t.db;
  const bufferPool = await sizeBufferPool(db, BUFFER_POOL_MIB);
  try {
    const seeding = performance.now();
    await bulkSeed(db, { requests: REQUESTS, openTasks: TASKS });
    const seedSeconds = (performance.now() - seeding) / 1000;
    console.log(
      `\n2. Inbox and dashboard at scale: seeded ${REQUESTS} requests, ${TASKS} open and ${REQUESTS - TASKS} done tasks in ${fmt(seedSeconds)} s`,
    );
    const api = await serveApi(db, env.client, 'bench');
    const [approver, platform, supervisor] = await Promise.all(
      ['zhaoqiang', 'chenjing', 'zhengli'].map((u) => api.token(u)),
    );
    const calls = {
      inbox: () => api.get('/api/tasks', approver),
      inboxCity: () => api.get('/api/tasks', platform),
      dashboard: () => api.get('/api/dashboard/sla', supervisor),
      baseline: () => api.get('/api/me', approver),
    };
    type Inbox = { total: number; totalCapped: boolean };
    const openCount = (x: Inbox) => `${x.total}${x.totalCapped ? '+' : ''}`;
    const open = (await calls.inbox()) as Inbox;
    const openCity = (await calls.inboxCity()) as Inbox;
    for (const call of Object.values(calls)) await call(); // warm-up: connections, caches, JIT
    // One caller at a time (the latency a person sees), then 4 at once (the API under load).
    const alone = {
      inbox: await rounds(100, 1, ROUNDS, calls.inbox),
      inboxCity: await rounds(100, 1, ROUNDS, calls.inboxCity),
      dashboard: await rounds(20, 1, ROUNDS, calls.dashboard),
      baseline: await rounds(100, 1, ROUNDS, calls.baseline),
    };
    const inbox = await rounds(200, 4, ROUNDS, calls.inbox);
    const inboxCity = await rounds(200, 4, ROUNDS, calls.inboxCity);
    const dashboard = await rounds(40, 4, ROUNDS, calls.dashboard);
    const baseline = await rounds(200, 4, ROUNDS, calls.baseline);
    const verdict = (p95: number, target: number) => `${p95 <= target ? 'met' : 'MISSED'} (≤ ${target} ms)`;
    console.log(`   medians of ${ROUNDS} rounds, one caller at a time and then 4 in flight`);
    const rows = (label: string, one: Round, four: Round, target?: number) => ({
      [`${label}, 1 in flight`]: { ...latencyRow(one), target: target ? verdict(one.p95, target) : '' },
      [`${label}, 4 in flight`]: { ...latencyRow(four), target: target ? verdict(four.p95, target) : '' },
    });
    console.table({
      ...rows(
        `GET /api/tasks, provider reviewer (${openCount(open)} open)`,
        alone.inbox,
        inbox,
        TARGETS.inbox,
      ),
      ...rows(
        `GET /api/tasks, platform approver (${openCount(openCity)} open)`,
        alone.inboxCity,
        inboxCity,
        TARGETS.inbox,
      ),
      ...rows('GET /api/dashboard/sla, supervisor', alone.dashboard, dashboard, TARGETS.dashboard),
      ...rows('GET /api/me (baseline)', alone.baseline, baseline),
    });
    console.log(
      `   p95 over the baseline's, 1 and 4 in flight: inbox ${fmt(alone.inbox.p95 / alone.baseline.p95, 2)}× and ${fmt(inbox.p95 / baseline.p95, 2)}×, city inbox ${fmt(alone.inboxCity.p95 / alone.baseline.p95, 2)}× and ${fmt(inboxCity.p95 / baseline.p95, 2)}×, dashboard ${fmt(alone.dashboard.p95 / alone.baseline.p95, 2)}× and ${fmt(dashboard.p95 / baseline.p95, 2)}×`,
    );
    const plans = {
      inbox: await plansOf(db, calls.inbox),
      dashboard: await plansOf(db, calls.dashboard),
    };
    for (const [name, list] of Object.entries(plans)) {
      console.log(`   query plans of ${name}:`);
      for (const p of list) {
        console.log(`   ${p.sql}`);
        console.table(p.plan);
      }
    }
    await api.close();
    const file = record('inbox-dashboard', {
      requests: REQUESTS,
      openTasks: TASKS,
      bufferPoolMiB: BUFFER_POOL_MIB,
      seedSeconds,
      oneInFlight: alone,
      fourInFlight: { inbox, inboxCity, dashboard, baseline },
      targets: TARGETS,
      met: {
        inboxOneInFlight: alone.inbox.p95 <= TARGETS.inbox && alone.inboxCity.p95 <= TARGETS.inbox,
        inboxFourInFlight: inbox.p95 <= TARGETS.inbox && inboxCity.p95 <= TARGETS.inbox,
        dashboardOneInFlight: alone.dashboard.p95 <= TARGETS.dashboard,
        dashboardFourInFlight: dashboard.p95 <= TARGETS.dashboard,
      },
      plans,
    });
    console.log(`   written to ${file}`);
  } finally {
    await db.raw('set global innodb_buffer_pool_size = ?', [bufferPool]);
    await env.teardown();
    await t.drop();
  }
}
