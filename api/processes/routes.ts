/** The registered processes with their steps' limits in the policy in force, and each one's BPMN diagram. */
import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { policyInForce } from '../../db/policy-repository';
import { ZONE } from '../../domain/calendar/working-days';
import { articleLabel, citationLabel } from '../../domain/policy/articles';
import { durationLabel } from '../../domain/policy/duration';
import { PROCESS_NAMES, PROCESSES, processNamed } from '../../processes';
import type { ApiDeps } from '../http/deps';
import { DeadlineBasisSchema, DeadlineCitationSchema, LocalizedTextSchema } from '../http/common-schemas';
import { addRoute, type FileResponse } from '../http/route';

/** workflows/<name>/diagram.bpmn, beside the workflow (the build copies it next to the compiled code). */
const diagramFile = (name: string) => path.join(__dirname, '..', '..', 'workflows', name, 'diagram.bpmn');

const ProcessListSchema = z
  .object({
    items: z.array(
      z.object({
        name: z
          .enum(PROCESS_NAMES)
          .openapi({ description: "The process's one name (the API's processType)" }),
        label: z.object({ zh: z.string(), en: z.string() }),
        steps: z.array(
          z.object({
            key: z.string(),
            name: LocalizedTextSchema,
            limit: LocalizedTextSchema.openapi({
              description: "The step's time limit in the policy in force",
            }),
            articleLabel: z.string().openapi({ example: '第二十四条' }),
            basis: DeadlineBasisSchema,
            citation: DeadlineCitationSchema,
          }),
        ),
        statuses: z.array(z.string()),
      }),
    ),
  })
  .openapi('ProcessList');

export function processRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  addRoute(router, registry, {
    method: 'get',
    path: '/api/processes',
    summary:
      "The processes govshare runs: each one's name, label, statuses, and steps with their limits in the policy in force",
    tags: ['processes'],
    auth: 'user',
    response: ProcessListSchema,
    handler: async () => {
      const policy = await policyInForce(deps.db, DateTime.now().setZone(ZONE).toISODate() as string);
      return {
        items: PROCESSES.map((p) => ({
          name: p.name,
          label: { ...p.label },
          steps: Object.entries(policy.document.processes[p.name]?.steps ?? {}).map(([key, step]) => ({
            key,
            name: step.name,
            limit: durationLabel(step.deadline),
            articleLabel: articleLabel(step.citation.article),
            basis: step.citation.basis,
            citation: citationLabel(step.citation),
          })),
          statuses: [...p.statuses],
        })),
      };
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/processes/:process/diagram',
    summary: "A process's BPMN 2.0 diagram (XML)",
    tags: ['processes'],
    auth: 'public',
    params: z.object({ process: z.enum(PROCESS_NAMES) }),
    file: { contentTypes: ['application/xml'], description: 'BPMN 2.0 XML' },
    handler: async ({ params }): Promise<FileResponse> => ({
      contentType: 'application/xml; charset=utf-8',
      body: fs.readFileSync(diagramFile(processNamed(params.process)!.name), 'utf8'),
    }),
  });
}
