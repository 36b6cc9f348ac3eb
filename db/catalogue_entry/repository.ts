/** Catalogue drafts (目录编制审核, art. 7, 9): the row the API files and the workflow moves on, and the codes it holds open. */
import type { Db } from '../connection';
import { localIso } from '../../domain/calendar/working-days';
import type { ResourceInput } from '../../domain/catalogue/resource';
import {
  OPEN_DRAFT_STATUSES,
  type CatalogueEntryFacts,
  type CatalogueEntryStatus,
  type PublishedDraft,
} from '../../workflows/catalogue_entry/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';

export interface CatalogueDraft {
  id: string;
  workflowId: string;
  provider: string;
  author: string;
  changeReason: string;
  title: string;
  entries: ResourceInput[];
  status: CatalogueEntryStatus;
  currentStep: string | null;
  needsVerification: boolean | null;
  published: PublishedDraft['versions'] | null;
  payloadHash: string;
  submittedAt: string;
  updatedAt: string;
}

const fromRow = (r: Record<string, unknown>): CatalogueDraft => ({
  id: r.id as string,
  workflowId: r.workflow_id as string,
  provider: r.provider_code as string,
  author: r.author as string,
  changeReason: r.change_reason as string,
  title: r.title as string,
  entries: JSON.parse(r.entries as string) as ResourceInput[],
  status: r.status as CatalogueEntryStatus,
  currentStep: (r.current_step as string | null) ?? null,
  needsVerification: r.needs_verification === null ? null : Boolean(r.needs_verification),
  published: r.published ? (JSON.parse(r.published as string) as PublishedDraft['versions']) : null,
  payloadHash: r.payload_hash as string,
  submittedAt: localIso(r.submitted_at_ms),
  updatedAt: localIso(r.updated_at_ms),
});

/** An entry some open draft already holds: the draft that holds it. */
export class EntryInOpenDraft extends Error {
  constructor(
    readonly code: string,
    readonly draftId: string,
  ) {
    super(`${code} is already in draft ${draftId}`);
  }
}

async function holderOf(db: Db, codes: readonly string[], except?: string) {
  const q = db('catalogue_draft_codes').whereIn('open_code', codes).first('open_code', 'draft_id');
  return except ? q.whereNot({ draft_id: except }) : q;
}

/**
 * Stores a new draft under its author's Idempotency-Key with its entries' codes held open; answers
 * the stored row (this, or an earlier one with the key). Throws `EntryInOpenDraft` when another open
 * draft holds one of the codes; nothing is stored then.
 */
export async function insertDraft(
  db: Db,
  d: Omit<
    CatalogueDraft,
    'status' | 'currentStep' | 'needsVerification' | 'published' | 'submittedAt' | 'updatedAt'
  > & {
    idempotencyKey: string;
    submittedAtMs: number;
  },
): Promise<CatalogueDraft> {
  const earlier = await findDraftByKey(db, d.author, d.idempotencyKey);
  if (earlier) return earlier;
  const codes = d.entries.map((e) => e.code);
  try {
    await db.transaction(async (trx) => {
      await trx('catalogue_drafts').insert({
        id: d.id,
        workflow_id: d.workflowId,
        provider_code: d.provider,
        author: d.author,
        change_reason: d.changeReason,
        title: d.title,
        subject_code: codes.length === 1 ? codes[0] : null,
        entries: JSON.stringify(d.entries),
        status: 'entry_review',
        idempotency_key: d.idempotencyKey,
        payload_hash: d.payloadHash,
        submitted_at_ms: d.submittedAtMs,
        updated_at_ms: d.submittedAtMs,
      });
      await trx('catalogue_draft_codes').insert(
        codes.map((code) => ({ draft_id: d.id, resource_code: code, open_code: code })),
      );
    });
  } catch (err) {
    // The same key at the same moment, or a code another draft took first.
    const again = await findDraftByKey(db, d.author, d.idempotencyKey);
    if (again) return again;
    const holder = await holderOf(db, codes);
    if (holder) throw new EntryInOpenDraft(holder.open_code as string, holder.draft_id as string);
    throw err;
  }
  return (await getDraft(db, d.id))!;
}

/** The open draft holding one of these codes, if any (other than `except`). */
export async function openDraftHolding(
  db: Db,
  codes: readonly string[],
  except?: string,
): Promise<{ code: string; draftId: string } | null> {
  if (codes.length === 0) return null;
  const row = await holderOf(db, codes, except);
  return row ? { code: row.open_code as string, draftId: row.draft_id as string } : null;
}

export async function findDraftByKey(db: Db, author: string, key: string): Promise<CatalogueDraft | null> {
  const row = await db('catalogue_drafts').where({ author, idempotency_key: key }).first();
  return row ? fromRow(row) : null;
}

export async function getDraft(db: Db, id: string): Promise<CatalogueDraft | null> {
  const row = await db('catalogue_drafts').where({ id }).first();
  return row ? fromRow(row) : null;
}

/** A department's drafts (or the city's), newest first; `open` keeps those under way. */
export async function listDrafts(
  db: Db,
  q: { provider?: string; open?: boolean; limit: number },
): Promise<CatalogueDraft[]> {
  const rows = await db('catalogue_drafts')
    .modify((b) => {
      if (q.provider) b.where({ provider_code: q.provider });
      if (q.open !== undefined) b[q.open ? 'whereIn' : 'whereNotIn']('status', OPEN_DRAFT_STATUSES);
    })
    .orderBy('submitted_at_ms', 'desc')
    .limit(q.limit);
  return rows.map(fromRow);
}

/**
 * Replaces a returned draft's entries and reason (its department revises it). The codes it holds
 * follow; throws `EntryInOpenDraft` when another open draft holds a new one, changing nothing.
 */
export async function reviseDraft(
  db: Db,
  id: string,
  r: { entries: ResourceInput[]; changeReason: string; title: string; atMs: number },
): Promise<void> {
  const codes = r.entries.map((e) => e.code);
  try {
    await db.transaction(async (trx) => {
      await trx('catalogue_drafts')
        .where({ id })
        .update({
          entries: JSON.stringify(r.entries),
          change_reason: r.changeReason,
          title: r.title,
          subject_code: codes.length === 1 ? codes[0] : null,
          updated_at_ms: r.atMs,
        });
      await trx('catalogue_draft_codes').where({ draft_id: id }).delete();
      await trx('catalogue_draft_codes').insert(
        codes.map((code) => ({ draft_id: id, resource_code: code, open_code: code })),
      );
    });
  } catch (err) {
    const holder = await holderOf(db, codes, id);
    if (holder) throw new EntryInOpenDraft(holder.open_code as string, holder.draft_id as string);
    throw err;
  }
}

/** Lets the draft's codes go: it is published or withdrawn. Idempotent. */
export async function releaseDraftCodes(db: Db, id: string): Promise<void> {
  await db('catalogue_draft_codes').where({ draft_id: id }).update({ open_code: null });
}

/** Records what publishing did. */
export async function markDraftPublished(
  db: Db,
  id: string,
  versions: PublishedDraft['versions'],
): Promise<void> {
  await db('catalogue_drafts')
    .where({ id })
    .update({ published: JSON.stringify(versions) });
}

/** The columns a move's facts set on the draft's row. */
export function draftColumns(f: CatalogueEntryFacts): CaseColumns {
  const c: CaseColumns = {};
  if (f.needsVerification !== undefined) c.needs_verification = f.needsVerification;
  return c;
}

/** The inbox's summary of a draft: the department whose catalogue it changes, its entry, since when. */
export const draftSummary: CaseSummarySpec = {
  from: (db) => db('catalogue_drafts'),
  id: 'catalogue_drafts.id',
  requester: 'catalogue_drafts.provider_code',
  subjectCode: 'catalogue_drafts.subject_code',
  subjectTitle: 'catalogue_drafts.title',
  openedAtMs: 'catalogue_drafts.submitted_at_ms',
  parties: ['catalogue_drafts.provider_code'],
};
