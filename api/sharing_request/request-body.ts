/**
 * A sharing request as a requester submits it, and its checks against the
 * catalogue entry: items that belong to the resource, every condition answered
 * (art. 23), a stated purpose (art. 4(三): 提出明确的共享需求和信息使用用途) and a sensible usage period.
 */
import type { FieldProblem } from '../http/errors';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../../domain/calendar/working-days';
import type { Resource } from '../../domain/catalogue/resource';
import { LocalDateSchema, MAX_LIST } from '../http/common-schemas';

export const SharingRequestBodySchema = z
  .object({
    resourceCode: z.string().trim().min(1, 'is required').max(40),
    items: z
      .array(z.string().trim().min(1).max(100))
      .min(1, 'name at least one data item')
      .max(MAX_LIST, `name at most ${MAX_LIST} data items`),
    purpose: z
      .string({ error: 'is required: say what the data is for (art. 4(三))' })
      .trim()
      .min(1, 'is required: say what the data is for (art. 4(三))')
      .max(2000),
    basis: z.string().trim().max(1000).default(''),
    usageFrom: LocalDateSchema,
    usageTo: LocalDateSchema,
    answers: z.record(z.string(), z.string().trim().max(2000)).default({}),
  })
  .strict()
  .meta({ id: 'SharingRequestBody' });

export type SharingRequestBody = z.infer<typeof SharingRequestBodySchema>;

/** A rule the request breaks: where, its code and values (for the app to say it), and in English. */
export type Problem = FieldProblem;

/** Problems of a request against its resource, empty when it may be submitted. */
export function checkSharingRequest(
  resource: Resource,
  body: SharingRequestBody,
  consumerDepartment: string,
  now: Date,
  /** The longest usage period, in years, of the policy in force (its `sharing.maxUsagePeriod`). */
  maxUsageYears: number,
): Problem[] {
  const problems: Problem[] = [];
  if (resource.providerDepartment.code === consumerDepartment) {
    problems.push({
      path: 'resourceCode',
      code: 'own_resource',
      message: 'your own department provides this resource',
    });
  }
  const known = new Set(resource.items.map((i) => i.name));
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (!known.has(item))
      problems.push({
        path: `items[${i}]`,
        code: 'not_an_item',
        params: { item },
        message: `"${item}" is not a data item of ${resource.code}`,
      });
    else if (seen.has(item))
      problems.push({
        path: `items[${i}]`,
        code: 'listed_twice',
        params: { item },
        message: `"${item}" is listed twice`,
      });
    seen.add(item);
  });
  for (const c of resource.conditions) {
    if (!body.answers[c.id]?.trim())
      problems.push({
        path: `answers.${c.id}`,
        code: 'answer_required',
        message: `answer the condition: ${c.question}`,
      });
  }
  const questions = new Set(resource.conditions.map((c) => c.id));
  for (const id of Object.keys(body.answers)) {
    if (!questions.has(id))
      problems.push({
        path: `answers.${id}`,
        code: 'unknown_condition',
        message: `${resource.code} has no condition "${id}"`,
      });
  }
  const entitled =
    resource.shareType !== 'unconditional' &&
    resource.statutoryRecipients.some((d) => d.code === consumerDepartment);
  if (entitled && !body.basis.trim())
    problems.push({
      path: 'basis',
      code: 'statutory_basis_required',
      message:
        'the law names your department as a recipient of this resource: cite the provision that entitles it (art. 21)',
    });
  const today = DateTime.fromJSDate(now).setZone(ZONE).toISODate() as string;
  if (body.usageFrom < today)
    problems.push({
      path: 'usageFrom',
      code: 'before_today',
      params: { today },
      message: `must be today (${today}) or later`,
    });
  if (body.usageTo < body.usageFrom)
    problems.push({ path: 'usageTo', code: 'end_before_start', message: 'must be on or after usageFrom' });
  const limit = DateTime.fromISO(body.usageFrom, { zone: ZONE }).plus({ years: maxUsageYears }).toISODate();
  if (limit && body.usageTo > limit)
    problems.push({
      path: 'usageTo',
      code: 'period_too_long',
      params: { years: maxUsageYears },
      message: `a usage period may last at most ${maxUsageYears} years (platform default)`,
    });
  return problems;
}

/** The instant a grant ends: the end of its last usage day, local time. */
export function usageEndsAt(usageTo: string): string {
  return DateTime.fromISO(usageTo, { zone: ZONE }).endOf('day').toISO() as string;
}
