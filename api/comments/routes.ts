/**
 * Comments on a case (留言): the parties talk on the case itself, in its
 * timeline, instead of by phone or letter where nobody can see it later.
 * Every comment is a timeline event of the case and an entry in the audit log.
 */
import { randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { recordComment } from '../../db/case-repository';
import { caseParties } from '../../db/case-summaries';
import { localIso } from '../../domain/calendar/working-days';
import { PROCESS_NAMES, processNamed } from '../../processes';
import { mayReadCase } from '../auth/policies';
import { auditByUser } from '../cases/audit';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { addRoute } from '../http/route';

const CommentBodySchema = z
  .object({
    caseType: z.enum(PROCESS_NAMES).openapi({ description: "The case's process (its processType)" }),
    caseId: z.string().trim().min(1, 'is required').max(100),
    text: z.string().trim().min(1, 'is required').max(2000),
  })
  .strict()
  .openapi('CommentBody');

const CommentSchema = z
  .object({ id: z.string(), caseType: z.string(), caseId: z.string(), at: z.string(), text: z.string() })
  .openapi('Comment');

export function commentRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  addRoute(router, registry, {
    method: 'post',
    path: '/api/comments',
    summary: "Comment on a case you are party to; it joins the case's timeline",
    description:
      "The parties' departments (and city-level roles) may comment. The comment is an event of the case's timeline (action `commented`) and an audit log entry. 404: no such case.",
    tags: ['comments'],
    auth: 'user',
    body: CommentBodySchema,
    response: CommentSchema,
    status: 201,
    handler: async ({ body, user, req }) => {
      const spec = processNamed(body.caseType)!.summary;
      const parties = await caseParties(deps.db, spec, body.caseId);
      if (!parties) throw new HttpError(404, 'case_not_found', `No ${body.caseType} case ${body.caseId}.`);
      mayReadCase(user, `Case ${body.caseId}`, parties);
      const id = `comment#${randomUUID()}`;
      const atMs = Date.now();
      await recordComment(deps.db, {
        id,
        caseType: body.caseType,
        caseId: body.caseId,
        atMs,
        actor: user.username,
        actorDepartment: user.department.code,
        text: body.text,
      });
      await auditByUser(deps.db, user, {
        action: 'case.comment',
        entityType: body.caseType,
        entityId: body.caseId,
        ip: req.ip,
        detail: { eventId: id },
      });
      return { id, caseType: body.caseType, caseId: body.caseId, at: localIso(atMs), text: body.text };
    },
  });
}
