/**
 * The append-only logs. This module only appends and reads: nothing in
 * govshare updates or deletes an entry, and triggers refuse it in the database.
 * Every entry is a link of its log's SM3 hash chain (`audit/log-chain-repository.ts`).
 * Entries carry an id, so an activity retried after a timeout appends nothing twice.
 */
import { localIso } from '../domain/calendar/working-days';
import { AUDIT_LOG, EXCHANGE_LOG } from '../domain/audit/log-chain';
import { appendAllToChain, appendToChain } from './audit/log-chain-repository';
import type { Db } from './connection';

export interface AuditEntry {
  id: string;
  at: string;
  actor: string | null;
  actorDepartment: string | null;
  action: string;
  entityType: string;
  entityId: string;
  ip: string | null;
  detail?: unknown;
}

export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  await appendAudits(db, [e]);
}

/** Appends entries in order, under one lock of the chain's head (one transaction's entries together). */
export async function appendAudits(db: Db, entries: AuditEntry[]): Promise<void> {
  await appendAllToChain(db, AUDIT_LOG, entries.map(auditColumns));
}

const auditColumns = (e: AuditEntry) => ({
  id: e.id,
  at_ms: Date.parse(e.at),
  actor: e.actor,
  actor_department: e.actorDepartment,
  action: e.action,
  entity_type: e.entityType,
  entity_id: e.entityId,
  ip: e.ip,
  detail: e.detail === undefined ? null : JSON.stringify(e.detail),
});

type Row = Record<string, unknown>;

export interface ExchangeEntry {
  id: string;
  grantId: string;
  resourceCode: string;
  consumerDepartment: string;
  providerDepartment: string;
  actor: string;
  mode: string;
  items: string[];
  recordCount: number;
  ip: string | null;
  at: string;
}

/** An exchange's columns, as the exchange log (and the register of refused ones) stores them. */
export function exchangeColumns(e: ExchangeEntry): Row & { id: string } {
  return {
    id: e.id,
    grant_id: e.grantId,
    resource_code: e.resourceCode,
    consumer_department: e.consumerDepartment,
    provider_department: e.providerDepartment,
    actor: e.actor,
    mode: e.mode,
    items: JSON.stringify(e.items),
    record_count: e.recordCount,
    ip: e.ip,
    at_ms: Date.parse(e.at),
  };
}

export async function appendExchange(db: Db, e: ExchangeEntry): Promise<void> {
  await appendToChain(db, EXCHANGE_LOG, exchangeColumns(e));
}

export async function exchangesOf(db: Db, grantId: string): Promise<ExchangeEntry[]> {
  const rows = await db('exchange_log').where({ grant_id: grantId }).orderBy('seq');
  return rows.map(exchangeFromRow);
}

/** One exchange still in the log (an archived one is no longer here). */
export async function getExchange(db: Db, id: string): Promise<ExchangeEntry | null> {
  const row = await db('exchange_log').where({ id }).first();
  return row ? exchangeFromRow(row) : null;
}

export function exchangeFromRow(r: Row): ExchangeEntry {
  return {
    id: r.id as string,
    grantId: r.grant_id as string,
    resourceCode: r.resource_code as string,
    consumerDepartment: r.consumer_department as string,
    providerDepartment: r.provider_department as string,
    actor: r.actor as string,
    mode: r.mode as string,
    items: JSON.parse(r.items as string),
    recordCount: Number(r.record_count),
    ip: (r.ip as string | null) ?? null,
    at: localIso(r.at_ms),
  };
}
