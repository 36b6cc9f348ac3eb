/** Stores policy versions and finds the one in force at a given moment. */
import type { Db } from './connection';
import {
  PolicyDocumentSchema,
  policyKey,
  type PolicyDocument,
  type PolicyVersion,
} from '../domain/policy/policy-document';
import { insertOnce } from './insert-once';

/** Saves a validated document as a version; saving the same id@version again is a no-op. */
export async function savePolicyVersion(db: Db, document: PolicyDocument): Promise<string> {
  const key = policyKey(document);
  await insertOnce(
    db('policy_versions').insert({
      key,
      policy_id: document.id,
      version: document.version,
      effective_from: document.effectiveFrom,
      document: JSON.stringify(document),
      created_at_ms: Date.now(),
    }),
    'key',
  );
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
  const row: { key: string } | undefined = await db('policy_versions')
    .where('effective_from', '<=', onDate)
    .orderBy([
      { column: 'effective_from', order: 'desc' },
      { column: 'created_at_ms', order: 'desc' },
      { column: 'version', order: 'desc' },
    ])
    .first('key');
  if (!row)
    throw new NoPolicyInForce(`no policy version is in force on ${onDate}; seed the default policy first`);
  const document = (await documentOf(db, row.key))!;
  if (document.effectiveTo !== undefined && document.effectiveTo < onDate)
    throw new NoPolicyInForce(
      `no policy version is in force on ${onDate}: ${row.key} was in force until ${document.effectiveTo} and no later version replaces it`,
    );
  return { key: row.key, document };
}

/** A stored version by its key (id@version), e.g. to name the steps of tasks started under it. */
export async function policyByKey(db: Db, key: string): Promise<PolicyVersion | null> {
  const document = await documentOf(db, key);
  return document ? { key, document } : null;
}

/**
 * Versions are never changed once stored (a second save of id@version is
 * ignored), so each database's documents are read and validated once per
 * process, not on every submission or task view. Per database object: a
 * transaction, or another database, reads its own. Frozen, as every caller
 * shares it.
 */
const validated = new WeakMap<Db, Map<string, Promise<PolicyDocument | null>>>();

function documentOf(db: Db, key: string): Promise<PolicyDocument | null> {
  let documents = validated.get(db);
  if (!documents) validated.set(db, (documents = new Map()));
  let document = documents.get(key);
  if (!document) {
    document = db('policy_versions')
      .where({ key })
      .first('document')
      .then((row?: { document: string }) =>
        row ? deepFreeze(PolicyDocumentSchema.parse(JSON.parse(row.document))) : null,
      );
    // A version not stored yet, or a failed read, is asked again next time.
    const forget = () => {
      documents.delete(key);
    };
    document.then((d) => {
      if (!d) forget();
    }, forget);
    documents.set(key, document);
  }
  return document;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
