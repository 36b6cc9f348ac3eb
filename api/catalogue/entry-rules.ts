/**
 * The catalogue's rules that need the database, for an entry sent by a form
 * or a workbook row: the departments it names exist and are active, and a
 * basic resource listing base items is shared (art. 19).
 */
import type { Db } from '../../db/connection';
import { unknownDepartments } from '../../db/directory-repository';
import type { ResourceInput } from '../../domain/catalogue/resource';
import type { FieldProblem } from '../http/errors';

export async function entryRuleProblems(db: Db, r: ResourceInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [
    ...(await unknownDepartments(db, r.statutoryRecipients, 'statutoryRecipients')),
    ...(await unknownDepartments(db, r.contributingDepartments, 'contributingDepartments')),
  ];
  if (r.category === 'basic' && r.shareType === 'not_shared' && r.items.some((i) => i.kind === 'base'))
    problems.push({
      path: 'shareType',
      code: 'base_items_shared',
      message:
        "a basic resource's base items are shared unconditionally (art. 19): it cannot be not_shared while it lists base items",
    });
  return problems;
}
