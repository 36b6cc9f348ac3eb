/**
 * The catalogue's rules that need the database, for an entry sent by a form
 * or a workbook row: it is not classified (art. 2), the departments and
 * resources it names exist (and the departments are active), its national code
 * is its own, and a basic resource listing base items is shared (art. 19).
 */
import type { Db } from '../../db/connection';
import { unknownDepartments, type User } from '../../db/directory-repository';
import { classificationRefusal, type ResourceInput } from '../../domain/catalogue/resource';
import { auditByUser } from '../cases/audit';
import type { FieldProblem } from '../http/errors';

/**
 * Why the platform refuses the entry's classification (art. 2), or null. A
 * refusal is audited: an attempt to put classified information on the
 * platform is what an auditor asks about.
 */
export async function refusedClassification(
  db: Db,
  user: User,
  r: ResourceInput,
  ip: string | null | undefined,
  via: 'form' | 'import',
): Promise<string | null> {
  const refusal = classificationRefusal(r.classification);
  if (refusal)
    await auditByUser(db, user, {
      action: 'resource.refused_classified',
      entityType: 'resource',
      entityId: r.code,
      ip: ip ?? undefined,
      detail: { classification: r.classification, via },
    });
  return refusal;
}

export async function entryRuleProblems(db: Db, r: ResourceInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [
    ...(await unknownDepartments(db, r.statutoryRecipients, 'statutoryRecipients')),
    ...(await unknownDepartments(db, r.contributingDepartments, 'contributingDepartments')),
  ];
  if (r.nationalCode) {
    const holder = await db('resources')
      .where({ national_code: r.nationalCode })
      .whereNot({ code: r.code })
      .first('code');
    if (holder)
      problems.push({
        path: 'nationalCode',
        code: 'national_code_taken',
        params: { code: holder.code as string },
        message: `${r.nationalCode} is already the national code of ${holder.code as string}`,
      });
  }
  if (r.relatedResources.length) {
    const known = new Set(
      (await db('resources').whereIn('code', r.relatedResources).pluck('code')) as string[],
    );
    r.relatedResources.forEach((c, i) => {
      if (!known.has(c))
        problems.push({
          path: `relatedResources[${i}]`,
          code: 'unknown_resource',
          params: { code: c },
          message: `no resource ${c} in the catalogue`,
        });
    });
  }
  if (r.category === 'basic' && r.shareType === 'not_shared' && r.items.some((i) => i.kind === 'base'))
    problems.push({
      path: 'shareType',
      code: 'base_items_shared',
      message:
        "a basic resource's base items are shared unconditionally (art. 19): it cannot be not_shared while it lists base items",
    });
  return problems;
}
