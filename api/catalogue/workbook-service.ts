/**
 * Importing and exporting the catalogue as a workbook. An import is checked
 * whole (every cell, every entry, the directory and the steward's department)
 * before anything is stored; then the rows that add or change entries become
 * one draft, reviewed and 核定 like any other (art. 7, 9) before its entries
 * are published as versions with the import's reason. Rows that match the
 * catalogue change nothing, so re-importing an export files no draft.
 */
import { allResources, recordedEntries } from '../../db/catalogue-repository';
import type { User } from '../../db/directory-repository';
import type { ResourceInput } from '../../domain/catalogue/resource';
import { auditByUser } from '../cases/audit';
import { createCatalogueEntryService } from '../catalogue_entry/service';
import type { ApiDeps } from '../http/deps';
import { unprocessable, type FieldProblem } from '../http/errors';
import { catalogueWorkbook, readCatalogueWorkbook } from './catalogue-spreadsheet';
import { entryRuleProblems, refusedClassification } from './entry-rules';
import { entryChanges } from '../../domain/catalogue/versions';

export function createCatalogueWorkbookService(deps: ApiDeps) {
  const { db } = deps;
  const drafts = createCatalogueEntryService(deps);

  return {
    /** The catalogue's entries, or one provider's, as a workbook. */
    async exportWorkbook(provider?: string): Promise<Buffer> {
      return catalogueWorkbook(await allResources(db, { provider }));
    },

    async importWorkbook(user: User, bytes: Buffer, reason: string, key: string, ip: string | null) {
      const { entries, problems } = await readCatalogueWorkbook(bytes);
      const refused: FieldProblem[] = [...problems];
      const codes = entries.map((e) => e.entry.code);
      const providers = new Map<string, string>(
        codes.length
          ? (await db('resources').whereIn('code', codes).select('code', 'provider_department')).map(
              (r: { code: string; provider_department: string }) => [r.code, r.provider_department],
            )
          : [],
      );
      for (const { entry, at } of entries) {
        const own = user.department.code;
        if (entry.providerDepartment !== own)
          refused.push({
            path: at('providerDepartment'),
            code: 'not_your_department',
            message: `${entry.code}: provided by ${entry.providerDepartment}; a data steward imports only their own department's entries (${own})`,
          });
        const holder = providers.get(entry.code);
        if (holder && holder !== own)
          refused.push({
            path: at('code'),
            code: 'resource_of_another_department',
            message: `${entry.code} is ${holder}'s entry; a code names one resource`,
          });
        const classified = await refusedClassification(db, user, entry, ip, 'import');
        if (classified)
          refused.push({
            path: at('classification'),
            code: 'classified_resource',
            message: `${entry.code}: ${classified}`,
          });
        for (const p of await entryRuleProblems(db, entry))
          refused.push({ ...p, path: at(p.path), message: `${entry.code}: ${p.path}: ${p.message}` });
      }
      if (refused.length) {
        await auditByUser(db, user, {
          action: 'resource.import_refused',
          entityType: 'resource',
          entityId: user.department.code,
          ip,
          detail: { problems: refused.length, first: refused[0].path },
        });
        throw unprocessable('invalid_catalogue_workbook', 'workbook', refused);
      }

      // Rows that match the catalogue change nothing; the others go to review as one draft (art. 9).
      const recorded = await recordedEntries(db, codes);
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const changed: ResourceInput[] = [];
      for (const { entry } of entries) {
        const before = recorded.get(entry.code);
        if (before && entryChanges(before, entry).length === 0) counts.unchanged += 1;
        else {
          counts[before ? 'updated' : 'created'] += 1;
          changed.push(entry);
        }
      }
      const draft = changed.length ? (await drafts.fileChecked(user, key, changed, reason, ip)).draft : null;
      await auditByUser(db, user, {
        action: 'resource.import',
        entityType: 'resource',
        entityId: user.department.code,
        ip,
        detail: { ...counts, reason, draft: draft?.id ?? null },
      });
      return { ...counts, draftId: draft?.id ?? null };
    },
  };
}
