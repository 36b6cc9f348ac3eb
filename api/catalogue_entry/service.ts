/**
 * Catalogue drafts (art. 7, 9): a data steward submits new or changed entries of their own
 * department's catalogue, idempotently under an Idempotency-Key; the draft's workflow has them
 * reviewed, 核定 where needed, and published. Until then they are the department's own: other
 * departments neither see the draft nor find its entries changed in the catalogue.
 */
import type { z } from 'zod';
import { caseEvents } from '../../db/case-repository';
import { getResource, recordedEntries } from '../../db/catalogue-repository';
import {
  EntryInOpenDraft,
  findDraftByKey,
  getDraft,
  insertDraft,
  listDrafts,
  openDraftHolding,
  reviseDraft,
  type CatalogueDraft,
} from '../../db/catalogue_entry/repository';
import type { User } from '../../db/directory-repository';
import type { ResourceInput } from '../../domain/catalogue/resource';
import { entryChanges, entryOf, narrowings } from '../../domain/catalogue/versions';
import {
  CATALOGUE_ENTRY_ID_PREFIX,
  CATALOGUE_ENTRY_LABEL,
  CATALOGUE_ENTRY_PROCESS,
  CATALOGUE_ENTRY_STEPS,
  catalogueEntryWorkflowId,
} from '../../workflows/catalogue_entry/contract';
import type { catalogueEntry } from '../../workflows/catalogue_entry/workflow';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import { departmentScope, isCityUser, mayMaintainEntry, mayReadCase } from '../auth/policies';
import { entryRuleProblems, refusedClassification } from '../catalogue/entry-rules';
import { auditByUser } from '../cases/audit';
import { newCaseId } from '../cases/case-ids';
import { createCaseProgress } from '../cases/case-progress';
import { settle } from '../cases/settle';
import { directoryNames } from '../directory/names';
import { MAX_LIST } from '../http/common-schemas';
import type { ApiDeps } from '../http/deps';
import { HttpError, unprocessable, type FieldProblem } from '../http/errors';
import { payloadHash, sameFiling } from '../http/idempotency';
import { actorOf } from '../tasks/service';
import { createTaskViews } from '../tasks/task-views';
import type { DraftBodySchema } from './schemas';

type DraftBody = z.infer<typeof DraftBodySchema>;

/** What the inbox and the notices call a draft: its entry's name, or the first's and how many. */
function titleOf(entries: readonly ResourceInput[]): { zh: string; en: string } {
  const [first] = entries;
  return entries.length === 1
    ? { zh: first.name, en: first.code }
    : { zh: `${first.name}等${entries.length}条目录`, en: `${first.code} and ${entries.length - 1} more` };
}

export function createCatalogueEntryService(deps: Pick<ApiDeps, 'db' | 'temporal'>) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  /**
   * The draft's entries checked as the catalogue's own rules check a form, each problem named by
   * its entry (`entries[2].shareType`); the entries that change nothing are left out.
   */
  async function checkedEntries(
    user: User,
    entries: ResourceInput[],
    ip: string | null | undefined,
  ): Promise<ResourceInput[]> {
    const problems: FieldProblem[] = [];
    const at = (i: number, p: FieldProblem) => ({ ...p, path: `entries[${i}].${p.path}` });
    const seen = new Map<string, number>();
    entries.forEach((e, i) => {
      const first = seen.get(e.code);
      if (first !== undefined)
        problems.push({
          path: `entries[${i}].code`,
          code: 'duplicate_entry',
          params: { code: e.code },
          message: `${e.code} is already entries[${first}]`,
        });
      else seen.set(e.code, i);
    });
    const published = await Promise.all(entries.map((e) => getResource(db, e.code)));
    entries.forEach((e, i) => {
      mayMaintainEntry(user, e.providerDepartment, `Resource ${e.code}`);
      const held = published[i];
      if (held) mayMaintainEntry(user, held.providerDepartment.code, `Resource ${e.code}`);
    });
    for (const [i, e] of entries.entries()) {
      const classified = await refusedClassification(db, user, e, ip, 'form');
      if (classified)
        problems.push(at(i, { path: 'classification', code: 'classified', message: classified }));
      for (const p of await entryRuleProblems(db, e)) problems.push(at(i, p));
    }
    if (problems.some((p) => p.code === 'classified'))
      throw unprocessable('classified_resource', 'draft', problems);
    if (problems.length) throw unprocessable('invalid_resource', 'draft', problems);
    const recorded = await recordedEntries(
      db,
      entries.map((e) => e.code),
    );
    const changed = entries.filter((e) => {
      const before = recorded.get(e.code);
      return !before || entryChanges(before, e).length > 0;
    });
    if (changed.length === 0)
      throw unprocessable('nothing_to_review', 'draft', [
        {
          path: 'entries',
          code: 'unchanged',
          message: 'every entry is exactly as the catalogue publishes it: there is nothing to review',
        },
      ]);
    return changed;
  }

  async function heldElsewhere(codes: string[], except?: string): Promise<void> {
    const holder = await openDraftHolding(db, codes, except);
    if (holder) throw inDraft(holder.code, holder.draftId);
  }

  const inDraft = (code: string, draftId: string) =>
    new HttpError(
      409,
      'entry_in_draft',
      `${code} is already in draft ${draftId}, which is under way; revise that draft or wait until it is published or withdrawn.`,
      [
        {
          path: 'entries',
          code: 'entry_in_draft',
          params: { code, draft: draftId },
          message: `in draft ${draftId}`,
        },
      ],
    );

  async function detail(d: CatalogueDraft) {
    const [p, names, recorded] = await Promise.all([
      progress(CATALOGUE_ENTRY_PROCESS, d.id),
      directoryNames(db),
      recordedEntries(
        db,
        d.entries.map((e) => e.code),
      ),
    ]);
    const versionOf = new Map((d.published ?? []).map((v) => [v.code, v.version]));
    return {
      ...summaryFields(d, names),
      entries: d.entries.map((entry) => {
        const before = d.published ? null : (recorded.get(entry.code) ?? null);
        return {
          entry,
          kind: (d.published ? versionOf.get(entry.code) === 1 : !recorded.has(entry.code))
            ? ('new' as const)
            : ('change' as const),
          changes: d.published ? [] : entryChanges(before, entry),
          narrowings: d.published ? [] : narrowings(before, entryOf(entry)),
          notShared: entry.shareType === 'not_shared',
          publishedVersion: versionOf.get(entry.code) ?? null,
        };
      }),
      currentTask: p.currentTask,
      deadlines: p.deadlines,
      timeline: p.timeline,
    };
  }

  function summaryFields(d: CatalogueDraft, names: Awaited<ReturnType<typeof directoryNames>>) {
    return {
      id: d.id,
      provider: d.provider,
      providerName: names.department(d.provider),
      author: d.author,
      authorName: names.person(d.author),
      title: d.title,
      changeReason: d.changeReason,
      status: d.status,
      needsVerification: d.needsVerification,
      submittedAt: d.submittedAt,
      updatedAt: d.updatedAt,
    };
  }

  async function start(d: CatalogueDraft, user: User): Promise<void> {
    await temporal.startCase<typeof catalogueEntry>({
      workflowId: d.workflowId,
      process: CATALOGUE_ENTRY_PROCESS,
      status: CATALOGUE_ENTRY_STEPS.review,
      provider: d.provider,
      metadata: caseMetadata({
        processName: CATALOGUE_ENTRY_LABEL.zh,
        caseId: d.id,
        provider: d.provider,
        ...(d.entries.length === 1 ? { resource: { code: d.entries[0].code, name: d.entries[0].name } } : {}),
      }),
      args: [
        {
          draftId: d.id,
          provider: d.provider,
          author: actorOf(user),
          title: titleOf(d.entries),
          submittedAt: new Date(Date.parse(d.submittedAt)).toISOString(),
        },
      ],
    });
  }

  /** Waits (briefly) until the review task is open, so its deadline shows. */
  const opened = (id: string) =>
    settle(
      async () => (await getDraft(db, id))!,
      (d) => d.currentStep !== null || d.status !== 'entry_review',
    );

  async function again(d: CatalogueDraft, key: string, hash: string, user: User) {
    sameFiling(d, hash, key, 'draft');
    if ((await caseEvents(db, CATALOGUE_ENTRY_PROCESS, d.id)).length === 0) await start(d, user);
    return { created: false, draft: await detail(await opened(d.id)) };
  }

  async function file(
    user: User,
    key: string,
    hash: string,
    entries: ResourceInput[],
    changeReason: string,
    ip: string | null | undefined,
  ) {
    await heldElsewhere(entries.map((e) => e.code));
    const now = new Date();
    const id = newCaseId(CATALOGUE_ENTRY_ID_PREFIX, now);
    let stored: CatalogueDraft;
    try {
      stored = await insertDraft(db, {
        id,
        workflowId: catalogueEntryWorkflowId(id),
        provider: user.department.code,
        author: user.username,
        changeReason: changeReason,
        title: titleOf(entries).zh,
        entries,
        payloadHash: hash,
        idempotencyKey: key,
        submittedAtMs: now.getTime(),
      });
    } catch (err) {
      if (err instanceof EntryInOpenDraft) throw inDraft(err.code, err.draftId);
      throw err;
    }
    if (stored.id !== id) return again(stored, key, hash, user);
    // If Temporal does not answer, the row stays and a retry with the same key starts its workflow.
    await start(stored, user);
    await auditByUser(db, user, {
      action: 'catalogue_draft.submit',
      entityType: CATALOGUE_ENTRY_PROCESS,
      entityId: id,
      ip: ip ?? undefined,
      detail: { codes: entries.map((e) => e.code), reason: changeReason },
    });
    return { created: true, draft: await detail(await opened(id)) };
  }

  async function draftOr404(user: User, id: string): Promise<CatalogueDraft> {
    const d = await getDraft(db, id);
    if (!d) throw new HttpError(404, 'draft_not_found', `No catalogue draft ${id}.`);
    mayReadCase(user, `Catalogue draft ${id}`, [d.provider]);
    return d;
  }

  return {
    async submit(user: User, key: string, body: DraftBody, ip: string | null | undefined) {
      const hash = payloadHash(body);
      const earlier = await findDraftByKey(db, user.username, key);
      if (earlier) return again(earlier, key, hash, user);
      const entries = await checkedEntries(user, body.entries, ip);
      return file(user, key, hash, entries, body.changeReason, ip);
    },

    /**
     * Files entries already checked (a workbook's rows, each checked by its cell) as a draft under
     * `key`: the same key again answers the same draft.
     */
    async fileChecked(
      user: User,
      key: string,
      entries: ResourceInput[],
      changeReason: string,
      ip: string | null,
    ) {
      const hash = payloadHash({ entries, changeReason });
      const earlier = await findDraftByKey(db, user.username, key);
      if (earlier) return again(earlier, key, hash, user);
      return file(user, key, hash, entries, changeReason, ip);
    },

    /** A returned draft's entries and reason replaced by its department; it is then resubmitted from the inbox. */
    async revise(user: User, id: string, body: DraftBody, ip: string | null | undefined) {
      const d = await draftOr404(user, id);
      mayMaintainEntry(user, d.provider, `Catalogue draft ${id}`);
      if (d.status !== 'returned')
        throw new HttpError(
          409,
          'draft_not_returned',
          `Draft ${id} is ${d.status}: only a draft returned for revision is changed.`,
        );
      const entries = await checkedEntries(user, body.entries, ip);
      await heldElsewhere(
        entries.map((e) => e.code),
        id,
      );
      try {
        await reviseDraft(db, id, {
          entries,
          changeReason: body.changeReason,
          title: titleOf(entries).zh,
          atMs: Date.now(),
        });
      } catch (err) {
        if (err instanceof EntryInOpenDraft) throw inDraft(err.code, err.draftId);
        throw err;
      }
      await auditByUser(db, user, {
        action: 'catalogue_draft.revise',
        entityType: CATALOGUE_ENTRY_PROCESS,
        entityId: id,
        ip: ip ?? undefined,
        detail: { codes: entries.map((e) => e.code), reason: body.changeReason },
      });
      return detail((await getDraft(db, id))!);
    },

    async read(user: User, id: string) {
      return detail(await draftOr404(user, id));
    },

    async list(user: User, q: { open?: boolean; provider?: string }) {
      const scope = departmentScope(user);
      const provider = isCityUser(user) ? q.provider : scope;
      const [drafts, names] = await Promise.all([
        listDrafts(db, { provider, open: q.open, limit: MAX_LIST }),
        directoryNames(db),
      ]);
      return {
        items: drafts.map((d) => ({ ...summaryFields(d, names), codes: d.entries.map((e) => e.code) })),
      };
    },
  };
}
