/** Shapes of the notices centre. */
import { z } from 'zod';
import { NOTICE_KINDS } from '../../db/task-repository';
import { LocalizedTextSchema, PageQuerySchema, QueryFlagSchema, pageOf } from '../http/common-schemas';

export const NoticeSchema = z
  .object({
    id: z.string(),
    kind: z.enum(NOTICE_KINDS).openapi({
      description:
        'task: a new task for your group; reminder: one nearing its deadline; escalation: one overdue; result: a case decided; catalogue: an entry you hold grants on narrowed what it shares',
    }),
    taskId: z
      .string()
      .nullable()
      .openapi({ description: 'The task it is about, if any (GET /api/tasks/{id})' }),
    title: LocalizedTextSchema,
    createdAt: z.string(),
    read: z
      .boolean()
      .openapi({ description: 'Whether you have read it (each member of a group reads on their own)' }),
  })
  .openapi('Notice');

export const NoticeListQuerySchema = PageQuerySchema.extend({
  unread: QueryFlagSchema.default(false).openapi({ description: 'Only the notices you have not read' }),
});

export const NoticeListSchema = pageOf(NoticeSchema, 'NoticeList').extend({
  unread: z.number().int().openapi({ description: 'How many notices addressed to you are unread' }),
});

export const MarkReadBodySchema = z
  .union([
    z.object({ ids: z.array(z.string().max(191)).min(1).max(200) }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ])
  .openapi('MarkNoticesRead', {
    description: '{ids: [...]} marks those notices read; {all: true} marks every one',
  });

export const MarkReadResultSchema = z
  .object({
    marked: z.number().int().openapi({ description: 'How many were unread and are now read' }),
    unread: z.number().int(),
  })
  .openapi('MarkNoticesReadResult');
