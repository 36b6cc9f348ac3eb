/**
 * Catalogue drafts (art. 7, 9): whether a draft needs the LG office's 核定, and its publication as
 * new versions with the notices it owes. Idempotent: ids come from the draft.
 */
import { recordedEntries, saveResource } from '../../db/catalogue-repository';
import { unmetObligationsOf } from '../../db/catalogue_update/repository';
import {
  getDraft,
  markDraftPublished,
  releaseDraftCodes,
  type CatalogueDraft,
} from '../../db/catalogue_entry/repository';
import type { Db } from '../../db/connection';
import { ensureFreshnessCase } from '../../db/resource_freshness/repository';
import { appendAudit } from '../../db/log-repository';
import type { ResourceInput } from '../../domain/catalogue/resource';
import { entryOf, narrowings, type Narrowing } from '../../domain/catalogue/versions';
import { entryRuleProblems } from '../../api/catalogue/entry-rules';
import type { DraftAssessment, PublishedDraft } from '../../workflows/catalogue_entry/contract';
import { noticeNarrowing } from './narrowing-notices';

async function draftOrFail(db: Db, draftId: string) {
  const d = await getDraft(db, draftId);
  if (!d) throw new Error(`no catalogue draft ${draftId}`);
  return d;
}

export function createCatalogueEntryActivities(db: Db) {
  return {
    /** Art. 7: an entry not shared, or a change that narrows sharing, is 核定 by the LG office. */
    async assessCatalogueDraft(input: { draftId: string }): Promise<DraftAssessment> {
      const d = await draftOrFail(db, input.draftId);
      const recorded = await recordedEntries(
        db,
        d.entries.map((e) => e.code),
      );
      const entries = d.entries
        .map((e) => ({
          code: e.code,
          notShared: e.shareType === 'not_shared',
          narrowings: narrowings(recorded.get(e.code) ?? null, entryOf(e)) as string[],
        }))
        .filter((e) => e.notShared || e.narrowings.length > 0);
      return { needsVerification: entries.length > 0, entries };
    },

    /**
     * Registers and publishes the draft's entries as new versions in one transaction, recorded as
     * the author's with the draft's reason; then tells the holders of grants on a narrowed entry.
     * Run again, it finds what it published and only repeats the (idempotent) notices.
     */
    async publishCatalogueDraft(input: { draftId: string }): Promise<PublishedDraft> {
      let d = await draftOrFail(db, input.draftId);
      if (!d.published) {
        // Checked again: the catalogue and the directory may have changed since the draft was filed.
        const problems = await rulesBroken(d.entries);
        if (problems.length) return { problems, versions: [], obligations: [] };
        try {
          await publish(d);
        } catch (err) {
          // Another draft took a national code at the same moment: the draft goes back, not round.
          const raced = await rulesBroken(d.entries);
          if (raced.length) return { problems: raced, versions: [], obligations: [] };
          throw err;
        }
        d = await draftOrFail(db, input.draftId);
      }
      const published = d.published!;
      for (const v of published) {
        const entry = d.entries.find((e) => e.code === v.code)!;
        await noticeNarrowing(db, entry, {
          version: v.version,
          created: v.created,
          changes: [],
          narrowings: v.narrowings as Narrowing[],
        });
      }
      const obligations = await unmetObligationsOf(db, d.provider);
      return { problems: [], versions: published, obligations: obligations.map((o) => o.workflowId) };
    },

    /** A withdrawn draft lets its entries go into another draft. */
    async closeCatalogueDraft(input: { draftId: string }): Promise<void> {
      await releaseDraftCodes(db, input.draftId);
    },
  };

  /** What the catalogue's rules find wrong with the entries now, each named by its code. */
  async function rulesBroken(entries: ResourceInput[]): Promise<NonNullable<PublishedDraft['problems']>> {
    const problems: NonNullable<PublishedDraft['problems']> = [];
    for (const e of entries)
      for (const p of await entryRuleProblems(db, e))
        problems.push({ code: e.code, path: p.path, message: p.message });
    return problems;
  }

  /** Saves every entry as its next version and marks the draft published, in one transaction. */
  async function publish(d: CatalogueDraft): Promise<void> {
    await db.transaction(async (trx) => {
      const versions: PublishedDraft['versions'] = [];
      for (const entry of d.entries) {
        const saved = await saveResource(trx, entry, d.author, { reason: d.changeReason });
        versions.push({
          code: entry.code,
          version: saved.version,
          created: saved.created,
          narrowings: saved.narrowings,
          name: entry.name,
          cycle: entry.updateCycle,
        });
        // Its freshness case's row, before the draft's workflow starts the case (art. 20).
        await ensureFreshnessCase(trx, { code: entry.code, provider: entry.providerDepartment });
        if (saved.created)
          await appendAudit(trx, {
            id: `${d.id}#publish#${entry.code}`,
            at: new Date().toISOString(),
            actor: d.author,
            actorDepartment: d.provider,
            action: saved.version === 1 ? 'resource.create' : 'resource.update',
            entityType: 'resource',
            entityId: entry.code,
            ip: null,
            detail: {
              version: saved.version,
              draft: d.id,
              reason: d.changeReason,
              fields: saved.changes.map((c) => c.field),
              narrowings: saved.narrowings,
            },
          });
      }
      await markDraftPublished(trx, d.id, versions);
      await releaseDraftCodes(trx, d.id);
    });
  }
}
