/**
 * Refused uses of a grant, each with the id the consumer was answered with, so
 * it can be disputed (art. 25). Appended only; the audit log names each one.
 */
import type { Db } from '../connection';
import { exchangeColumns, exchangeFromRow, type ExchangeEntry } from '../log-repository';

/** The use as it was asked for, and why it was refused (the answer's code and message). */
export interface ExchangeRefusal extends ExchangeEntry {
  code: string;
  message: string;
}

function fromRow(r: Record<string, unknown>): ExchangeRefusal {
  return { ...exchangeFromRow(r), code: r.code as string, message: r.message as string };
}

export async function addExchangeRefusal(db: Db, e: ExchangeRefusal): Promise<void> {
  await db('exchange_refusals').insert({ ...exchangeColumns(e), code: e.code, message: e.message });
}

export async function getExchangeRefusal(db: Db, id: string): Promise<ExchangeRefusal | null> {
  const row = await db('exchange_refusals').where({ id }).first();
  return row ? fromRow(row) : null;
}

export async function exchangeRefusalsOf(db: Db, grantId: string): Promise<ExchangeRefusal[]> {
  return (await db('exchange_refusals').where({ grant_id: grantId }).orderBy('at_ms')).map(fromRow);
}
