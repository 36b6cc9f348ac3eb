/** Stores policy versions and finds the one in force at a given moment. */
import type { Db } from './connection';
import {
  PolicyDocumentSchema,
  policyKey,
  type PolicyDocument,
  type PolicyVersion,
} from '../domain/policy/policy-document';

/** Saves a validated document as a version; saving the same id@version again is a no-op. */
export async function savePolicyVersion(db: Db, document: PolicyDocument): Promise<string> {
  const key = policyKey(document);
  await db('policy_versions')
    .insert({
      key,
      policy_id: document.id,
      version: document.version,
      effective_from: document.effectiveFrom,
      document: JSON.stringify(document),
      created_at_ms: Date.now(),
    })
    .onConflict('key')
    .ignore();
  return key;
}

/**
 * No version is in force on the day asked: none is stored yet, or the latest
 * one's `effectiveTo` (art. 39) has passed and nothing replaced it. The API
 * answers 503 naming it; nothing is filed under a lapsed text.
 */
export class NoPolicyInForce extends Error {
  override readonly name = 'NoPolicyInForce';
}

/**
 * The version in force on a local date (yyyy-MM-dd): the latest effective on
 * or before it, unless that one's effectiveTo has passed (an earlier version
 * it replaced does not come back).
 */
export async function policyInForce(db: Db, onDate: string): Promise<PolicyVersion> {
  const row = await db('policy_versions')
    .where('effective_from', '<=', onDate)
    .orderBy([
      { column: 'effective_from', order: 'desc' },
      { column: 'created_at_ms', order: 'desc' },
      { column: 'version', order: 'desc' },
    ])
    .first();
  if (!row)
    throw new NoPolicyInForce(`no policy version is in force on ${onDate}; seed the default policy first`);
  const document = PolicyDocumentSchema.parse(JSON.parse(row.document));
  if (document.effectiveTo !== undefined && document.effectiveTo < onDate)
    throw new NoPolicyInForce(
      `no policy version is in force on ${onDate}: ${row.key} was in force until ${document.effectiveTo} and no later version replaces it`,
    );
  return { key: row.key, document };
}

/** A stored version by its key (id@version), e.g. to name the steps of tasks started under it. */
export async function policyByKey(db: Db, key: string): Promise<PolicyVersion | null> {
  const row = await db('policy_versions').where({ key }).first();
  return row ? { key: row.key, document: PolicyDocumentSchema.parse(JSON.parse(row.document)) } : null;
}
