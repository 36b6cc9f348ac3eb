/**
 * Whether the rollups still agree with a fresh count of the rows they sum.
 * The application keeps them in the transactions that change those rows, so
 * only rows written around it (an import, a restore, a hand-made fix) leave
 * them behind. That matters most for the inbox: it reads which of its
 * caller's groups hold work from `open_task_groups`, so a task whose group is
 * not counted shows in nobody's inbox. The rollup checks (workflows/rollups:
 * the open work's every hour, all every night) find drift with `rollupDrift`
 * and recount what drifted;
 * `npm run rebuild-rollups -- --check` reports it.
 */
import type { Knex } from 'knex';
import type { Db } from './connection';
import { INBOX_ROLLUP } from './inbox-rollup-repository';
import { columnsOf, recount, type RollupDefinition } from './rollup-counts';
import { SLA_ROLLUPS } from './sla-rollup-repository';

/** Every rollup the platform keeps: the dashboard's and the inbox's. */
export const ROLLUPS: readonly RollupDefinition[] = [...SLA_ROLLUPS, INBOX_ROLLUP];

/**
 * The rollups of open work (who may act, what falls due, what breached): what
 * an inbox and the dashboard's open figures read. Counting them afresh reads
 * only the open tasks, so it stays cheap as the history grows; the done tasks'
 * and the requests' rollups read the whole history.
 */
export const OPEN_WORK_ROLLUPS: readonly RollupDefinition[] = ROLLUPS.filter((r) =>
  ['open_task_groups', 'sla_open_daily', 'open_cases', 'sla_breach_daily'].includes(r.table),
);

/** How many of a rollup's rows differ from a fresh count, with the first few of them. */
export interface RollupDrift {
  table: string;
  rows: number;
  examples: {
    key: Record<string, string>;
    stored: Record<string, number>;
    counted: Record<string, number>;
  }[];
}

const EXAMPLES = 5;

type Row = Record<string, unknown>;
const keyValue = (v: unknown) => (typeof v === 'boolean' ? String(Number(v)) : String(v));

async function driftOf(trx: Knex, r: RollupDefinition): Promise<RollupDrift | undefined> {
  const { sql, bindings = [] } = r.recount(trx);
  const columns = columnsOf(r);
  // The recount names its columns by position; the CTE gives them the table's names.
  const fresh: Row[] = await trx
    .raw(`with fresh (${columns.join(', ')}) as (${sql}) select * from fresh`, bindings)
    .then((res: unknown) => (Array.isArray(res) && Array.isArray(res[0]) ? res[0] : res) as Row[]);
  const stored: Row[] = await trx(r.table).select(columns);
  const byKey = new Map<string, { key: Row; stored?: Row; counted?: Row }>();
  const keyOf = (row: Row) => JSON.stringify(r.keys.map((k) => keyValue(row[k])));
  for (const row of stored) byKey.set(keyOf(row), { key: row, stored: row });
  for (const row of fresh) {
    const k = keyOf(row);
    byKey.set(k, { ...(byKey.get(k) ?? { key: row }), counted: row });
  }
  const countsOf = (row: Row | undefined) =>
    Object.fromEntries(r.counts.map((c) => [c, row ? Number(row[c]) : 0]));
  const differs = (a: Record<string, number>, b: Record<string, number>) =>
    r.counts.some((c) => a[c] !== b[c]);
  const examples: RollupDrift['examples'] = [];
  let rows = 0;
  for (const { key, stored: s, counted: c } of byKey.values()) {
    const sc = countsOf(s);
    const cc = countsOf(c);
    const extraDiffers = !!s && !!c && (r.extra ?? []).some((e) => keyValue(s[e]) !== keyValue(c[e]));
    if (!differs(sc, cc) && !extraDiffers) continue;
    rows++;
    if (examples.length < EXAMPLES)
      examples.push({
        key: Object.fromEntries(r.keys.map((k) => [k, keyValue(key[k])])),
        stored: sc,
        counted: cc,
      });
  }
  return rows ? { table: r.table, rows, examples } : undefined;
}

/**
 * The rollups that differ from a fresh count, read in one transaction: the
 * stored rows and the count come from one snapshot, so a change the
 * application is making is seen whole or not at all, never as drift.
 */
export async function rollupDrift(
  db: Db,
  rollups: readonly RollupDefinition[] = ROLLUPS,
): Promise<RollupDrift[]> {
  return db.transaction(async (trx) => {
    const drift: RollupDrift[] = [];
    for (const r of rollups) {
      const d = await driftOf(trx, r);
      if (d) drift.push(d);
    }
    return drift;
  });
}

/** Counts the named rollups afresh, in the caller's transaction. */
export async function recountRollups(trx: Knex, tables: readonly string[]): Promise<void> {
  for (const r of ROLLUPS) if (tables.includes(r.table)) await recount(trx, r);
}
